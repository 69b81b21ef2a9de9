import "server-only";
import { getDb, type Db } from "@/db/client";
import { getBook } from "@/db/queries/books";
import { claimForProcessing, getDocumentById, markFailed } from "@/db/queries/documents";
import { saveExtraction, type ExtractionDraft } from "@/db/queries/extractions";
import type { Direction, ExtractedField } from "@/db/schema";
import { vendorMemoryStore } from "@/db/queries/vendor-memory";
import { einvoiceExtraFields } from "@/lib/documents/einvoice/fields";
import { fieldsFromText } from "@/lib/documents/fields";
import { recallVendor } from "@/lib/documents/vendor-memory";
import { parseInvoice, type ParseOptions, type ParsedInvoice } from "@/lib/documents/parse";
import type { AcceptedType } from "@/lib/documents/sniff";
import type { TextResult } from "@/lib/documents/text";
import { AppError, isAppError, isErrorCode, isPermanentCode, messageFor, type ErrorCode } from "@/lib/errors";
import { checkInvoice, hasErrors, type CheckIssue } from "@/lib/invoices/checks";
import { recordToCheckInput } from "@/lib/invoices/form";
import { log } from "@/lib/log";
import { getStorage, type Storage } from "@/lib/storage";
import { todayInMadrid } from "@/lib/tax/quarters";
import { guessCategory } from "@/lib/tax/categories";
import { invoiceDirection } from "@/lib/tax/direction";
import { bpToNumeric, bpToPercent } from "@/lib/tax/vat";

/**
 * The document pipeline's core, unaware of who runs it: load → text → parse → persist, the status rule, and how a
 * failure is classified and recorded. The Inngest function (inngest/functions/process-document.ts) and the embedded
 * default's in-process runner (lib/queue/inline-runner.ts) are thin wrappers that supply the step tools and retries.
 * Each step is idempotent and returns small JSON; the bytes are read from storage inside the step that needs them.
 */

/** What the steps need from the outside world; the app passes the real adapters, tests pass their own. */
export type PipelineDeps = {
  db: () => Promise<Db>;
  storage: () => Storage;
  extractText: (bytes: Uint8Array, mime: AcceptedType["mime"]) => Promise<TextResult>;
  /** `opts.layout` (the text step's word boxes) gives fields their source boxes. */
  parseInvoice: (text: string, opts?: ParseOptions) => ParsedInvoice;
};

/** The real adapters: the process database, the configured storage, the extraction modules (text loaded lazily). */
export const appPipelineDeps: PipelineDeps = {
  db: getDb,
  storage: getStorage,
  extractText: async (bytes, mime) => (await import("@/lib/documents/text")).extractText(bytes, mime),
  parseInvoice,
};

/** The subset of Inngest's step tools the pipeline uses, so the in-process runner can provide the same. */
export type StepTools = { run: <T>(id: string, fn: () => Promise<T>) => Promise<unknown> };

export type ExtractionStatus = "extracted" | "needs_review";

export type PipelineResult = { status: "skipped"; reason: string } | { status: ExtractionStatus; invoiceId: string };

export const PIPELINE_RETRIES = 3;
/** Claims of one document, over retries and restarts, before it ends `failed` (reset by a person's "Reintentar"). */
export const MAX_PROCESS_ATTEMPTS = PIPELINE_RETRIES + 2;

// ─────────────────────────────────────────── status ───────────────────────────────────────────

/**
 * The status rule: a draft goes to `extracted` (ready to approve) when the review checks (lib/invoices/checks.ts,
 * the same ones the reviewer sees and approval runs) find no error in it; otherwise to `needs_review`.
 * `fieldConfidence` is the parser's doubt per field (0..1); the rule does not weigh it yet.
 */
export function statusFor({ issues }: { issues: readonly CheckIssue[]; fieldConfidence: Readonly<Record<string, number>> }): ExtractionStatus {
  return hasErrors([...issues]) ? "needs_review" : "extracted";
}

