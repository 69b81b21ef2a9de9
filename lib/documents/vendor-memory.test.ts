import { describe, expect, it } from "vitest";
import { parseInvoice } from "@/lib/documents/parse";
import { inMemoryVendorMemoryStore, learnFromReview, recallVendor } from "@/lib/documents/vendor-memory";

const VENDOR = "B12345674";
const OWN = "12345678Z";
const text = (number: string, vendorLine = `CIF: ${VENDOR}`) =>
  ["Calle Mayor 12, 28001 Madrid", vendorLine, "FACTURA", `Nº factura: ${number}`, "Fecha: 14/02/2026", `Cliente NIF: ${OWN}`, "Base imponible: 100,00 €", "IVA 21%: 21,00 €", "TOTAL: 121,00 €"].join("\n");
const truth = { documentId: "d1", vendorTaxId: VENDOR, vendorName: "Estudio Norte S.L.", invoiceNumber: "F-1", issueDate: "2026-01-14", vatRatesBp: [2100], irpfRateBp: null };

describe("recallVendor with a store", () => {
  it("applies the book's memory, never another book's", async () => {
    const store = inMemoryVendorMemoryStore();
    await learnFromReview({ store, bookId: "a" }, truth, { text: text("F-1"), layout: null });
    const parsed = parseInvoice(text("F-2"), { ownTaxId: OWN });
    expect((await recallVendor({ store, bookId: "a", ownTaxId: OWN }, parsed, { text: text("F-2"), layout: null })).vendorName).toBe("Estudio Norte S.L.");
    expect((await recallVendor({ store, bookId: "b", ownTaxId: OWN }, parsed, { text: text("F-2"), layout: null })).vendorName).toBe(parsed.vendorName);
    expect(await store.find("b", [VENDOR])).toEqual([]);
  });

  it("finds the vendor by a remembered id printed on the page when the parse found none", async () => {
    const store = inMemoryVendorMemoryStore();
    await learnFromReview({ store, bookId: "a" }, truth, { text: text("F-1"), layout: null });
    const page = text("F-3", "Registro: B-1234567-4");
    const parsed = { ...parseInvoice(page, { ownTaxId: OWN }), vendorTaxId: null };
    const out = await recallVendor({ store, bookId: "a", ownTaxId: OWN }, parsed, { text: page, layout: null });
    expect(out).toMatchObject({ vendorTaxId: VENDOR, vendorName: "Estudio Norte S.L." });
  });

  it("leaves the book's own invoices alone", async () => {
    const store = inMemoryVendorMemoryStore();
    // A supplier's id printed on the book's own invoice (a remembered vendor that is also a customer).
    await learnFromReview({ store, bookId: "a" }, truth, { text: text("F-1"), layout: null });
    const parsed = { ...parseInvoice(text("F-4"), {}), vendorTaxId: OWN, vendorName: "Yo" };
    expect(await recallVendor({ store, bookId: "a", ownTaxId: OWN }, parsed, { text: text("F-4"), layout: null })).toBe(parsed);
  });
});
