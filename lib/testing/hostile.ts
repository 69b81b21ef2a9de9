import { randomBytes } from "node:crypto";
import { crc32, deflateSync } from "node:zlib";
import { PDFDocument } from "pdf-lib";
import sharp from "sharp";

/**
 * Hostile files, made on the fly by the tests and the hostile-suite script (nothing binary committed):
 * each is small on disk and expensive if opened carelessly.
 */

/** Builds a PDF from object bodies (object n is `objects[n-1]`), with a correct xref table. */
export function rawPdf(objects: (string | Buffer)[], trailerExtra = ""): Uint8Array {
  const parts: Buffer[] = [Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  let offset = parts[0].byteLength;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(offset);
    const chunk = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`, "latin1"),
      typeof body === "string" ? Buffer.from(body, "latin1") : body,
      Buffer.from("\nendobj\n", "latin1"),
    ]);
    parts.push(chunk);
    offset += chunk.byteLength;
  });
  const xref =
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
    offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("") +
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${offset}\n%%EOF\n`;
  parts.push(Buffer.from(xref, "latin1"));
  return new Uint8Array(Buffer.concat(parts));
}

function streamObject(dict: string, data: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(`<< ${dict} /Length ${data.byteLength} >>\nstream\n`, "latin1"),
    data,
    Buffer.from("\nendstream", "latin1"),
  ]);
}

/**
 * One page whose Flate-compressed content stream decodes to `decodedMb` megabytes of path operators
 * (`0 0 m 1 1 l S`): a few KB on disk per 10 MB decoded.
 */
export function contentBombPdf(decodedMb: number): Uint8Array {
  const unit = Buffer.from("0 0 m 1 1 l S\n", "latin1");
  const content = Buffer.alloc(Math.ceil((decodedMb * 1024 * 1024) / unit.byteLength) * unit.byteLength);
  for (let i = 0; i < content.byteLength; i += unit.byteLength) unit.copy(content, i);
  return rawPdf([
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
    streamObject("/Filter /FlateDecode", deflateSync(content, { level: 9 })),
  ]);
}

/** A PDF with a user password (standard security handler, RC4 40-bit): opening it without one is refused. */
export function encryptedPdf(): Uint8Array {
  const hex = (n: number) => randomBytes(n).toString("hex");
  const id = hex(16);
  return rawPdf(
    [
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
      `<< /Filter /Standard /V 1 /R 2 /O <${hex(32)}> /U <${hex(32)}> /P -44 >>`,
    ],
    `/Encrypt 4 0 R /ID [<${id}> <${id}>] `,
  );
}

/** `pages` blank A4 pages. */
export async function blankPagesPdf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([595, 842]);
  return doc.save();
}

/**
 * A valid greyscale PNG of `width`×`height` white pixels, written chunk by chunk (nothing decodes it here):
 * ~100 KB on disk for 100 megapixels.
 */
export function pixelBombPng(width = 10_000, height = 10_000): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const out = Buffer.alloc(12 + data.byteLength);
    out.writeUInt32BE(data.byteLength, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.byteLength);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const row = Buffer.alloc(width + 1, 0xff);
  row[0] = 0; // filter: none
  const rows = Buffer.alloc(row.byteLength * height);
  for (let y = 0; y < height; y++) row.copy(rows, y * row.byteLength);
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk("IHDR", ihdr),
      chunk("IDAT", deflateSync(rows, { level: 9 })),
      chunk("IEND", Buffer.alloc(0)),
    ]),
  );
}

/** A small real PNG (sharp), for checks that a normal image still passes. */
export async function smallPng(): Promise<Uint8Array> {
  return new Uint8Array(await sharp({ create: { width: 64, height: 48, channels: 3, background: "#fff" } }).png().toBuffer());
}

/** A name that disguises its extension with U+202E (RIGHT-TO-LEFT OVERRIDE): displayed as "facturaexe.pdf". */
export const BIDI_NAME = "factura\u202Efdp.exe";