/** Per-field values, confidences and (when the text came with a layout) source boxes, as the review UI reads them. */
export function extractedFields(p: ParsedInvoice): Record<string, ExtractedField> {
  const c = (k: string) => p.fieldConfidence[k] ?? (p.confidence || 0);
  const f = (k: keyof ParsedInvoice, value: string | number | null): ExtractedField => {
    const box = value === null ? undefined : p.boxes?.[k];
    return { value, confidence: value === null ? 0 : c(k), ...(box ? { box } : {}) };
  };
  return {
    docType: f("docType", p.docType),
    vendorName: f("vendorName", p.vendorName),
    vendorTaxId: f("vendorTaxId", p.vendorTaxId),
    customerTaxId: f("customerTaxId", p.customerTaxId),
    invoiceNumber: f("invoiceNumber", p.invoiceNumber),
    issueDate: f("issueDate", p.issueDate),
    currency: f("currency", p.currency),
    baseCents: f("baseCents", p.baseCents),
    vatCents: f("vatCents", p.vatCents),
    irpfRate: f("irpfRateBp", p.irpfRateBp === null ? null : bpToPercent(p.irpfRateBp)),
    irpfCents: f("irpfCents", p.irpfCents),
    recargoCents: f("recargoCents", p.recargoCents),
    totalCents: f("totalCents", p.totalCents),
  };
}

/**
 * The draft invoice a parse gives, as it is stored. Direction from the parties (lib/tax/direction.ts): the book's own
 * NIF as the vendor's means the book issued it (income, the counterparty is the customer); otherwise it is an
 * expense from the vendor, with an expense category guessed from the text.
 */
export function draftOf(p: ParsedInvoice, ctx: { ownTaxId: string | null; fallbackDirection: Direction; text: string }): ExtractionDraft {
  const direction = ctx.ownTaxId ? invoiceDirection(p.vendorTaxId, ctx.ownTaxId) : ctx.fallbackDirection;
  return {
    invoice: {
      direction,
      category: direction === "issued" ? null : guessCategory(ctx.text),
      docType: p.docType,
      counterpartyName: direction === "issued" ? null : p.vendorName,
      counterpartyTaxId: direction === "issued" ? p.customerTaxId : p.vendorTaxId,
      number: p.invoiceNumber,
      issueDate: p.issueDate,
      currency: p.currency,
      baseCents: p.baseCents,
      vatCents: p.vatCents,
      irpfRate: p.irpfRateBp === null ? null : bpToNumeric(p.irpfRateBp),
      irpfCents: p.irpfCents,
      recargoCents: p.recargoCents,
      totalCents: p.totalCents,
    },
    lines: p.vatLines.map((l) => ({ rate: bpToNumeric(l.rateBp), baseCents: l.baseCents, vatCents: l.vatCents, recargoCents: 0 })),
  };
}

/** The checks on a draft, exactly as the review desk will run them once it is stored. */
export function checkDraft(draft: ExtractionDraft, today = todayInMadrid()): CheckIssue[] {
  return checkInvoice(recordToCheckInput(draft.invoice, draft.lines), { today });
}

// ─────────────────────────────────────────── failures ───────────────────────────────────────────

/** The error code of a failure, also for errors that crossed a serialisation boundary (Inngest keeps the message). */
export function failureCode(e: unknown): ErrorCode {
  if (isAppError(e)) return e.code;
  const msg = e && typeof e === "object" && "message" in e ? String((e as { message: unknown }).message) : String(e);
  const m = /^([a-z]+:[a-z_]+)\b/.exec(msg);
  return m && isErrorCode(m[1]) ? m[1] : "pipeline:failed";
}

/** True when no retry can fix the failure: a property of its code (lib/errors.ts), wherever it was thrown. */
export function isPermanentFailure(e: unknown): boolean {
  return isPermanentCode(failureCode(e));
}

/** Records the final failure (if the document still exists) so the inbox shows it with a retry button. */
export async function recordFailure(deps: Pick<PipelineDeps, "db">, documentId: string, error: unknown) {
  const db = await deps.db();
  if (!(await getDocumentById(db, { id: documentId }))) return undefined;
  const code = failureCode(error);
  const row = await markFailed(db, { id: documentId, code, message: messageFor(code) });
  log.warn("document.failed", { documentId, code, err: error });
  return row;
}

// ─────────────────────────────────────────── steps ───────────────────────────────────────────

type Loaded = { bookId: string; storageKey: string; mimeType: AcceptedType["mime"]; ownTaxId: string | null; direction: Direction };

