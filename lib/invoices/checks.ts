/**
 * Live checks on a fiscal record under review. Pure (no I/O): the review form runs them on every keystroke and the
 * server runs them again before approving. Amounts are integer cents and rates basis points; the IVA arithmetic is
 * `lib/tax/vat.ts`. Credit notes carry negative amounts and pass the same rules.
 */
import { isInClosedQuarter } from "@/lib/tax/quarters";
import { cuota, expectedTotal, isUsualSpanishRate, near, totalsOf, type RateBp } from "@/lib/tax/vat";
import { isPlausibleVatId, validateSpanishTaxId } from "@/lib/tax-id";

export type CheckLine = { rateBp: RateBp | null; baseCents: number | null; vatCents: number | null; recargoCents: number | null };

export type CheckInput = {
  direction: "received" | "issued";
  docType: "invoice" | "simplified" | "credit_note";
  counterpartyName: string | null;
  counterpartyTaxId: string | null;
  number: string | null;
  issueDate: string | null;
  lines: CheckLine[];
  irpfRateBp: RateBp | null;
  irpfCents: number | null;
  totalCents: number | null;
};

export type CheckField =
  | "counterpartyName"
  | "counterpartyTaxId"
  | "number"
  | "issueDate"
  | "docType"
  | "lines"
  | "irpf"
  | "total"
  | `line.${number}`;

export type CheckCode =
  | "number_missing"
  | "date_missing"
  | "date_invalid"
  | "date_future"
  | "date_closed_quarter"
  | "taxid_missing"
  | "taxid_invalid"
  | "name_missing"
  | "lines_missing"
  | "line_incomplete"
  | "line_vat_mismatch"
  | "rate_unusual"
  | "irpf_incomplete"
  | "irpf_mismatch"
  | "total_missing"
  | "total_mismatch"
  | "simplified_over_limit"
  | "credit_note_positive"
  | "negative_invoice";

/** `error` blocks approval; `warning` asks for a look (and keeps the document out of bulk approval). */
export type CheckIssue = { code: CheckCode; field: CheckField; severity: "error" | "warning"; message: string };

/** A simplified invoice (ticket) is allowed up to 400 € VAT included (art. 4 RD 1619/2012). */
export const SIMPLIFIED_LIMIT_CENTS = 40_000;
const isIso = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

export function checkInvoice(input: CheckInput, opts: { today: string }): CheckIssue[] {
  const issues: CheckIssue[] = [];
  const add = (code: CheckCode, field: CheckField, severity: CheckIssue["severity"], message: string) =>
    issues.push({ code, field, severity, message });

  if (!input.number?.trim()) add("number_missing", "number", "error", "Falta el número de factura.");

  if (!input.issueDate) add("date_missing", "issueDate", "error", "Falta la fecha de emisión.");
  else if (!isIso(input.issueDate)) add("date_invalid", "issueDate", "error", "La fecha no es válida.");
  else if (input.issueDate > opts.today) add("date_future", "issueDate", "warning", "La fecha de emisión es futura.");
  else if (isInClosedQuarter(input.issueDate, opts.today))
    add("date_closed_quarter", "issueDate", "warning", "La fecha cae en un trimestre ya cerrado (plazo de presentación vencido).");

  const taxId = input.counterpartyTaxId?.trim() ?? "";
  if (!taxId) {
    // A ticket need not identify the buyer or seller by NIF; a full invoice must.
    if (input.docType !== "simplified") add("taxid_missing", "counterpartyTaxId", "error", "Falta el NIF de la contraparte.");
  } else if (!validateSpanishTaxId(taxId).valid && !isPlausibleVatId(taxId)) {
    add("taxid_invalid", "counterpartyTaxId", "error", "El NIF/CIF o NIF-IVA no es válido (revisa el dígito de control).");
  }
  if (!input.counterpartyName?.trim() && input.docType !== "simplified")
    add("name_missing", "counterpartyName", "warning", "Falta el nombre de la contraparte.");

  if (input.lines.length === 0) add("lines_missing", "lines", "error", "Añade al menos una línea de IVA.");
  input.lines.forEach((l, i) => {
    const field = `line.${i}` as const;
    if (l.rateBp === null || l.baseCents === null || l.vatCents === null) {
      add("line_incomplete", field, "error", `Línea ${i + 1}: completa tipo, base y cuota.`);
      return;
    }
    if (!isUsualSpanishRate(l.rateBp)) add("rate_unusual", field, "warning", `Línea ${i + 1}: tipo de IVA poco habitual.`);
    const expected = cuota(l.baseCents, l.rateBp);
    if (!near(expected, l.vatCents))
      add("line_vat_mismatch", field, "error", `Línea ${i + 1}: base × tipo no coincide con la cuota de IVA.`);
  });

  const { irpfRateBp: irpfRate, irpfCents: irpf } = input;
  if (irpfRate === null || irpf === null) {
    if ((irpfRate ?? irpf ?? 0) !== 0)
      add("irpf_incomplete", "irpf", "error", "Indica el tipo y el importe de la retención de IRPF.");
  } else if (!near(cuota(totalsOf(input.lines).baseCents, irpfRate), irpf)) {
    add("irpf_mismatch", "irpf", "error", "Base × tipo de IRPF no coincide con la retención.");
  }

  if (input.totalCents === null) add("total_missing", "total", "error", "Falta el total.");
  else {
    const allComplete = input.lines.length > 0 && input.lines.every((l) => l.baseCents !== null && l.vatCents !== null);
    if (allComplete && !near(expectedTotal(input), input.totalCents))
      add("total_mismatch", "total", "error", "Base + IVA − IRPF + recargo no coincide con el total.");
    if (input.docType === "simplified" && Math.abs(input.totalCents) > SIMPLIFIED_LIMIT_CENTS)
      add("simplified_over_limit", "docType", "warning", "Factura simplificada de más de 400 €: pide una factura completa.");
    if (input.docType === "credit_note" && input.totalCents > 0)
      add("credit_note_positive", "total", "warning", "Una factura rectificativa suele tener importes negativos.");
    if (input.docType !== "credit_note" && input.totalCents < 0)
      add("negative_invoice", "docType", "warning", "Importe negativo: ¿es una factura rectificativa?");
  }
  return issues;
}

export const hasErrors = (issues: CheckIssue[]) => issues.some((i) => i.severity === "error");
/** Bulk approval takes only documents with no issue at all. */
export const allPass = (issues: CheckIssue[]) => issues.length === 0;
