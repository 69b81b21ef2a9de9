"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { userAction, type ActionResult } from "@/lib/auth/action";
import { BOOK_COOKIE, getSessionUser } from "@/lib/auth/session";
import { acceptInvitation } from "@/lib/invitations/service";

const accept = userAction("invitation.accept", z.object({ token: z.string() }), async ({ user, db, input }) => {
  const { bookId } = await acceptInvitation(db, { token: input.token, userId: user.id });
  (await cookies()).set(BOOK_COOKIE, bookId, { httpOnly: true, sameSite: "lax", path: "/", maxAge: 365 * 24 * 3600 });
});

/** Accepts the invitation and opens its book's review queue; someone not signed in is sent to log in first. */
export async function acceptInvitationAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const token = String(form.get("token") ?? "");
  if (!(await getSessionUser())) redirect(`/login?callbackUrl=${encodeURIComponent(`/invitations/${token}`)}`);
  const result = await accept({ token });
  if (!result.ok) return result;
  redirect("/review");
}
