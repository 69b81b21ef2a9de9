import { describe, expect, it } from "vitest";
import { assessTrust, TRUST_THRESHOLD, type TrustInput } from "@/lib/documents/parse/trust";
import { parseInvoice } from "@/lib/documents/parse";

const sure: TrustInput = {
  issueDate: "2026-03-15",
  invoiceNumber: "F-77",
  vendorTaxId: "B12345674",
  baseCents: 100000,
  vatCents: 21000,
  totalCents: 121000,
  fieldConfidence: { issueDate: 0.95, invoiceNumber: 0.95, vendorTaxId: 0.95, baseCents: 0.97, vatCents: 0.97, totalCents: 0.97 },
  checks: { vendorTaxIdValid: true, arithmeticOk: true },
};

describe("assessTrust", () => {
  it("is green only when every key field is present, consistent and confidently read", () => {
    expect(assessTrust(sure)).toEqual({ status: "extracted", doubts: [] });
  });

  it.each([
    ["a missing number", { invoiceNumber: null }, "invoiceNumber", "missing"],
    ["a date below the threshold, with the parser's reason", { fieldConfidence: { ...sure.fieldConfidence, issueDate: TRUST_THRESHOLD - 0.01 }, fieldReasons: { issueDate: "ambiguous" } }, "issueDate", "ambiguous"],
    ["figures that do not add up", { checks: { vendorTaxIdValid: true, arithmeticOk: false } }, "totalCents", "arithmetic"],
    ["a tax id whose check digit fails", { checks: { vendorTaxIdValid: false, arithmeticOk: true } }, "vendorTaxId", "invalid_tax_id"],
    ["a low confidence without a reason", { fieldConfidence: { ...sure.fieldConfidence, vendorTaxId: 0.5 } }, "vendorTaxId", "unsure"],
  ] as [string, Partial<TrustInput>, string, string][])("needs review for %s", (_name, change, field, reason) => {
    const got = assessTrust({ ...sure, ...change });
    expect(got.status).toBe("needs_review");
    expect(got.doubts).toContainEqual(expect.objectContaining({ field, reason }));
    expect(got.doubts.find((d) => d.field === field)?.message).toMatch(/\S/);
  });
});

describe("parser confidences feed the decision", () => {
  const invoice = (extra: string[]) =>
    parseInvoice(["Servicios Web S.L.", "CIF B12345674", "Factura nº F-77", ...extra, "Base imponible 1.000,00 €", "IVA 21% 210,00 €", "Total 1.210,00 €"].join("\n"));

  it.each([
    ["a labelled issue date", ["Fecha de emisión 15/03/2026"], "extracted", null],
    ["two dates as strongly labelled", ["Fecha 15/03/2026", "Fecha 16/03/2026"], "needs_review", "issueDate"],
    ["an issue date after the due date", ["Fecha 15/04/2026", "Vencimiento 15/03/2026"], "needs_review", "issueDate"],
    ["two numbers as strongly labelled", ["Fecha de emisión 15/03/2026", "Nº factura: G-88"], "needs_review", "invoiceNumber"],
  ])("%s → %s", (_name, extra, status, doubtful) => {
    const got = assessTrust(invoice(extra));
    expect(got.status).toBe(status);
    if (doubtful) expect(got.doubts.map((d) => d.field)).toContain(doubtful);
  });

  it("two tax ids and nothing to tell whose is whose: the vendor id is doubtful", () => {
    const p = parseInvoice(
      ["Óptica Sol S.L.\tMarina Díaz Cano", "CIF: B12345674\tDNI: 12345678Z", "Factura nº F-77", "Fecha de emisión 15/03/2026", "Base imponible 1.000,00 €", "IVA 21% 210,00 €", "Total 1.210,00 €"].join("\n"),
    );
    expect(assessTrust(p).doubts).toContainEqual(expect.objectContaining({ field: "vendorTaxId", reason: "ambiguous" }));
  });
});
