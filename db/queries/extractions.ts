import "server-only";
import { and, eq, type InferInsertModel } from "drizzle-orm";
import { withTx, type Db } from "@/db/client";
import {
  auditEvents,
  documents,
  extractions,
  invoiceVatLines,
  invoices,
  type DocumentStatus,
  type Invoice,
  type InvoiceVatLine,
} from "@/db/schema";

/** What the pipeline stores for one document (lib/documents/pipeline.ts decides it; this file only writes it). */
export type ExtractionRecord = Omit<InferInsertModel<typeof extractions>, "documentId" | "createdAt">;
export type ExtractionDraft = {
  invoice: Pick<
    Invoice,
    | "direction"
    | "category"
    | "docType"
    | "counterpartyName"
    | "counterpartyTaxId"
    | "number"
    | "issueDate"
    | "currency"
    | "baseCents"
    | "vatCents"
    | "irpfRate"
    | "irpfCents"
    | "recargoCents"
    | "totalCents"
  >;
  lines: Pick<InvoiceVatLine, "rate" | "baseCents" | "vatCents" | "recargoCents">[];
};

/**
 * Persists an extraction and its draft invoice and moves the document from `processing` to `status`, in one
 * transaction. Idempotent: a second run for the same document replaces the extraction and the draft, unless a
 * person has already reviewed the invoice (then the invoice is left as they made it).
 */
export async function saveExtraction(
  db: Db,
  {
    documentId,
    extraction,
    draft: { invoice: fields, lines },
    status,
  }: { documentId: string; extraction: ExtractionRecord; draft: ExtractionDraft; status: Extract<DocumentStatus, "extracted" | "needs_review"> },
): Promise<{ status: DocumentStatus; invoiceId: string }> {
  return withTx(db, async (tx) => {
    const [doc] = await tx.select().from(documents).where(eq(documents.id, documentId)).limit(1);
    if (!doc) throw new Error(`document ${documentId} not found`);

    await tx
      .insert(extractions)
      .values({ documentId, ...extraction })
      .onConflictDoUpdate({ target: extractions.documentId, set: { ...extraction, createdAt: new Date() } });

    const draft = { bookId: doc.bookId, ...fields, updatedAt: new Date() };
    const [existing] = await tx.select().from(invoices).where(eq(invoices.documentId, documentId)).limit(1);
    let invoiceId: string;
    if (existing?.reviewedAt) {
      invoiceId = existing.id;
    } else {
      const [inv] = await tx
        .insert(invoices)
        .values({ documentId, ...draft })
        .onConflictDoUpdate({ target: invoices.documentId, set: draft })
        .returning({ id: invoices.id });
      invoiceId = inv.id;
      await tx.delete(invoiceVatLines).where(eq(invoiceVatLines.invoiceId, invoiceId));
      if (lines.length > 0) await tx.insert(invoiceVatLines).values(lines.map((l) => ({ invoiceId, ...l })));
    }

    await tx
      .update(documents)
      // The document's direction follows its invoice's (set from the parties), unless a person already reviewed it.
      .set({ status, direction: existing?.reviewedAt ? existing.direction : fields.direction, processedAt: new Date(), updatedAt: new Date(), errorCode: null, errorMessage: null })
      .where(and(eq(documents.id, documentId), eq(documents.status, "processing")));
    await tx.insert(auditEvents).values({
      bookId: doc.bookId,
      documentId,
      action: "document.extracted",
      after: { status, confidence: extraction.confidence, textSource: extraction.textSource },
    });
    return { status, invoiceId };
  });
}

export async function getExtraction(db: Db, { documentId }: { documentId: string }) {
  const [row] = await db.select().from(extractions).where(eq(extractions.documentId, documentId)).limit(1);
  return row;
}

export async function getInvoiceForDocument(db: Db, { documentId }: { documentId: string }) {
  const [row] = await db.select().from(invoices).where(eq(invoices.documentId, documentId)).limit(1);
  if (!row) return undefined;
  const lines = await db.select().from(invoiceVatLines).where(eq(invoiceVatLines.invoiceId, row.id));
  return { ...row, vatLines: lines };
}
