/**
 * End to end through the shared extraction path: text PDF (no OCR), image (OCR), scanned PDF (render + OCR).
 * The OCR pool starts once for this file and is terminated at the end.
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
import { PDFDocument, StandardFonts } from "pdf-lib";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extractDocument } from "@/lib/documents/extract";
import { ocrImage, terminateOcr } from "@/lib/documents/ocr";
import { validateUpload } from "@/lib/documents/sniff";
import { extractText } from "@/lib/documents/text";
import { AppError } from "@/lib/errors";
import { useTempDataDir } from "@/lib/testing/env";
import { renderLinesPng } from "@/lib/testing/fixtures";

const LINES = [
  "Talleres Ejemplo S.L.",
  "NIF: B12345674",
  "Calle Mayor, 1 - 28001 Madrid",
  "",
  "FACTURA Nº F-2026-001",
  "Fecha: 15/03/2026",
  "Cliente: Cliente Demo S.A.   CIF: A58818501",
  "",
  "Base imponible      100,00 €",
  "IVA 21%              21,00 €",
  "TOTAL               121,00 €",
];

/** The invoice drawn as an image: DejaVu Sans, large text, black on white. */
const invoicePng = () => renderLinesPng(LINES, { x: 80, top: 110, lineHeight: 70, fontSize: 40 });

async function textPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  // WinAnsi has no "º": the number label uses "No." as many real invoices do.
  LINES.map((l) => l.replace("Nº", "No.").replace("€", "EUR")).forEach((line, i) => {
    if (line) page.drawText(line, { x: 50, y: 780 - i * 22, size: 12, font });
  });
  return doc.save();
}

async function scannedPdf(png: Buffer): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const image = await doc.embedPng(png);
  const page = doc.addPage([595, 842]);
  const width = 535;
  const height = (image.height / image.width) * width;
  page.drawImage(image, { x: 30, y: 842 - 30 - height, width, height });
  return doc.save();
}

const EXPECTED = {
  vendorName: "Talleres Ejemplo S.L.",
  vendorTaxId: "B12345674",
  customerTaxId: "A58818501",
  invoiceNumber: "F-2026-001",
  issueDate: "2026-03-15",
  baseCents: 10000,
  vatCents: 2100,
  totalCents: 12100,
  docType: "invoice",
  currency: "EUR",
};

const dataDir = useTempDataDir("anclora-extract-");
let png: Buffer;

beforeAll(async () => {
  png = await invoicePng();
});

afterAll(async () => {
  await terminateOcr();
});

describe("extractDocument", () => {
  it("reads a text PDF from its text layer, without OCR", async () => {
    const bytes = await textPdf();
    const type = await validateUpload(bytes, { maxBytes: 1e6 });
    const { text, fields } = await extractDocument(bytes, type.mime);
    expect(text).toMatchObject({ source: "pdf_text", confidence: null, pages: 1, engine: "pdfjs-dist@5.6.205" });
    expect(text.text).toContain("FACTURA No. F-2026-001");
    expect(fields).toMatchObject({ ...EXPECTED, invoiceNumber: "F-2026-001" });
    expect(fields.checks).toEqual({ vendorTaxIdValid: true, arithmeticOk: true });
    expect(fields.vatLines).toEqual([{ rateBp: 2100, baseCents: 10000, vatCents: 2100 }]);
  });

  it("OCRs a PNG invoice", async () => {
    const { text, fields } = await extractDocument(new Uint8Array(png), "image/png");
    expect(text.source).toBe("ocr");
    expect(text.engine).toBe("tesseract.js@7.0.0:spa+eng");
    expect(text.pages).toBe(1);
    expect(text.confidence).toBeGreaterThan(0.7);
    expect(fields).toMatchObject(EXPECTED);
    expect(fields.checks.arithmeticOk).toBe(true);
    // nothing written outside DATA_DIR: the language data sits in DATA_DIR/tessdata
    expect(await readdir(path.join(dataDir(), "tessdata"))).toHaveLength(1);
  });

  it("OCRs a scanned PDF (image only, no text layer) by rendering its pages", async () => {
    const { text, fields } = await extractDocument(await scannedPdf(png), "application/pdf", { ownTaxId: "A58818501" });
    expect(text.source).toBe("ocr");
    expect(text.pages).toBe(1);
    expect(fields).toMatchObject(EXPECTED);
  });

  it("OCRs a phone-style JPEG stored sideways with an EXIF orientation", async () => {
    // Pixels rotated 90° counter-clockwise; EXIF orientation 6 tells viewers to turn them back.
    const sideways = await sharp(png).rotate(-90).jpeg({ quality: 85 }).withMetadata({ orientation: 6 }).toBuffer();
    const { fields } = await extractDocument(new Uint8Array(sideways), "image/jpeg");
    expect(fields).toMatchObject({ totalCents: 12100, vendorTaxId: "B12345674", issueDate: "2026-03-15" });
  });
});

describe("ocrImage", () => {
  it("returns words with confidences and boxes in the preprocessed image", async () => {
    const r = await ocrImage(png);
    expect(r.width).toBeGreaterThan(0);
    const total = r.words.find((w) => w.text === "TOTAL");
    expect(total).toBeDefined();
    expect(total!.confidence).toBeGreaterThan(0.5);
    expect(total!.confidence).toBeLessThanOrEqual(1);
    expect(total!.bbox.x1).toBeGreaterThan(total!.bbox.x0);
    expect(total!.bbox.y1).toBeGreaterThan(total!.bbox.y0);
    const nif = r.words.find((w) => w.text.includes("B12345674"))!;
    expect(nif.bbox.y0).toBeLessThan(total!.bbox.y0); // the NIF is above the total
  });
});

describe("extractText", () => {
  it("fails with extraction:no_text for a blank image", async () => {
    const blank = await sharp({ create: { width: 800, height: 600, channels: 3, background: "#fff" } }).png().toBuffer();
    const err = await extractText(new Uint8Array(blank), "image/png").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("extraction:no_text");
  });
});
