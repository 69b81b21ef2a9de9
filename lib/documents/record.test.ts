import { describe, expect, it } from "vitest";
import { parseInvoice } from "./parse";
import { centsToEuros, errorRecord, toExtractRecord } from "./record";

describe("CLI record", () => {
  it.each([
    [12345, 123.45],
    [-12100, -121],
    [1, 0.01],
    [10, 0.1],
    [null, null],
  ])("converts %s cents to %s euros", (c, e) => expect(centsToEuros(c)).toBe(e));

  it("prints every documented key, amounts in euros", () => {
    const p = parseInvoice(
      ["Servicios Web S.L.", "CIF B12345674", "Factura nº F-77", "Fecha 15/03/2026", "Base imponible 1.000,00 €", "IVA 21% 210,00 €", "Total 1.210,00 €"].join("\n"),
    );
    const r = toExtractRecord("a.pdf", p, "pdf_text");
    expect(Object.keys(r).sort()).toEqual(
      [
        "file", "docType", "language", "vendorName", "vendorTaxId", "customerTaxId", "invoiceNumber", "issueDate", "currency",
        "vatLines", "baseTotal", "vatTotal", "irpfRate", "irpfAmount", "recargo", "total", "status", "confidence", "doubts",
        "textSource",
      ].sort(),
    );
    expect(r).toMatchObject({ total: 1210, baseTotal: 1000, vatTotal: 210, issueDate: "2026-03-15", invoiceNumber: "F-77", language: "es" });
    expect(r.vatLines).toEqual([{ rate: 21, base: 1000, vat: 210 }]);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it("carries the status and a confidence per field under the record's own names", () => {
    const p = parseInvoice(
      ["Servicios Web S.L.", "CIF B12345674", "Factura nº F-77", "Fecha de emisión 15/03/2026", "Base imponible 1.000,00 €", "IVA 21% 210,00 €", "Total 1.210,00 €"].join("\n"),
    );
    const r = toExtractRecord("a.pdf", p);
    expect(r.status).toBe("extracted");
    expect(r.doubts).toEqual([]);
    for (const k of ["overall", "issueDate", "invoiceNumber", "vendorTaxId", "baseTotal", "vatTotal", "total"]) {
      expect(r.confidence[k]).toBeGreaterThan(0.8);
      expect(r.confidence[k]).toBeLessThanOrEqual(1);
    }
    const doubtful = toExtractRecord("b.pdf", parseInvoice(["CIF B12345674", "Total 1.210,00 €"].join("\n")));
    expect(doubtful.status).toBe("needs_review");
    expect(doubtful.doubts).toContainEqual({ field: "issueDate", reason: "missing" });
  });

  it("keeps the same keys, all null, for a file that failed", () => {
    const r = errorRecord("x.pdf", "upload:corrupt", "dañado");
    expect(r.total).toBeNull();
    expect(r.error).toEqual({ code: "upload:corrupt", message: "dañado" });
    expect(r.status).toBeNull();
  });
});
