"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { bookContextOrThrow } from "@/lib/auth/session";
import { isAppError, messageFor } from "@/lib/errors";
import { log } from "@/lib/log";
import { approveDocument, bulkApprove, bulkSummary, type BulkSkipReason } from "@/lib/review/service";

export type BulkResult = { approved: number; skipped: number; message?: string; error?: string };

const ids = z.array(z.uuid()).min(1).max(200);

/** Approves the given documents of the current book that have no check errors; the others are left as they are. */
export async function bulkApproveAction(documentIds: string[]): Promise<BulkResult> {
  const parsed = ids.safeParse(documentIds);
  if (!parsed.success) return { approved: 0, skipped: 0, error: messageFor("validation:invalid") };
  try {
    const ctx = await bookContextOrThrow();
    const res = await bulkApprove(ctx.db, { userId: ctx.user.id, bookId: ctx.book.id, documentIds: parsed.data });
    revalidatePath("/review");
    const byReason: Record<BulkSkipReason, number> = { errors: 0, no_record: 0, not_pending: 0 };
    for (const s of res.skipped) byReason[s.reason]++;
    const message = bulkSummary({ approved: res.approved.length, skipped: byReason });
    return { approved: res.approved.length, skipped: res.skipped.length, message };
  } catch (e) {
    if (!isAppError(e)) log.error("review.bulk_failed", { err: e });
    return { approved: 0, skipped: 0, error: isAppError(e) ? e.userMessage : messageFor("internal:unexpected") };
  }
}

export async function approveOneAction(documentId: string): Promise<{ ok: boolean; error?: string }> {
  try {
    const ctx = await bookContextOrThrow();
    await approveDocument(ctx.db, { userId: ctx.user.id, documentId: z.string().max(64).parse(documentId) });
    revalidatePath("/review");
    return { ok: true };
  } catch (e) {
    if (!isAppError(e)) log.error("review.approve_failed", { err: e });
    return { ok: false, error: isAppError(e) ? e.userMessage : messageFor("internal:unexpected") };
  }
}
