/**
 * One application error type. Codes are `surface:reason`; the UI maps each code to a Spanish message a
 * person can act on (see `messageFor`). Internals (stack, SQL, driver text) are logged, never shown.
 */
export const ERROR_MESSAGES = {
  "auth:unauthorized": "Inicia sesión para continuar.",
  "auth:invalid_credentials": "El correo o la contraseña no son correctos.",
  "auth:email_taken": "Ya existe una cuenta con ese correo.",
  "auth:forbidden": "No tienes acceso a este libro.",
  "validation:invalid": "Revisa los datos del formulario.",
  "upload:empty": "El archivo está vacío.",
  "upload:too_large": "El archivo supera el tamaño máximo permitido.",
  "upload:unsupported_type":
    "Tipo de archivo no admitido. Sube un PDF, una imagen JPG, PNG o WebP, o una factura electrónica XML.",
  "upload:corrupt": "El archivo está dañado o no se puede abrir.",
  "upload:storage_failed": "No se pudo guardar el archivo. Inténtalo de nuevo.",
  "document:not_found": "No se encontró el documento.",
  "document:not_retryable": "Este documento no se puede reprocesar en su estado actual.",
  "book:not_found": "No se encontró el libro.",
  "invitation:not_found": "La invitación no existe o el enlace no es correcto.",
  "invitation:expired": "La invitación ha caducado. Pide al titular que te envíe otra.",
  "invitation:used": "Esta invitación ya se ha utilizado.",
  "invitation:revoked": "El titular ha retirado esta invitación.",
  "invitation:wrong_email": "Esta invitación es para otro correo. Entra con la cuenta a la que se envió.",
  "invitation:self": "No puedes invitarte a ti mismo.",
  "invitation:already_member": "Esa persona ya tiene acceso a este libro.",
  "review:not_editable": "Este documento no se puede editar en su estado actual.",
  "review:checks_failed": "Corrige los errores marcados antes de aprobar.",
  "review:not_reviewable": "Este documento no se puede aprobar ni rechazar en su estado actual.",
  "extraction:pdf_unreadable": "No se pudo leer el PDF.",
  "extraction:no_text": "No se encontró texto legible en el documento.",
  "extraction:ocr_failed": "El reconocimiento de texto (OCR) falló.",
  "extraction:image_unreadable": "No se pudo leer la imagen.",
  "einvoice:too_large": "La factura electrónica (XML) es demasiado grande.",
  "einvoice:too_deep": "La factura electrónica (XML) tiene una estructura anidada demasiado profunda y no se lee.",
  "einvoice:dtd_forbidden":
    "El XML declara un DOCTYPE o entidades; una factura electrónica no los usa y no se leen por seguridad.",
  "einvoice:malformed": "El XML está mal formado: no es una factura electrónica legible.",
  "einvoice:unknown_format":
    "El XML no es una factura electrónica admitida (Facturae 3.2.x, UBL 2.1 o CII / Factur-X / ZUGFeRD).",
  "einvoice:invalid": "La factura electrónica no tiene los datos mínimos (número, fecha, emisor o importes).",
  "intake:unauthorized": "Falta el secreto del correo entrante o no es correcto.",
  "intake:not_configured": "La recepción de correo no está configurada (INBOUND_EMAIL_SECRET).",
  "intake:too_large": "El correo supera el tamaño máximo admitido.",
  "intake:invalid_sender": "Escribe direcciones de correo (ana@proveedor.es) o dominios (@proveedor.es).",
  "pipeline:failed": "El procesamiento falló. Puedes reintentarlo.",
  "storage:missing_object": "El archivo original no está en el almacenamiento.",
  "assistant:not_configured":
    "El asistente no está configurado. Quien administre la aplicación debe definir ANTHROPIC_API_KEY en el entorno del servidor (ver .env.example) y reiniciarla.",
  "assistant:provider_rate_limited":
    "El servicio de IA está recibiendo demasiadas peticiones. Espera un momento y vuelve a intentarlo.",
  "assistant:provider_unavailable": "El servicio de IA no está disponible ahora mismo. Inténtalo de nuevo en unos minutos.",
  "assistant:provider_auth":
    "El servicio de IA ha rechazado la clave configurada. Quien administre la aplicación debe revisar ANTHROPIC_API_KEY.",
  "assistant:timeout": "La respuesta está tardando demasiado. Vuelve a intentarlo.",
  "assistant:failed": "El asistente no ha podido responder. Vuelve a intentarlo.",
  "assistant:conversation_not_found": "No se encontró la conversación.",
  "ratelimit:exceeded": "Has hecho muchas preguntas seguidas. Espera un minuto y vuelve a intentarlo.",
  "ratelimit:uploads": "Has subido muchos archivos seguidos. Espera un minuto y vuelve a intentarlo.",
  "internal:unexpected": "Ha ocurrido un error inesperado. Inténtalo de nuevo.",
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

const STATUS: Record<string, number> = {
  auth: 401,
  validation: 400,
  upload: 400,
  document: 404,
  book: 404,
  invitation: 400,
  review: 409,
  extraction: 422,
  einvoice: 400,
  intake: 400,
  pipeline: 500,
  storage: 500,
  assistant: 502,
  ratelimit: 429,
  internal: 500,
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly detail?: string;

  constructor(code: ErrorCode, detail?: string, options?: { cause?: unknown; status?: number }) {
    super(detail ? `${code}: ${detail}` : code, { cause: options?.cause });
    this.name = "AppError";
    this.code = code;
    this.detail = detail;
    this.status =
      options?.status ??
      (code === "auth:forbidden"
        ? 403
        : code === "auth:email_taken"
          ? 409
          : code === "intake:unauthorized"
            ? 401
            : code === "intake:not_configured"
              ? 404
              : code === "intake:too_large"
                ? 413
                : STATUS[code.split(":")[0]] ?? 500);
  }

  /** The Spanish message for the UI, optionally with a safe detail appended. */
  get userMessage(): string {
    return ERROR_MESSAGES[this.code];
  }

  toJSON() {
    return { code: this.code, message: this.userMessage };
  }

  toResponse(): Response {
    return Response.json({ error: this.toJSON() }, { status: this.status });
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === "string" && code in ERROR_MESSAGES;
}

/** Spanish message for a stored or received code; unknown codes fall back to a generic message. */
export function messageFor(code: string | null | undefined): string {
  return isErrorCode(code) ? ERROR_MESSAGES[code] : ERROR_MESSAGES["internal:unexpected"];
}

/** Normalises anything thrown into an AppError (unknown errors become `internal:unexpected`). */
export function toAppError(e: unknown): AppError {
  if (isAppError(e)) return e;
  return new AppError("internal:unexpected", undefined, { cause: e });
}
