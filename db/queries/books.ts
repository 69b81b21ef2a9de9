import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bookMembers, books, type Book, type MemberRole } from "@/db/schema";

export type Membership = { book: Book; role: MemberRole };

/** The books a user may see, oldest membership first. This is the authorisation scope for all book data. */
export async function listMemberships(db: Db, { userId }: { userId: string }): Promise<Membership[]> {
  const rows = await db
    .select({ book: books, role: bookMembers.role })
    .from(bookMembers)
    .innerJoin(books, eq(books.id, bookMembers.bookId))
    .where(eq(bookMembers.userId, userId))
    .orderBy(asc(bookMembers.createdAt));
  return rows;
}

export async function getMembership(
  db: Db,
  { userId, bookId }: { userId: string; bookId: string },
): Promise<Membership | undefined> {
  const [row] = await db
    .select({ book: books, role: bookMembers.role })
    .from(bookMembers)
    .innerJoin(books, eq(books.id, bookMembers.bookId))
    .where(and(eq(bookMembers.userId, userId), eq(bookMembers.bookId, bookId)))
    .limit(1);
  return row;
}

export async function getBook(db: Db, { id }: { id: string }): Promise<Book | undefined> {
  const [row] = await db.select().from(books).where(eq(books.id, id)).limit(1);
  return row;
}
