import "server-only";
import { withTx, type Db } from "@/db/client";
import { listDocumentAudit, writeAudit, type AuditInput } from "@/db/queries/audit";
import { requireDocumentAccess, requireMember } from "@/db/queries/members";
import {
  getReviewRecord,
  listReviewQueue,
  countReviewQueue,
  listVatLines,
  markInvoiceReviewed,
  nextPendingId,
  queueNeighbours,
  setDocumentDirection,
  transitionDocument,
  upsertInvoice,
  type QueueCursor,
  type QueueFilters,
  type QueueRow,
} from "@/db/queries/review";
import type { DocumentStatus, Extraction, Invoice, InvoiceVatLine } from "@/db/schema";
import { checkInvoice, hasErrors, type CheckIssue } from "@/lib/invoices/checks";
import { recordToCheckInput, type InvoiceUpdate } from "@/lib/invoices/form";
import { bpToNumeric, numericToBp } from "@/lib/tax/vat";
import { todayInMadrid } from "@/lib/tax/quarters";
import { isPendingReview, PENDING_REVIEW } from "@/lib/documents/status";
import { AppError, messageFor } from "@/lib/errors";
import { fieldLabel, reviewReasons, type ReviewReason } from "@/lib/review/reasons";
import type { Storage } from "@/lib/storage";
import { vendorMemoryStore } from "@/db/queries/vendor-memory";
import { learnFromReview } from "@/lib/documents/vendor-memory";
import { log } from "@/lib/log";
import { normalizeTaxId } from "@/lib/tax-id";

/**
 * The review desk's operations, each checked against the caller's membership first (db/queries/members.ts).
 * Server actions and route handlers are thin wrappers around these; the tests call them directly.
 */

export const EDITABLE: DocumentStatus[] = ["extracted", "needs_review", "rejected", "failed"];
export const APPROVABLE: DocumentStatus[] = ["extracted", "needs_review", "rejected"];
export const REJECTABLE: DocumentStatus[] = ["extracted", "needs_review", "failed"];
export const REPROCESSABLE: DocumentStatus[] = ["extracted", "needs_review", "rejected", "failed"];

type Actor = { userId: string; today?: string };

// ─────────────────────────────────────────── queue ───────────────────────────────────────────

export type QueueItem = Omit<QueueRow, "fieldConfidence" | "reviewedAt"> & { issues: CheckIssue[] | null; reasons: ReviewReason[] };

/** Why a queue row needs a look: a failed document's error, else its checks and doubtful readings (lib/review/reasons). */
function queueReasons(r: QueueRow, issues: CheckIssue[] | null): ReviewReason[] {
  if (r.status === "failed") return [{ field: "document", label: fieldLabel("document"), kind: "error", message: messageFor(r.errorCode) }];
  return reviewReasons({ issues, confidence: r.reviewedAt ? {} : (r.fieldConfidence ?? {}) });
}

export async function reviewQueue(
  db: Db,
  { userId, bookId, filters, cursor, limit, today = todayInMadrid() }: Actor & {
    bookId: string;
    filters?: QueueFilters;
    cursor?: QueueCursor;
    limit?: number;
  },
) {
  await requireMember(db, { userId, bookId });
  const [page, total] = await Promise.all([
    listReviewQueue(db, { bookId, filters, cursor, limit }),
    countReviewQueue(db, { bookId, filters }),
  ]);
  const invoiceIds = page.rows.map((r) => r.invoiceId).filter((x): x is string => x !== null);
  const lines = await listVatLines(db, { invoiceIds });
  const byInvoice = new Map<string, InvoiceVatLine[]>();
  for (const l of lines) byInvoice.set(l.invoiceId, [...(byInvoice.get(l.invoiceId) ?? []), l]);
  const items: QueueItem[] = page.rows.map(({ fieldConfidence, reviewedAt, ...r }) => {
    const issues = r.invoiceId === null ? null : checkInvoice(recordToCheckInput(r, byInvoice.get(r.invoiceId) ?? []), { today });
    return { ...r, issues, reasons: queueReasons({ ...r, fieldConfidence, reviewedAt }, issues) };
  });
  return { ...page, items, total };
}

