import { isErrorCode, messageFor, type ErrorCode } from "@/lib/errors";

/**
 * The error code behind a `useChat` error: the stream's `error` chunk carries a bare code; a refused request
 * (401, 429, 503…) carries the route's JSON body `{ error: { code, message } }` as the message.
 */
export function chatErrorCode(error: Error | undefined): ErrorCode | "network" | null {
  if (!error) return null;
  const msg = error.message ?? "";
  if (isErrorCode(msg)) return msg;
  try {
    const code = (JSON.parse(msg) as { error?: { code?: unknown } })?.error?.code;
    if (isErrorCode(code)) return code;
  } catch {
    /* not JSON */
  }
  if (error.name === "TypeError" || /failed to fetch|network|load failed/i.test(msg)) return "network";
  return "assistant:failed";
}

export function chatErrorMessage(error: Error | undefined): string | null {
  const code = chatErrorCode(error);
  if (code === null) return null;
  if (code === "network") return "No se pudo conectar con el servidor. Comprueba tu conexión y vuelve a intentarlo.";
  return messageFor(code);
}

/** A v4 UUID without `crypto.randomUUID` (which needs a secure context, e.g. not plain-HTTP LAN hosts). */
export function newConversationId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
