import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { insertDocument } from "@/db/queries/documents";
import { listClientSummaries } from "@/db/queries/review";
import { getUserById } from "@/db/queries/users";
import { auditEvents, documents, invitations } from "@/db/schema";
import { acceptInvitation, describeInvitation, hashToken, inviteAccountant, listAccess, revokeAccountant, revokeInvitation } from "@/lib/invitations/service";
import type { InvoiceUpdate } from "@/lib/invoices/form";
import { AppError } from "@/lib/errors";
import { approveDocument, bulkApprove, bulkSummary, documentFile, readForReview, rejectDocument, reprocessDocument, reviewQueue, saveAndApprove, saveInvoice } from "@/lib/review/service";
import { createOwner } from "@/lib/testing/book";
import { testbed } from "@/lib/testing/testbed";
import { CHECKED_INVOICE } from "@/lib/testing/invoices";

/**
 * The membership scope on a real database (PostgreSQL when DATABASE_URL is set, else PGlite): owner, accountant,
 * revoked accountant and stranger against list, read, update, approve and file download.
 */
const TODAY = "2026-05-10";
const good: InvoiceUpdate = {
  ...CHECKED_INVOICE,
  category: "material",
  deductiblePct: 100,
};

const bed = testbed();

async function emailOf(userId: string) {
  return (await getUserById(bed.handle.db, { id: userId }))!.email;
}

async function newDoc(bookId: string, userId: string, status: "needs_review" | "extracted" = "needs_review") {
  const id = randomUUID();
  const storageKey = `${bookId}/2026/04/${id}.pdf`;
  await bed.store.storage.put(storageKey, new Uint8Array(Buffer.from("%PDF-1.4 test")), "application/pdf");
  await insertDocument(bed.handle.db, {
    id,
    bookId,
    uploadedBy: userId,
    storageKey,
    originalFilename: `${id}.pdf`,
    mimeType: "application/pdf",
    sizeBytes: 13,
    sha256: randomUUID(),
  });
  await bed.handle.db.update(documents).set({ status }).where(eq(documents.id, id));
  return id;
}

/** Runs `fn`; returns "ok" or the AppError's HTTP status. Any other error fails the test. */
async function outcome(fn: () => Promise<unknown>): Promise<"ok" | number> {
  try {
    await fn();
    return "ok";
  } catch (e) {
    if (e instanceof AppError) return e.status;
    throw e;
  }
}

async function inviteAndAccept(ownerId: string, bookId: string, userId: string) {
  const { token } = await inviteAccountant(bed.handle.db, { userId: ownerId, bookId, email: await emailOf(userId) });
  await acceptInvitation(bed.handle.db, { token, userId });
}

