"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { bookAction } from "@/lib/auth/action";
import { uuidSchema } from "@/lib/ids";
import { approveDocument, bulkApprove } from "@/lib/review/service";

/** Approves the given documents of the current book that pass every check; the others are left as they are. */
export const bulkApproveAction = bookAction(
  "review.bulk_approve",
  z.object({ documentIds: z.array(uuidSchema).min(1).max(200) }),
  async ({ user, book, db, input }) => {
    const res = await bulkApprove(db, { userId: user.id, bookId: book.id, documentIds: input.documentIds });
    revalidatePath("/review");
    return { approved: res.approved.length, skipped: res.skipped.length };
  },
);

export const approveOneAction = bookAction("review.approve", z.object({ documentId: uuidSchema }), async ({ user, db, input }) => {
  await approveDocument(db, { userId: user.id, documentId: input.documentId });
  revalidatePath("/review");
});
