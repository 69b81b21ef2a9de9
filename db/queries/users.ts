import "server-only";
import { eq } from "drizzle-orm";
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
