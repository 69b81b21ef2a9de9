"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { bookAction, type ActionResult } from "@/lib/auth/action";
import { AppError } from "@/lib/errors";
import { uuidSchema } from "@/lib/ids";
import { invoiceFormSchema } from "@/lib/invoices/form";
import { enqueueOrMarkFailed } from "@/lib/queue";
import { rejectDocument, reopenDocument, reprocessDocument, saveAndApprove, saveInvoice } from "@/lib/review/service";

/**
 * What the review form shows after an action: the Spanish message of what was done; after an approval, the next
 * pending document of the queue (`nextId`), which the form opens.
 */
export type ReviewActionResult = ActionResult<{ message: string; nextId?: string | null }>;

/** Every review action names its document; the services check the caller's membership of its book. */
function revalidate(documentId: string) {
  revalidatePath(`/documents/${documentId}`);
  revalidatePath("/review");
}

/** Saves the reviewed record; with `approve`, saves and approves (the server runs the checks again). */
export const saveReviewAction = bookAction(
  "review.save",
  z.object({ documentId: uuidSchema, values: invoiceFormSchema, intent: z.enum(["save", "approve"]) }),
  async ({ user, db, input }) => {
    const { documentId, values: update } = input;
    if (input.intent === "approve") {
      const { nextId } = await saveAndApprove(db, { userId: user.id, documentId, update });
      revalidate(documentId);
      return {
        message: nextId ? "Aprobado. Abriendo el siguiente de la cola…" : "Aprobado. No quedan documentos pendientes en la cola.",
        nextId,
      };
    }
    const { changed } = await saveInvoice(db, { userId: user.id, documentId, update });
    revalidate(documentId);
    return { message: changed ? "Cambios guardados." : "No había cambios." };
  },
);

export const rejectAction = bookAction(
  "review.reject",
  z.object({ documentId: uuidSchema, reason: z.string().trim().min(3, "Explica el motivo (al menos 3 caracteres).").max(500) }),
  async ({ user, db, input: { documentId, reason } }) => {
    await rejectDocument(db, { userId: user.id, documentId, reason });
    revalidate(documentId);
    return { message: "Documento rechazado." };
  },
);

export const reopenAction = bookAction("review.reopen", z.object({ documentId: uuidSchema }), async ({ user, db, input: { documentId } }) => {
  await reopenDocument(db, { userId: user.id, documentId });
  revalidate(documentId);
  return { message: "Documento reabierto para revisión." };
});

export const reprocessAction = bookAction("review.reprocess", z.object({ documentId: uuidSchema }), async ({ user, db, input: { documentId } }) => {
  const row = await reprocessDocument(db, { userId: user.id, documentId });
  if (!(await enqueueOrMarkFailed(db, row.id))) throw new AppError("pipeline:failed");
  revalidate(documentId);
  return { message: "Reprocesando el documento…" };
});
