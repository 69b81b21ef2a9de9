import "server-only";
import { and, asc, desc, eq, gte, ilike, inArray, lte, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  bookMembers,
  books,
  documents,
  extractions,
  invoiceVatLines,
  invoices,
  type Direction,
  type DocumentStatus,
  type Invoice,
  type InvoiceVatLine,
  type MemberRole,
} from "@/db/schema";
import { escapeLike } from "@/db/queries/sql";
import { PENDING_REVIEW } from "@/lib/documents/status";


/** queue_rank per status (mirrors the generated column in db/schema.ts). */
export const QUEUE_RANK: Record<DocumentStatus, number> = {
  needs_review: 7,
  extracted: 6,
  failed: 5,
  uploaded: 4,
  processing: 4,
  rejected: 3,
  approved: 2,
  duplicate: 1,
};

export type QueueFilters = {
  /** One status, or "pending" (extracted + needs_review). */
  status?: DocumentStatus | "pending";
  direction?: Direction;
  /** Inclusive ISO range on the invoice's issue date (a quarter). */
  issueFrom?: string;
  issueTo?: string;
  counterparty?: string;
  minCents?: number;
  maxCents?: number;
  /** Counterparty name or tax id, invoice number, or an amount equal to the total. */
  search?: string;
  searchCents?: number | null;
};

export type QueueCursor = { after?: string; before?: string; last?: boolean };

export type QueueRow = {
  id: string;
  filename: string;
  status: DocumentStatus;
  direction: Direction;
  createdAt: string;
  invoiceId: string | null;
  docType: Invoice["docType"] | null;
  counterpartyName: string | null;
  counterpartyTaxId: string | null;
  number: string | null;
  issueDate: string | null;
  irpfRate: string | null;
  irpfCents: number | null;
  totalCents: number | null;
  errorCode: string | null;
  /** When a person saved the record (then the extraction's confidences no longer describe it). */
  reviewedAt: Date | null;
  /** The extraction's per-field confidences (fields it found), for the row's review reasons. */
  fieldConfidence: Record<string, number> | null;
};


function filterConditions(bookId: string, f: QueueFilters): SQL[] {
  const c: SQL[] = [eq(documents.bookId, bookId)];
  if (f.status === "pending") c.push(inArray(documents.queueRank, [7, 6]), inArray(documents.status, PENDING_REVIEW));
  else if (f.status) c.push(eq(documents.queueRank, QUEUE_RANK[f.status]), eq(documents.status, f.status));
  if (f.direction) c.push(eq(documents.direction, f.direction));
  if (f.issueFrom) c.push(gte(invoices.issueDate, f.issueFrom));
  if (f.issueTo) c.push(lte(invoices.issueDate, f.issueTo));
  if (f.counterparty?.trim()) {
    const p = `%${escapeLike(f.counterparty.trim())}%`;
    c.push(or(ilike(invoices.counterpartyName, p), ilike(invoices.counterpartyTaxId, p))!);
  }
  if (f.minCents !== undefined) c.push(gte(invoices.totalCents, f.minCents));
  if (f.maxCents !== undefined) c.push(lte(invoices.totalCents, f.maxCents));
  if (f.search?.trim()) {
    const p = `%${escapeLike(f.search.trim())}%`;
    const any: SQL[] = [
      ilike(invoices.counterpartyName, p),
      ilike(invoices.counterpartyTaxId, p),
      ilike(invoices.number, p),
      ilike(documents.originalFilename, p),
    ];
    if (f.searchCents !== undefined && f.searchCents !== null) any.push(eq(invoices.totalCents, f.searchCents));
    c.push(or(...any)!);
  }
  return c;
}

const queueColumns = {
  id: documents.id,
  filename: documents.originalFilename,
  status: documents.status,
  direction: documents.direction,
  createdAt: documents.createdAt,
  invoiceId: invoices.id,
  docType: invoices.docType,
  counterpartyName: invoices.counterpartyName,
  counterpartyTaxId: invoices.counterpartyTaxId,
  number: invoices.number,
  issueDate: invoices.issueDate,
  irpfRate: invoices.irpfRate,
  irpfCents: invoices.irpfCents,
  totalCents: invoices.totalCents,
  errorCode: documents.errorCode,
  reviewedAt: invoices.reviewedAt,
  // Only the confidences of the fields found, not their boxes: small rows.
  fieldConfidence: sql<Record<string, number> | null>`(select jsonb_object_agg(f.key, f.value -> 'confidence') from jsonb_each(${extractions.fields}) f where f.value -> 'value' <> 'null'::jsonb)`,
};

/** The row triple of a document, for keyset comparisons (exact: no timestamp round trip through JS). */
const keyOf = (bookId: string, id: string) =>
  sql`(select d2.queue_rank, d2.created_at, d2.id from ${documents} d2 where d2.id = ${id} and d2.book_id = ${bookId})`;
