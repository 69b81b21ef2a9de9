"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireMember } from "@/db/queries/members";
import { userAction } from "@/lib/auth/action";
import { BOOK_COOKIE, getSessionUser } from "@/lib/auth/session";
import { uuidSchema } from "@/lib/ids";

const PAGES = ["/inbox", "/review", "/clients", "/settings"] as const;

/** Only a book the user is a member of goes in the cookie (`book:not_found` otherwise). */
const chooseBook = userAction("books.switch", z.object({ bookId: uuidSchema }), async ({ user, db, input }) => {
  await requireMember(db, { userId: user.id, bookId: input.bookId });
  (await cookies()).set(BOOK_COOKIE, input.bookId, { httpOnly: true, sameSite: "lax", path: "/", maxAge: 365 * 24 * 3600 });
});

/** Chooses the book to work in, then goes back to the page it came from; not a member: keeps the current book. */
export async function switchBookAction(form: FormData) {
  if (!(await getSessionUser())) redirect("/login");
  await chooseBook({ bookId: String(form.get("bookId") ?? "") });
  const next = z.enum(PAGES).catch("/inbox").parse(form.get("next") ?? undefined);
  redirect(next);
}
