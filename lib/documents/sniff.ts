/**
 * Upload validation: size, real type by magic bytes (never the filename or the browser's MIME), and a real open
 * of the file (a buffer that merely starts with `%PDF-` passes magic-byte sniffing).
 */
import { fileTypeFromBuffer } from "file-type";
import sharp from "sharp";
import { AppError } from "@/lib/errors";
import { env } from "@/lib/env";
import { runPdfJob } from "@/lib/documents/sandbox";
import { looksLikeXml, readEInvoiceXml } from "@/lib/documents/einvoice";

export type AcceptedType = {
  mime: "application/pdf" | "image/jpeg" | "image/png" | "image/webp" | "application/xml";
  ext: "pdf" | "jpg" | "png" | "webp" | "xml";
};

/** E-invoice XML (Facturae, UBL, CII): stored and served as `application/xml`. */
export const XML_TYPE: AcceptedType = { mime: "application/xml", ext: "xml" };

const ACCEPTED: Record<string, AcceptedType> = {
  "application/pdf": { mime: "application/pdf", ext: "pdf" },
  "image/jpeg": { mime: "image/jpeg", ext: "jpg" },
  "image/png": { mime: "image/png", ext: "png" },
  "image/webp": { mime: "image/webp", ext: "webp" },
};

/** Images up to this many pixels are fully decoded at upload (catches truncated files while the user waits). */
const FULL_DECODE_PIXELS = 16_000_000;

/**
 * Checks an upload and returns its real type. Errors (`AppError`): `upload:empty`, `upload:too_large`,
 * `upload:unsupported_type` (not a PDF/JPEG/PNG/WebP by magic bytes, nor an e-invoice XML by content),
 * `upload:corrupt` (right magic bytes, but the PDF has no pages or does not load, or the image does not decode),
 * `upload:pdf_encrypted`, `upload:too_many_pages` (over `MAX_PDF_PAGES`), `upload:too_complex` (a content-stream
 * bomb, or the check ran over its budget), `upload:image_too_large` (over `MAX_IMAGE_MEGAPIXELS`, read from the
 * header), and for XML the reader's own codes (`einvoice:dtd_forbidden`, `einvoice:malformed`, …): an e-invoice is
 * accepted only if it reads. The PDF check runs in the sandbox (`sandbox.ts`), never on the event loop.
 */
export async function validateUpload(bytes: Uint8Array, opts: { maxBytes: number }): Promise<AcceptedType> {
  if (!bytes || bytes.byteLength === 0) throw new AppError("upload:empty");
  if (bytes.byteLength > opts.maxBytes) {
    throw new AppError("upload:too_large", `${bytes.byteLength} > ${opts.maxBytes} bytes`);
  }

  // XML by content (file-type has no magic bytes for it): it must read as an e-invoice; hostile XML, or XML
  // that is no e-invoice, is refused with the reader's code and never stored.
  if (looksLikeXml(bytes)) {
    readEInvoiceXml(bytes);
    return XML_TYPE;
  }

  const detected = await fileTypeFromBuffer(bytes).catch(() => undefined);
  const type = detected ? ACCEPTED[detected.mime] : undefined;
  if (!type) throw new AppError("upload:unsupported_type", detected?.mime ?? "unknown");

  if (type.mime === "application/pdf") await assertPdfOpens(bytes);
  else await assertImageDecodes(bytes);
  return type;
}

async function assertPdfOpens(bytes: Uint8Array): Promise<void> {
  // Opens the file, counts pages, loads page 1's dictionary (catches a trailer that points at garbage).
  await runPdfJob("inspect", bytes, "upload");
}

/** Pixel count above which an image is refused (a 12 KB PNG can declare 100 megapixels). */
export function maxImagePixels(): number {
  return Math.floor(env().MAX_IMAGE_MEGAPIXELS * 1_000_000);
}

async function assertImageDecodes(bytes: Uint8Array): Promise<void> {
  const limit = maxImagePixels();
  let meta: sharp.Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata(); // header only: the limit is checked below
  } catch (e) {
    throw new AppError("upload:corrupt", "image header does not read", { cause: e });
  }
  if (!meta.width || !meta.height) throw new AppError("upload:corrupt", "image without dimensions");
  const pixels = meta.width * meta.height;
  if (pixels > limit) throw new AppError("upload:image_too_large", `${meta.width}x${meta.height}`);
  if (pixels > FULL_DECODE_PIXELS) return; // a damaged large image fails at processing with its own code
  try {
    // A full decode (on libuv's pool, bounded by the pixel count): truncated data only shows up here.
    await sharp(bytes, { failOn: "truncated", limitInputPixels: limit }).stats();
  } catch (e) {
    throw new AppError("upload:corrupt", "image does not decode", { cause: e });
  }
}
