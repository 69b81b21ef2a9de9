import "server-only";
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { books, invitations, users, type Invitation } from "@/db/schema";

export async function insertInvitation(
  db: Db,
  values: { bookId: string; email: string; tokenHash: string; invitedBy: string; expiresAt: Date },
): Promise<Invitation> {
  const [row] = await db.insert(invitations).values({ ...values, role: "accountant" }).returning();
  return row;
}

/** The invitation behind a token hash, with the book's name and the inviter's name (for the acceptance page). */
export async function getInvitationByTokenHash(db: Db, { tokenHash }: { tokenHash: string }) {
  const [row] = await db
    .select({ invitation: invitations, bookName: books.legalName, inviterName: users.name })
    .from(invitations)
    .innerJoin(books, eq(books.id, invitations.bookId))
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(eq(invitations.tokenHash, tokenHash))
    .limit(1);
  return row;
}

/** Marks the invitation used, only if it is still open: the one-time guarantee lives in this WHERE. */
export async function markInvitationAccepted(
  db: Db,
  { id, userId, now = new Date() }: { id: string; userId: string; now?: Date },
): Promise<Invitation | undefined> {
  const [row] = await db
    .update(invitations)
    .set({ acceptedAt: now, acceptedBy: userId })
    .where(
      and(eq(invitations.id, id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)),
    )
    .returning();
  return row;
}

export async function listInvitations(db: Db, { bookId }: { bookId: string }): Promise<Invitation[]> {
  return db.select().from(invitations).where(eq(invitations.bookId, bookId)).orderBy(desc(invitations.createdAt)).limit(100);
}

/** Withdraws a pending invitation of the book. */
export async function revokePendingInvitation(db: Db, { bookId, id }: { bookId: string; id: string }) {
  const [row] = await db
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(and(eq(invitations.bookId, bookId), eq(invitations.id, id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .returning();
  return row;
}

/** Marks the invitations a user accepted for the book as revoked (the membership itself is deleted elsewhere). */
export async function revokeAcceptedInvitations(db: Db, { bookId, userId }: { bookId: string; userId: string }) {
  await db
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(and(eq(invitations.bookId, bookId), eq(invitations.acceptedBy, userId), isNull(invitations.revokedAt)));
}

/**
 * Withdraws every still-open invitation of the book for an e-mail address: a new link replaces older ones, an
 * accepted link retires its siblings, and revoking an accountant leaves no other link that would let them back in.
 */
export async function revokeOpenInvitationsForEmail(
  db: Db,
  { bookId, email, now = new Date() }: { bookId: string; email: string; now?: Date },
): Promise<number> {
  const rows = await db
    .update(invitations)
    .set({ revokedAt: now })
    .where(
      and(
        eq(invitations.bookId, bookId),
        eq(invitations.email, email.trim().toLowerCase()),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .returning({ id: invitations.id });
  return rows.length;
}
