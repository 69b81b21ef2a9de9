import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimForProcessing, insertDocument, markFailed } from "@/db/queries/documents";
import { saveParsed } from "@/lib/documents/pipeline";
import type { ParsedInvoice } from "@/lib/documents/parse";
import type { TextResult } from "@/lib/documents/text";
import { messageFor } from "@/lib/errors";
import { reviewQueue, saveInvoice } from "@/lib/review/service";
import { createOwner } from "@/lib/testing/book";
import { createTestDb } from "@/lib/testing/db";

/** The review queue row says why a document needs review: the checks' issues and the doubtful readings. */
const TODAY = "2026-05-10";
let handle: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

const text: TextResult = { source: "ocr", text: "FACTURA", confidence: 0.8, pages: 1, engine: "test" };

/** An extraction with no issue date and a number read with low confidence. */
const fields: ParsedInvoice = {
  docType: "invoice",
  language: "es",
  vendorName: "Papelería Río Duero S.L.",
  vendorTaxId: "B12345674",
  customerTaxId: null,
  invoiceNumber: "F-7",
  issueDate: null,
  currency: "EUR",
  vatLines: [{ rateBp: 2100, baseCents: 100_000, vatCents: 21_000 }],
  baseCents: 100_000,
  vatCents: 21_000,
  irpfRateBp: null,
  irpfCents: null,
  recargoCents: null,
  totalCents: 121_000,
  fieldConfidence: { vendorName: 0.9, vendorTaxId: 0.95, invoiceNumber: 0.35, issueDate: 0, baseCents: 0.9, vatCents: 0.9, totalCents: 0.9 },
  checks: { vendorTaxIdValid: true, arithmeticOk: true },
  confidence: 0.6,
  boxes: {},
};

async function newDocument(bookId: string, userId: string) {
  const id = randomUUID();
  await insertDocument(handle.db, { id, bookId, uploadedBy: userId, storageKey: `${bookId}/x/${id}.pdf`, originalFilename: "f.pdf", mimeType: "application/pdf", sizeBytes: 1, sha256: randomUUID() });
  await claimForProcessing(handle.db, { id });
  return id;
}

describe("review queue reasons", () => {
  it("lists the failing checks and doubtful readings per row, drops the readings once a person saved, and explains failures", async () => {
    const owner = await createOwner(handle.db);
    const docId = await newDocument(owner.bookId, owner.userId);
    await saveParsed(handle.db, { documentId: docId, text, fields, ownTaxId: null });
    const failedId = await newDocument(owner.bookId, owner.userId);
    await markFailed(handle.db, { id: failedId, code: "extraction:no_text", message: "x" });

    const rowOf = async (id: string) => (await reviewQueue(handle.db, { userId: owner.userId, bookId: owner.bookId, today: TODAY })).items.find((i) => i.id === id)!;
    const row = await rowOf(docId);
    expect(row.status).toBe("needs_review");
    expect(row.reasons.map((r) => [r.field, r.kind])).toEqual([
      ["issueDate", "error"],
      ["number", "doubtful"],
    ]);
    expect(row.reasons[0].message).toBe("Falta la fecha de emisión.");
    expect(row).not.toHaveProperty("fieldConfidence");

    await saveInvoice(handle.db, {
      userId: owner.userId,
      documentId: docId,
      update: {
        direction: "received",
        docType: "invoice",
        counterpartyName: fields.vendorName,
        counterpartyTaxId: fields.vendorTaxId,
        number: "F-7",
        issueDate: "2026-04-01",
        lines: [{ rateBp: 2100, baseCents: 100_000, vatCents: 21_000, recargoCents: 0 }],
        irpfRateBp: null,
        irpfCents: null,
        totalCents: 121_000,
        category: null,
        deductiblePct: 100,
      },
    });
    expect((await rowOf(docId)).reasons).toEqual([]);

    expect((await rowOf(failedId)).reasons).toEqual([{ field: "document", label: "Documento", kind: "error", message: messageFor("extraction:no_text") }]);
  });
});
