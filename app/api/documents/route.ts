import { NextResponse } from "next/server";
import { listInbox } from "@/db/queries/documents";
import { bookContextOrThrow } from "@/lib/auth/session";
import { ingestUpload } from "@/lib/documents/ingest";
import { env } from "@/lib/env";
import { AppError, route } from "@/lib/errors";
import { clientIp } from "@/lib/http/client-ip";
import { readLimitedForm } from "@/lib/http/limited-body";
import { enqueueDocument } from "@/lib/queue";
import { limitAll, UPLOAD_IP_RATE_LIMIT, UPLOAD_RATE_LIMIT } from "@/lib/ratelimit";
import { getStorage } from "@/lib/storage";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The current book's inbox (polled by the inbox while documents process). */
export const GET = route("api.documents", async () => {
  const ctx = await bookContextOrThrow();
  const items = await listInbox(ctx.db, { bookId: ctx.book.id });
  return NextResponse.json({ items }, { headers: { "Cache-Control": "no-store" } });
});

/**
 * Upload one file (multipart field `file`). A route handler rather than a server action so the browser can
 * report per-file upload progress (XMLHttpRequest upload events).
 */
export const POST = route("api.documents", async (req: Request) => {
  const ctx = await bookContextOrThrow();
  // Per user and per client IP (accounts are free to create).
  const rate = await limitAll([
    { rule: UPLOAD_RATE_LIMIT, key: ctx.user.id },
    { rule: UPLOAD_IP_RATE_LIMIT, key: clientIp(req.headers) },
  ]);
  if (!rate.ok) {
    await req.body?.cancel().catch(() => {});
    const res = new AppError("ratelimit:uploads").toResponse();
    res.headers.set("Retry-After", String(rate.retryAfter));
    return res;
  }
  const maxBytes = env().maxUploadBytes;
  // Counted while it streams: refused past the limit whatever the headers say, never buffered beyond it.
  const form = await readLimitedForm(req, maxBytes);
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
});
