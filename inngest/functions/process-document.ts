import { NonRetriableError } from "inngest";
import type { Db } from "@/db/client";
import { claimForProcessing, getDocumentById, markFailed } from "@/db/queries/documents";
import { getBook } from "@/db/queries/books";
import { vendorMemoryStore } from "@/db/queries/vendor-memory";
import { recallVendor } from "@/lib/documents/vendor-memory";
import { saveExtraction } from "@/db/queries/extractions";
import { AppError, isAppError, isErrorCode, messageFor } from "@/lib/errors";
import { log } from "@/lib/log";
import type { AcceptedType } from "@/lib/documents/sniff";
import type { Storage } from "@/lib/storage";
import type { ParseOptions, ParsedInvoice } from "@/lib/documents/parse";
import type { TextResult } from "@/lib/documents/text";
import { fieldsFromText } from "@/lib/documents/fields";
import { inngest } from "@/inngest/client";
import { documentUploaded } from "@/inngest/events";

/** What the steps need from the outside world; the app passes the real adapters, tests pass their own. */
export type ProcessDocumentDeps = {
  db: () => Promise<Db>;
  storage: () => Storage;
  extractText: (bytes: Uint8Array, mime: AcceptedType["mime"], opts?: { ownTaxId?: string | null }) => Promise<TextResult>;
  /** `opts.layout` (the text step's word boxes) gives fields their source boxes. */
  parseInvoice: (text: string, opts?: ParseOptions) => ParsedInvoice;
};

/** The subset of Inngest's step tools the function uses, so the in-process runner can provide the same. */
export type StepTools = { run: <T>(id: string, fn: () => Promise<T>) => Promise<unknown> };

/** Errors that no retry can fix (a broken PDF stays broken): fail at once with their code. */
export const PERMANENT_CODES = new Set([
  "extraction:pdf_unreadable",
  "extraction:image_unreadable",
  "extraction:no_text",
  "storage:missing_object",
  "upload:corrupt",
  "upload:unsupported_type",
  "upload:pdf_encrypted",
  "upload:too_many_pages",
  "upload:image_too_large",
  "upload:too_complex",
  "extraction:over_budget",
  "pipeline:attempts_exhausted",
]);

export function isPermanent(e: unknown): boolean {
  return isAppError(e) && PERMANENT_CODES.has(e.code);
}

/** The error code to record for a failed run (codes survive Inngest's serialisation in the message). */
export function failureCode(e: unknown): string {
  if (isAppError(e)) return e.code;
  const msg =
    e && typeof e === "object" && "message" in e ? String((e as { message: unknown }).message) : String(e);
  const m = /^([a-z]+:[a-z_]+)\b/.exec(msg);
  return m && isErrorCode(m[1]) ? m[1] : "pipeline:failed";
}

export type ProcessResult =
  | { status: "skipped"; reason: string }
  | { status: "extracted" | "needs_review"; invoiceId: string };

/**
 * load → text → parse → persist. Each step is idempotent and returns small JSON; the bytes are read from
 * storage inside the step that needs them, never passed between steps.
 */
export async function processDocument(
  deps: ProcessDocumentDeps,
  { documentId, step }: { documentId: string; step: StepTools },
): Promise<ProcessResult> {
  const loaded = (await step.run("load", async () => {
    const db = await deps.db();
    const doc = await claimForProcessing(db, { id: documentId });
    if (!doc || !doc.storageKey) return null;
    if (doc.attempts > MAX_PROCESS_ATTEMPTS) {
      // A document that keeps interrupting processing (it took the process down, or kept failing) stops here,
      // across restarts: start-up recovery queues it again, this claim counts the attempt and ends it.
      const err = new AppError("pipeline:attempts_exhausted", `${doc.attempts - 1} attempts`);
      throw new NonRetriableError(err.message, { cause: err });
    }
    const book = await getBook(db, { id: doc.bookId });
    return {
      bookId: doc.bookId,
      storageKey: doc.storageKey,
      mimeType: doc.mimeType as AcceptedType["mime"],
      ownTaxId: book?.nif ?? null,
    };
  })) as { bookId: string; storageKey: string; mimeType: AcceptedType["mime"]; ownTaxId: string | null } | null;
  if (!loaded) return { status: "skipped", reason: "not in a processable state" };

  const text = (await step.run("text", async () => {
    const bytes = await deps.storage().get(loaded.storageKey);
    try {
      return await deps.extractText(new Uint8Array(bytes), loaded.mimeType, { ownTaxId: loaded.ownTaxId });
    } catch (e) {
      if (isPermanent(e)) throw new NonRetriableError((e as AppError).message, { cause: e });
      throw e;
    }
  })) as TextResult;

  // An e-invoice's fields are its data (no text parsing, no vendor memory); anything else goes to the parser with its
  // layout, then what this book's reviewers taught about the vendor (lib/documents/vendor-memory.ts).
  const fields = (await step.run("parse", async () => {
    const parsed = fieldsFromText(text, { ownTaxId: loaded.ownTaxId }, deps.parseInvoice);
    if (text.einvoice) return parsed;
    return recallVendor(
      { store: vendorMemoryStore(await deps.db()), bookId: loaded.bookId, ownTaxId: loaded.ownTaxId },
      parsed,
      { text: text.text, layout: text.layout ?? null },
    );
  })) as ParsedInvoice;

  const saved = (await step.run("persist", async () => {
    const db = await deps.db();
    return saveExtraction(db, { documentId, text, fields, ownTaxId: loaded.ownTaxId });
  })) as { status: "extracted" | "needs_review"; invoiceId: string };

  log.info("document.processed", { documentId, status: saved.status, source: text.source });
  return saved;
}

/** Records the final failure so the inbox shows it with a retry button. */
export async function recordFailure(db: Db, documentId: string, error: unknown) {
  const code = failureCode(error);
  const row = await markFailed(db, { id: documentId, code, message: messageFor(code) });
  log.warn("document.failed", { documentId, code, err: error });
  return row;
}

export const PROCESS_DOCUMENT_RETRIES = 3;
/** Claims of one document, over retries and restarts, before it ends `failed` (reset by a person's "Reintentar"). */
export const MAX_PROCESS_ATTEMPTS = PROCESS_DOCUMENT_RETRIES + 2;

export function createProcessDocumentFunction(deps: ProcessDocumentDeps) {
  return inngest.createFunction(
    {
      id: "process-document",
      triggers: [documentUploaded],
      retries: PROCESS_DOCUMENT_RETRIES,
      concurrency: { limit: 4 },
      onFailure: async ({ event, error }) => {
        const documentId = (event.data.event.data as { documentId: string }).documentId;
        const db = await deps.db();
        if (await getDocumentById(db, { id: documentId })) await recordFailure(db, documentId, error);
      },
    },
    async ({ event, step }) =>
      processDocument(deps, { documentId: event.data.documentId, step: step as unknown as StepTools }),
  );
}