const triple = sql`(${documents.queueRank}, ${documents.createdAt}, ${documents.id})`;

/**
 * One page of a book's review queue: most urgent status first, then newest, keyset-paginated on
 * (queue_rank, created_at, id) so the first and the last page cost the same (index documents_book_queue_idx).
 * `after` = the last id of the previous page; `before` = the first id of the next page; `last` = the final page.
 */
export async function listReviewQueue(
  db: Db,
  { bookId, filters = {}, cursor = {}, limit = 50 }: { bookId: string; filters?: QueueFilters; cursor?: QueueCursor; limit?: number },
): Promise<{ rows: QueueRow[]; hasNext: boolean; hasPrev: boolean }> {
  const conds = filterConditions(bookId, filters);
  const backwards = Boolean(cursor.before || cursor.last);
  if (cursor.after) conds.push(sql`${triple} < ${keyOf(bookId, cursor.after)}`);
  if (cursor.before) conds.push(sql`${triple} > ${keyOf(bookId, cursor.before)}`);
  const order = backwards
    ? [asc(documents.queueRank), asc(documents.createdAt), asc(documents.id)]
    : [desc(documents.queueRank), desc(documents.createdAt), desc(documents.id)];
  const raw = await db
    .select(queueColumns)
    .from(documents)
    .leftJoin(invoices, eq(invoices.documentId, documents.id))
    .leftJoin(extractions, eq(extractions.documentId, documents.id))
    .where(and(...conds))
    .orderBy(...order)
    .limit(limit + 1);
  const more = raw.length > limit;
  const page = raw.slice(0, limit);
  if (backwards) page.reverse();
  const rows = page.map(({ createdAt, ...r }) => ({ ...r, createdAt: createdAt.toISOString() }));
  return backwards
    ? { rows, hasPrev: more, hasNext: !cursor.last }
    : { rows, hasNext: more, hasPrev: Boolean(cursor.after) };
}

export async function countReviewQueue(db: Db, { bookId, filters = {} }: { bookId: string; filters?: QueueFilters }) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(documents)
    .leftJoin(invoices, eq(invoices.documentId, documents.id))
    .where(and(...filterConditions(bookId, filters)));
  return row?.n ?? 0;
}

/** The documents just before and after one in the (unfiltered) queue order, for next/previous. */
export async function queueNeighbours(db: Db, { bookId, documentId }: { bookId: string; documentId: string }) {
  const [[next], [prev]] = await Promise.all([
    db
      .select({ id: documents.id })
      .from(documents)
      .where(and(eq(documents.bookId, bookId), sql`${triple} < ${keyOf(bookId, documentId)}`))
      .orderBy(desc(documents.queueRank), desc(documents.createdAt), desc(documents.id))
      .limit(1),
    db
      .select({ id: documents.id })
      .from(documents)
      .where(and(eq(documents.bookId, bookId), sql`${triple} > ${keyOf(bookId, documentId)}`))
      .orderBy(asc(documents.queueRank), asc(documents.createdAt), asc(documents.id))
      .limit(1),
  ]);
  return { nextId: next?.id ?? null, prevId: prev?.id ?? null };
}

/**
 * The pending document that follows `documentId` in queue order (wrapping to the first pending one), for "approve
 * and open the next". Never `documentId` itself.
 */
export async function nextPendingId(db: Db, { bookId, documentId }: { bookId: string; documentId: string }) {
  const pending = and(eq(documents.bookId, bookId), inArray(documents.status, PENDING_REVIEW), sql`${documents.id} <> ${documentId}`);
  const order = [desc(documents.queueRank), desc(documents.createdAt), desc(documents.id)];
  const [after] = await db
    .select({ id: documents.id })
    .from(documents)
    .where(and(pending, sql`${triple} < ${keyOf(bookId, documentId)}`))
    .orderBy(...order)
    .limit(1);
  if (after) return after.id;
  const [first] = await db.select({ id: documents.id }).from(documents).where(pending).orderBy(...order).limit(1);
  return first?.id ?? null;
}

export async function listVatLines(db: Db, { invoiceIds }: { invoiceIds: string[] }): Promise<InvoiceVatLine[]> {
  if (invoiceIds.length === 0) return [];
  return db
    .select()
    .from(invoiceVatLines)
    .where(inArray(invoiceVatLines.invoiceId, invoiceIds))
    .orderBy(desc(invoiceVatLines.rate), asc(invoiceVatLines.id));
}

