import { z } from "zod";
import { normalizeTaxId, validateSpanishTaxId } from "@/lib/tax-id";

export const registerSchema = z.object({
  name: z.string().trim().min(2, "Escribe tu nombre.").max(120),
  email: z.string().trim().toLowerCase().max(254).pipe(z.email("Escribe un correo válido.")),
  password: z
    .string()
    .min(8, "La contraseña debe tener al menos 8 caracteres.")
    .max(200, "La contraseña es demasiado larga."),
  legalName: z.string().trim().min(2, "Escribe la razón social o tu nombre fiscal.").max(200),
  nif: z
    .string()
    .trim()
    .transform((s) => normalizeTaxId(s))
    .refine((s) => validateSpanishTaxId(s).valid, "El NIF/NIE/CIF no es válido (revisa la letra de control)."),
});
export type RegisterInput = z.infer<typeof registerSchema>;

/** Registering to accept an invitation: an account only (no book of one's own). */
export const registerAccountSchema = registerSchema.pick({ name: true, email: true, password: true });

/** True for the callback of an invitation link, where the account is made without a book. */
export function isInvitationCallback(url: string | undefined | null): boolean {
  return typeof url === "string" && /^\/invitations\/[A-Za-z0-9_-]{20,100}$/.test(url);
}

export const loginSchema = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email("Escribe un correo válido.")),
  password: z.string().min(1, "Escribe tu contraseña.").max(200),
  callbackUrl: z.string().optional(),
});

/**
 * Where registration always ends, new e-mail or not (so the answer does not reveal existing accounts): the login
 * page with a neutral notice, keeping an invitation's callback.
 */
export function afterRegistration(callbackUrl?: string): string {
  return callbackUrl ? `/login?registered=1&callbackUrl=${encodeURIComponent(callbackUrl)}` : "/login?registered=1";
}

export const REGISTERED_NOTICE =
  "Si la dirección es nueva, ya puedes iniciar sesión con ella. Si ya tenías una cuenta con este correo, entra con tu contraseña de siempre.";

/** Where a password change ends (the settings page shows that it worked). */
export const PASSWORD_CHANGED_PATH = "/settings?password=changed";

export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1, "Escribe tu contraseña actual.").max(200),
  newPassword: registerSchema.shape.password,
});

export type FormState = {
  ok?: boolean;
  error?: string;
  fieldErrors?: Partial<Record<string, string>>;
  values?: Record<string, string>;
};

/**
 * Only same-site paths may be redirect targets. Browsers read `/\evil.com` or `/<TAB>/evil.com` as another host,
 * so backslashes and control characters are refused and the path must resolve to our own origin.
 */
export function safeCallback(url: string | undefined | null): string {
  const fallback = "/inbox";
  // eslint-disable-next-line no-control-regex
  if (!url || !url.startsWith("/") || /[\\\u0000-\u001f\u007f]/.test(url)) return fallback;
  try {
    const resolved = new URL(url, "http://anclora.invalid");
    return resolved.origin === "http://anclora.invalid" ? `${resolved.pathname}${resolved.search}${resolved.hash}` : fallback;
  } catch {
    return fallback;
  }
}
