import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bookMembers, books, users, type User } from "@/db/schema";

export async function getUserByEmail(db: Db, { email }: { email: string }): Promise<User | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase())).limit(1);
  return row;
}

export async function getUserById(db: Db, { id }: { id: string }): Promise<User | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

/** Registers a user together with the book they own, in one transaction. Returns null when the email is taken. */
export async function createUserWithBook(
  db: Db,
  input: { email: string; name: string; passwordHash: string; legalName: string; nif: string },
): Promise<{ user: User; bookId: string } | null> {
  return db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ email: input.email.toLowerCase(), name: input.name, passwordHash: input.passwordHash })
      .onConflictDoNothing({ target: users.email })
      .returning();
    if (!user) return null;
    const [book] = await tx
      .insert(books)
      .values({ legalName: input.legalName, nif: input.nif })
      .returning({ id: books.id });
    await tx.insert(bookMembers).values({ bookId: book.id, userId: user.id, role: "owner" });
    return { user, bookId: book.id };
  });
}

/** Registers a user with no book of their own (an accountant joining through an invitation). Null when taken. */
export async function createUser(
  db: Db,
  input: { email: string; name: string; passwordHash: string },
): Promise<User | null> {
  const [user] = await db
    .insert(users)
    .values({ email: input.email.toLowerCase(), name: input.name, passwordHash: input.passwordHash })
    .onConflictDoNothing({ target: users.email })
    .returning();
  return user ?? null;
}

/** The user's current session version (null when the user no longer exists). */
export async function getSessionVersion(db: Db, { userId }: { userId: string }): Promise<number | null> {
  const [row] = await db.select({ v: users.sessionVersion }).from(users).where(eq(users.id, userId)).limit(1);
  return row ? row.v : null;
}

/** Ends every session of the user (logout, password change): tokens with the old version are refused. */
export async function revokeSessions(db: Db, { userId }: { userId: string }): Promise<void> {
  await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
}

/**
 * Sets a new password hash and ends every session of the user in the same statement (the version goes up, so
 * tokens issued before are refused). Returns the new session version, or null when the user does not exist.
 */
export async function setPasswordAndRevokeSessions(
  db: Db,
  { userId, passwordHash }: { userId: string; passwordHash: string },
): Promise<number | null> {
  const [row] = await db
    .update(users)
    .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId))
    .returning({ v: users.sessionVersion });
  return row ? row.v : null;
}

/** The first account ever registered (the embedded default's operator when ADMIN_EMAILS is unset). */
export async function getFirstUserId(db: Db): Promise<string | null> {
  const [row] = await db.select({ id: users.id }).from(users).orderBy(asc(users.createdAt), asc(users.id)).limit(1);
  return row?.id ?? null;
}
