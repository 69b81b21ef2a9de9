import { describe, expect, it } from "vitest";
import { fieldsOf, statusFor } from "@/db/queries/extractions";
import { parseDocument, parseInvoice, type DocumentLayout } from "@/lib/documents/parse";

const layout: DocumentLayout = {
  lines: [
    { p: 1, t: "Talleres Ejemplo S.L.\tNIF: B12345674", w: [{ s: 0, e: 21, x: 0.05, y: 0.1, w: 0.3, h: 0.02, c: 0.9 }, { s: 22, e: 36, x: 0.6, y: 0.1, w: 0.2, h: 0.02, c: 0.9 }] },
    { p: 1, t: "Factura nº F-1\tFecha 15/03/2026", w: [{ s: 0, e: 14, x: 0.05, y: 0.14, w: 0.2, h: 0.02 }, { s: 15, e: 31, x: 0.6, y: 0.14, w: 0.2, h: 0.02 }] },
    { p: 1, t: "Base imponible\t100,00", w: [{ s: 0, e: 14, x: 0.5, y: 0.5, w: 0.2, h: 0.02 }, { s: 15, e: 21, x: 0.8, y: 0.5, w: 0.1, h: 0.02 }] },
    { p: 1, t: "IVA 21%\t21,00", w: [{ s: 0, e: 7, x: 0.5, y: 0.54, w: 0.1, h: 0.02 }, { s: 8, e: 13, x: 0.8, y: 0.54, w: 0.1, h: 0.02 }] },
    { p: 1, t: "TOTAL\t121,00", w: [{ s: 0, e: 5, x: 0.5, y: 0.58, w: 0.1, h: 0.02 }, { s: 6, e: 12, x: 0.8, y: 0.58, w: 0.1, h: 0.02 }] },
  ],
};

describe("fieldsOf", () => {
  it("stores each field's value, confidence and, from a layout, its source box", () => {
    const fields = fieldsOf(parseDocument(layout));
    expect(fields.totalCents).toEqual({ value: 12100, confidence: expect.any(Number), box: { page: 1, x: 0.8, y: 0.58, w: 0.1, h: 0.02 } });
    // The word "NIF: B12345674" spans x 0.6–0.8; the box narrows to the id's characters.
    expect(fields.vendorTaxId.box).toEqual({ page: 1, x: 0.6714, y: 0.1, w: 0.1286, h: 0.02 });
    expect(fields.issueDate.value).toBe("2026-03-15");
    expect(fields.issueDate.box).toMatchObject({ y: 0.14 });
    // Missing values have neither confidence nor box.
    expect(fields.irpfCents).toEqual({ value: null, confidence: 0 });
    expect(statusFor(parseDocument(layout))).toBe("extracted");
  });

  it("has no boxes for plain text", () => {
    const fields = fieldsOf(parseInvoice("Factura nº F-1\nTOTAL 121,00"));
    expect(fields.totalCents).toEqual({ value: 12100, confidence: expect.any(Number) });
  });
});
