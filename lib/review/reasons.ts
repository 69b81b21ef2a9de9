/**
 * Why a document needs a reviewer's look, field by field: the checks' issues (lib/invoices/checks.ts) and the fields
 * the extraction read with low confidence. The one source for the review queue's row and the review form's amber
 * marks. Pure and client-safe.
 */
import type { CheckField, CheckIssue } from "@/lib/invoices/checks";

/** Below this, an extracted field is marked doubtful. */
export const LOW_CONFIDENCE = 0.6;

/** Review-form field → the extraction's field keys whose confidence it shows. */
export const CONFIDENCE_KEYS: Record<string, string[]> = {
  docType: ["docType"],
  counterpartyName: ["vendorName"],
  counterpartyTaxId: ["vendorTaxId"],
  number: ["invoiceNumber"],
  issueDate: ["issueDate"],
  lines: ["baseCents", "vatCents"],
  irpfRate: ["irpfRate"],
  irpfAmount: ["irpfCents"],
  total: ["totalCents"],
};

/** Spanish name of a field, as the review form labels it. */
const FIELD_LABELS: Record<string, string> = {
  docType: "Tipo de documento",
  counterpartyName: "Nombre",
  counterpartyTaxId: "NIF",
  number: "Número",
  issueDate: "Fecha",
  lines: "IVA",
  irpf: "IRPF",
  irpfRate: "Tipo de IRPF",
  irpfAmount: "IRPF",
  total: "Total",
  document: "Documento",
};

export function fieldLabel(field: CheckField | string): string {
  const line = /^line\.(\d+)$/.exec(field);
  if (line) return `IVA, línea ${Number(line[1]) + 1}`;
  return FIELD_LABELS[field] ?? field;
}

export type ReviewReason = {
  /** A review-form field (or a check field such as `line.0`). */
  field: string;
  label: string;
  kind: "error" | "warning" | "doubtful";
  message: string;
};

/** The least confidence among the extraction keys a form field shows, when any is below LOW_CONFIDENCE. */
export function doubtfulConfidence(field: string, confidence: Record<string, number>): number | null {
  const low = (CONFIDENCE_KEYS[field] ?? []).map((k) => confidence[k]).filter((c): c is number => c !== undefined && c < LOW_CONFIDENCE);
  return low.length ? Math.min(...low) : null;
}

const pct = new Intl.NumberFormat("es-ES", { style: "percent", maximumFractionDigits: 0 });

/**
 * Reasons, errors first, then doubtful readings, then warnings. `confidence` are the extraction's per-field
 * confidences of fields it found (keys as in CONFIDENCE_KEYS' values); leave it empty once a person has saved the
 * record (their values replace the readings). A doubtful field that already has an error is told once, as the error.
 */
export function reviewReasons({ issues, confidence = {} }: { issues: CheckIssue[] | null; confidence?: Record<string, number> }): ReviewReason[] {
  const list = issues ?? [];
  const errors = list.filter((i): i is CheckIssue & { severity: "error" } => i.severity === "error");
  // Informational hints (what the law asks of a valid invoice) are not reasons to look again.
  const warnings = list.filter((i): i is CheckIssue & { severity: "warning" } => i.severity === "warning");
  const withError = new Set<string>(errors.map((i) => (i.field.startsWith("line.") ? "lines" : i.field === "irpf" ? "irpfAmount" : i.field)));
  const doubtful: ReviewReason[] = [];
  for (const field of Object.keys(CONFIDENCE_KEYS)) {
    if (withError.has(field)) continue;
    const c = doubtfulConfidence(field, confidence);
    if (c === null) continue;
    doubtful.push({ field, label: fieldLabel(field), kind: "doubtful", message: `Lectura dudosa (confianza ${pct.format(c)}): compruébalo en el documento.` });
  }
  const fromIssue = (i: CheckIssue & { severity: "error" | "warning" }): ReviewReason => ({ field: i.field, label: fieldLabel(i.field), kind: i.severity, message: i.message });
  return [...errors.map(fromIssue), ...doubtful, ...warnings.map(fromIssue)];
}
