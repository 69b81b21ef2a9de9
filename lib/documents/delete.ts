import "server-only";
import { withTx, type Db } from "@/db/client";
import { writeAudit } from "@/db/queries/audit";
import { deleteDocuments, listDuplicatesOf } from "@/db/queries/documents";
import { requireDocumentAccess } from "@/db/queries/members";
import type { Document } from "@/db/schema";
import { IN_PROGRESS } from "@/lib/documents/status";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import type { Storage } from "@/lib/storage";

/** What the audit trail keeps of a deleted document (its row is gone; the event's document id becomes null). */
const tombstone = (d: Document) => ({
  documentId: d.id,
  filename: d.originalFilename,
  sha256: d.sha256,
  status: d.status,
  mimeType: d.mimeType,
  sizeBytes: d.sizeBytes,
});

/**
 * The book's owner deletes a document that is not approved: the rows (extraction, draft invoice) and the stored file
 * go; an audit event `document.deleted` stays. Duplicate rows pointing at it go with it (they have no file). Approved
 * documents are kept (legal retention of invoices), and documents still processing must finish first.
 */
export async function deleteDocument(db: Db, storage: Storage, { userId, documentId }: { userId: string; documentId: string }) {
  const removed = await withTx(db, async (tx) => {
    const { document } = await requireDocumentAccess(tx, { userId, documentId, roles: ["owner"], forUpdate: true });
    if (document.status === "approved") throw new AppError("document:approved_kept");
    if (IN_PROGRESS.includes(document.status)) throw new AppError("document:in_progress");
    const copies = await listDuplicatesOf(tx, { bookId: document.bookId, documentId });
    const all = [document, ...copies];
    await writeAudit(
      tx,
      all.map((d) => ({ bookId: d.bookId, documentId: null, userId, action: "document.deleted", before: tombstone(d) })),
    );
    await deleteDocuments(tx, { bookId: document.bookId, ids: all.map((d) => d.id) });
    return document;
  });
  // After the commit: a file whose delete fails is an orphan the clean-up removes, never a row without its file.
  if (removed.storageKey) {
    await storage.delete(removed.storageKey).catch((err) => log.warn("document.delete_file_failed", { documentId, err }));
  }
  log.info("document.deleted", { documentId, bookId: removed.bookId });
  return removed;
}