/** Invoice, VAT lines and extraction of a document in the caller's book. */
export async function getReviewRecord(db: Db, { bookId, documentId }: { bookId: string; documentId: string }) {
  const [invoice] = await db
    .select()
    .from(invoices)
    .where(and(eq(invoices.bookId, bookId), eq(invoices.documentId, documentId)))
    .limit(1);
  const [lines, [extraction]] = await Promise.all([
    invoice ? listVatLines(db, { invoiceIds: [invoice.id] }) : Promise.resolve([]),
    db.select().from(extractions).where(eq(extractions.documentId, documentId)).limit(1),
  ]);
  return { invoice, lines, extraction };
}

export type InvoiceValues = Omit<
  typeof invoices.$inferInsert,
  "id" | "documentId" | "bookId" | "createdAt" | "updatedAt" | "reviewedAt" | "reviewedBy"
>;

/** Writes the invoice (creating it when the pipeline made none) and replaces its VAT lines. */
export async function upsertInvoice(
  db: Db,
  {
    bookId,
    documentId,
    values,
    lines,
    reviewedBy,
  }: {
    bookId: string;
    documentId: string;
    values: InvoiceValues;
    lines: { rate: string; baseCents: number; vatCents: number; recargoCents: number }[];
    reviewedBy: string;
  },
): Promise<Invoice> {
  const set = { ...values, reviewedBy, reviewedAt: new Date(), updatedAt: new Date() };
  const [inv] = await db
    .insert(invoices)
    .values({ bookId, documentId, ...set })
    .onConflictDoUpdate({ target: invoices.documentId, set, setWhere: eq(invoices.bookId, bookId) })
    .returning();
  await db.delete(invoiceVatLines).where(eq(invoiceVatLines.invoiceId, inv.id));
  if (lines.length > 0) await db.insert(invoiceVatLines).values(lines.map((l) => ({ invoiceId: inv.id, ...l })));
  return inv;
}

/** Moves a document between statuses, only from the allowed ones. Returns the updated row or undefined. */
export async function transitionDocument(
  db: Db,
  {
    bookId,
    documentId,
    from,
    to,
    set = {},
  }: {
    bookId: string;
    documentId: string;
    from: DocumentStatus[];
    to: DocumentStatus;
    set?: Partial<Pick<typeof documents.$inferInsert, "rejectionReason" | "direction" | "errorCode" | "errorMessage" | "attempts">>;
  },
) {
  const [row] = await db
    .update(documents)
    .set({ status: to, updatedAt: new Date(), ...set })
    .where(and(eq(documents.id, documentId), eq(documents.bookId, bookId), inArray(documents.status, from)))
    .returning();
  return row;
}

export async function setDocumentDirection(
  db: Db,
  { bookId, documentId, direction }: { bookId: string; documentId: string; direction: Direction },
) {
  await db
    .update(documents)
    .set({ direction, updatedAt: new Date() })
    .where(and(eq(documents.id, documentId), eq(documents.bookId, bookId)));
}

export async function markInvoiceReviewed(
  db: Db,
  { bookId, documentId, userId, reviewed }: { bookId: string; documentId: string; userId: string | null; reviewed: boolean },
) {
  await db
    .update(invoices)
    .set(reviewed ? { reviewedBy: userId, reviewedAt: new Date() } : { reviewedBy: null, reviewedAt: null })
    .where(and(eq(invoices.documentId, documentId), eq(invoices.bookId, bookId)));
}

export type ClientSummary = {
  bookId: string;
  legalName: string;
  nif: string;
  role: MemberRole;
  waiting: number;
  failed: number;
  approvedInQuarter: number;
};

/**
 * "Mis clientes": per book the user is a member of — documents waiting for review, failed, and approved with an
 * issue date in the given quarter. Scoped by the membership join itself.
 */
export async function listClientSummaries(
  db: Db,
  { userId, quarterFrom, quarterTo }: { userId: string; quarterFrom: string; quarterTo: string },
): Promise<ClientSummary[]> {
  return db
    .select({
      bookId: books.id,
      legalName: books.legalName,
      nif: books.nif,
      role: bookMembers.role,
      waiting: sql<number>`count(${documents.id}) filter (where ${documents.status} in ('extracted', 'needs_review'))::int`,
      failed: sql<number>`count(${documents.id}) filter (where ${documents.status} = 'failed')::int`,
      approvedInQuarter: sql<number>`count(${documents.id}) filter (where ${documents.status} = 'approved' and ${invoices.issueDate} between ${quarterFrom} and ${quarterTo})::int`,
    })
    .from(bookMembers)
    .innerJoin(books, eq(books.id, bookMembers.bookId))
    .leftJoin(documents, eq(documents.bookId, books.id))
    .leftJoin(invoices, eq(invoices.documentId, documents.id))
    .where(eq(bookMembers.userId, userId))
    .groupBy(books.id, books.legalName, books.nif, bookMembers.role, bookMembers.createdAt)
    .orderBy(asc(bookMembers.createdAt));
}
