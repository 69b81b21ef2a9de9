"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { BOOK_COOKIE, getSessionUser } from "@/lib/auth/session";
import { isAppError, messageFor } from "@/lib/errors";
import { acceptInvitation } from "@/lib/invitations/service";
import { log } from "@/lib/log";

export type AcceptState = { error?: string };

export async function acceptInvitationAction(_prev: AcceptState, form: FormData): Promise<AcceptState> {
  const token = String(form.get("token") ?? "");
  const user = await getSessionUser();
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(`/invitations/${token}`)}`);
  let bookId: string;
  try {
    ({ bookId } = await acceptInvitation(await getDb(), { token, userId: user.id }));
  } catch (e) {
    if (isAppError(e)) return { error: e.userMessage };
    log.error("invitation.accept_failed", { err: e });
    return { error: messageFor("internal:unexpected") };
  }
  (await cookies()).set(BOOK_COOKIE, bookId, { httpOnly: true, sameSite: "lax", path: "/", maxAge: 365 * 24 * 3600 });
  redirect("/review");
}
