import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { getMembership, type Membership } from "@/db/queries/books";
import { bookMembers, documents, users, type Document, type MemberRole } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/ids";

/**
 * The membership scope: the one place that decides whether a user may touch a book's data. A user who is not (or
 * no longer) a member gets `book:not_found` / `document:not_found` (404: we never confirm that the data exists);
 * a member without the required role gets `auth:forbidden`. Revoking a member deletes the row, so the next request
 * already fails here.
 */
export async function requireMember(
  db: Db,
  { userId, bookId, roles }: { userId: string; bookId: string; roles?: readonly MemberRole[] },
): Promise<Membership> {
  const m = isUuid(bookId) ? await getMembership(db, { userId, bookId }) : undefined;
  if (!m) throw new AppError("book:not_found");
  if (roles && !roles.includes(m.role)) throw new AppError("auth:forbidden");
  return m;
}

/**
 * A document and the caller's role in its book, or `document:not_found` for anyone outside the book. Write
 * transactions pass `forUpdate` so that they serialise on the document row.
 */
export async function requireDocumentAccess(
  db: Db,
  {
    userId,
    documentId,
    roles,
    forUpdate = false,
  }: { userId: string; documentId: string; roles?: readonly MemberRole[]; forUpdate?: boolean },
): Promise<{ document: Document; role: MemberRole }> {
  if (!isUuid(documentId)) throw new AppError("document:not_found");
  const query = db
    .select({ document: documents, role: bookMembers.role })
    .from(documents)
    .innerJoin(bookMembers, and(eq(bookMembers.bookId, documents.bookId), eq(bookMembers.userId, userId)))
    .where(eq(documents.id, documentId))
    .limit(1);
  // Inside a write transaction: lock the document row so concurrent save / approve / reprocess run one at a time.
  const [row] = forUpdate ? await query.for("update", { of: documents }) : await query;
  if (!row) throw new AppError("document:not_found");
  if (roles && !roles.includes(row.role)) throw new AppError("auth:forbidden");
  return row;
}

export type MemberRow = { userId: string; name: string; email: string; role: MemberRole; since: Date };

export async function listMembers(db: Db, { bookId }: { bookId: string }): Promise<MemberRow[]> {
  return db
    .select({ userId: users.id, name: users.name, email: users.email, role: bookMembers.role, since: bookMembers.createdAt })
    .from(bookMembers)
    .innerJoin(users, eq(users.id, bookMembers.userId))
    .where(eq(bookMembers.bookId, bookId))
    .orderBy(asc(bookMembers.createdAt));
}

/** Adds a member; an existing membership (e.g. the owner) is left as it is. Returns true when added. */
export async function addMember(db: Db, { bookId, userId, role }: { bookId: string; userId: string; role: MemberRole }) {
  const rows = await db.insert(bookMembers).values({ bookId, userId, role }).onConflictDoNothing().returning();
  return rows.length > 0;
}

/** Removes an accountant from a book (owners are never removed this way). Returns true when a row went. */
export async function removeAccountant(db: Db, { bookId, userId }: { bookId: string; userId: string }) {
  const rows = await db
    .delete(bookMembers)
    .where(and(eq(bookMembers.bookId, bookId), eq(bookMembers.userId, userId), eq(bookMembers.role, "accountant")))
    .returning();
  return rows.length > 0;
}
