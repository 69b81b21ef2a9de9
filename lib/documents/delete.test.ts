import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getUserById } from "@/db/queries/users";
import { auditEvents, documents, extractions, invoices } from "@/db/schema";
import { deleteDocument } from "@/lib/documents/delete";
import { ingestUpload } from "@/lib/documents/ingest";
import { AppError } from "@/lib/errors";
import { acceptInvitation, inviteAccountant } from "@/lib/invitations/service";
import { approveDocument, saveInvoice } from "@/lib/review/service";
import { createOwner } from "@/lib/testing/book";
import { testbed } from "@/lib/testing/testbed";
import { makeInvoicePdf, SAMPLE_INVOICE } from "@/lib/testing/fixtures";
import { CHECKED_INVOICE } from "@/lib/testing/invoices";

const bed = testbed();

const deps = () => ({ db: bed.handle.db, storage: bed.store.storage, enqueue: async () => {}, maxBytes: 10 * 1024 * 1024 });
const pdf = async (number: string) => new Uint8Array(await makeInvoicePdf({ ...SAMPLE_INVOICE, number }));
const statusOf = async (id: string) => (await bed.handle.db.select().from(documents).where(eq(documents.id, id)))[0]?.status;
const code = async (fn: () => Promise<unknown>) => {
  try {
    await fn();
    return "ok";
  } catch (e) {
    if (e instanceof AppError) return `${e.status} ${e.code}`;
    throw e;
  }
};

describe("deleting a document", () => {
  it("removes the file, the rows and its duplicates, and keeps an audit event", async () => {
    const owner = await createOwner(bed.handle.db);
    const bytes = await pdf("DEL-1");
    const { document } = await ingestUpload(deps(), { bookId: owner.bookId, userId: owner.userId, filename: "basura.pdf", bytes });
    const { document: copy } = await ingestUpload(deps(), { bookId: owner.bookId, userId: owner.userId, filename: "otra-vez.pdf", bytes });
    expect(copy.status).toBe("duplicate");
    await bed.handle.db.update(documents).set({ status: "needs_review" }).where(eq(documents.id, document.id));
    await saveInvoice(bed.handle.db, { userId: owner.userId, documentId: document.id, update: { ...CHECKED_INVOICE, category: null, deductiblePct: 100 } });
    expect(await bed.store.storage.exists(document.storageKey!)).toBe(true);

    await deleteDocument(bed.handle.db, bed.store.storage, { userId: owner.userId, documentId: document.id });

    expect(await statusOf(document.id)).toBeUndefined();
    expect(await statusOf(copy.id)).toBeUndefined();
    expect(await bed.handle.db.select().from(invoices).where(eq(invoices.documentId, document.id))).toEqual([]);
    expect(await bed.handle.db.select().from(extractions).where(eq(extractions.documentId, document.id))).toEqual([]);
    expect(await bed.store.storage.exists(document.storageKey!)).toBe(false);
    const events = await bed.handle.db.select().from(auditEvents).where(eq(auditEvents.action, "document.deleted"));
    const mine = events.filter((e) => e.bookId === owner.bookId);
    expect(mine.map((e) => (e.before as { documentId: string }).documentId).sort()).toEqual([document.id, copy.id].sort());
    expect(mine.every((e) => e.userId === owner.userId)).toBe(true);
    expect(mine.find((e) => (e.before as { documentId: string }).documentId === document.id)?.before).toMatchObject({ filename: "basura.pdf" });
    // The same file can be uploaded again afterwards (it is no longer a duplicate).
    const again = await ingestUpload(deps(), { bookId: owner.bookId, userId: owner.userId, filename: "de-nuevo.pdf", bytes });
    expect(again.duplicate).toBe(false);
  });

  it("keeps approved and in-progress documents, and lets only the owner delete", async () => {
    const owner = await createOwner(bed.handle.db);
    const approved = (await ingestUpload(deps(), { bookId: owner.bookId, userId: owner.userId, filename: "a.pdf", bytes: await pdf("DEL-2") })).document;
    await bed.handle.db.update(documents).set({ status: "needs_review" }).where(eq(documents.id, approved.id));
    await saveInvoice(bed.handle.db, { userId: owner.userId, documentId: approved.id, update: { ...CHECKED_INVOICE, category: null, deductiblePct: 100 } });
    await approveDocument(bed.handle.db, { userId: owner.userId, documentId: approved.id, today: "2026-05-10" });
    expect(await code(() => deleteDocument(bed.handle.db, bed.store.storage, { userId: owner.userId, documentId: approved.id }))).toBe(
      "409 document:approved_kept",
    );
    expect(await statusOf(approved.id)).toBe("approved");
    expect(await bed.store.storage.exists(approved.storageKey!)).toBe(true);

    const queued = (await ingestUpload(deps(), { bookId: owner.bookId, userId: owner.userId, filename: "b.pdf", bytes: await pdf("DEL-3") })).document;
    expect(await code(() => deleteDocument(bed.handle.db, bed.store.storage, { userId: owner.userId, documentId: queued.id }))).toBe(
      "409 document:in_progress",
    );

    await bed.handle.db.update(documents).set({ status: "failed" }).where(eq(documents.id, queued.id));
    const accountant = await createOwner(bed.handle.db);
    const email = (await getUserById(bed.handle.db, { id: accountant.userId }))!.email;
    const { token } = await inviteAccountant(bed.handle.db, { userId: owner.userId, bookId: owner.bookId, email });
    await acceptInvitation(bed.handle.db, { token, userId: accountant.userId });
    expect(await code(() => deleteDocument(bed.handle.db, bed.store.storage, { userId: accountant.userId, documentId: queued.id }))).toBe(
      "403 auth:forbidden",
    );
    const stranger = await createOwner(bed.handle.db);
    expect(await code(() => deleteDocument(bed.handle.db, bed.store.storage, { userId: stranger.userId, documentId: queued.id }))).toBe(
      "404 document:not_found",
    );
    expect(await statusOf(queued.id)).toBe("failed");
    expect(await code(() => deleteDocument(bed.handle.db, bed.store.storage, { userId: owner.userId, documentId: queued.id }))).toBe("ok");
  });
});
