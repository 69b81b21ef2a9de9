import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  auditEvents,
  books,
  documents,
  extractions,
  invoiceVatLines,
  invoices,
  type DocumentStatus,
  type ExtractedField,
} from "@/db/schema";
import { einvoiceExtraFields } from "@/lib/documents/einvoice/fields";
import { assessTrust } from "@/lib/documents/parse/trust";
import type { ParsedInvoice } from "@/lib/documents/parse";
import type { TextResult } from "@/lib/documents/text";
import { bpToNumeric, bpToPercent } from "@/lib/tax/vat";
import { guessCategory } from "@/lib/tax/categories";
import { invoiceDirection } from "@/lib/tax/direction";

/** Per-field values, confidences and (when the text came with a layout) source boxes, as the review UI reads them. */
export function fieldsOf(p: ParsedInvoice): Record<string, ExtractedField> {
  const c = (k: string) => p.fieldConfidence[k] ?? (p.confidence || 0);
  const f = (k: keyof ParsedInvoice, value: string | number | null): ExtractedField => {
    const box = value === null ? undefined : p.boxes?.[k];
    return { value, confidence: value === null ? 0 : c(k), ...(box ? { box } : {}) };
  };
  return {
    docType: f("docType", p.docType),
    vendorName: f("vendorName", p.vendorName),
    vendorTaxId: f("vendorTaxId", p.vendorTaxId),
    customerTaxId: f("customerTaxId", p.customerTaxId),
    invoiceNumber: f("invoiceNumber", p.invoiceNumber),
    issueDate: f("issueDate", p.issueDate),
    currency: f("currency", p.currency),
    baseCents: f("baseCents", p.baseCents),
    vatCents: f("vatCents", p.vatCents),
    irpfRate: f("irpfRateBp", p.irpfRateBp === null ? null : bpToPercent(p.irpfRateBp)),
    irpfCents: f("irpfCents", p.irpfCents),
    recargoCents: f("recargoCents", p.recargoCents),
    totalCents: f("totalCents", p.totalCents),
  };
}

/** A draft passes when the headline fields are there and the arithmetic and tax id check out. */
export function statusFor(p: ParsedInvoice): Extract<DocumentStatus, "extracted" | "needs_review"> {
  // Green only when every key field is consistent and confidently read (lib/documents/parse/trust).
  return assessTrust(p).status;
}

/**
 * Persists an extraction and its draft invoice and moves the document to `extracted` or `needs_review`,
 * in one transaction. Idempotent: a second run for the same document replaces the extraction and the
 * draft, unless a person has already reviewed the invoice (then the invoice is left as they made it).
 */
export async function saveExtraction(
  db: Db,
  { documentId, text, fields, ownTaxId }: { documentId: string; text: TextResult; fields: ParsedInvoice; ownTaxId?: string | null },
): Promise<{ status: DocumentStatus; invoiceId: string }> {
  return db.transaction(async (tx) => {
    const [doc] = await tx.select().from(documents).where(eq(documents.id, documentId)).limit(1);
    if (!doc) throw new Error(`document ${documentId} not found`);

    const extraction = {
      engine: text.engine,
      textSource: text.source,
      ocrConfidence: text.confidence,
      confidence: fields.confidence,
      rawText: text.text,
      // An e-invoice also records its format, the other party, series, corrected invoice and signature.
      fields: text.einvoice ? { ...fieldsOf(fields), ...einvoiceExtraFields(text.einvoice, { ownTaxId }) } : fieldsOf(fields),
      layout: text.layout ?? null,
    };
    await tx
      .insert(extractions)
      .values({ documentId, ...extraction })
      .onConflictDoUpdate({ target: extractions.documentId, set: { ...extraction, createdAt: new Date() } });

    // Direction from the parties (lib/tax/direction.ts): the book's own NIF as the vendor's means it issued it.
    const [book] = await tx.select({ nif: books.nif }).from(books).where(eq(books.id, doc.bookId)).limit(1);
    const direction = book ? invoiceDirection(fields.vendorTaxId, book.nif) : doc.direction;
    const draft = {
      bookId: doc.bookId,
      direction,
      docType: fields.docType,
      counterpartyName: direction === "issued" ? null : fields.vendorName,
      counterpartyTaxId: direction === "issued" ? fields.customerTaxId : fields.vendorTaxId,
      category: direction === "issued" ? null : guessCategory(text.text),
      number: fields.invoiceNumber,
      issueDate: fields.issueDate,
      currency: fields.currency,
      baseCents: fields.baseCents,
      vatCents: fields.vatCents,
      irpfRate: fields.irpfRateBp === null ? null : bpToNumeric(fields.irpfRateBp),
      irpfCents: fields.irpfCents,
      recargoCents: fields.recargoCents,
      totalCents: fields.totalCents,
      updatedAt: new Date(),
    };
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
      if (fields.vatLines.length > 0) {
        await tx.insert(invoiceVatLines).values(
          fields.vatLines.map((l) => ({
            invoiceId,
            rate: bpToNumeric(l.rateBp),
            baseCents: l.baseCents,
            vatCents: l.vatCents,
          })),
        );
      }
    }

    const status = statusFor(fields);
    await tx
      .update(documents)
      .set({ status, direction: existing?.reviewedAt ? existing.direction : direction, processedAt: new Date(), updatedAt: new Date(), errorCode: null, errorMessage: null })
      .where(and(eq(documents.id, documentId), eq(documents.status, "processing")));
    await tx.insert(auditEvents).values({
      bookId: doc.bookId,
      documentId,
      action: "document.extracted",
      after: { status, confidence: fields.confidence, textSource: text.source },
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
