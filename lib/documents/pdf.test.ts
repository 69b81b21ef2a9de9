import { PDFDocument, StandardFonts, rgb } from "pdf-lib";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import {
  countPdfPages,
  extractPdfText,
  isUsableTextLayer,
  itemsToText,
  renderPdfPages,
} from "@/lib/documents/pdf";
import { AppError } from "@/lib/errors";

const A4 = [595, 842] as const;

/** A two-page invoice: label/value columns on one line, a rectangle to check rendering. */
async function invoicePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const page = doc.addPage([...A4]);
  page.drawText("FACTURA", { x: 50, y: 790, size: 20, font: bold });
  page.drawText("Nº Factura", { x: 350, y: 790, size: 10, font });
  page.drawText("F-2026-001", { x: 450, y: 790, size: 10, font: bold });
  page.drawText("Talleres Ejemplo S.L.", { x: 50, y: 760, size: 12, font });
  page.drawText("Fecha: 15/03/2026", { x: 350, y: 760, size: 10, font });
  page.drawText("Base imponible", { x: 300, y: 200, size: 11, font });
  page.drawText("100,00 €", { x: 480, y: 200, size: 11, font });
  page.drawText("IVA 21%", { x: 300, y: 180, size: 11, font });
  page.drawText("21,00 €", { x: 486, y: 180, size: 11, font });
  page.drawText("TOTAL", { x: 300, y: 160, size: 11, font: bold });
  page.drawText("121,00 €", { x: 480, y: 160, size: 11, font: bold });
  page.drawRectangle({ x: 0, y: 0, width: 100, height: 100, color: rgb(0, 0, 0) });
  const p2 = doc.addPage([...A4]);
  p2.drawText("Condiciones generales de venta y forma de pago", { x: 50, y: 790, size: 10, font });
  return doc.save();
}

async function blankPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([...A4]);
  return doc.save();
}

describe("pdf text layer", () => {
  let pdf: Uint8Array;
  beforeAll(async () => {
    pdf = await invoicePdf();
  });

  it("extracts items with top-left coordinates in points", async () => {
    const { pages } = await extractPdfText(pdf);
    expect(pages).toHaveLength(2);
    expect(pages[0]).toMatchObject({ page: 1, width: 595, height: 842 });
    const number = pages[0].items.find((i) => i.str === "F-2026-001")!;
    expect(number).toBeDefined();
    expect(number.x).toBeCloseTo(450, 0);
    // baseline at 842 − 790 = 52 from the top; the top edge is one font size above it
    expect(number.y).toBeCloseTo(52 - 10, 0);
    expect(number.height).toBeCloseTo(10, 0);
    expect(number.width).toBeGreaterThan(40);
    const total = pages[0].items.find((i) => i.str === "TOTAL")!;
    expect(total.y).toBeGreaterThan(number.y); // lower on the page → larger y
  });

  it("rebuilds the text in reading order, with tabs at column gaps", async () => {
    const { text, pages } = await extractPdfText(pdf);
    const lines = pages[0].text.split("\n");
    expect(lines[0]).toBe("FACTURA\tNº Factura\tF-2026-001");
    expect(lines[1]).toBe("Talleres Ejemplo S.L.\tFecha: 15/03/2026");
    expect(lines.slice(-3)).toEqual(["Base imponible\t100,00 €", "IVA 21%\t21,00 €", "TOTAL\t121,00 €"]);
    expect(text).toContain("\n\nCondiciones generales de venta y forma de pago");
    expect(isUsableTextLayer(text)).toBe(true);
  });

  it("gives no text for a page without a text layer", async () => {
    const { text, pages } = await extractPdfText(await blankPdf());
    expect(pages).toHaveLength(1);
    expect(text).toBe("");
    expect(isUsableTextLayer(text)).toBe(false);
  });

  it("counts pages and fails with extraction:pdf_unreadable on garbage", async () => {
    expect(await countPdfPages(pdf)).toBe(2);
    const err = await extractPdfText(new TextEncoder().encode("%PDF-1.4\nnot really")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("extraction:pdf_unreadable");
  });

  it("does not detach the caller's buffer", async () => {
    const before = pdf.byteLength;
    await extractPdfText(pdf);
    await extractPdfText(pdf);
    expect(pdf.byteLength).toBe(before);
  });
});

describe("itemsToText", () => {
  const item = (str: string, x: number, y: number, width = str.length * 5, height = 10) => ({ str, x, y, width, height });

  it("groups by line (tolerating small baseline jitter), sorts by x and separates words and columns", () => {
    const text = itemsToText([
      item("121,00", 400, 300),
      item("TOTAL", 100, 301),
      item("Fecha:", 100, 100),
      item("15/03/2026", 133, 99.5),
      item("Cliente", 100, 200),
    ]);
    expect(text).toBe("Fecha: 15/03/2026\nCliente\nTOTAL\t121,00");
  });

  it("joins glyph runs that touch without inserting spaces", () => {
    expect(itemsToText([item("FAC", 100, 100, 15), item("TURA", 115, 100, 20)])).toBe("FACTURA");
  });
});

describe("isUsableTextLayer", () => {
  it.each([
    ["", false],
    ["   \n  ", false],
    ["Página 1", false],
    ["\uFFFD\uFFFD\uFFFD \uE001\uE002\uE003 ".repeat(20), false],
    ["%$#@ 1234 5678 9012 &&& ((( ))) 3456 7890 !!!! ???? ".repeat(3), false],
    ["Xkcd Qwrtp Zxcvb Mnbvc Lkjhg Pqrst Vwxyz Bcdfg ".repeat(3), false],
    ["FACTURA Nº F-2026-001\nFecha: 15/03/2026\nBase imponible 100,00 €\nIVA 21% 21,00 €\nTOTAL 121,00 €", true],
    ["Invoice number INV-1\nInvoice date March 15, 2026\nSubtotal €100.00\nTotal €100.00", true],
  ])("%j → %s", (text, usable) => {
    expect(isUsableTextLayer(text)).toBe(usable);
  });
});

/** Per-channel stats of a region (sharp's stats() reads the input, so the crop is materialised first). */
async function region(png: Buffer, area: { left: number; top: number; width: number; height: number }) {
  return sharp(await sharp(png).extract(area).greyscale().png().toBuffer()).stats();
}

describe("renderPdfPages", () => {
  it("renders pages to PNG at the requested resolution, text included", async () => {
    const pdf = await invoicePdf();
    const [png, ...rest] = await renderPdfPages(pdf, { dpi: 144, maxPages: 1 });
    expect(rest).toHaveLength(0);
    const meta = await sharp(png).metadata();
    expect(meta.format).toBe("png");
    expect(meta.width).toBe(1190);
    expect(meta.height).toBe(1684);
    // The black square at the bottom-left is black; the page background is white.
    const corner = await region(png, { left: 10, top: 1684 - 190, width: 180, height: 180 });
    expect(corner.channels[0].mean).toBeLessThan(10);
    const margin = await region(png, { left: 600, top: 600, width: 100, height: 100 });
    expect(margin.channels[0].mean).toBeGreaterThan(250);
    // "FACTURA" (Helvetica Bold, a standard font) was drawn: its box has dark pixels.
    const title = await region(png, { left: 100, top: 60, width: 220, height: 50 });
    expect(title.channels[0].min).toBeLessThan(60);
  });

  it("renders every page by default", async () => {
    expect(await renderPdfPages(await invoicePdf(), { dpi: 36 })).toHaveLength(2);
  });
});
