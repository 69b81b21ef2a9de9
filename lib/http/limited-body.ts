import { AppError, type ErrorCode } from "@/lib/errors";

/**
 * Reads a request body while counting its bytes, and stops reading (cancelling the stream) as soon as it passes
 * `maxBytes`, whatever Content-Length says or when there is none (chunked): nothing larger than the limit is ever
 * held in memory. Throws `tooLarge` (default `upload:too_large`).
 */
export async function readLimitedBody(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  tooLarge: ErrorCode = "upload:too_large",
): Promise<Uint8Array<ArrayBuffer>> {
  if (!body) return new Uint8Array(new ArrayBuffer(0));
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => {});
        throw new AppError(tooLarge, `body over ${maxBytes} bytes`);
      }
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** Room for the multipart framing around one file (boundaries, part headers, a long file name). */
export const MULTIPART_OVERHEAD = 64 * 1024;

/**
 * The form of a multipart request whose body is read with `readLimitedBody` first (undici's parser then works on
 * that bounded copy). Throws `upload:too_large` past `maxBytes` + framing, `validation:invalid` when it is not a form.
 */
export async function readLimitedForm(req: Request, maxBytes: number): Promise<FormData> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data;/i.test(type)) throw new AppError("validation:invalid", "expected multipart/form-data");
  const declared = Number(req.headers.get("content-length") ?? "");
  const limit = maxBytes + MULTIPART_OVERHEAD;
  if (Number.isFinite(declared) && declared > limit) {
    await req.body?.cancel().catch(() => {});
    throw new AppError("upload:too_large", `declared ${declared} bytes`);
  }
  const bytes = await readLimitedBody(req.body, limit);
  try {
    return await new Response(bytes, { headers: { "content-type": type } }).formData();
  } catch (e) {
    throw new AppError("validation:invalid", "malformed multipart body", { cause: e });
  }
}