// ─────────────────────────────────────────── read ───────────────────────────────────────────

export async function readForReview(db: Db, { userId, documentId, today = todayInMadrid() }: Actor & { documentId: string }) {
  const { document, role } = await requireDocumentAccess(db, { userId, documentId });
  const [record, audit, neighbours] = await Promise.all([
    getReviewRecord(db, { bookId: document.bookId, documentId }),
    listDocumentAudit(db, { bookId: document.bookId, documentId }),
    queueNeighbours(db, { bookId: document.bookId, documentId }),
  ]);
  const issues = record.invoice ? checkInvoice(recordToCheckInput(record.invoice, record.lines), { today }) : null;
  return { document, role, ...record, audit, issues, ...neighbours };
}

// ─────────────────────────────────────────── write ───────────────────────────────────────────

const money = (c: number | null | undefined) => (c === undefined ? null : c);

/** The invoice's columns from a reviewed update (totals derived from the lines). */
function invoiceValuesOf(u: InvoiceUpdate) {
  const sum = (k: "baseCents" | "vatCents" | "recargoCents") => u.lines.reduce((s, l) => s + l[k], 0);
  return {
    direction: u.direction,
    docType: u.docType,
    counterpartyName: u.counterpartyName,
    counterpartyTaxId: u.counterpartyTaxId,
    number: u.number,
    issueDate: u.issueDate,
    baseCents: u.lines.length ? sum("baseCents") : null,
    vatCents: u.lines.length ? sum("vatCents") : null,
    recargoCents: u.lines.length ? sum("recargoCents") : null,
    irpfRate: u.irpfRateBp === null ? null : bpToNumeric(u.irpfRateBp),
    irpfCents: u.irpfCents,
    totalCents: u.totalCents,
    category: u.category,
    deductiblePct: u.deductiblePct,
    reverseCharge: u.reverseCharge ?? false,
    reverseChargeRate: u.reverseCharge && u.reverseChargeRateBp != null ? bpToNumeric(u.reverseChargeRateBp) : null,
  };
}

const AUDITED_FIELDS = [
  "direction",
  "docType",
  "counterpartyName",
  "counterpartyTaxId",
  "number",
  "issueDate",
  "baseCents",
  "vatCents",
  "recargoCents",
  "irpfRate",
  "irpfCents",
  "totalCents",
  "category",
  "deductiblePct",
  "reverseCharge",
  "reverseChargeRate",
] as const;

/** Fields where empty means zero (no recargo, no retention): `null → 0` is not a change a person made. */
const EMPTY_IS_ZERO = new Set<string>(["recargoCents", "irpfCents", "irpfRate"]);
const auditValue = (field: string, v: unknown) => (EMPTY_IS_ZERO.has(field) && v !== null && Number(v) === 0 ? null : v);

const linesForAudit = (lines: { rate: string; baseCents: number; vatCents: number; recargoCents: number }[]) =>
  lines.map((l) => ({ rate: l.rate, baseCents: l.baseCents, vatCents: l.vatCents, recargoCents: l.recargoCents }));

/**
 * Saves a reviewer's corrections: one audit event per changed field (before → after), VAT lines as one field.
 * A failed document with a manually entered record moves to needs_review.
 */
