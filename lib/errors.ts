import { log } from "@/lib/log";

/**
 * One application error type. Codes are `surface:reason`; the UI maps each code to a Spanish message a
 * person can act on (see `messageFor`). Internals (stack, SQL, driver text) are logged, never shown.
 */
export const ERROR_MESSAGES = {
  "auth:unauthorized": "Inicia sesión para continuar.",
  "auth:invalid_credentials": "El correo o la contraseña no son correctos.",
  "auth:forbidden": "No tienes acceso a este libro.",
  "auth:wrong_password": "La contraseña actual no es correcta.",
  "validation:invalid": "Revisa los datos del formulario.",
  "upload:empty": "El archivo está vacío.",
  "upload:too_large": "El archivo supera el tamaño máximo permitido.",
  "upload:unsupported_type":
    "Tipo de archivo no admitido. Sube un PDF, una imagen JPG, PNG o WebP, o una factura electrónica XML.",
  "upload:corrupt": "El archivo está dañado o no se puede abrir.",
  "upload:pdf_encrypted": "PDF protegido con contraseña. Quita la contraseña (por ejemplo, imprimiéndolo a PDF) y súbelo de nuevo.",
  "upload:too_many_pages": "El PDF tiene demasiadas páginas. Sube cada factura en un archivo aparte.",
  "upload:image_too_large": "La imagen tiene demasiados píxeles. Redúcela (por ejemplo, a 50 megapíxeles) y vuelve a subirla.",
  "upload:too_complex": "El archivo es demasiado complejo para procesarlo con seguridad. Exporta de nuevo el PDF o sube una foto o un escaneo.",
  "upload:storage_failed": "No se pudo guardar el archivo. Inténtalo de nuevo.",
  "upload:join_invalid": "Para unir fotos en un documento elige de 2 a 8 fotos (JPG, PNG o WebP) de un mismo ticket o factura.",
  "document:not_found": "No se encontró el documento.",
  "document:not_retryable": "Este documento no se puede reprocesar en su estado actual.",
  "document:approved_kept":
    "Los documentos aprobados no se eliminan: la ley obliga a conservar las facturas (4 años, 6 para los libros mercantiles). Si no es válido, reábrelo y recházalo.",
  "document:in_progress": "El documento se está procesando: espera a que termine para eliminarlo.",
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
  "extraction:over_budget":
    "El documento superó el tiempo o la memoria permitidos para procesarlo. Exporta de nuevo el PDF o sube una foto o un escaneo.",
  "pipeline:attempts_exhausted":
    "El procesamiento de este documento se interrumpió varias veces y se ha detenido. Revisa el archivo antes de reintentarlo.",
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
  "backup:invalid_archive": "La copia de seguridad no es válida o está incompleta.",
  "backup:target_not_empty": "La restauración necesita una base de datos y un almacenamiento vacíos.",
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
  "ratelimit:signin": "Demasiados intentos de inicio de sesión. Espera unos minutos y vuelve a intentarlo.",
  "ratelimit:register": "Demasiados registros seguidos desde esta conexión o con este correo. Espera un rato y vuelve a intentarlo.",
  "ratelimit:uploads": "Has subido muchos archivos seguidos. Espera un minuto y vuelve a intentarlo.",
  "inngest:not_configured":
    "Inngest no está configurado en este servidor: las tareas se ejecutan dentro de la propia aplicación.",
  "internal:unexpected": "Ha ocurrido un error inesperado. Inténtalo de nuevo.",
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/**
 * The HTTP status of each code, in one place: route handlers answer with it (`AppError.toResponse`, `route`), and
 * no throw site overrides it. Typed by `ErrorCode`, so a new code cannot be added without its status.
 */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  "auth:unauthorized": 401,
  "auth:invalid_credentials": 401,
  "auth:forbidden": 403,
  "auth:wrong_password": 400,
  "validation:invalid": 400,
  "upload:empty": 400,
  // Refused while the body streams, with or without Content-Length.
  "upload:too_large": 413,
  "upload:unsupported_type": 400,
  "upload:corrupt": 400,
  "upload:pdf_encrypted": 400,
  "upload:too_many_pages": 400,
  "upload:image_too_large": 400,
  "upload:too_complex": 400,
  "upload:storage_failed": 400,
  "upload:join_invalid": 400,
  "document:not_found": 404,
  "document:not_retryable": 409,
  "document:approved_kept": 409,
  "document:in_progress": 409,
  "book:not_found": 404,
  "invitation:not_found": 404,
  "invitation:expired": 410,
  "invitation:used": 410,
  "invitation:revoked": 410,
  "invitation:wrong_email": 403,
  "invitation:self": 400,
  "invitation:already_member": 409,
  "review:not_editable": 409,
  "review:checks_failed": 409,
  "review:not_reviewable": 409,
  "extraction:pdf_unreadable": 422,
  "extraction:no_text": 422,
  "extraction:ocr_failed": 422,
  "extraction:image_unreadable": 422,
  "extraction:over_budget": 422,
  // The queue could not take the document: try again later.
  "pipeline:failed": 503,
  "pipeline:attempts_exhausted": 422,
  "storage:missing_object": 500,
  "backup:invalid_archive": 400,
  "backup:target_not_empty": 409,
  "assistant:not_configured": 503,
  "assistant:provider_rate_limited": 502,
  "assistant:provider_unavailable": 502,
  "assistant:provider_auth": 502,
  "assistant:timeout": 502,
  "assistant:failed": 502,
  "assistant:conversation_not_found": 404,
  "einvoice:too_large": 400,
  "einvoice:too_deep": 400,
  "einvoice:dtd_forbidden": 400,
  "einvoice:malformed": 400,
  "einvoice:unknown_format": 400,
  "einvoice:invalid": 400,
  "intake:unauthorized": 401,
  "intake:not_configured": 404,
  "intake:too_large": 413,
  "intake:invalid_sender": 400,
  "ratelimit:exceeded": 429,
  "ratelimit:uploads": 429,
  "ratelimit:signin": 429,
  "ratelimit:register": 429,
  // The embedded default runs the functions in-process: nothing to serve here.
  "inngest:not_configured": 404,
  "internal:unexpected": 500,
};

