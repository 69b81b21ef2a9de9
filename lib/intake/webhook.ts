import "server-only";
/**
 * Inbound-mail webhook transport: `POST /api/inbound/email` with the raw MIME message as the body (what Postmark's
 * raw inbound, SendGrid's raw mode, Cloudflare Email Workers or SES → S3 → a forwarder deliver), authenticated with
 * the shared secret `INBOUND_EMAIL_SECRET` as `Authorization: Bearer <secret>` or `X-Inbound-Secret: <secret>`.
 * The envelope recipient, when the provider knows it, may be passed as `?to=`.
 */
import { timingSafeEqual, createHash } from "node:crypto";
import { AppError } from "@/lib/errors";
import { readLimitedBody } from "@/lib/http/limited-body";
import { intakeMessage, type IntakeDeps, type IntakeResult } from "@/lib/intake/intake";

/** Constant-time comparison of the presented secret with the configured one. */
export function secretMatches(presented: string | null, secret: string): boolean {
  if (!presented) return false;
  const a = createHash("sha256").update(presented).digest();
  const b = createHash("sha256").update(secret).digest();
  return timingSafeEqual(a, b);
}

function presentedSecret(req: Request): string | null {
  const auth = req.headers.get("authorization");
  const bearer = auth && /^Bearer\s+(.+)$/i.exec(auth)?.[1]?.trim();
  return bearer || req.headers.get("x-inbound-secret");
}

/** Reads at most `max` bytes of the body; more is `intake:too_large` (the rest is never buffered). */
async function readBody(req: Request, max: number): Promise<Uint8Array> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > max) throw new AppError("intake:too_large");
  return readLimitedBody(req.body, max, "intake:too_large");
}

export async function handleInboundEmail(
  req: Request,
  deps: IntakeDeps,
  opts: { secret: string | undefined; maxBytes: number },
): Promise<IntakeResult> {
  if (!opts.secret) throw new AppError("intake:not_configured");
  if (!secretMatches(presentedSecret(req), opts.secret)) throw new AppError("intake:unauthorized");
  const raw = await readBody(req, opts.maxBytes);
  if (raw.byteLength === 0) throw new AppError("validation:invalid", "empty message");
  const to = new URL(req.url).searchParams.getAll("to");
  return intakeMessage(deps, { raw, transport: "webhook", envelopeTo: to });
}

/** The JSON the webhook answers with (no internals: ids, outcome, reason, per-attachment result). */
export function inboundResponseBody(r: IntakeResult) {
  if (r.status === "unknown_recipient") return { status: r.status, messageId: r.messageId };
  const m = r.message;
  return {
    status: r.status,
    messageId: m.messageId,
    outcome: m.outcome,
    reason: m.reason,
    documents: m.attachments.map((a) => ({ filename: a.filename, documentId: a.documentId, duplicate: a.duplicate, errorCode: a.errorCode })),
  };
}