describe("membership scope", () => {
  it("gives owner and accountant the data, and stranger and revoked accountant a 404", async () => {
    const owner = await createOwner(bed.handle.db);
    const accountant = await createOwner(bed.handle.db);
    const revoked = await createOwner(bed.handle.db);
    const stranger = await createOwner(bed.handle.db);
    await inviteAndAccept(owner.userId, owner.bookId, accountant.userId);
    await inviteAndAccept(owner.userId, owner.bookId, revoked.userId);
    // Before revocation the second accountant sees the book…
    const early = await newDoc(owner.bookId, owner.userId);
    expect((await readForReview(bed.handle.db, { userId: revoked.userId, documentId: early })).document.id).toBe(early);
    await revokeAccountant(bed.handle.db, { userId: owner.userId, bookId: owner.bookId, memberUserId: revoked.userId });

    const actors = { owner: owner.userId, accountant: accountant.userId, revoked: revoked.userId, stranger: stranger.userId };
    const results: Record<string, Record<string, "ok" | number>> = {};
    for (const [name, userId] of Object.entries(actors)) {
      const docId = await newDoc(owner.bookId, owner.userId);
      await saveInvoice(bed.handle.db, { userId: owner.userId, documentId: docId, update: good });
      const r: Record<string, "ok" | number> = {};
      r.list = await outcome(async () => {
        const q = await reviewQueue(bed.handle.db, { userId, bookId: owner.bookId, today: TODAY });
        expect(q.items.map((i) => i.id)).toContain(docId);
      });
      r.read = await outcome(async () => {
        const rec = await readForReview(bed.handle.db, { userId, documentId: docId, today: TODAY });
        expect(rec.invoice?.totalCents).toBe(121_000);
      });
      r.update = await outcome(() =>
        saveInvoice(bed.handle.db, { userId, documentId: docId, update: { ...good, counterpartyName: `Cambiado por ${name}` } }),
      );
      r.approve = await outcome(() => approveDocument(bed.handle.db, { userId, documentId: docId, today: TODAY }));
      r.file = await outcome(async () => {
        const f = await documentFile(bed.handle.db, bed.store.storage, { userId, documentId: docId });
        expect(Buffer.from(f.bytes).toString()).toContain("%PDF");
      });
      results[name] = r;

      // Whatever the outsiders tried left no trace.
      if (name === "revoked" || name === "stranger") {
        const rec = await readForReview(bed.handle.db, { userId: owner.userId, documentId: docId, today: TODAY });
        expect(rec.document.status).toBe("needs_review");
        expect(rec.invoice?.counterpartyName).toBe(good.counterpartyName);
      }
    }
    const allOk = { list: "ok", read: "ok", update: "ok", approve: "ok", file: "ok" };
    const all404 = { list: 404, read: 404, update: 404, approve: 404, file: 404 };
    expect(results).toEqual({ owner: allOk, accountant: allOk, revoked: all404, stranger: all404 });

    // Ids that are not uuids are 404 too, not database errors.
    expect(await outcome(() => readForReview(bed.handle.db, { userId: owner.userId, documentId: "../etc" }))).toBe(404);
    expect(await outcome(() => reviewQueue(bed.handle.db, { userId: owner.userId, bookId: "x" }))).toBe(404);
  });

  it("lets only owners invite and revoke", async () => {
    const owner = await createOwner(bed.handle.db);
    const accountant = await createOwner(bed.handle.db);
    await inviteAndAccept(owner.userId, owner.bookId, accountant.userId);
    expect(await outcome(() => inviteAccountant(bed.handle.db, { userId: accountant.userId, bookId: owner.bookId, email: "x@example.com" }))).toBe(403);
    expect(await outcome(() => listAccess(bed.handle.db, { userId: accountant.userId, bookId: owner.bookId }))).toBe(403);
    expect(await outcome(() => revokeAccountant(bed.handle.db, { userId: accountant.userId, bookId: owner.bookId, memberUserId: owner.userId }))).toBe(403);
    // An owner cannot be removed as if an accountant.
    expect(await outcome(() => revokeAccountant(bed.handle.db, { userId: owner.userId, bookId: owner.bookId, memberUserId: owner.userId }))).toBe(404);
    const access = await listAccess(bed.handle.db, { userId: owner.userId, bookId: owner.bookId });
    expect(access.members.map((m) => m.role)).toEqual(["owner", "accountant"]);
  });
});

describe("my clients", () => {
  it("summarises every book of an accountant, and only theirs", async () => {
    const a = await createOwner(bed.handle.db);
    const b = await createOwner(bed.handle.db);
    const stranger = await createOwner(bed.handle.db);
    const accountant = await createOwner(bed.handle.db);
    await inviteAndAccept(a.userId, a.bookId, accountant.userId);
    await inviteAndAccept(b.userId, b.bookId, accountant.userId);
    await newDoc(a.bookId, a.userId);
    await newDoc(a.bookId, a.userId, "extracted");
    const approved = await newDoc(b.bookId, b.userId);
    await saveInvoice(bed.handle.db, { userId: b.userId, documentId: approved, update: good });
    await approveDocument(bed.handle.db, { userId: accountant.userId, documentId: approved, today: TODAY });
    const failed = await newDoc(b.bookId, b.userId);
    await bed.handle.db.update(documents).set({ status: "failed" }).where(eq(documents.id, failed));
    await newDoc(stranger.bookId, stranger.userId);

    const rows = await listClientSummaries(bed.handle.db, { userId: accountant.userId, quarterFrom: "2026-04-01", quarterTo: "2026-06-30" });
    const byBook = Object.fromEntries(rows.map((r) => [r.bookId, r]));
    expect(Object.keys(byBook).sort()).toEqual([a.bookId, b.bookId, accountant.bookId].sort());
    expect(byBook[a.bookId]).toMatchObject({ role: "accountant", waiting: 2, failed: 0, approvedInQuarter: 0 });
    expect(byBook[b.bookId]).toMatchObject({ role: "accountant", waiting: 0, failed: 1, approvedInQuarter: 1 });
    expect(byBook[accountant.bookId]).toMatchObject({ role: "owner", waiting: 0 });
  });
});

