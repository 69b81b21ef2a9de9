/**
 * Whether an extraction can be trusted without a person looking at it: a document is `extracted` (green) only when
 * every key field (issue date, number, vendor tax id, base, IVA, total) is present, consistent and confidently read;
 * otherwise it is `needs_review` and each doubtful field says why. Pure: it reads the parser's per-field
 * confidences (calibrated on held-out documents so that green means "every key field right") and its checks.
 */

export const KEY_FIELDS = ["issueDate", "invoiceNumber", "vendorTaxId", "baseCents", "vatCents", "totalCents"] as const;
export type KeyField = (typeof KEY_FIELDS)[number];

/** Why a field is doubtful. */
export type DoubtReason =
  | "missing" // not found
  | "ambiguous" // several values as strongly supported (two dates, two numbers, two parties)
  | "unlabelled" // read without a label telling what it is
  | "ocr_unsure" // OCR hesitated on its characters
  | "arithmetic" // base + IVA − IRPF + recargo ≠ total, or a figure derived from the others
  | "invalid_tax_id" // check digit fails
  | "date_after_due" // issue date later than the due date
  | "unsure"; // weak evidence of another kind

export type Doubt = { field: KeyField; reason: DoubtReason; message: string };
export type TrustDecision = { status: "extracted" | "needs_review"; doubts: Doubt[] };

/** Minimum per-field confidence for a key field to count as confidently read. */
export const TRUST_THRESHOLD = 0.85;

const FIELD_NAMES: Record<KeyField, string> = {
  issueDate: "Fecha de emisión",
  invoiceNumber: "Número de factura",
  vendorTaxId: "NIF del proveedor",
  baseCents: "Base imponible",
  vatCents: "Cuota de IVA",
  totalCents: "Total",
};

const REASON_TEXT: Record<DoubtReason, string> = {
  missing: "no se ha encontrado",
  ambiguous: "hay varios valores posibles",
  unlabelled: "leído sin etiqueta que lo identifique",
  ocr_unsure: "el OCR no lo ha leído con seguridad",
  arithmetic: "las cifras no cuadran (base + IVA − IRPF + recargo ≠ total)",
  invalid_tax_id: "el dígito de control no es válido",
  date_after_due: "es posterior a la fecha de vencimiento",
  unsure: "lectura poco segura",
};

/** What the parser gives the decision: values, per-field confidences and reasons, and its checks. */
export type TrustInput = {
  issueDate: string | null;
  invoiceNumber: string | null;
  vendorTaxId: string | null;
  baseCents: number | null;
  vatCents: number | null;
  totalCents: number | null;
  fieldConfidence: Record<string, number>;
  /** Why the parser lowered a field's confidence, when it did. */
  fieldReasons?: Partial<Record<string, DoubtReason>>;
  checks: { vendorTaxIdValid: boolean; arithmeticOk: boolean };
};

export function doubtMessage(field: KeyField, reason: DoubtReason): string {
  return `${FIELD_NAMES[field]}: ${REASON_TEXT[reason]}`;
}

/** The status decision and the doubtful key fields, each with a reason. */
export function assessTrust(p: TrustInput): TrustDecision {
  const doubts: Doubt[] = [];
  const add = (field: KeyField, reason: DoubtReason) => {
    if (!doubts.some((d) => d.field === field)) doubts.push({ field, reason, message: doubtMessage(field, reason) });
  };
  for (const field of KEY_FIELDS) {
    if (p[field] === null) {
      add(field, "missing");
      continue;
    }
    if (field === "vendorTaxId" && !p.checks.vendorTaxIdValid) add(field, "invalid_tax_id");
    if ((field === "baseCents" || field === "vatCents" || field === "totalCents") && !p.checks.arithmeticOk) add(field, "arithmetic");
    const c = p.fieldConfidence[field] ?? 0;
    if (c < TRUST_THRESHOLD) add(field, p.fieldReasons?.[field] ?? "unsure");
  }
  return { status: doubts.length ? "needs_review" : "extracted", doubts };
}
