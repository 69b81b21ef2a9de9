import { NextResponse } from "next/server";
import { listInbox } from "@/db/queries/documents";
import { bookContextOrThrow } from "@/lib/auth/session";
import { ingestUpload } from "@/lib/documents/ingest";
import { env } from "@/lib/env";
import { AppError, toAppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { enqueueDocument } from "@/lib/queue";
import { getRateLimiter, UPLOAD_RATE_LIMIT } from "@/lib/ratelimit";
import { getStorage } from "@/lib/storage";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
/** One upload: read ≤ MAX_UPLOAD_MB, open it, hash it, store it, queue it (processing runs elsewhere). */
export const maxDuration = 60;

function errorResponse(e: unknown) {
  const err = toAppError(e);
  if (err.code === "internal:unexpected") log.error("api.documents.error", { err: e });
  return err.toResponse();
}

/** The current book's inbox (polled by the inbox while documents process). */
export async function GET() {
  try {
    const ctx = await bookContextOrThrow();
    const items = await listInbox(ctx.db, { bookId: ctx.book.id });
    return NextResponse.json({ items }, { headers: { "Cache-Control": "no-store" } });
  } catch (e) {
    return errorResponse(e);
  }
}

/**
 * Upload one file (multipart field `file`). A route handler rather than a server action so the browser can
 * report per-file upload progress (XMLHttpRequest upload events).
 */
export async function POST(req: Request) {
  try {
    const ctx = await bookContextOrThrow();
    const rate = await getRateLimiter(UPLOAD_RATE_LIMIT).limit(ctx.user.id);
    if (!rate.success) {
      const retryAfter = Math.max(1, Math.ceil((rate.reset - Date.now()) / 1000));
      const res = new AppError("ratelimit:uploads").toResponse();
      res.headers.set("Retry-After", String(retryAfter));
      return res;
    }
    const maxBytes = env().maxUploadBytes;
    const declared = Number(req.headers.get("content-length") ?? 0);
    if (declared > maxBytes + 64 * 1024) throw new AppError("upload:too_large");
    let form: FormData;
    try {
      form = await req.formData();
    } catch (e) {
      throw new AppError("validation:invalid", "expected multipart/form-data", { cause: e });
    }
    const file = form.get("file");
    if (!(file instanceof File)) throw new AppError("validation:invalid", "missing file field");
    if (file.size > maxBytes) throw new AppError("upload:too_large");
    const bytes = new Uint8Array(await file.arrayBuffer());
    const { document, duplicate } = await ingestUpload(
      { db: ctx.db, storage: getStorage(), enqueue: enqueueDocument, maxBytes },
      { bookId: ctx.book.id, userId: ctx.user.id, filename: file.name, bytes },
    );
    return NextResponse.json(
      { document: { id: document.id, status: document.status, duplicateOf: document.duplicateOf }, duplicate },
      { status: duplicate ? 200 : 201 },
    );
  } catch (e) {
    return errorResponse(e);
  }
}
