"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { bookContextOrThrow } from "@/lib/auth/session";
import { isAppError, messageFor } from "@/lib/errors";
import { inviteAccountant, revokeAccountant, revokeInvitation } from "@/lib/invitations/service";
import { invitationMail, sendMail } from "@/lib/mail";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

export type InviteState = { error?: string; link?: string; email?: string; emailed?: boolean };

const inviteSchema = z.object({ email: z.email("Escribe un correo válido.").max(254) });

/**
 * The origin for links we e-mail: APP_URL when set (production: never trust request headers for this), else the
 * request's host (the embedded default on a laptop).
 */
async function origin(): Promise<string> {
  const configured = env().APP_URL;
  if (configured) return configured.replace(/\/+$/, "");
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto}://${host}`;
}

function failure(e: unknown): { error: string } {
  if (isAppError(e)) return { error: e.userMessage };
  log.error("settings.action_failed", { err: e });
  return { error: messageFor("internal:unexpected") };
}

export async function inviteAction(_prev: InviteState, form: FormData): Promise<InviteState> {
  const parsed = inviteSchema.safeParse({ email: form.get("email") });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? messageFor("validation:invalid") };
  try {
    const ctx = await bookContextOrThrow();
    const res = await inviteAccountant(ctx.db, { userId: ctx.user.id, bookId: ctx.book.id, email: parsed.data.email });
    const link = `${await origin()}${res.path}`;
    const emailed = env().SMTP_URL
      ? await sendMail(invitationMail({ to: res.invitation.email, url: link, bookName: ctx.book.legalName, inviterName: ctx.user.name }))
      : false;
    revalidatePath("/settings");
    return { link, email: res.invitation.email, emailed };
  } catch (e) {
    return failure(e);
  }
}

export type SimpleState = { error?: string; ok?: boolean };

export async function revokeMemberAction(_prev: SimpleState, form: FormData): Promise<SimpleState> {
  try {
    const ctx = await bookContextOrThrow();
    await revokeAccountant(await getDb(), { userId: ctx.user.id, bookId: ctx.book.id, memberUserId: String(form.get("userId") ?? "") });
    revalidatePath("/settings");
    return { ok: true };
  } catch (e) {
    return failure(e);
  }
}

export async function revokeInvitationAction(_prev: SimpleState, form: FormData): Promise<SimpleState> {
  try {
    const ctx = await bookContextOrThrow();
    await revokeInvitation(ctx.db, { userId: ctx.user.id, bookId: ctx.book.id, invitationId: String(form.get("invitationId") ?? "") });
    revalidatePath("/settings");
    return { ok: true };
  } catch (e) {
    return failure(e);
  }
}
