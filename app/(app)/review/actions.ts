"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { bookAction } from "@/lib/auth/action";
import { uuidSchema } from "@/lib/ids";
import { approveDocument, bulkApprove, bulkSummary, type BulkSkipReason } from "@/lib/review/service";

/**
 * Approves the given documents of the current book that have no check errors (warnings never block); the others are
 * left as they are, and the message counts them by reason.
 */
export const bulkApproveAction = bookAction(
  "review.bulk_approve",
  z.object({ documentIds: z.array(uuidSchema).min(1).max(200) }),
  async ({ user, book, db, input }) => {
    const res = await bulkApprove(db, { userId: user.id, bookId: book.id, documentIds: input.documentIds });
    revalidatePath("/review");
    const byReason: Record<BulkSkipReason, number> = { errors: 0, no_record: 0, not_pending: 0 };
    for (const s of res.skipped) byReason[s.reason]++;
    const message = bulkSummary({ approved: res.approved.length, skipped: byReason });
    return { approved: res.approved.length, skipped: res.skipped.length, message };
  },
);

export const approveOneAction = bookAction("review.approve", z.object({ documentId: uuidSchema }), async ({ user, db, input }) => {
  await approveDocument(db, { userId: user.id, documentId: input.documentId });
  revalidatePath("/review");
});
