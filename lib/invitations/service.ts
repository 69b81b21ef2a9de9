import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { withTx, type Db } from "@/db/client";
import { writeAudit } from "@/db/queries/audit";
import {
  getInvitationByTokenHash,
  insertInvitation,
  listInvitations,
  markInvitationAccepted,
  revokeAcceptedInvitations,
  revokeOpenInvitationsForEmail,
  revokePendingInvitation,
} from "@/db/queries/invitations";
import { addMember, listMembers, removeAccountant, requireMember } from "@/db/queries/members";
import { isUuid } from "@/lib/ids";
import { getUserById } from "@/db/queries/users";
import { AppError } from "@/lib/errors";

/**
 * Owners invite accountants by e-mail. The token (32 random bytes, base64url) is returned once — for the link the
 * owner copies and the e-mail — and only its SHA-256 is stored. It works once, until it expires or is revoked, and
 * only for the invited e-mail address.
 */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export const hashToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");
export const invitationPath = (token: string) => `/invitations/${token}`;

export async function inviteAccountant(
  db: Db,
  { userId, bookId, email, now = new Date() }: { userId: string; bookId: string; email: string; now?: Date },
) {
  await requireMember(db, { userId, bookId, roles: ["owner"] });
  const to = email.trim().toLowerCase();
  const inviter = await getUserById(db, { id: userId });
  if (inviter?.email === to) throw new AppError("invitation:self");
  const members = await listMembers(db, { bookId });
  if (members.some((m) => m.email === to)) throw new AppError("invitation:already_member");
  const token = randomBytes(32).toString("base64url");
  const invitation = await withTx(db, async (tx) => {
    // One open link per address: sending a new one withdraws the old ones.
    const replaced = await revokeOpenInvitationsForEmail(tx, { bookId, email: to, now });
    const inv = await insertInvitation(tx, {
      bookId,
      email: to,
      tokenHash: hashToken(token),
      invitedBy: userId,
      expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
    });
    await writeAudit(tx, { bookId, userId, action: "member.invited", after: { email: to, expiresAt: inv.expiresAt, replaced } });
    return inv;
  });
  return { invitation, token, inviterName: inviter?.name ?? "", path: invitationPath(token) };
}

export type InvitationState = "valid" | "expired" | "used" | "revoked" | "not_found";

/** What the acceptance page shows for a token (no sign-in needed; reveals only the book's name and the e-mail). */
export async function describeInvitation(db: Db, { token, now = new Date() }: { token: string; now?: Date }) {
  const row = token.length >= 20 && token.length <= 100 ? await getInvitationByTokenHash(db, { tokenHash: hashToken(token) }) : undefined;
  if (!row) return { state: "not_found" as InvitationState };
  const inv = row.invitation;
  const state: InvitationState = inv.revokedAt ? "revoked" : inv.acceptedAt ? "used" : inv.expiresAt <= now ? "expired" : "valid";
  return { state, email: inv.email, bookName: row.bookName, inviterName: row.inviterName, bookId: inv.bookId };
}

const STATE_ERRORS = { expired: "invitation:expired", used: "invitation:used", revoked: "invitation:revoked" } as const;

/** The signed-in user accepts: becomes the book's accountant (an existing membership is kept as it is). */
export async function acceptInvitation(db: Db, { token, userId, now = new Date() }: { token: string; userId: string; now?: Date }) {
  return withTx(db, async (tx) => {
    const info = await describeInvitation(tx, { token, now });
    if (info.state === "not_found") throw new AppError("invitation:not_found");
    if (info.state !== "valid") throw new AppError(STATE_ERRORS[info.state]);
    const user = await getUserById(tx, { id: userId });
    if (!user) throw new AppError("auth:unauthorized");
    if (user.email !== info.email) throw new AppError("invitation:wrong_email");
    const row = await getInvitationByTokenHash(tx, { tokenHash: hashToken(token) });
    const accepted = await markInvitationAccepted(tx, { id: row!.invitation.id, userId, now });
    if (!accepted) throw new AppError("invitation:used");
    await revokeOpenInvitationsForEmail(tx, { bookId: accepted.bookId, email: user.email, now });
    const added = await addMember(tx, { bookId: accepted.bookId, userId, role: "accountant" });
    await writeAudit(tx, { bookId: accepted.bookId, userId, action: "member.joined", after: { email: user.email, role: "accountant", added } });
    return { bookId: accepted.bookId };
  });
}

/** The owner removes an accountant: the membership row goes, so their next request already answers 404. */
export async function revokeAccountant(db: Db, { userId, bookId, memberUserId }: { userId: string; bookId: string; memberUserId: string }) {
  await requireMember(db, { userId, bookId, roles: ["owner"] });
  if (!isUuid(memberUserId)) throw new AppError("book:not_found");
  return withTx(db, async (tx) => {
    const removed = await removeAccountant(tx, { bookId, userId: memberUserId });
    if (!removed) throw new AppError("book:not_found");
    await revokeAcceptedInvitations(tx, { bookId, userId: memberUserId });
    // Any other open link for their address would let them straight back in.
    const member = await getUserById(tx, { id: memberUserId });
    if (member) await revokeOpenInvitationsForEmail(tx, { bookId, email: member.email });
    await writeAudit(tx, { bookId, userId, action: "member.revoked", before: { userId: memberUserId, role: "accountant" } });
    return true;
  });
}

export async function revokeInvitation(db: Db, { userId, bookId, invitationId }: { userId: string; bookId: string; invitationId: string }) {
  await requireMember(db, { userId, bookId, roles: ["owner"] });
  if (!isUuid(invitationId)) throw new AppError("invitation:not_found");
  return withTx(db, async (tx) => {
    const row = await revokePendingInvitation(tx, { bookId, id: invitationId });
    if (!row) throw new AppError("invitation:not_found");
    await writeAudit(tx, { bookId, userId, action: "invitation.revoked", before: { email: row.email } });
    return row;
  });
}

/** Members and invitations of a book (owners only). */
export async function listAccess(db: Db, { userId, bookId, now = new Date() }: { userId: string; bookId: string; now?: Date }) {
  await requireMember(db, { userId, bookId, roles: ["owner"] });
  const [members, invitations] = await Promise.all([listMembers(db, { bookId }), listInvitations(db, { bookId })]);
  return {
    members,
    invitations: invitations.map((i) => ({
      id: i.id,
      email: i.email,
      createdAt: i.createdAt,
      expiresAt: i.expiresAt,
      state: (i.revokedAt ? "revoked" : i.acceptedAt ? "used" : i.expiresAt <= now ? "expired" : "valid") as InvitationState,
    })),
  };
}
