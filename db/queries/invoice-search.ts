import "server-only";
import { and, asc, desc, eq, gte, ilike, inArray, lte, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { documents, invoiceVatLines, invoices, type Direction } from "@/db/schema";
import { escapeLike } from "@/db/queries/sql";
import { PENDING_REVIEW } from "@/lib/documents/status";

/** What the assistant and lists show of an invoice (amounts in cents). */
export const invoiceSummaryColumns = {
  id: invoices.id,
  documentId: invoices.documentId,
  direction: invoices.direction,
  docType: invoices.docType,
  status: documents.status,
  counterpartyName: invoices.counterpartyName,
  counterpartyTaxId: invoices.counterpartyTaxId,
  number: invoices.number,
  issueDate: invoices.issueDate,
  currency: invoices.currency,
  baseCents: invoices.baseCents,
  vatCents: invoices.vatCents,
  irpfCents: invoices.irpfCents,
  totalCents: invoices.totalCents,
  filename: documents.originalFilename,
};

export type InvoiceSearch = {
  bookId: string;
  /** Matches counterparty name or tax id, case-insensitive, anywhere in the text. */
  counterparty?: string;
  from?: string;
  to?: string;
  minTotalCents?: number;
  maxTotalCents?: number;
  statuses?: string[];
  direction?: Direction;
  limit?: number;
};


/** The book's invoices matching every given filter, newest first. Always scoped to `bookId`. */
export async function searchInvoices(db: Db, q: InvoiceSearch) {
  const where: SQL[] = [eq(invoices.bookId, q.bookId)];
  if (q.counterparty) {
    const pattern = `%${escapeLike(q.counterparty.trim())}%`;
    where.push(or(ilike(invoices.counterpartyName, pattern), ilike(invoices.counterpartyTaxId, pattern))!);
  }
  if (q.from) where.push(gte(invoices.issueDate, q.from));
  if (q.to) where.push(lte(invoices.issueDate, q.to));
  if (q.minTotalCents !== undefined) where.push(gte(invoices.totalCents, q.minTotalCents));
  if (q.maxTotalCents !== undefined) where.push(lte(invoices.totalCents, q.maxTotalCents));
  if (q.statuses?.length) where.push(inArray(documents.status, q.statuses as (typeof documents.status._.data)[]));
  if (q.direction) where.push(eq(invoices.direction, q.direction));
  return db
    .select(invoiceSummaryColumns)
    .from(invoices)
    .innerJoin(documents, and(eq(documents.id, invoices.documentId), eq(documents.bookId, q.bookId)))
    .where(and(...where))
    .orderBy(sql`${invoices.issueDate} desc nulls last`, desc(invoices.createdAt))
    .limit(Math.min(Math.max(q.limit ?? 20, 1), 50));
}

/** One invoice of the book, by invoice id or document id, with its IVA lines; undefined when not in this book. */
export async function getBookInvoice(db: Db, { bookId, id }: { bookId: string; id: string }) {
  const [row] = await db
    .select({
      ...invoiceSummaryColumns,
      irpfRate: invoices.irpfRate,
      recargoCents: invoices.recargoCents,
      category: invoices.category,
      deductiblePct: invoices.deductiblePct,
      reviewedAt: invoices.reviewedAt,
    })
    .from(invoices)
    .innerJoin(documents, and(eq(documents.id, invoices.documentId), eq(documents.bookId, bookId)))
    .where(and(eq(invoices.bookId, bookId), or(eq(invoices.id, id), eq(invoices.documentId, id))))
    .limit(1);
  if (!row) return undefined;
  const vatLines = await db
    .select({
      rate: invoiceVatLines.rate,
      baseCents: invoiceVatLines.baseCents,
      vatCents: invoiceVatLines.vatCents,
      recargoCents: invoiceVatLines.recargoCents,
    })
    .from(invoiceVatLines)
    .where(eq(invoiceVatLines.invoiceId, row.id))
    .orderBy(desc(invoiceVatLines.rate));
  return { ...row, vatLines };
}

/** Documents of the book waiting for a person: `needs_review` first, then `extracted` (not yet approved). */
export async function listPendingReview(db: Db, { bookId, limit = 20 }: { bookId: string; limit?: number }) {
  return db
    .select({
      documentId: documents.id,
      status: documents.status,
      filename: documents.originalFilename,
      uploadedAt: documents.createdAt,
      invoiceId: invoices.id,
      counterpartyName: invoices.counterpartyName,
      number: invoices.number,
      issueDate: invoices.issueDate,
      totalCents: invoices.totalCents,
    })
    .from(documents)
    .leftJoin(invoices, and(eq(invoices.documentId, documents.id), eq(invoices.bookId, bookId)))
    .where(and(eq(documents.bookId, bookId), inArray(documents.status, PENDING_REVIEW)))
    .orderBy(sql`case ${documents.status} when 'needs_review' then 0 else 1 end`, asc(documents.createdAt))
    .limit(Math.min(Math.max(limit, 1), 50));
}

/** How many documents of the book wait for review, by status. */
export async function countPendingReview(db: Db, { bookId }: { bookId: string }) {
  const rows = await db
    .select({ status: documents.status, n: sql<number>`count(*)::int` })
    .from(documents)
    .where(and(eq(documents.bookId, bookId), inArray(documents.status, PENDING_REVIEW)))
    .groupBy(documents.status);
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Record<string, number>;
}
