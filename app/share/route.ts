import { NextResponse } from "next/server";
import { getBookContext } from "@/lib/auth/session";
import { ingestUpload } from "@/lib/documents/ingest";
import { env } from "@/lib/env";
import { publicOrigin } from "@/lib/http/origin";
import { AppError, route, toAppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { enqueueDocument } from "@/lib/queue";
import { getRateLimiter, UPLOAD_RATE_LIMIT } from "@/lib/ratelimit";
import { getStorage } from "@/lib/storage";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** At most this many files from one share (a gallery selection). */
const MAX_SHARED_FILES = 10;

/** A 303 to our own page, on the public origin (the request URL's host is whatever the client sent). */
const to = (req: Request, path: string) => NextResponse.redirect(new URL(path, publicOrigin(req.headers)), 303);

/**
 * The PWA's Web Share Target (public/manifest.webmanifest): the phone's share sheet POSTs the shared PDF or photos
 * (multipart field `file`) here; each goes into the current book's inbox through the same ingest as an upload, and
 * the browser lands on the inbox with a summary.
 */
export const POST = route("share", async (req: Request) => {
  // The share sheet navigates with no initiator (Sec-Fetch-Site: none); another site may not post files here.
  if (req.headers.get("sec-fetch-site") === "cross-site") return new AppError("auth:forbidden").toResponse();
  const ctx = await getBookContext();
  if (!ctx) return to(req, "/login?callbackUrl=%2Finbox&compartir=1");
  let files: File[];
  try {
    files = (await req.formData()).getAll("file").filter((f): f is File => f instanceof File && f.size > 0);
  } catch (e) {
    log.warn("share.bad_form", { err: e });
    return to(req, `/inbox?rechazado=validation%3Ainvalid`);
  }
  const maxBytes = env().maxUploadBytes;
  const deps = { db: ctx.db, storage: getStorage(), enqueue: enqueueDocument, maxBytes };
  let accepted = 0;
  let duplicates = 0;
  let firstError: string | null = files.length === 0 ? "upload:empty" : null;
  let refused = files.length > MAX_SHARED_FILES ? files.length - MAX_SHARED_FILES : 0;
  for (const file of files.slice(0, MAX_SHARED_FILES)) {
    try {
      const rate = await getRateLimiter(UPLOAD_RATE_LIMIT).limit(ctx.user.id);
      if (!rate.success) throw new AppError("ratelimit:uploads");
      if (file.size > maxBytes) throw new AppError("upload:too_large");
      const bytes = new Uint8Array(await file.arrayBuffer());
      const { duplicate } = await ingestUpload(deps, { bookId: ctx.book.id, userId: ctx.user.id, filename: file.name, bytes });
      if (duplicate) duplicates++;
      else accepted++;
    } catch (e) {
      const err = toAppError(e);
      if (err.code === "internal:unexpected") log.error("share.ingest_failed", { err: e });
      refused++;
      firstError ??= err.code;
    }
  }
  log.info("share.received", { bookId: ctx.book.id, files: files.length, accepted, duplicates, refused });
  const q = new URLSearchParams({ compartidos: String(accepted) });
  if (duplicates) q.set("repetidos", String(duplicates));
  if (refused || firstError) q.set("rechazados", String(Math.max(refused, firstError ? 1 : 0)));
  if (firstError) q.set("rechazado", firstError);
  return to(req, `/inbox?${q}`);
});

/** Opening /share directly (or a GET share) just goes to the inbox. */
export function GET(req: Request) {
  return to(req, "/inbox");
}
