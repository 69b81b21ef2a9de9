import { PDFDocument, StandardFonts } from "pdf-lib";
import { describe, expect, it } from "vitest";
import {
  MAX_LAYOUT_WORDS,
  layoutFromOcr,
  layoutFromPdfPages,
  layoutText,
  spanBox,
  spanConfidence,
  xExtent,
  type DocumentLayout,
} from "@/lib/documents/layout";
import { extractPdfText, type PdfPage } from "@/lib/documents/pdf";
import type { OcrWord } from "@/lib/documents/ocr";

const item = (str: string, x: number, y: number, width = str.length * 5, height = 10) => ({ str, x, y, width, height });

describe("layoutFromPdfPages", () => {
  const pages: PdfPage[] = [
    {
      page: 1,
      width: 500,
      height: 1000,
      items: [item("TOTAL", 100, 300), item("121,00 €", 400, 300, 40), item("Fecha:", 100, 100), item("15/03/2026", 133, 100)],
      text: "",
    },
    { page: 2, width: 500, height: 1000, items: [item("Condiciones", 50, 50)], text: "" },
  ];

  it("gives the text extractPdfText gives, pages separated by a blank line", () => {
    const layout = layoutFromPdfPages(pages);
    expect(layoutText(layout)).toBe("Fecha: 15/03/2026\nTOTAL\t121,00 €\n\nCondiciones");
    expect(layout.lines.map((l) => l.p)).toEqual([1, 1, 1, 2]);
  });

  it("stores each item's characters and its box as page fractions", () => {
    const layout = layoutFromPdfPages(pages);
    const total = layout.lines[1];
    expect(total.w).toEqual([
      { s: 0, e: 5, x: 0.2, y: 0.3, w: 0.05, h: 0.01 },
      { s: 6, e: 14, x: 0.8, y: 0.3, w: 0.08, h: 0.01 },
    ]);
    expect(spanBox(layout, [{ line: 1, start: 6, end: 14 }])).toEqual({ page: 1, x: 0.8, y: 0.3, w: 0.08, h: 0.01 });
    expect(spanConfidence(layout, [{ line: 1, start: 6, end: 14 }])).toBeNull();
    expect(xExtent(layout, 1, 0, 5)).toEqual({ x0: 0.2, x1: 0.25 });
  });

  it("matches a real text layer (pdf-lib) character for character", async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const page = doc.addPage([595, 842]);
    page.drawText("Base imponible", { x: 300, y: 200, size: 11, font });
    page.drawText("100,00 EUR", { x: 480, y: 200, size: 11, font });
    page.drawText("Talleres   Ejemplo S.L.", { x: 50, y: 760, size: 12, font });
    const { pages: real, text } = await extractPdfText(await doc.save());
    const layout = layoutFromPdfPages(real);
    expect(layoutText(layout)).toBe(text);
    const line = layout.lines.find((l) => l.t.startsWith("Base"))!;
    const amount = line.w.find((w) => line.t.slice(w.s, w.e) === "100,00 EUR")!;
    expect(amount.x).toBeCloseTo(480 / 595, 3);
    expect(amount.y).toBeGreaterThan(0.74); // near the bottom: y = 200 pt from the bottom of 842
  });
});

const word = (text: string, x0: number, y0: number, confidence = 0.9): OcrWord => ({
  text,
  confidence,
  bbox: { x0, y0, x1: x0 + text.length * 10, y1: y0 + 20 },
});

describe("layoutFromOcr", () => {
  it("finds every word in tesseract's text, keeping the text as it is", () => {
    const text = "FACTURA Nº 12\n\nTOTAL      121,00";
    const words = [word("FACTURA", 10, 10), word("Nº", 100, 10), word("12", 130, 10, 0.4), word("TOTAL", 10, 80), word("121,00", 300, 80)];
    const layout = layoutFromOcr([{ text, words, width: 1000, height: 500 }]);
    expect(layoutText(layout)).toBe(text);
    expect(layout.lines[0].w.map((w) => layout.lines[0].t.slice(w.s, w.e))).toEqual(["FACTURA", "Nº", "12"]);
    expect(layout.lines[2].w[1]).toEqual({ s: 11, e: 17, x: 0.3, y: 0.16, w: 0.06, h: 0.04, c: 0.9 });
    expect(spanConfidence(layout, [{ line: 0, start: 8, end: 13 }])).toBe(0.4);
  });

  it("pages are separated by a blank line and boxes keep their page", () => {
    const a = { text: "uno", words: [word("uno", 0, 0)], width: 100, height: 100 };
    const b = { text: "dos", words: [word("dos", 50, 50)], width: 100, height: 100 };
    const layout = layoutFromOcr([a, b]);
    expect(layoutText(layout)).toBe("uno\n\ndos");
    expect(spanBox(layout, [{ line: 2, start: 0, end: 3 }])).toEqual({ page: 2, x: 0.5, y: 0.5, w: 0.3, h: 0.2 });
  });

  it("skips words it cannot place and caps the number of words kept", () => {
    const layout = layoutFromOcr([{ text: "hola", words: [word("adiós", 0, 0), word("hola", 0, 0)], width: 100, height: 100 }]);
    expect(layout.lines[0].w).toHaveLength(1);
    const many = Array.from({ length: MAX_LAYOUT_WORDS + 50 }, (_, i) => `w${i}`);
    const big = layoutFromOcr([{ text: many.join(" "), words: many.map((w) => word(w, 0, 0)), width: 100, height: 100 }]);
    expect(big.lines[0].w).toHaveLength(MAX_LAYOUT_WORDS);
  });
});

describe("spanBox", () => {
  const layout: DocumentLayout = {
    lines: [
      { p: 1, t: "Base 100,00", w: [{ s: 0, e: 4, x: 0.1, y: 0.5, w: 0.1, h: 0.02 }, { s: 5, e: 11, x: 0.7, y: 0.5, w: 0.1, h: 0.02 }] },
      { p: 1, t: "IVA 21,00", w: [{ s: 0, e: 3, x: 0.1, y: 0.53, w: 0.05, h: 0.02 }, { s: 4, e: 9, x: 0.72, y: 0.53, w: 0.08, h: 0.02 }] },
    ],
  };
  it.each([
    ["one word", [{ line: 0, start: 5, end: 11 }], { page: 1, x: 0.7, y: 0.5, w: 0.1, h: 0.02 }],
    ["two lines united", [{ line: 0, start: 5, end: 11 }, { line: 1, start: 4, end: 9 }], { page: 1, x: 0.7, y: 0.5, w: 0.1, h: 0.05 }],
    ["no word there", [{ line: 5, start: 0, end: 3 }], null],
    ["part of a word (a PDF item holding a whole line)", [{ line: 0, start: 5, end: 8 }], { page: 1, x: 0.7, y: 0.5, w: 0.05, h: 0.02 }],
  ])("%s", (_name, spans, want) => {
    expect(spanBox(layout, spans)).toEqual(want);
  });
});