/**
 * Codes of failures no retry can fix (a broken PDF stays broken, a missing object stays missing): the document
 * pipeline fails at once with them instead of retrying. Every other failure is worth another try.
 */
const PERMANENT_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  "extraction:pdf_unreadable",
  "extraction:image_unreadable",
  "extraction:no_text",
  "storage:missing_object",
  "upload:corrupt",
  "upload:unsupported_type",
  "upload:pdf_encrypted",
  "upload:too_many_pages",
  "upload:image_too_large",
  "upload:too_complex",
  "extraction:over_budget",
  "pipeline:attempts_exhausted",
]);

export function isPermanentCode(code: string): boolean {
  return isErrorCode(code) && PERMANENT_CODES.has(code);
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly detail?: string;

  constructor(code: ErrorCode, detail?: string, options?: { cause?: unknown }) {
    super(detail ? `${code}: ${detail}` : code, { cause: options?.cause });
    this.name = "AppError";
    this.code = code;
    this.detail = detail;
    this.status = HTTP_STATUS[code];
  }

  /** True when retrying cannot help (see `isPermanentCode`). */
  get permanent(): boolean {
    return isPermanentCode(this.code);
  }

  /** The Spanish message for the UI (the `detail` is for logs only, never shown). */
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

/**
 * The error response of a route handler: an `AppError` answers with its code and status; anything else is logged
 * (`<where>.error`, with the stack) and answers `internal:unexpected` without internals.
 */
export function errorResponse(e: unknown, where: string): Response {
  const err = toAppError(e);
  if (err.code === "internal:unexpected") log.error(`${where}.error`, { err: e });
  return err.toResponse();
}

/**
 * Wraps a route handler (or any function answering a `Response`) so that whatever it throws becomes
 * `errorResponse(e, where)`: `export const GET = route("api.documents", async () => { ... })`.
 */
export function route<A extends unknown[]>(where: string, handler: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    try {
      return await handler(...args);
    } catch (e) {
      return errorResponse(e, where);
    }
  };
}

/** One message per field (the first), keyed by its dotted path: what forms show beside each input. */
export function fieldErrorsOf(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) out[i.path.map(String).join(".")] ??= i.message;
  return out;
}