/** Claims the document (uploaded / stuck / failed → processing); null when it is not waiting to be processed. */
async function load(deps: PipelineDeps, documentId: string): Promise<Loaded | null> {
  const db = await deps.db();
  const doc = await claimForProcessing(db, { id: documentId });
  if (!doc || !doc.storageKey) return null;
  // A document that keeps interrupting processing (it took the process down, or kept failing) stops here,
  // across restarts: start-up recovery queues it again, this claim counts the attempt and ends it (permanent).
  if (doc.attempts > MAX_PROCESS_ATTEMPTS) throw new AppError("pipeline:attempts_exhausted", `${doc.attempts - 1} attempts`);
  const book = await getBook(db, { id: doc.bookId });
  return { bookId: doc.bookId, storageKey: doc.storageKey, mimeType: doc.mimeType as AcceptedType["mime"], ownTaxId: book?.nif ?? null, direction: doc.direction };
}

async function readText(deps: PipelineDeps, loaded: Loaded): Promise<TextResult> {
  const bytes = await deps.storage().get(loaded.storageKey);
  return deps.extractText(new Uint8Array(bytes), loaded.mimeType);
}

async function persist(deps: PipelineDeps, documentId: string, loaded: Loaded, text: TextResult, fields: ParsedInvoice) {
  return saveParsed(await deps.db(), { documentId, text, fields, ownTaxId: loaded.ownTaxId, direction: loaded.direction });
}

/**
 * Stores what the text and parse steps produced: the extraction (fields with confidences and boxes, the layout), the
 * draft invoice and the status the rule gives it. `direction` is the document's own, used when the book's NIF is
 * unknown.
 */
export async function saveParsed(
  db: Db,
  { documentId, text, fields, ownTaxId, direction = "received" }: { documentId: string; text: TextResult; fields: ParsedInvoice; ownTaxId: string | null; direction?: Direction },
) {
  const draft = draftOf(fields, { ownTaxId, fallbackDirection: direction, text: text.text });
  const status = statusFor({ issues: checkDraft(draft), fieldConfidence: fields.fieldConfidence });
  const extraction = {
    engine: text.engine,
    textSource: text.source,
    ocrConfidence: text.confidence,
    confidence: fields.confidence,
    rawText: text.text,
    // An e-invoice also records its format, the other party, series, corrected invoice and signature.
    fields: text.einvoice
      ? { ...extractedFields(fields), ...einvoiceExtraFields(text.einvoice, { ownTaxId }) }
      : extractedFields(fields),
    // Word boxes: the review page highlights sources, and the vendor memory learns positions from them.
    layout: text.layout ?? null,
  };
  return saveExtraction(db, { documentId, extraction, draft, status });
}

/**
 * The parse step: an e-invoice's fields are its data (no text parsing, no vendor memory); anything else goes to the
 * parser with its layout, then what this book's reviewers taught about the vendor (lib/documents/vendor-memory.ts).
 */
async function parse(deps: PipelineDeps, loaded: Loaded, text: TextResult): Promise<ParsedInvoice> {
  const parsed = fieldsFromText(text, { ownTaxId: loaded.ownTaxId }, deps.parseInvoice);
  if (text.einvoice) return parsed;
  return recallVendor(
    { store: vendorMemoryStore(await deps.db()), bookId: loaded.bookId, ownTaxId: loaded.ownTaxId },
    parsed,
    { text: text.text, layout: text.layout ?? null },
  );
}

/** Runs the steps for one document through `step` (Inngest's step tools, or the in-process runner's). */
export async function runPipeline(deps: PipelineDeps, { documentId, step }: { documentId: string; step: StepTools }): Promise<PipelineResult> {
  const loaded = (await step.run("load", () => load(deps, documentId))) as Loaded | null;
  if (!loaded) return { status: "skipped", reason: "not in a processable state" };
  const text = (await step.run("text", () => readText(deps, loaded))) as TextResult;
  const fields = (await step.run("parse", () => parse(deps, loaded, text))) as ParsedInvoice;
  const saved = (await step.run("persist", () => persist(deps, documentId, loaded, text, fields))) as {
    status: ExtractionStatus;
    invoiceId: string;
  };
  log.info("document.processed", { documentId, status: saved.status, source: text.source });
  return saved;
}