describe("invitations", () => {
  it("stores only the token's hash, works once, for the invited e-mail only", async () => {
    const owner = await createOwner(bed.handle.db);
    const invitee = await createOwner(bed.handle.db);
    const other = await createOwner(bed.handle.db);
    const { token, invitation } = await inviteAccountant(bed.handle.db, { userId: owner.userId, bookId: owner.bookId, email: (await emailOf(invitee.userId)).toUpperCase() });
    const [stored] = await bed.handle.db.select().from(invitations).where(eq(invitations.id, invitation.id));
    expect(stored.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);

    expect((await describeInvitation(bed.handle.db, { token })).state).toBe("valid");
    expect(await outcome(() => acceptInvitation(bed.handle.db, { token, userId: other.userId }))).toBe(403);
    expect(await outcome(() => acceptInvitation(bed.handle.db, { token: token + "x", userId: invitee.userId }))).toBe(404);
    await acceptInvitation(bed.handle.db, { token, userId: invitee.userId });
    expect((await describeInvitation(bed.handle.db, { token })).state).toBe("used");
    expect(await outcome(() => acceptInvitation(bed.handle.db, { token, userId: invitee.userId }))).toBe(410);
    const inviteeEmail = await emailOf(invitee.userId);
    expect(await outcome(() => inviteAccountant(bed.handle.db, { userId: owner.userId, bookId: owner.bookId, email: inviteeEmail }))).toBe(409);
  });

  it("refuses expired and revoked invitations", async () => {
    const owner = await createOwner(bed.handle.db);
    const invitee = await createOwner(bed.handle.db);
    const email = await emailOf(invitee.userId);
    const past = new Date(Date.now() - 8 * 24 * 3600 * 1000);
    const expired = await inviteAccountant(bed.handle.db, { userId: owner.userId, bookId: owner.bookId, email, now: past });
    expect((await describeInvitation(bed.handle.db, { token: expired.token })).state).toBe("expired");
    expect(await outcome(() => acceptInvitation(bed.handle.db, { token: expired.token, userId: invitee.userId }))).toBe(410);

    const pending = await inviteAccountant(bed.handle.db, { userId: owner.userId, bookId: owner.bookId, email });
    await revokeInvitation(bed.handle.db, { userId: owner.userId, bookId: owner.bookId, invitationId: pending.invitation.id });
    expect(await outcome(() => acceptInvitation(bed.handle.db, { token: pending.token, userId: invitee.userId }))).toBe(410);
    expect(await outcome(() => reviewQueue(bed.handle.db, { userId: invitee.userId, bookId: owner.bookId }))).toBe(404);
  });
});

describe("invitation links per address", () => {
  it("a new link replaces the old one, and a revoked accountant cannot come back through any earlier link", async () => {
    const owner = await createOwner(bed.handle.db);
    const accountant = await createOwner(bed.handle.db);
    const email = await emailOf(accountant.userId);
    const first = await inviteAccountant(bed.handle.db, { userId: owner.userId, bookId: owner.bookId, email });
    const second = await inviteAccountant(bed.handle.db, { userId: owner.userId, bookId: owner.bookId, email });
    expect((await describeInvitation(bed.handle.db, { token: first.token })).state).toBe("revoked");
    expect((await describeInvitation(bed.handle.db, { token: second.token })).state).toBe("valid");

    await acceptInvitation(bed.handle.db, { token: second.token, userId: accountant.userId });
    expect(await outcome(() => reviewQueue(bed.handle.db, { userId: accountant.userId, bookId: owner.bookId }))).toBe("ok");
    await revokeAccountant(bed.handle.db, { userId: owner.userId, bookId: owner.bookId, memberUserId: accountant.userId });
    for (const { token } of [first, second]) {
      expect(await outcome(() => acceptInvitation(bed.handle.db, { token, userId: accountant.userId }))).toBe(410);
    }
    expect(await outcome(() => reviewQueue(bed.handle.db, { userId: accountant.userId, bookId: owner.bookId }))).toBe(404);
  });
});

