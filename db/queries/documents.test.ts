import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { insertDocument, listInbox } from "@/db/queries/documents";
import { QUEUE_RANK } from "@/db/queries/review";
import { documents, DOCUMENT_STATUSES } from "@/db/schema";
import { requireDocumentAccess } from "@/db/queries/members";
import { listMemberships } from "@/db/queries/books";
import { createUserWithBook, getUserByEmail } from "@/db/queries/users";
import { createOwner } from "@/lib/testing/book";
import { createTestDb } from "@/lib/testing/db";
import { randomUUID } from "node:crypto";

/** Book scoping on a real database (PostgreSQL when DATABASE_URL is set, else PGlite). */
describe("document queries and membership scope", () => {
  let handle: Awaited<ReturnType<typeof createTestDb>>;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(async () => handle?.close());

  const newDoc = (bookId: string, userId: string, name: string, sha: string = randomUUID(), createdAt?: Date) =>
    insertDocument(handle.db, {
      ...(createdAt ? { createdAt } : {}),
      id: randomUUID(),
      bookId,
      uploadedBy: userId,
      storageKey: `${bookId}/2026/03/${randomUUID()}.pdf`,
      originalFilename: name,
      mimeType: "application/pdf",
      sizeBytes: 10,
      sha256: sha,
    });

  it("registers a user with an owned book, and refuses a second account with the same e-mail", async () => {
    const input = { email: "Ana@Example.com", name: "Ana", passwordHash: "h", legalName: "Ana SL", nif: "B12345674" };
    const first = await createUserWithBook(handle.db, input);
    expect(first?.user.email).toBe("ana@example.com");
    expect(await createUserWithBook(handle.db, { ...input, email: "ana@example.com" })).toBeNull();
    const user = await getUserByEmail(handle.db, { email: "ANA@example.com" });
    const memberships = await listMemberships(handle.db, { userId: user!.id });
    expect(memberships).toHaveLength(1);
    expect(memberships[0]).toMatchObject({ role: "owner", book: { legalName: "Ana SL", nif: "B12345674" } });
  });

  it("lets only members of the document's book see it", async () => {
    const a = await createOwner(handle.db);
    const b = await createOwner(handle.db);
    const doc = await newDoc(a.bookId, a.userId, "a.pdf");
    expect((await requireDocumentAccess(handle.db, { documentId: doc.id, userId: a.userId })).document.id).toBe(doc.id);
    await expect(requireDocumentAccess(handle.db, { documentId: doc.id, userId: b.userId })).rejects.toMatchObject({
      code: "document:not_found",
    });
    expect((await listInbox(handle.db, { bookId: b.bookId })).map((d) => d.id)).not.toContain(doc.id);
  });

  it("lists the inbox newest first with es-ready items", async () => {
    const a = await createOwner(handle.db);
    // Inserted in the opposite order of their upload times: the list follows the times.
    const second = await newDoc(a.bookId, a.userId, "segundo.pdf", undefined, new Date("2026-03-02T10:00:00Z"));
    const first = await newDoc(a.bookId, a.userId, "primero.pdf", undefined, new Date("2026-03-01T10:00:00Z"));
    const items = await listInbox(handle.db, { bookId: a.bookId });
    expect(items.map((i) => i.id)).toEqual([second.id, first.id]);
    expect(items[0]).toMatchObject({ filename: "segundo.pdf", status: "uploaded", totalCents: null });
    expect(typeof items[0].uploadedAt).toBe("string");
  });

  it("enforces one original per content and book in the database itself", async () => {
    const a = await createOwner(handle.db);
    await newDoc(a.bookId, a.userId, "x.pdf", "same-sha");
    await expect(newDoc(a.bookId, a.userId, "y.pdf", "same-sha")).rejects.toThrow();
  });

  it("QUEUE_RANK agrees with the generated queue_rank column for every status", async () => {
    const a = await createOwner(handle.db);
    const doc = await newDoc(a.bookId, a.userId, "rank.pdf");
    const ranks: Record<string, number> = {};
    for (const status of DOCUMENT_STATUSES) {
      const [row] = await handle.db
        .update(documents)
        .set({ status })
        .where(eq(documents.id, doc.id))
        .returning({ queueRank: documents.queueRank });
      ranks[status] = row.queueRank;
    }
    expect(ranks).toEqual(QUEUE_RANK);
  });
});