export async function saveInvoice(db: Db, { userId, documentId, update }: Actor & { documentId: string; update: InvoiceUpdate }) {
  return withTx(db, async (tx) => {
    const { document } = await requireDocumentAccess(tx, { userId, documentId, forUpdate: true });
    if (!EDITABLE.includes(document.status)) throw new AppError("review:not_editable");
    const bookId = document.bookId;
    const reviewed = await getReviewRecord(tx, { bookId, documentId });
    const { invoice: before, lines: beforeLines } = reviewed;
    const values = invoiceValuesOf(update);
    const lines = update.lines.map((l) => ({ rate: bpToNumeric(l.rateBp), baseCents: l.baseCents, vatCents: l.vatCents, recargoCents: l.recargoCents }));
    const after = await upsertInvoice(tx, { bookId, documentId, values, lines, reviewedBy: userId });

    const events: AuditInput[] = [];
    for (const f of AUDITED_FIELDS) {
      const b = before ? money(before[f] as never) : null;
      const a = money(after[f] as never);
      if (JSON.stringify(auditValue(f, b)) !== JSON.stringify(auditValue(f, a))) events.push({ bookId, documentId, userId, action: "invoice.updated", field: f, before: b, after: a });
    }
    const bl = linesForAudit(beforeLines);
    const al = linesForAudit(lines);
    if (JSON.stringify(bl) !== JSON.stringify(al))
      events.push({ bookId, documentId, userId, action: "invoice.updated", field: "vatLines", before: bl, after: al });
    if (document.direction !== update.direction) await setDocumentDirection(tx, { bookId, documentId, direction: update.direction });
    if (document.status === "failed") {
      await transitionDocument(tx, { bookId, documentId, from: ["failed"], to: "needs_review", set: { errorCode: null, errorMessage: null } });
      events.push(statusEvent(bookId, documentId, userId, "failed", "needs_review", "document.updated"));
    }
    await writeAudit(tx, events);
    await rememberVendor(tx, { bookId, documentId, invoice: after, lines, extraction: reviewed.extraction });
    return { invoice: after, changed: events.length };
  });
}

/**
 * What a reviewer confirmed about a received document's vendor goes into the book's vendor memory, so the vendor's
 * next documents are read better (lib/documents/vendor-memory.ts). In a savepoint: a memory that cannot be written
 * is logged and never undoes the review.
 */
async function rememberVendor(
  tx: Db,
  {
    bookId,
    documentId,
    invoice,
    lines,
    extraction,
  }: {
    bookId: string;
    documentId: string;
    invoice: Pick<Invoice, "direction" | "counterpartyName" | "counterpartyTaxId" | "number" | "issueDate" | "irpfRate">;
    lines: { rate: string }[];
    extraction: { rawText: string; layout: Extraction["layout"] } | undefined;
  },
) {
  const vendorTaxId = invoice.counterpartyTaxId ? normalizeTaxId(invoice.counterpartyTaxId) : "";
  if (invoice.direction !== "received" || !vendorTaxId) return;
  const truth = {
    documentId,
    vendorTaxId,
    vendorName: invoice.counterpartyName,
    invoiceNumber: invoice.number,
    issueDate: invoice.issueDate,
    vatRatesBp: lines.flatMap((l) => numericToBp(l.rate) ?? []),
    irpfRateBp: numericToBp(invoice.irpfRate),
  };
  const doc = { text: extraction?.rawText ?? "", layout: extraction?.layout ?? null };
  try {
    await withTx(tx, async (sp) => {
      await learnFromReview({ store: vendorMemoryStore(sp), bookId }, truth, doc);
    });
  } catch (err) {
    log.warn("vendor_memory.learn_failed", { bookId, documentId, err });
  }
}

function statusEvent(bookId: string, documentId: string, userId: string, from: DocumentStatus, to: DocumentStatus, action: string, extra: object = {}): AuditInput {
  return { bookId, documentId, userId, action, field: "status", before: from, after: to, ...extra };
}

/**
 * Approves after the checks pass on the stored record (errors block; warnings do not). Returns the approved
 * document and the pending document that follows it in the queue (`nextId`), for "approve and open the next".
 */
