import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getUserById } from "@/db/queries/users";
import { auditEvents, documents, extractions, invoices } from "@/db/schema";
import { deleteDocument } from "@/lib/documents/delete";
import { ingestUpload } from "@/lib/documents/ingest";
import { AppError } from "@/lib/errors";
import { acceptInvitation, inviteAccountant } from "@/lib/invitations/service";
import { approveDocument, saveInvoice } from "@/lib/review/service";
import { createOwner, tempStorage } from "@/lib/testing/book";
import { createTestDb } from "@/lib/testing/db";
import { makeInvoicePdf, SAMPLE_INVOICE } from "@/lib/testing/fixtures";
import { CHECKED_INVOICE } from "@/lib/testing/invoices";

let handle: Awaited<ReturnType<typeof createTestDb>>;
const store = tempStorage();
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
  store.cleanup();
});

const deps = () => ({ db: handle.db, storage: store.storage, enqueue: async () => {}, maxBytes: 10 * 1024 * 1024 });
const pdf = async (number: string) => new Uint8Array(await makeInvoicePdf({ ...SAMPLE_INVOICE, number }));
const statusOf = async (id: string) => (await handle.db.select().from(documents).where(eq(documents.id, id)))[0]?.status;
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
    const owner = await createOwner(handle.db);
    const bytes = await pdf("DEL-1");
    const { document } = await ingestUpload(deps(), { bookId: owner.bookId, userId: owner.userId, filename: "basura.pdf", bytes });
    const { document: copy } = await ingestUpload(deps(), { bookId: owner.bookId, userId: owner.userId, filename: "otra-vez.pdf", bytes });
    expect(copy.status).toBe("duplicate");
    await handle.db.update(documents).set({ status: "needs_review" }).where(eq(documents.id, document.id));
    await saveInvoice(handle.db, { userId: owner.userId, documentId: document.id, update: { ...CHECKED_INVOICE, category: null, deductiblePct: 100 } });
    expect(await store.storage.exists(document.storageKey!)).toBe(true);

    await deleteDocument(handle.db, store.storage, { userId: owner.userId, documentId: document.id });

    expect(await statusOf(document.id)).toBeUndefined();
    expect(await statusOf(copy.id)).toBeUndefined();
    expect(await handle.db.select().from(invoices).where(eq(invoices.documentId, document.id))).toEqual([]);
    expect(await handle.db.select().from(extractions).where(eq(extractions.documentId, document.id))).toEqual([]);
    expect(await store.storage.exists(document.storageKey!)).toBe(false);
    const events = await handle.db.select().from(auditEvents).where(eq(auditEvents.action, "document.deleted"));
    const mine = events.filter((e) => e.bookId === owner.bookId);
    expect(mine.map((e) => (e.before as { documentId: string }).documentId).sort()).toEqual([document.id, copy.id].sort());
    expect(mine.every((e) => e.userId === owner.userId)).toBe(true);
    expect(mine.find((e) => (e.before as { documentId: string }).documentId === document.id)?.before).toMatchObject({ filename: "basura.pdf" });
    // The same file can be uploaded again afterwards (it is no longer a duplicate).
    const again = await ingestUpload(deps(), { bookId: owner.bookId, userId: owner.userId, filename: "de-nuevo.pdf", bytes });
    expect(again.duplicate).toBe(false);
  });

  it("keeps approved and in-progress documents, and lets only the owner delete", async () => {
    const owner = await createOwner(handle.db);
    const approved = (await ingestUpload(deps(), { bookId: owner.bookId, userId: owner.userId, filename: "a.pdf", bytes: await pdf("DEL-2") })).document;
    await handle.db.update(documents).set({ status: "needs_review" }).where(eq(documents.id, approved.id));
    await saveInvoice(handle.db, { userId: owner.userId, documentId: approved.id, update: { ...CHECKED_INVOICE, category: null, deductiblePct: 100 } });
    await approveDocument(handle.db, { userId: owner.userId, documentId: approved.id, today: "2026-05-10" });
    expect(await code(() => deleteDocument(handle.db, store.storage, { userId: owner.userId, documentId: approved.id }))).toBe(
      "409 document:approved_kept",
    );
    expect(await statusOf(approved.id)).toBe("approved");
    expect(await store.storage.exists(approved.storageKey!)).toBe(true);

    const queued = (await ingestUpload(deps(), { bookId: owner.bookId, userId: owner.userId, filename: "b.pdf", bytes: await pdf("DEL-3") })).document;
    expect(await code(() => deleteDocument(handle.db, store.storage, { userId: owner.userId, documentId: queued.id }))).toBe(
      "409 document:in_progress",
    );

    await handle.db.update(documents).set({ status: "failed" }).where(eq(documents.id, queued.id));
    const accountant = await createOwner(handle.db);
    const email = (await getUserById(handle.db, { id: accountant.userId }))!.email;
    const { token } = await inviteAccountant(handle.db, { userId: owner.userId, bookId: owner.bookId, email });
    await acceptInvitation(handle.db, { token, userId: accountant.userId });
    expect(await code(() => deleteDocument(handle.db, store.storage, { userId: accountant.userId, documentId: queued.id }))).toBe(
      "403 auth:forbidden",
    );
    const stranger = await createOwner(handle.db);
    expect(await code(() => deleteDocument(handle.db, store.storage, { userId: stranger.userId, documentId: queued.id }))).toBe(
      "404 document:not_found",
    );
    expect(await statusOf(queued.id)).toBe("failed");
    expect(await code(() => deleteDocument(handle.db, store.storage, { userId: owner.userId, documentId: queued.id }))).toBe("ok");
  });
});
