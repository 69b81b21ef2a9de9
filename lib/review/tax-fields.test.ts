import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { insertDocument } from "@/db/queries/documents";
import { auditEvents, documents } from "@/db/schema";
import { invoiceFormSchema, type InvoiceFormValues, type InvoiceUpdate } from "@/lib/invoices/form";
import { formValuesOf } from "@/lib/review/form-values";
import { readForReview, saveInvoice } from "@/lib/review/service";
import { createOwner } from "@/lib/testing/book";
import { testbed } from "@/lib/testing/testbed";

/**
 * The review form's tax fields (issue 10): direction, reverse charge and its rate, the expense category from the
 * fixed list, the deductible share. Parsed and validated by the server action's zod schema, stored, and shown again.
 */
const base: InvoiceFormValues = {
  direction: "received",
  docType: "invoice",
  counterpartyName: "Acme Cloud Ltd",
  counterpartyTaxId: "IE6388047V",
  number: "INV-7",
  issueDate: "2026-02-10",
  lines: [{ rate: "0", base: "100,00", vat: "0,00", recargo: "" }],
  irpfRate: "",
  irpfAmount: "",
  total: "100,00",
  category: "",
  deductiblePct: "100",
  reverseCharge: false,
  reverseChargeRate: "",
};

type TaxFields = Pick<InvoiceUpdate, "direction" | "category" | "deductiblePct" | "reverseCharge" | "reverseChargeRateBp">;

describe("review form tax fields: parsed at the server boundary", () => {
  it.each<[string, Partial<InvoiceFormValues>, TaxFields]>([
    ["an expense with no category", {}, { direction: "received", category: null, deductiblePct: 100, reverseCharge: false, reverseChargeRateBp: null }],
    ["income", { direction: "issued" }, { direction: "issued", category: null, deductiblePct: 100, reverseCharge: false, reverseChargeRateBp: null }],
    ["a category of the fixed list", { category: "alquiler" }, { direction: "received", category: "alquiler", deductiblePct: 100, reverseCharge: false, reverseChargeRateBp: null }],
    ["half deductible", { category: "suministros", deductiblePct: " 50 " }, { direction: "received", category: "suministros", deductiblePct: 50, reverseCharge: false, reverseChargeRateBp: null }],
    ["0 % deductible", { deductiblePct: "0" }, { direction: "received", category: null, deductiblePct: 0, reverseCharge: false, reverseChargeRateBp: null }],
    ["reverse charge at the default 21 %", { reverseCharge: true, category: "software" }, { direction: "received", category: "software", deductiblePct: 100, reverseCharge: true, reverseChargeRateBp: null }],
    ["reverse charge at a named rate", { reverseCharge: true, reverseChargeRate: "10" }, { direction: "received", category: null, deductiblePct: 100, reverseCharge: true, reverseChargeRateBp: 1000 }],
    ["reverse charge at a decimal rate", { reverseCharge: true, reverseChargeRate: "5,5" }, { direction: "received", category: null, deductiblePct: 100, reverseCharge: true, reverseChargeRateBp: 550 }],
    ["a rate without reverse charge is dropped", { reverseChargeRate: "10" }, { direction: "received", category: null, deductiblePct: 100, reverseCharge: false, reverseChargeRateBp: null }],
  ])("%s", (_, over, expected) => {
    const r = invoiceFormSchema.safeParse({ ...base, ...over });
    expect(r.error?.issues).toBeUndefined();
    expect(r.data).toMatchObject(expected);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["a category outside the list", { category: "Vehículo y combustible" }, "category"],
    ["a category key in another case", { category: "Alquiler" }, "category"],
    ["a direction that is neither", { direction: "expense" }, "direction"],
    ["reverse charge on an issued invoice", { direction: "issued", reverseCharge: true }, "reverseCharge"],
    ["reverse charge as text", { reverseCharge: "on" }, "reverseCharge"],
    ["a self-assessment rate that is not a number", { reverseCharge: true, reverseChargeRate: "veintiuno" }, "reverseChargeRate"],
    ["a self-assessment rate over 100 %", { reverseCharge: true, reverseChargeRate: "121" }, "reverseChargeRate"],
    ["a negative self-assessment rate", { reverseCharge: true, reverseChargeRate: "-21" }, "reverseChargeRate"],
    ["a deductible share over 100", { deductiblePct: "101" }, "deductiblePct"],
    ["a fractional deductible share", { deductiblePct: "50,5" }, "deductiblePct"],
    ["an empty deductible share", { deductiblePct: "" }, "deductiblePct"],
  ])("refuses %s", (_, over, path) => {
    const r = invoiceFormSchema.safeParse({ ...base, ...over });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join("."))).toContain(path);
    expect(r.error!.issues.every((i) => i.message.length > 0)).toBe(true);
  });
});

