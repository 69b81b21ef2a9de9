/**
 * Upload validation: size, real type by magic bytes (never the filename or the browser's MIME), and a real open
 * of the file (a buffer that merely starts with `%PDF-` passes magic-byte sniffing).
 */
import { fileTypeFromBuffer } from "file-type";
import sharp from "sharp";
import { AppError } from "@/lib/errors";
import { openPdf } from "@/lib/documents/pdf";
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

/** Images larger than this many pixels are refused as corrupt (decompression bombs). */
const MAX_IMAGE_PIXELS = 100_000_000;

/**
 * Checks an upload and returns its real type. Errors (`AppError`): `upload:empty`, `upload:too_large`,
 * `upload:unsupported_type` (not a PDF/JPEG/PNG/WebP by magic bytes, nor an e-invoice XML by content),
 * `upload:corrupt` (right magic bytes, but the PDF has no pages or does not load, or the image does not
 * decode), and for XML the reader's own codes (`einvoice:dtd_forbidden`, `einvoice:malformed`, …): an
 * e-invoice is accepted only if it reads.
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
  let doc;
  try {
    doc = await openPdf(bytes);
  } catch (e) {
    throw new AppError("upload:corrupt", "pdf does not load", { cause: e });
  }
  try {
    if (doc.numPages < 1) throw new AppError("upload:corrupt", "pdf without pages");
    // Loading the first page parses its dictionary: catches a trailer that points at garbage.
    const page = await doc.getPage(1).catch((e: unknown) => {
      throw new AppError("upload:corrupt", "pdf page 1 does not load", { cause: e });
    });
    page.cleanup();
  } finally {
    await doc.destroy().catch(() => {});
  }
}

async function assertImageDecodes(bytes: Uint8Array): Promise<void> {
  try {
    const img = sharp(bytes, { failOn: "truncated", limitInputPixels: MAX_IMAGE_PIXELS });
    const meta = await img.metadata();
    if (!meta.width || !meta.height) throw new Error("image without dimensions");
    // A full decode: truncated or damaged pixel data only shows up here, not in the header.
    await img.stats();
  } catch (e) {
    throw new AppError("upload:corrupt", "image does not decode", { cause: e });
  }
}
