import "server-only";
import sharp from "sharp";
import { validateUpload } from "@/lib/documents/sniff";
import { AppError } from "@/lib/errors";

/** At most this many photos make one document (a long ticket, a few pages of an invoice). */
export const MAX_JOINED_PHOTOS = 8;
/** The joined image's width: photos are scaled to it (OCR reads a receipt well at this size). */
const JOIN_WIDTH = 1600;
/** Never taller than this (JPEG allows 65 535 px; OCR and viewers are happier well below). */
const MAX_HEIGHT = 24_000;
const GAP = 24;

/**
 * Several photos of one document (a long ticket in parts, the pages of an invoice) → one JPEG, top to bottom, each
 * turned upright by its EXIF orientation and scaled to one width, on white. Each photo is validated like an upload
 * (real image type, decodes, within `maxBytes`); the result goes through the same ingest as any upload.
 */
export async function joinPhotos(photos: Uint8Array[], opts: { maxBytes: number }): Promise<Uint8Array> {
  if (photos.length < 2 || photos.length > MAX_JOINED_PHOTOS) throw new AppError("upload:join_invalid");
  const parts: { data: Buffer; height: number }[] = [];
  for (const bytes of photos) {
    const type = await validateUpload(bytes, opts);
    if (!type.mime.startsWith("image/")) throw new AppError("upload:join_invalid", "only photos can be joined");
    const { data, info } = await sharp(bytes).rotate().resize({ width: JOIN_WIDTH }).flatten({ background: "#ffffff" }).jpeg().toBuffer({ resolveWithObject: true });
    parts.push({ data, height: info.height });
  }
  const height = parts.reduce((h, p) => h + p.height, 0) + GAP * (parts.length - 1);
  if (height > MAX_HEIGHT) throw new AppError("upload:join_invalid", `joined height ${height} px`);
  let top = 0;
  const layers = parts.map((p) => {
    const layer = { input: p.data, left: 0, top };
    top += p.height + GAP;
    return layer;
  });
  const joined = await sharp({ create: { width: JOIN_WIDTH, height, channels: 3, background: "#ffffff" } })
    .composite(layers)
    .jpeg({ quality: 88, mozjpeg: true })
    .toBuffer();
  if (joined.byteLength > opts.maxBytes) throw new AppError("upload:too_large", "joined image");
  return new Uint8Array(joined);
}
