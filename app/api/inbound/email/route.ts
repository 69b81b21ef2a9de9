import { getDb } from "@/db/client";
import { env } from "@/lib/env";
import { toAppError } from "@/lib/errors";
import { handleInboundEmail, inboundResponseBody } from "@/lib/intake/webhook";
import { log } from "@/lib/log";
import { enqueueDocument } from "@/lib/queue";
import { getStorage } from "@/lib/storage";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Raw MIME in → documents out (see lib/intake/webhook.ts). 401 with a wrong or missing secret. */
export async function POST(req: Request) {
  try {
    const e = env();
    const result = await handleInboundEmail(
      req,
      { db: await getDb(), storage: getStorage(), enqueue: enqueueDocument, maxBytes: e.maxUploadBytes },
      // A message carries several attachments (base64 adds a third): room for a few full-size files.
      { secret: e.INBOUND_EMAIL_SECRET, maxBytes: e.maxUploadBytes * 5 },
    );
    return Response.json(inboundResponseBody(result), { status: result.status === "unknown_recipient" ? 404 : 200 });
  } catch (err) {
    const appErr = toAppError(err);
    if (appErr.code === "internal:unexpected") log.error("api.inbound_email.error", { err });
    return appErr.toResponse();
  }
}
