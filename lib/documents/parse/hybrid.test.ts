import { describe, expect, it } from "vitest";
import type { DocumentLayout, LayoutLine } from "@/lib/documents/layout";
import { completeTextLayer } from "@/lib/documents/extract";
import { mergeOcrLayout, textLayerGaps } from "@/lib/documents/parse/hybrid";
import type { TextResult } from "@/lib/documents/text";

/** A line of words laid out left to right at height y (page fractions), one word per space-separated token. */
function line(p: number, y: number, t: string, x0 = 0.1, c?: number): LayoutLine {
  const w = [];
  let s = 0;
  let x = x0;
  for (const word of t.split(" ")) {
    w.push({ s, e: s + word.length, x, y, w: word.length * 0.01, h: 0.012, ...(c !== undefined ? { c } : {}) });
    s += word.length + 1;
    x += (word.length + 1) * 0.01;
  }
  return { p, t, w };
}

describe("textLayerGaps", () => {
  it.each([
    ["complete", { vendorTaxId: "B12345674", totalCents: 100 }, "Factura nº 1\nTotal 1,00", []],
    ["no vendor id (the customer's only, or a logo)", { vendorTaxId: null, totalCents: 100 }, "Total 1,00", ["no_vendor_tax_id"]],
    ["no total", { vendorTaxId: "B12345674", totalCents: null }, "Factura", ["no_total"]],
    ["letter-spaced glyphs", { vendorTaxId: "B12345674", totalCents: 100 }, "F A C T U R A\nT O T A L 1,00", ["spaced_letters"]],
  ] as const)("%s", (_name, fields, text, gaps) => {
    expect(textLayerGaps(fields, text)).toEqual(gaps);
  });
});

describe("mergeOcrLayout", () => {
  const layer: DocumentLayout = { lines: [line(1, 0.2, "FACTURA Nº A-1"), line(1, 0.3, "Cliente: Mi Empresa S.L. CIF B12345674"), line(1, 0.8, "Total 121,00")] };

  it("inserts, in reading order, the OCR lines the layer does not cover (a logo with the vendor's id)", () => {
    const ocr: DocumentLayout = {
      lines: [line(1, 0.05, "Talleres Norte S.A. CIF A11815933", 0.1, 0.93), line(1, 0.2, "FACTURA Nº A-1", 0.1, 0.9), line(1, 0.8, "Total 121,00", 0.1, 0.9)],
    };
    const merged = mergeOcrLayout(layer, ocr);
    expect(merged.lines.map((l) => l.t)).toEqual(["Talleres Norte S.A. CIF A11815933", "FACTURA Nº A-1", "Cliente: Mi Empresa S.L. CIF B12345674", "Total 121,00"]);
  });

  it("keeps the layer as it is when OCR finds nothing new", () => {
    const ocr: DocumentLayout = { lines: [line(1, 0.2, "FACTURA Nº A-1", 0.1, 0.9)] };
    expect(mergeOcrLayout(layer, ocr)).toBe(layer);
  });

  it("replaces a letter-spaced layer by the OCR reading", () => {
    const ocr: DocumentLayout = { lines: [line(1, 0.2, "FACTURA", 0.1, 0.9)] };
    expect(mergeOcrLayout(layer, ocr, { replace: true })).toBe(ocr);
  });
});

describe("completeTextLayer (the hybrid step)", () => {
  const text = (layout: DocumentLayout): TextResult => ({
    source: "pdf_text",
    text: layout.lines.map((l) => l.t).join("\n"),
    confidence: null,
    pages: 1,
    engine: "pdfjs",
    layout,
  });

  it("OCRs a text PDF whose layer has only the customer's id, and then finds the vendor's", async () => {
    const layer = { lines: [line(1, 0.2, "Factura nº A-1"), line(1, 0.3, "Facturar a"), line(1, 0.35, "Mi Empresa S.L. CIF B12345674"), line(1, 0.8, "Total 121,00")] };
    let calls = 0;
    const got = await completeTextLayer(text(layer), async () => {
      calls++;
      return { layout: { lines: [line(1, 0.05, "Talleres Norte S.A. CIF A11815933", 0.1, 0.95)] }, confidence: 0.95 };
    }, null);
    expect(calls).toBe(1);
    expect(got.text).toContain("A11815933");
    expect(got.source).toBe("pdf_text");
  });

  it("leaves a complete text layer alone, without OCR", async () => {
    const layer = { lines: [line(1, 0.05, "Talleres Norte S.A. CIF A11815933"), line(1, 0.2, "Factura nº A-1"), line(1, 0.8, "Total 121,00")] };
    let calls = 0;
    const got = await completeTextLayer(text(layer), async () => {
      calls++;
      return null;
    }, null);
    expect(calls).toBe(0);
    expect(got.layout).toBe(layer);
  });
});
