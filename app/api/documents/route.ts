import { NextResponse } from "next/server";
import { listInbox } from "@/db/queries/documents";
import { bookContextOrThrow } from "@/lib/auth/session";
import { ingestUpload } from "@/lib/documents/ingest";
import { joinPhotos, MAX_JOINED_PHOTOS } from "@/lib/documents/join";
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
 * Upload one file (multipart field `file`), or with `?join=1` several photos (`file` repeated) joined into one
 * document. A route handler rather than a server action so the browser can
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
  // `?join=1`: several photos of one ticket or invoice (known before the body is read, so the limit fits it).
  const join = new URL(req.url).searchParams.get("join") === "1";
  // Counted while it streams: refused past the limit whatever the headers say, never buffered beyond it.
  const form = await readLimitedForm(req, join ? maxBytes * MAX_JOINED_PHOTOS : maxBytes);
  const files = form.getAll("file").filter((f): f is File => f instanceof File);
  if (files.length === 0) throw new AppError("validation:invalid", "missing file field");
  if (files.some((f) => f.size > maxBytes)) throw new AppError("upload:too_large");
  let filename = files[0].name;
  let bytes: Uint8Array;
  if (join) {
    // One document from the photos (lib/documents/join.ts), then the same ingest as any upload.
    if (files.length < 2 || files.length > MAX_JOINED_PHOTOS) throw new AppError("upload:join_invalid");
    bytes = await joinPhotos(await Promise.all(files.map(async (f) => new Uint8Array(await f.arrayBuffer()))), { maxBytes });
    filename = `${filename.replace(/\.[^.]*$/, "")} (${files.length} fotos).jpg`;
  } else {
    if (files.length > 1) throw new AppError("validation:invalid", "one file per request");
    bytes = new Uint8Array(await files[0].arrayBuffer());
  }
  const { document, duplicate } = await ingestUpload(
    { db: ctx.db, storage: getStorage(), enqueue: enqueueDocument, maxBytes },
    { bookId: ctx.book.id, userId: ctx.user.id, filename, bytes },
  );
  return NextResponse.json(
    { document: { id: document.id, status: document.status, duplicateOf: document.duplicateOf }, duplicate },
    { status: duplicate ? 200 : 201 },
  );
});
