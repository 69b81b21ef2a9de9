import { describe, expect, it } from "vitest";
import { getExtraction, getInvoiceForDocument } from "@/db/queries/extractions";
import { findVendorMemories } from "@/db/queries/vendor-memory";
import { ingestUpload } from "@/lib/documents/ingest";
import { runPipeline, type StepTools } from "@/lib/documents/pipeline";
import type { InvoiceUpdate } from "@/lib/invoices/form";
import { approveDocument, saveAndApprove, saveInvoice } from "@/lib/review/service";
import { createOwner } from "@/lib/testing/book";
import { pipelineTestbed } from "@/lib/testing/pipeline";
import { makeInvoicePdf, SAMPLE_INVOICE } from "@/lib/testing/fixtures";

/**
 * Learning from the reviewer, on a real database (PostgreSQL when DATABASE_URL is set): a save or an approval
 * writes the vendor's memory into the reviewer's book only, and the vendor's next document in that book is read
 * with it — in another book it is not.
 */
const REMEMBERED = "Papelería Río Duero, Sociedad Limitada";
const TODAY = "2026-05-10";

const bed = pipelineTestbed();
const step: StepTools = { run: async (_id, fn) => fn() };

/** Uploads a sample invoice into the owner's book and runs the pipeline on it. */
async function processed(owner: { userId: string; bookId: string }, number: string) {
  const bytes = await makeInvoicePdf({ ...SAMPLE_INVOICE, number });
  const { document } = await ingestUpload(
    { db: bed.handle.db, storage: bed.store.storage, enqueue: async () => {}, maxBytes: 10 * 1024 * 1024 },
    { ...owner, filename: `${number}.pdf`, bytes },
  );
  await runPipeline(bed.deps, { documentId: document.id, step });
  const invoice = await getInvoiceForDocument(bed.handle.db, { documentId: document.id });
  return { documentId: document.id, invoice: invoice! };
}

function reviewed(over: Partial<InvoiceUpdate> = {}): InvoiceUpdate {
  return {
    direction: "received",
    docType: "invoice",
    counterpartyName: REMEMBERED,
    counterpartyTaxId: SAMPLE_INVOICE.vendorNif,
    number: "F-2026-0001",
    issueDate: "2026-03-15",
    lines: [{ rateBp: 2100, baseCents: 100_000, vatCents: 21_000, recargoCents: 0 }],
    irpfRateBp: null,
    irpfCents: null,
    totalCents: 121_000,
    category: null,
    deductiblePct: 100,
    ...over,
  };
}

describe("vendor memory from the review desk", () => {
  it("a save and approval teach the book, not another book, and the vendor's next document gets the remembered name", async () => {
    const a = await createOwner(bed.handle.db);
    const b = await createOwner(bed.handle.db);
    const first = await processed(a, "F-2026-0001");
    // The parser reads the name as printed; the reviewer corrects it.
    expect(first.invoice.counterpartyName).toBe(SAMPLE_INVOICE.vendor);
    expect((await getExtraction(bed.handle.db, { documentId: first.documentId }))?.layout?.lines.length).toBeGreaterThan(5);
    await saveAndApprove(bed.handle.db, { userId: a.userId, documentId: first.documentId, update: reviewed(), today: TODAY });

    const [memory] = await findVendorMemories(bed.handle.db, { bookId: a.bookId, taxIds: [SAMPLE_INVOICE.vendorNif] });
    expect(memory).toMatchObject({
      vendorTaxId: SAMPLE_INVOICE.vendorNif,
      vendorName: REMEMBERED,
      documents: 1,
      rateSets: { "2100": 1 },
      irpfRates: { "0": 1 },
      number: { label: "n factura", below: false, shape: "F-9999-9999" },
      date: { label: "fecha", below: false },
    });
    expect(memory.number?.at?.page).toBe(1);
    expect(await findVendorMemories(bed.handle.db, { bookId: b.bookId, taxIds: [SAMPLE_INVOICE.vendorNif] })).toEqual([]);

    const next = await processed(a, "F-2026-0002");
    expect(next.invoice.counterpartyName).toBe(REMEMBERED);
    expect(next.invoice.number).toBe("F-2026-0002");
    const fields = (await getExtraction(bed.handle.db, { documentId: next.documentId }))!.fields;
    expect(fields.vendorName).toMatchObject({ value: REMEMBERED });
    expect(fields.vendorName.confidence).toBeGreaterThanOrEqual(0.95);

    const elsewhere = await processed(b, "F-2026-0002");
    expect(elsewhere.invoice.counterpartyName).toBe(SAMPLE_INVOICE.vendor);
  });

  it("a save alone teaches, and saving the same document again does not count it twice", async () => {
    const a = await createOwner(bed.handle.db);
    const doc = await processed(a, "F-2026-0101");
    await saveInvoice(bed.handle.db, { userId: a.userId, documentId: doc.documentId, update: reviewed({ number: "F-2026-0101" }) });
    await saveInvoice(bed.handle.db, { userId: a.userId, documentId: doc.documentId, update: reviewed({ number: "F-2026-0101", counterpartyName: "Río Duero S.L." }) });
    const [memory] = await findVendorMemories(bed.handle.db, { bookId: a.bookId, taxIds: [SAMPLE_INVOICE.vendorNif] });
    expect(memory).toMatchObject({ vendorName: "Río Duero S.L.", documents: 1 });

    await approveDocument(bed.handle.db, { userId: a.userId, documentId: doc.documentId, today: TODAY });
    const [after] = await findVendorMemories(bed.handle.db, { bookId: a.bookId, taxIds: [SAMPLE_INVOICE.vendorNif] });
    expect(after.documents).toBe(1);
  });

  it("an issued invoice teaches nothing (its counterparty is a customer, not a vendor)", async () => {
    const a = await createOwner(bed.handle.db);
    const doc = await processed(a, "F-2026-0201");
    await saveInvoice(bed.handle.db, { userId: a.userId, documentId: doc.documentId, update: reviewed({ direction: "issued", number: "F-2026-0201" }) });
    expect(await findVendorMemories(bed.handle.db, { bookId: a.bookId, taxIds: [SAMPLE_INVOICE.vendorNif] })).toEqual([]);
  });
});
