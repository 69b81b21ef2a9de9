/**
 * The security headers every response carries, in one place (applied by `proxy.ts`). Pure: tests read them.
 *
 * - CSP: scripts only from this origin with the per-request nonce Next.js puts on its own scripts
 *   (`'strict-dynamic'` lets those load their chunks); no plugins; no framing (`frame-ancestors 'none'`, the
 *   clickjacking fix for approve/reject/revoke); forms post only here. Styles allow inline attributes (React
 *   renders `style=` for highlight boxes and progress bars; style injection is not script execution).
 * - HSTS only when the request came over HTTPS (a trusted proxy's X-Forwarded-Proto counts, see `isHttps`).
 */
export function contentSecurityPolicy(nonce: string, { dev = false }: { dev?: boolean } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    // the review page shows the original PDF from /api/files in an <object>/<iframe> of this origin
    "frame-src 'self'",
    "object-src 'self'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export const HSTS = "max-age=31536000; includeSubDomains";

export function securityHeaders({ nonce, https, dev = false }: { nonce: string; https: boolean; dev?: boolean }) {
  const headers: Record<string, string> = {
    "Content-Security-Policy": contentSecurityPolicy(nonce, { dev }),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(self), microphone=(), geolocation=(), payment=()",
    "Cross-Origin-Opener-Policy": "same-origin",
  };
  if (https) headers["Strict-Transport-Security"] = HSTS;
  return headers;
}

/** A fresh nonce per request (base64 of 16 random bytes). */
export function makeNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString("base64");
}