describe("review form tax fields: stored and shown again", () => {
  const bed = testbed();

  async function newDoc(bookId: string, userId: string) {
    const id = randomUUID();
    await insertDocument(bed.handle.db, {
      id, bookId, uploadedBy: userId, storageKey: `${bookId}/2026/02/${id}.pdf`, originalFilename: `${id}.pdf`,
      mimeType: "application/pdf", sizeBytes: 13, sha256: randomUUID(),
    });
    await bed.handle.db.update(documents).set({ status: "needs_review" }).where(eq(documents.id, id));
    return id;
  }

  it("persists what the reviewer set, audits each change, and the form shows it back", async () => {
    const owner = await createOwner(bed.handle.db);
    const documentId = await newDoc(owner.bookId, owner.userId);
    const typed: InvoiceFormValues = { ...base, category: "software", deductiblePct: "80", reverseCharge: true, reverseChargeRate: "10" };
    await saveInvoice(bed.handle.db, { userId: owner.userId, documentId, update: invoiceFormSchema.parse(typed) });

    const rec = await readForReview(bed.handle.db, { userId: owner.userId, documentId });
    expect(rec.invoice).toMatchObject({ direction: "received", category: "software", deductiblePct: 80, reverseCharge: true, reverseChargeRate: "10.00" });
    expect(formValuesOf(rec.document, rec.invoice, rec.lines)).toMatchObject({
      direction: "received", category: "software", deductiblePct: "80", reverseCharge: true, reverseChargeRate: "10",
    });

    // Unmarking reverse charge clears its rate; the history names both changes.
    await saveInvoice(bed.handle.db, { userId: owner.userId, documentId, update: invoiceFormSchema.parse({ ...typed, reverseCharge: false }) });
    const again = await readForReview(bed.handle.db, { userId: owner.userId, documentId });
    expect(again.invoice).toMatchObject({ reverseCharge: false, reverseChargeRate: null });
    const events = await bed.handle.db.select().from(auditEvents).where(eq(auditEvents.documentId, documentId));
    const changes = events.filter((e) => e.field?.startsWith("reverseCharge")).map((e) => [e.field, typeof e.after === "string" ? Number(e.after) : e.after]);
    expect(changes).toEqual(expect.arrayContaining([["reverseCharge", true], ["reverseChargeRate", 10], ["reverseCharge", false], ["reverseChargeRate", null]]));
    expect(changes).toHaveLength(4);
  });

  it("shows an older free-text category as its place in the fixed list", () => {
    const doc = { direction: "received" as const };
    const inv = { category: "Software y suscripciones", deductiblePct: 100, reverseCharge: false, reverseChargeRate: null } as Parameters<typeof formValuesOf>[1];
    expect(formValuesOf(doc, inv, []).category).toBe("software");
    expect(formValuesOf(doc, { ...inv!, category: "Cosas varias" }, []).category).toBe("otros");
    expect(formValuesOf(doc, undefined, [])).toMatchObject({ category: "", reverseCharge: false, reverseChargeRate: "", deductiblePct: "100" });
  });
});
