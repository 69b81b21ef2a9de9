"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { bookAction, formAction } from "@/lib/auth/action";
import { inviteAccountant, revokeAccountant, revokeInvitation } from "@/lib/invitations/service";
import { invitationMail, sendMail } from "@/lib/mail";
import { env } from "@/lib/env";
import { publicOrigin } from "@/lib/http/origin";
import { AppError } from "@/lib/errors";
import { setAllowedSenders } from "@/db/queries/intake";
import { parseSenderList } from "@/lib/intake/settings";

export const inviteAction = formAction(
  bookAction(
    "settings.invite",
    z.object({ email: z.email("Escribe un correo válido.").max(254) }),
    async ({ user, book, db, input }) => {
      const res = await inviteAccountant(db, { userId: user.id, bookId: book.id, email: input.email });
      const link = `${publicOrigin(await headers())}${res.path}`;
      const emailed = env().SMTP_URL
        ? await sendMail(invitationMail({ to: res.invitation.email, url: link, bookName: book.legalName, inviterName: user.name }))
        : false;
      revalidatePath("/settings");
      return { link, email: res.invitation.email, emailed };
    },
  ),
);

// The services answer an unknown id as not found, so the ids are only required to be strings here.
export const revokeMemberAction = formAction(
  bookAction("settings.revoke_member", z.object({ userId: z.string() }), async ({ user, book, db, input }) => {
    await revokeAccountant(db, { userId: user.id, bookId: book.id, memberUserId: input.userId });
    revalidatePath("/settings");
  }),
);

export const revokeInvitationAction = formAction(
  bookAction("settings.revoke_invitation", z.object({ invitationId: z.string() }), async ({ user, book, db, input }) => {
    await revokeInvitation(db, { userId: user.id, bookId: book.id, invitationId: input.invitationId });
    revalidatePath("/settings");
  }),
);

/** The e-mail intake's sender allow-list (owners only); empty: anyone who knows the address. */
export const saveAllowedSendersAction = formAction(
  bookAction("settings.intake_senders", z.object({ senders: z.string().max(10_000) }), async ({ book, role, db, input }) => {
    if (role !== "owner") throw new AppError("auth:forbidden");
    const senders = parseSenderList(input.senders);
    await setAllowedSenders(db, { bookId: book.id, senders });
    revalidatePath("/settings");
    return { count: senders.length };
  }),
);
