"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { getSessionUser } from "@/lib/auth/session";
import { AppError, isAppError, messageFor } from "@/lib/errors";
import { fieldErrorsOf, invoiceFormSchema, type InvoiceFormValues } from "@/lib/invoices/form";
import { log } from "@/lib/log";
import { enqueueOrMarkFailed } from "@/lib/queue";
import { rejectDocument, reopenDocument, reprocessDocument, saveAndApprove, saveInvoice } from "@/lib/review/service";

export type ReviewActionState = {
  ok?: boolean;
  error?: string;
  fieldErrors?: Record<string, string>;
  message?: string;
  /** After an approval: the next pending document of the queue, if any. */
  nextId?: string | null;
};

const documentIdSchema = z.uuid();
const intentSchema = z.enum(["save", "approve"]);
const reasonSchema = z.string().trim().min(3, "Explica el motivo (al menos 3 caracteres).").max(500);

type Outcome = string | void | { message: string; nextId: string | null };

async function run(documentId: unknown, work: (userId: string, documentId: string) => Promise<Outcome>): Promise<ReviewActionState> {
  const id = documentIdSchema.safeParse(documentId);
  if (!id.success) return { error: messageFor("document:not_found") };
  try {
    const user = await getSessionUser();
    if (!user) return { error: messageFor("auth:unauthorized") };
    const out = await work(user.id, id.data);
    revalidatePath(`/documents/${id.data}`);
    revalidatePath("/review");
    if (out && typeof out === "object") return { ok: true, ...out };
    return { ok: true, message: out ?? undefined };
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
  const approve = intentSchema.safeParse(intent);
  if (!approve.success) return { error: messageFor("validation:invalid") };
  const db = await getDb();
  return run(documentId, async (userId, documentId) => {
    if (approve.data === "approve") {
      const { nextId } = await saveAndApprove(db, { userId, documentId, update: parsed.data });
      return { message: nextId ? "Aprobado. Abriendo el siguiente de la cola…" : "Aprobado. No quedan documentos pendientes en la cola.", nextId };
    }
    const { changed } = await saveInvoice(db, { userId, documentId, update: parsed.data });
    return changed ? "Cambios guardados." : "No había cambios.";
  });
}

export async function rejectAction(documentId: string, reason: string): Promise<ReviewActionState> {
  const why = reasonSchema.safeParse(reason);
  if (!why.success) return { error: why.error.issues[0]?.message ?? messageFor("validation:invalid") };
  const db = await getDb();
  return run(documentId, async (userId, documentId) => {
    await rejectDocument(db, { userId, documentId, reason: why.data });
    return "Documento rechazado.";
  });
}

export async function reopenAction(documentId: string): Promise<ReviewActionState> {
  const db = await getDb();
  return run(documentId, async (userId, documentId) => {
    await reopenDocument(db, { userId, documentId });
    return "Documento reabierto para revisión.";
  });
}

export async function reprocessAction(documentId: string): Promise<ReviewActionState> {
  const db = await getDb();
  return run(documentId, async (userId, documentId) => {
    const row = await reprocessDocument(db, { userId, documentId });
    if (!(await enqueueOrMarkFailed(db, row.id))) throw new AppError("pipeline:failed");
    return "Reprocesando el documento…";
  });
}
