import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb, type Db } from "@/db/client";
import { listMemberships, type Membership } from "@/db/queries/books";
import { auth } from "@/lib/auth";
import { AppError } from "@/lib/errors";

export const BOOK_COOKIE = "anclora_book";

export type SessionUser = { id: string; email: string; name: string };
export type BookContext = { user: SessionUser; db: Db } & Membership & { memberships: Membership[] };

/** Memoised per server render (React `cache`): the layout and the page share one lookup. */
export const getSessionUser = cache(async function getSessionUser(): Promise<SessionUser | null> {
  const session = await auth();
  const u = session?.user;
  if (!u?.id || !u.email) return null;
  return { id: u.id, email: u.email, name: u.name ?? u.email };
});

/**
 * The signed-in user and the book they are working in (the one chosen in the cookie, if they are still a member
 * of it, else their first). Null when not signed in or a member of no book. Memoised per server render, so the
 * layout and the page do not each run the session and membership queries.
 */
export const getBookContext = cache(async function getBookContext(): Promise<BookContext | null> {
  const user = await getSessionUser();
  if (!user) return null;
  const db = await getDb();
  const memberships = await listMemberships(db, { userId: user.id });
  if (memberships.length === 0) return null;
  const chosen = (await cookies()).get(BOOK_COOKIE)?.value;
  const current = memberships.find((m) => m.book.id === chosen) ?? memberships[0];
  return { user, db, ...current, memberships };
});

/** For pages: the book context, or a redirect to the login page. */
export async function requireBookContext(): Promise<BookContext> {
  const ctx = await getBookContext();
  // Signed in but a member of no book (an accountant before accepting, or after being revoked): not a login loop.
  if (!ctx) redirect((await getSessionUser()) ? "/welcome" : "/login");
  return ctx;
}

/** For route handlers and actions: the book context, or an `auth:unauthorized` error. */
export async function bookContextOrThrow(): Promise<BookContext> {
  const ctx = await getBookContext();
  if (!ctx) throw new AppError("auth:unauthorized");
  return ctx;
}