export async function approveDocument(db: Db, { userId, documentId, today = todayInMadrid() }: Actor & { documentId: string }) {
  return withTx(db, async (tx) => {
    const { document } = await requireDocumentAccess(tx, { userId, documentId, forUpdate: true });
    if (!APPROVABLE.includes(document.status)) throw new AppError("review:not_reviewable");
    const { invoice, lines, extraction } = await getReviewRecord(tx, { bookId: document.bookId, documentId });
    if (!invoice) throw new AppError("review:checks_failed");
    const issues = checkInvoice(recordToCheckInput(invoice, lines), { today });
    if (hasErrors(issues)) throw new AppError("review:checks_failed");
    const nextId = await nextPendingId(tx, { bookId: document.bookId, documentId });
    const row = await transitionDocument(tx, { bookId: document.bookId, documentId, from: APPROVABLE, to: "approved", set: { rejectionReason: null } });
    if (!row) throw new AppError("review:not_reviewable");
    await markInvoiceReviewed(tx, { bookId: document.bookId, documentId, userId, reviewed: true });
    await rememberVendor(tx, { bookId: document.bookId, documentId, invoice, lines, extraction });
    await writeAudit(tx, statusEvent(document.bookId, documentId, userId, document.status, "approved", "document.approved"));
    return { document: row, nextId };
  });
}

/**
 * Save the corrections and approve, in one step (what "Aprobar" in the form does): one transaction, so corrections
 * that fail the checks are not left half-applied.
 */
export async function saveAndApprove(db: Db, args: Actor & { documentId: string; update: InvoiceUpdate }) {
  return withTx(db, async (tx) => {
    await saveInvoice(tx, args);
    return approveDocument(tx, args);
  });
}

export async function rejectDocument(db: Db, { userId, documentId, reason }: Actor & { documentId: string; reason: string }) {
  const why = reason.trim();
  if (why.length < 3 || why.length > 500) throw new AppError("validation:invalid");
  return withTx(db, async (tx) => {
    const { document } = await requireDocumentAccess(tx, { userId, documentId, forUpdate: true });
    const row = await transitionDocument(tx, { bookId: document.bookId, documentId, from: REJECTABLE, to: "rejected", set: { rejectionReason: why } });
    if (!row) throw new AppError("review:not_reviewable");
    await writeAudit(tx, statusEvent(document.bookId, documentId, userId, document.status, "rejected", "document.rejected", { after: { status: "rejected", reason: why } }));
    return row;
  });
}

/** An approved record goes back to review (it is read-only while approved). */
export async function reopenDocument(db: Db, { userId, documentId }: Actor & { documentId: string }) {
  return withTx(db, async (tx) => {
    const { document } = await requireDocumentAccess(tx, { userId, documentId, forUpdate: true });
    const row = await transitionDocument(tx, { bookId: document.bookId, documentId, from: ["approved"], to: "needs_review" });
    if (!row) throw new AppError("review:not_reviewable");
    await writeAudit(tx, statusEvent(document.bookId, documentId, userId, "approved", "needs_review", "document.reopened"));
    return row;
  });
}

/**
 * Sends the document through extraction again. The reviewed mark is cleared so the new extraction replaces the
 * draft. The caller enqueues the returned document (lib/queue).
 */
export async function reprocessDocument(db: Db, { userId, documentId }: Actor & { documentId: string }) {
  return withTx(db, async (tx) => {
    const { document } = await requireDocumentAccess(tx, { userId, documentId, forUpdate: true });
    const row = await transitionDocument(tx, {
      bookId: document.bookId,
      documentId,
      from: REPROCESSABLE,
      to: "uploaded",
      // A person asked for it: the attempt budget starts again.
      set: { errorCode: null, errorMessage: null, rejectionReason: null, attempts: 0 },
    });
    if (!row) throw new AppError("document:not_retryable");
    // The new extraction will replace the draft: keep what it replaces (a person's corrections too) in the history.
    const { invoice, lines } = await getReviewRecord(tx, { bookId: document.bookId, documentId });
    if (invoice) {
      const snapshot = Object.fromEntries(AUDITED_FIELDS.map((f) => [f, money(invoice[f] as never)]));
      await writeAudit(tx, {
        bookId: document.bookId,
        documentId,
        userId,
        action: "invoice.replaced",
        before: { ...snapshot, vatLines: linesForAudit(lines), reviewedBy: invoice.reviewedBy },
      });
    }
    await markInvoiceReviewed(tx, { bookId: document.bookId, documentId, userId: null, reviewed: false });
    await writeAudit(tx, statusEvent(document.bookId, documentId, userId, document.status, "uploaded", "document.reprocess"));
    return row;
  });
}