describe("review operations", () => {
  it("audits each changed field, blocks approval on failing checks, and records who approved", async () => {
    const owner = await createOwner(bed.handle.db);
    const docId = await newDoc(owner.bookId, owner.userId);
    await saveInvoice(bed.handle.db, { userId: owner.userId, documentId: docId, update: { ...good, totalCents: 125_000 } });
    expect(await outcome(() => approveDocument(bed.handle.db, { userId: owner.userId, documentId: docId, today: TODAY }))).toBe(409);
    const { changed } = await saveInvoice(bed.handle.db, { userId: owner.userId, documentId: docId, update: good });
    expect(changed).toBe(1);
    await approveDocument(bed.handle.db, { userId: owner.userId, documentId: docId, today: TODAY });
    const rec = await readForReview(bed.handle.db, { userId: owner.userId, documentId: docId, today: TODAY });
    expect(rec.document.status).toBe("approved");
    expect(rec.invoice?.reviewedBy).toBe(owner.userId);
    const total = rec.audit.filter((a) => a.field === "totalCents").map((a) => [a.before, a.after]);
    expect(total).toContainEqual([125_000, 121_000]);
    expect(rec.audit.find((a) => a.action === "document.approved")).toMatchObject({ before: "needs_review", after: "approved" });
    // Approved records are locked until reopened.
    expect(await outcome(() => saveInvoice(bed.handle.db, { userId: owner.userId, documentId: docId, update: good }))).toBe(409);
  });

  it("approving returns the next pending document of the queue, wrapping round, and none when the queue is done", async () => {
    const owner = await createOwner(bed.handle.db);
    const a = await newDoc(owner.bookId, owner.userId);
    const b = await newDoc(owner.bookId, owner.userId);
    const c = await newDoc(owner.bookId, owner.userId);
    for (const id of [a, b, c]) await saveInvoice(bed.handle.db, { userId: owner.userId, documentId: id, update: { ...good, number: id.slice(0, 8) } });
    const order = (await reviewQueue(bed.handle.db, { userId: owner.userId, bookId: owner.bookId, today: TODAY })).items.map((i) => i.id);
    expect(order).toHaveLength(3);
    const approve = (documentId: string) => approveDocument(bed.handle.db, { userId: owner.userId, documentId, today: TODAY });
    expect((await approve(order[1])).nextId).toBe(order[2]);
    expect((await approve(order[2])).nextId).toBe(order[0]); // wraps to the first still pending
    expect((await approve(order[0])).nextId).toBeNull();
  });

  it("does not record empty → zero as a change (no recargo, no retention)", async () => {
    const owner = await createOwner(bed.handle.db);
    const docId = await newDoc(owner.bookId, owner.userId);
    await saveInvoice(bed.handle.db, { userId: owner.userId, documentId: docId, update: { ...good, irpfRateBp: null, irpfCents: null } });
    const { changed } = await saveInvoice(bed.handle.db, { userId: owner.userId, documentId: docId, update: { ...good, irpfRateBp: 0, irpfCents: 0 } });
    expect(changed).toBe(0);
    const rec = await readForReview(bed.handle.db, { userId: owner.userId, documentId: docId, today: TODAY });
    expect(rec.audit.filter((e) => e.field === "irpfCents" || e.field === "irpfRate")).toEqual([]);
  });

  it("save-and-approve is all or nothing, and concurrent saves and approvals never leave an approved record unchecked", async () => {
    const owner = await createOwner(bed.handle.db);
    const docId = await newDoc(owner.bookId, owner.userId);
    await saveInvoice(bed.handle.db, { userId: owner.userId, documentId: docId, update: good });
    const broken = { ...good, number: "CAMBIADO", totalCents: 1 };
    expect(await outcome(() => saveAndApprove(bed.handle.db, { userId: owner.userId, documentId: docId, update: broken, today: TODAY }))).toBe(409);
    const after = await readForReview(bed.handle.db, { userId: owner.userId, documentId: docId, today: TODAY });
    expect(after.invoice?.number).toBe(good.number);
    expect(after.document.status).toBe("needs_review");

    // An approval and a save racing on the same document: whichever runs second sees the other's result.
    const results = await Promise.allSettled([
      approveDocument(bed.handle.db, { userId: owner.userId, documentId: docId, today: TODAY }),
      saveInvoice(bed.handle.db, { userId: owner.userId, documentId: docId, update: broken }),
    ]);
    const final = await readForReview(bed.handle.db, { userId: owner.userId, documentId: docId, today: TODAY });
    if (final.document.status === "approved") {
      expect(final.invoice?.totalCents).toBe(good.totalCents);
      expect(results[1].status).toBe("rejected");
    } else {
      expect(final.invoice?.totalCents).toBe(1);
    }
  });

  it("keeps the record a reprocess replaces in the history", async () => {
    const owner = await createOwner(bed.handle.db);
    const docId = await newDoc(owner.bookId, owner.userId);
    await saveInvoice(bed.handle.db, { userId: owner.userId, documentId: docId, update: { ...good, number: "CORREGIDO-1" } });
    await reprocessDocument(bed.handle.db, { userId: owner.userId, documentId: docId });
    const [replaced] = await bed.handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.documentId, docId), eq(auditEvents.action, "invoice.replaced")));
    expect(replaced.userId).toBe(owner.userId);
    expect(replaced.before).toMatchObject({ number: "CORREGIDO-1", totalCents: good.totalCents, reviewedBy: owner.userId });
  });

  it("rejects with a reason, and bulk-approves every pending document without errors (warnings do not block)", async () => {
    const owner = await createOwner(bed.handle.db);
    const ok1 = await newDoc(owner.bookId, owner.userId, "extracted");
    const ok2 = await newDoc(owner.bookId, owner.userId);
    const bad = await newDoc(owner.bookId, owner.userId);
    const warn = await newDoc(owner.bookId, owner.userId);
    const closed = await newDoc(owner.bookId, owner.userId);
    const noInvoice = await newDoc(owner.bookId, owner.userId);
    for (const id of [ok1, ok2]) await saveInvoice(bed.handle.db, { userId: owner.userId, documentId: id, update: good });
    await saveInvoice(bed.handle.db, { userId: owner.userId, documentId: bad, update: { ...good, totalCents: 1 } });
    await saveInvoice(bed.handle.db, { userId: owner.userId, documentId: warn, update: { ...good, issueDate: "2027-01-01" } });
    // "La fecha cae en un trimestre ya cerrado" is informational: it never blocks.
    await saveInvoice(bed.handle.db, { userId: owner.userId, documentId: closed, update: { ...good, issueDate: "2025-11-03" } });
    const other = await createOwner(bed.handle.db);
    const foreign = await newDoc(other.bookId, other.userId);
    await saveInvoice(bed.handle.db, { userId: other.userId, documentId: foreign, update: good });

    const res = await bulkApprove(bed.handle.db, {
      userId: owner.userId,
      bookId: owner.bookId,
      documentIds: [ok1, ok2, bad, warn, closed, noInvoice, foreign],
      today: TODAY,
    });
    expect(res.approved.sort()).toEqual([ok1, ok2, warn, closed].sort());
    expect(new Map(res.skipped.map((s) => [s.documentId, s.reason]))).toEqual(
      new Map([
        [bad, "errors"],
        [noInvoice, "no_record"],
        [foreign, "not_pending"],
      ]),
    );
    expect((await readForReview(bed.handle.db, { userId: other.userId, documentId: foreign })).document.status).toBe("needs_review");
    expect(bulkSummary({ approved: 4, skipped: { errors: 1, no_record: 1, not_pending: 1 } })).toBe(
      "4 aprobados. 3 omitidos: 1 con errores en las comprobaciones, 1 sin datos extraídos, 1 ya no pendientes de revisión.",
    );
    expect(bulkSummary({ approved: 1, skipped: { errors: 0, no_record: 0, not_pending: 0 } })).toBe("1 aprobado.");

    await rejectDocument(bed.handle.db, { userId: owner.userId, documentId: bad, reason: "No es una factura nuestra" });
    const rec = await readForReview(bed.handle.db, { userId: owner.userId, documentId: bad });
    expect(rec.document).toMatchObject({ status: "rejected", rejectionReason: "No es una factura nuestra" });
    const events = await bed.handle.db.select().from(auditEvents).where(eq(auditEvents.documentId, bad));
    expect(events.some((e) => e.action === "document.rejected")).toBe(true);
  });

  it("pages the queue by keyset: most urgent first, no gaps or repeats, and the last page directly", async () => {
    const owner = await createOwner(bed.handle.db);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(await newDoc(owner.bookId, owner.userId, i % 2 ? "extracted" : "needs_review"));
    const seen: string[] = [];
    let cursor: { after?: string } = {};
    for (;;) {
      const page = await reviewQueue(bed.handle.db, { userId: owner.userId, bookId: owner.bookId, cursor, limit: 3 });
      seen.push(...page.items.map((i) => i.id));
      expect(page.total).toBe(7);
      if (!page.hasNext) break;
      cursor = { after: page.items.at(-1)!.id };
    }
    expect(seen.sort()).toEqual([...ids].sort());
    const first = await reviewQueue(bed.handle.db, { userId: owner.userId, bookId: owner.bookId, limit: 7 });
    const statuses = first.items.map((i) => i.status);
    expect(statuses.slice(0, 4).every((s) => s === "needs_review")).toBe(true);
    const last = await reviewQueue(bed.handle.db, { userId: owner.userId, bookId: owner.bookId, cursor: { last: true }, limit: 3 });
    expect(last.items.map((i) => i.id)).toEqual(first.items.slice(4).map((i) => i.id));
    const back = await reviewQueue(bed.handle.db, { userId: owner.userId, bookId: owner.bookId, cursor: { before: last.items[0].id }, limit: 3 });
    expect(back.items.map((i) => i.id)).toEqual(first.items.slice(1, 4).map((i) => i.id));
    const filtered = await reviewQueue(bed.handle.db, { userId: owner.userId, bookId: owner.bookId, filters: { status: "extracted" } });
    expect(filtered.items).toHaveLength(3);
  });
});
