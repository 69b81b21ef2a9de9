"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { getSessionUser } from "@/lib/auth/session";
import { isAppError, messageFor } from "@/lib/errors";
import { fieldErrorsOf, invoiceFormSchema, type InvoiceFormValues } from "@/lib/invoices/form";
import { log } from "@/lib/log";
import { enqueueDocument } from "@/lib/queue";
import { rejectDocument, reopenDocument, reprocessDocument, saveAndApprove, saveInvoice } from "@/lib/review/service";

export type ReviewActionState = { ok?: boolean; error?: string; fieldErrors?: Record<string, string>; message?: string };

async function run(documentId: string, work: (userId: string) => Promise<string | void>): Promise<ReviewActionState> {
  try {
    const user = await getSessionUser();
    if (!user) return { error: messageFor("auth:unauthorized") };
    const message = await work(user.id);
    revalidatePath(`/documents/${documentId}`);
    revalidatePath("/review");
    return { ok: true, message: message ?? undefined };
  } catch (e) {
    if (isAppError(e)) return { error: e.userMessage };
    log.error("review.action_failed", { err: e, documentId });
    return { error: messageFor("internal:unexpected") };
  }
}

/** Saves the reviewed record; with `approve`, saves and approves (the server runs the checks again). */
export async function saveReviewAction(documentId: string, values: InvoiceFormValues, intent: "save" | "approve"): Promise<ReviewActionState> {
  const parsed = invoiceFormSchema.safeParse(values);
  if (!parsed.success) return { error: messageFor("validation:invalid"), fieldErrors: fieldErrorsOf(parsed.error.issues) };
  const db = await getDb();
  return run(documentId, async (userId) => {
    if (intent === "approve") {
      await saveAndApprove(db, { userId, documentId, update: parsed.data });
      return "Aprobado.";
    }
    const { changed } = await saveInvoice(db, { userId, documentId, update: parsed.data });
    return changed ? "Cambios guardados." : "No había cambios.";
  });
}

export async function rejectAction(documentId: string, reason: string): Promise<ReviewActionState> {
  const db = await getDb();
  return run(documentId, async (userId) => {
    await rejectDocument(db, { userId, documentId, reason: String(reason ?? "").slice(0, 500) });
    return "Documento rechazado.";
  });
}

export async function reopenAction(documentId: string): Promise<ReviewActionState> {
  const db = await getDb();
  return run(documentId, async (userId) => {
    await reopenDocument(db, { userId, documentId });
    return "Documento reabierto para revisión.";
  });
}

export async function reprocessAction(documentId: string): Promise<ReviewActionState> {
  const db = await getDb();
  return run(documentId, async (userId) => {
    const row = await reprocessDocument(db, { userId, documentId });
    await enqueueDocument(row.id);
    return "Reprocesando el documento…";
  });
}
