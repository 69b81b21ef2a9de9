import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { intakeMessages, intakeSettings, type IntakeAttachment, type IntakeOutcome, type IntakeSettings } from "@/db/schema";
import { newIntakeToken } from "@/lib/intake/address";

/** The book's intake settings, created (with a fresh token) the first time they are asked for. */
export async function getOrCreateIntakeSettings(db: Db, { bookId }: { bookId: string }): Promise<IntakeSettings> {
  const [existing] = await db.select().from(intakeSettings).where(eq(intakeSettings.bookId, bookId)).limit(1);
  if (existing) return existing;
  await db.insert(intakeSettings).values({ bookId, token: newIntakeToken() }).onConflictDoNothing({ target: intakeSettings.bookId });
  const [row] = await db.select().from(intakeSettings).where(eq(intakeSettings.bookId, bookId)).limit(1);
  return row;
}

/** The book one of these tokens belongs to (pipeline use: the token is the address, not a user's scope). */
export async function findIntakeByTokens(db: Db, { tokens }: { tokens: string[] }): Promise<IntakeSettings | undefined> {
  if (tokens.length === 0) return undefined;
  const [row] = await db.select().from(intakeSettings).where(inArray(intakeSettings.token, tokens)).limit(1);
  return row;
}

export async function setAllowedSenders(db: Db, { bookId, senders }: { bookId: string; senders: string[] }) {
  await getOrCreateIntakeSettings(db, { bookId });
  await db.update(intakeSettings).set({ allowedSenders: senders, updatedAt: new Date() }).where(eq(intakeSettings.bookId, bookId));
}

/**
 * Claims a message for a book by Message-ID. `fresh` is false when it was seen before: then the caller finishes
 * it if a crash left it incomplete (`outcome` null), and does nothing if it is complete.
 */
export async function beginIntakeMessage(
  db: Db,
  v: { bookId: string; messageId: string; transport: "imap" | "webhook"; fromAddress: string | null; subject: string | null },
) {
  const [inserted] = await db.insert(intakeMessages).values(v).onConflictDoNothing().returning();
  if (inserted) return { message: inserted, fresh: true };
  const [existing] = await db
    .select()
    .from(intakeMessages)
    .where(and(eq(intakeMessages.bookId, v.bookId), eq(intakeMessages.messageId, v.messageId)))
    .limit(1);
  return { message: existing, fresh: false };
}

export async function saveIntakeAttachments(db: Db, { id, attachments }: { id: string; attachments: IntakeAttachment[] }) {
  await db.update(intakeMessages).set({ attachments }).where(eq(intakeMessages.id, id));
}

export async function completeIntakeMessage(
  db: Db,
  { id, outcome, reason, attachments }: { id: string; outcome: IntakeOutcome; reason: string | null; attachments: IntakeAttachment[] },
) {
  const [row] = await db
    .update(intakeMessages)
    .set({ outcome, reason, attachments, completedAt: new Date() })
    .where(eq(intakeMessages.id, id))
    .returning();
  return row;
}

/** The book's last messages, newest first (settings). */
export async function listIntakeMessages(db: Db, { bookId, limit = 20 }: { bookId: string; limit?: number }) {
  return db
    .select()
    .from(intakeMessages)
    .where(eq(intakeMessages.bookId, bookId))
    .orderBy(desc(intakeMessages.createdAt), desc(intakeMessages.id))
    .limit(limit);
}