/** Why bulk approval left a document alone. */
export type BulkSkipReason = "errors" | "no_record" | "not_pending";

/**
 * Approves those of `documentIds` that are pending and have no check errors (warnings never block); the rest are
 * reported as skipped, each with its reason.
 */
export async function bulkApprove(
  db: Db,
  { userId, bookId, documentIds, today = todayInMadrid() }: Actor & { bookId: string; documentIds: string[] },
) {
  await requireMember(db, { userId, bookId });
  const approved: string[] = [];
  const skipped: { documentId: string; reason: BulkSkipReason }[] = [];
  for (const documentId of documentIds.slice(0, 200)) {
    try {
      const reason = await withTx(db, async (tx): Promise<BulkSkipReason | null> => {
        const { document } = await requireDocumentAccess(tx, { userId, documentId, forUpdate: true });
        if (document.bookId !== bookId || !isPendingReview(document.status)) return "not_pending";
        const { invoice, lines, extraction } = await getReviewRecord(tx, { bookId, documentId });
        if (!invoice) return "no_record";
        if (hasErrors(checkInvoice(recordToCheckInput(invoice, lines), { today }))) return "errors";
        const row = await transitionDocument(tx, { bookId, documentId, from: PENDING_REVIEW, to: "approved" });
        if (!row) return "not_pending";
        await markInvoiceReviewed(tx, { bookId, documentId, userId, reviewed: true });
        await rememberVendor(tx, { bookId, documentId, invoice, lines, extraction });
        await writeAudit(tx, statusEvent(bookId, documentId, userId, document.status, "approved", "document.approved", { after: { status: "approved", bulk: true } }));
        return null;
      });
      if (reason) skipped.push({ documentId, reason });
      else approved.push(documentId);
    } catch (e) {
      if (e instanceof AppError) skipped.push({ documentId, reason: "not_pending" });
      else throw e;
    }
  }
  return { approved, skipped };
}

/** "3 aprobados. 2 omitidos: 1 con errores, 1 sin datos extraídos." — the queue's message after a bulk approval. */
export function bulkSummary(res: { approved: number; skipped: Record<BulkSkipReason, number> }): string {
  const n = res.approved;
  const head = n === 0 ? "Ninguno aprobado." : `${n} ${n === 1 ? "aprobado" : "aprobados"}.`;
  const LABEL: Record<BulkSkipReason, string> = {
    errors: "con errores en las comprobaciones",
    no_record: "sin datos extraídos",
    not_pending: "ya no pendientes de revisión",
  };
  const parts = (Object.keys(LABEL) as BulkSkipReason[]).filter((k) => res.skipped[k] > 0).map((k) => `${res.skipped[k]} ${LABEL[k]}`);
  const total = Object.values(res.skipped).reduce((a, b) => a + b, 0);
  return total ? `${head} ${total} ${total === 1 ? "omitido" : "omitidos"}: ${parts.join(", ")}.` : head;
}

/** The stored file of a document (a duplicate's original), only for members of its book. */
export async function documentFile(db: Db, storage: Storage, { userId, documentId }: Actor & { documentId: string }) {
  let { document } = await requireDocumentAccess(db, { userId, documentId });
  if (document.status === "duplicate" && document.duplicateOf) {
    ({ document } = await requireDocumentAccess(db, { userId, documentId: document.duplicateOf }));
  }
  if (!document.storageKey) throw new AppError("document:not_found");
  const bytes = await storage.get(document.storageKey);
  return { document, bytes };
}
