import { describe, expect, it } from "vitest";
import { allKeyRight, benchTruthSchema, nameSimilarity, scoreRecord, truthToReviewed } from "@/lib/documents/bench-truth";
import { errorRecord, type ExtractRecord } from "@/lib/documents/record";

const truth = benchTruthSchema.parse({
  file: "x_0001.pdf",
  doc_type: "invoice",
  language: "es",
  vendor_name: "Grupo Cantábrico S.A.",
  vendor_tax_id: "A11815933",
  customer_tax_id: null,
  invoice_number: "FV25-02168",
  issue_date: "2025-04-23",
  currency: "EUR",
  lines: [{ rate: 21, base: 1442.15, vat: 302.85 }],
  base_total: 1442.15,
  vat_total: 302.85,
  irpf_rate: 0,
  irpf_amount: 0,
  recargo_equivalencia: 0,
  total: 1745,
});

const right: ExtractRecord = {
  ...errorRecord("x_0001.pdf", "x", "x"),
  error: undefined,
  docType: "invoice",
  language: "es",
  vendorName: "GRUPO CANTABRICO, SA",
  vendorTaxId: "ES-A11815933",
  customerTaxId: null,
  invoiceNumber: "fv25 02168",
  issueDate: "2025-04-23",
  currency: "EUR",
  vatLines: [{ rate: 21, base: 1442.15, vat: 302.85 }],
  baseTotal: 1442.15,
  vatTotal: 302.85,
  irpfRate: null,
  irpfAmount: null,
  recargo: null,
  total: 1745,
};

describe("bench truth scoring (the shared scorer's rules)", () => {
  it("accepts what the rules call equal", () => {
    const s = scoreRecord(truth, right);
    expect(Object.entries(s).filter(([, ok]) => !ok)).toEqual([]);
    expect(allKeyRight(s)).toBe(true);
  });

  it.each([
    ["total off by a cent", { total: 1745.01 }, "total", true],
    ["another vendor id", { vendorTaxId: "B12345674" }, "vendor_tax_id", true],
    ["an unrelated name", { vendorName: "Calle Mayor 3" }, "vendor_name", false],
    ["a customer id where there is none", { customerTaxId: "12345678Z" }, "customer_tax_id", false],
    ["lines with another rate", { vatLines: [{ rate: 10, base: 1442.15, vat: 302.85 }] }, "lines", false],
    ["an IRPF rate where there is none", { irpfRate: 15 }, "irpf_rate", false],
  ] as const)("rejects %s", (_n, over, field, key) => {
    const s = scoreRecord(truth, { ...right, ...over } as ExtractRecord);
    expect(s[field]).toBe(false);
    expect(allKeyRight(s)).toBe(!key);
  });

  it("compares names by token sets", () => {
    expect(nameSimilarity("Grupo Cantabrico", "Grupo Cantábrico S.A.")).toBeGreaterThanOrEqual(0.8);
    expect(nameSimilarity("Cantábrico Gestión", "Grupo Cantábrico S.A.")).toBeLessThan(0.8);
  });

  it("turns the truth into the reviewer's correction", () => {
    expect(truthToReviewed(truth, "x_0001.pdf")).toEqual({
      documentId: "x_0001.pdf",
      vendorTaxId: "A11815933",
      vendorName: "Grupo Cantábrico S.A.",
      invoiceNumber: "FV25-02168",
      issueDate: "2025-04-23",
      vatRatesBp: [2100],
      irpfRateBp: null,
    });
    expect(truthToReviewed({ ...truth, vendor_tax_id: null }, "y")).toBeNull();
  });
});
