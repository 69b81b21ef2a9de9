"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { requireMember } from "@/db/queries/members";
import { BOOK_COOKIE, getSessionUser } from "@/lib/auth/session";

/** Chooses the book to work in: only one the user is a member of (else the cookie is left alone). */
export async function switchBookAction(form: FormData) {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  const bookId = z.uuid().safeParse(form.get("bookId"));
  const next = String(form.get("next") ?? "/inbox");
  if (bookId.success) {
    try {
      await requireMember(await getDb(), { userId: user.id, bookId: bookId.data });
      (await cookies()).set(BOOK_COOKIE, bookId.data, { httpOnly: true, sameSite: "lax", path: "/", maxAge: 365 * 24 * 3600 });
    } catch {
      // Not a member (any more): keep the current book.
    }
  }
  redirect(["/inbox", "/review", "/clients", "/settings"].includes(next) ? next : "/inbox");
}
