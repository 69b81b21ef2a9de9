import "server-only";
import { and, desc, eq, inArray, lt, ne, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  auditEvents,
  documents,
  extractions,
  invoices,
  type Document,
  type NewDocument,
} from "@/db/schema";
import { messageFor } from "@/lib/errors";
import type { InboxItem } from "@/lib/documents/status";

/** The original (non-duplicate) document with this content in the book, if any. */
export async function findDocumentBySha(
  db: Db,
  { bookId, sha256 }: { bookId: string; sha256: string },
): Promise<Document | undefined> {
  const [row] = await db
    .select()
    .from(documents)
    .where(and(eq(documents.bookId, bookId), eq(documents.sha256, sha256), ne(documents.status, "duplicate")))
    .limit(1);
  return row;
}

export async function insertDocument(db: Db, values: NewDocument & { id: string }): Promise<Document> {
  const [row] = await db.insert(documents).values(values).returning();
  await db.insert(auditEvents).values({
    bookId: row.bookId,
    documentId: row.id,
    userId: row.uploadedBy,
    action: row.status === "duplicate" ? "document.duplicate" : "document.uploaded",
    after: { filename: row.originalFilename, sha256: row.sha256, status: row.status },
  });
  return row;
}

/** Pipeline use only (not user-scoped): the document by id. */
export async function getDocumentById(db: Db, { id }: { id: string }) {
  const [row] = await db.select().from(documents).where(eq(documents.id, id)).limit(1);
  return row;
}

/** The inbox of a book: newest first, with the draft invoice's headline fields, as JSON-ready items. */
export async function listInbox(
  db: Db,
  { bookId, limit = 200, offset = 0 }: { bookId: string; limit?: number; offset?: number },
): Promise<InboxItem[]> {
  const rows = await db
    .select({
      id: documents.id,
      filename: documents.originalFilename,
      mimeType: documents.mimeType,
      sizeBytes: documents.sizeBytes,
      status: documents.status,
      errorCode: documents.errorCode,
      createdAt: documents.createdAt,
      duplicateOf: documents.duplicateOf,
      counterpartyName: invoices.counterpartyName,
      counterpartyTaxId: invoices.counterpartyTaxId,
      issueDate: invoices.issueDate,
      totalCents: invoices.totalCents,
      number: invoices.number,
      source: documents.source,
      sourceDetail: documents.sourceDetail,
      textSource: extractions.textSource,
    })
    .from(documents)
    .leftJoin(invoices, eq(invoices.documentId, documents.id))
    .leftJoin(extractions, eq(extractions.documentId, documents.id))
    .where(eq(documents.bookId, bookId))
    .orderBy(desc(documents.createdAt), desc(documents.id))
    .limit(limit)
    .offset(offset);
  return rows.map(({ createdAt, textSource, ...r }) => ({
    ...r,
    einvoice: textSource === "einvoice" || r.mimeType === "application/xml",
    uploadedAt: createdAt.toISOString(),
    errorMessage: r.errorCode ? messageFor(r.errorCode) : null,
  }));
}

/**
 * Moves a document to `processing` and counts the attempt, only from a state that may be processed.
 * Returns the updated row, or undefined when it is not (already done, duplicate, missing).
 */
export async function claimForProcessing(db: Db, { id }: { id: string }) {
  const [row] = await db
    .update(documents)
    .set({
      status: "processing",
      attempts: sql`${documents.attempts} + 1`,
      errorCode: null,
      errorMessage: null,
      updatedAt: new Date(),
    })
    .where(and(eq(documents.id, id), inArray(documents.status, ["uploaded", "processing", "failed"])))
    .returning();
  return row;
}

export async function markFailed(
  db: Db,
  { id, code, message }: { id: string; code: string; message: string },
) {
  const [row] = await db
    .update(documents)
    .set({ status: "failed", errorCode: code, errorMessage: message.slice(0, 500), updatedAt: new Date() })
    .where(and(eq(documents.id, id), inArray(documents.status, ["uploaded", "processing"])))
    .returning();
  if (row) {
    await db.insert(auditEvents).values({
      bookId: row.bookId,
      documentId: row.id,
      action: "document.failed",
      after: { code, attempts: row.attempts },
    });
  }
  return row;
}

/** Documents a crash left unfinished: `uploaded`, or `processing` not touched for `staleMs`. */
export async function listUnfinished(db: Db, { staleMs = 0 }: { staleMs?: number } = {}) {
  const cutoff = new Date(Date.now() - staleMs);
  return db
    .select({ id: documents.id })
    .from(documents)
    .where(
      or(
        eq(documents.status, "uploaded"),
        and(eq(documents.status, "processing"), lt(documents.updatedAt, cutoff)),
      ),
    )
    .orderBy(documents.createdAt);
}

/** The duplicate rows that point at a document (they store no file of their own). */
export async function listDuplicatesOf(db: Db, { bookId, documentId }: { bookId: string; documentId: string }) {
  return db
    .select()
    .from(documents)
    .where(and(eq(documents.bookId, bookId), eq(documents.duplicateOf, documentId), eq(documents.status, "duplicate")));
}

/** Deletes documents of a book (extraction, invoice and VAT lines go with them; audit events keep a null document). */
export async function deleteDocuments(db: Db, { bookId, ids }: { bookId: string; ids: string[] }) {
  if (ids.length === 0) return 0;
  const rows = await db
    .delete(documents)
    .where(and(eq(documents.bookId, bookId), inArray(documents.id, ids)))
    .returning({ id: documents.id });
  return rows.length;
}
