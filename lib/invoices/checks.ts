/**
 * Live checks on a fiscal record under review. Pure (no I/O): the review form runs them on every keystroke and the
 * server runs them again before approving. Amounts are integer cents and rates basis points; the IVA arithmetic is
 * `lib/tax/vat.ts`. Credit notes carry negative amounts and pass the same rules.
 */
import { isIsoDate } from "@/lib/iso-date";
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

/** `error` blocks approval; `warning` asks for a look; `info` says what the law asks of this record. Only errors block. */
export type CheckIssue = { code: CheckCode | HintCode; field: CheckField; severity: "error" | "warning" | "info"; message: string };

/** A simplified invoice (ticket) is allowed up to 400 € VAT included (art. 4 RD 1619/2012). */
export const SIMPLIFIED_LIMIT_CENTS = 40_000;

export function checkInvoice(input: CheckInput, opts: { today: string }): CheckIssue[] {
  const issues: CheckIssue[] = [];
  const add = (code: CheckCode, field: CheckField, severity: CheckIssue["severity"], message: string) =>
    issues.push({ code, field, severity, message });

  if (!input.number?.trim()) add("number_missing", "number", "error", "Falta el número de factura.");

  if (!input.issueDate) add("date_missing", "issueDate", "error", "Falta la fecha de emisión.");
  else if (!isIsoDate(input.issueDate)) add("date_invalid", "issueDate", "error", "La fecha no es válida.");
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

// ─────────────────────────────── hints: what the law asks of this record (never blocking) ───────────────────────────────

export type HintCode = "reverse_charge_eu" | "reverse_charge_domestic" | "vat_not_deductible" | "irpf_to_withhold";

/** What the hints need besides the record: the book's own NIF and what the extraction saw on the document. */
export type HintContext = {
  /** The book's NIF (the buyer's, on a received document). */
  ownTaxId: string | null;
  /** The customer NIF the extraction read on the document, if any. */
  customerTaxId?: string | null;
  /** The document says "inversión del sujeto pasivo" / "reverse charge" (see `mentionsReverseCharge`). */
  reverseChargeMentioned?: boolean;
};

const normalTaxId = (s: string | null | undefined) => (s ?? "").toUpperCase().replace(/[\s.\-/_]/g, "").replace(/^ES(?=[0-9A-Z]\d{7}[0-9A-Z]$)/, "");

/** "VAT reverse charge", "inversión del sujeto pasivo", "autoliquidación", "Article 196 …" on the document. */
export function mentionsReverseCharge(text: string): boolean {
  const fold = text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  return /\b(?:reverse[\s-]+charge|inversion\s+del\s+sujeto\s+pasivo|sujeto\s+pasivo\s+inverso|autoliquidaci[oó]n|art(?:icle|\.)?\s*196|autoliquidation)\b/.test(fold);
}

/** A foreign EU VAT id (a plausible one, not Spanish): the vendor is in another member state. */
function isForeignEuVatId(taxId: string | null): boolean {
  const id = normalTaxId(taxId);
  return /^[A-Z]{2}/.test(id) && !id.startsWith("ES") && !id.startsWith("CHE") && isPlausibleVatId(id);
}

/** A received invoice with no IVA charged, from an EU vendor or marked reverse charge: the buyer self-assesses it. */
export function reverseChargeHint(input: CheckInput, ctx: HintContext): CheckIssue | null {
  if (input.direction !== "received") return null;
  const noVat = input.lines.length > 0 && input.lines.every((l) => (l.vatCents ?? 0) === 0);
  if (!noVat) return null;
  if (isForeignEuVatId(input.counterpartyTaxId))
    return {
      code: "reverse_charge_eu",
      field: "lines",
      severity: "info",
      message:
        "Autoliquida el IVA en el 303 (casillas 10/11 devengado y 36/37 deducible): proveedor de otro país de la UE, inversión del sujeto pasivo. Declara también la operación en el 349.",
    };
  if (ctx.reverseChargeMentioned)
    return {
      code: "reverse_charge_domestic",
      field: "lines",
      severity: "info",
      message: "Autoliquida el IVA en el 303 (casillas 12/13 devengado y 28/29 deducible): inversión del sujeto pasivo.",
    };
  return null;
}

/** A ticket (simplified invoice) received without the book's NIF: its IVA cannot be deducted (art. 97 LIVA). */
export function nonDeductibleVatHint(input: CheckInput, ctx: HintContext): CheckIssue | null {
  if (input.direction !== "received" || input.docType !== "simplified" || !ctx.ownTaxId) return null;
  if (!input.lines.some((l) => (l.vatCents ?? 0) !== 0)) return null;
  if (normalTaxId(ctx.customerTaxId) === normalTaxId(ctx.ownTaxId)) return null;
  return {
    code: "vat_not_deductible",
    field: "docType",
    severity: "info",
    message: "IVA no deducible: el ticket no lleva tu NIF. Pide una factura completa (o simplificada con tu NIF y domicilio) para deducirlo.",
  };
}

/** IRPF withheld on a received invoice (a professional, a rent): the book pays it in for the vendor. */
export function withholdingHint(input: CheckInput): CheckIssue | null {
  if (input.direction !== "received" || !input.irpfCents) return null;
  return {
    code: "irpf_to_withhold",
    field: "irpf",
    severity: "info",
    message: "Retención a ingresar en el 111/115: la declaras e ingresas tú en el trimestre (111 profesionales, 115 alquileres).",
  };
}

/** The hints that apply to a record: informational, never blocking (see `hasErrors`). */
export function taxHints(input: CheckInput, ctx: HintContext): CheckIssue[] {
  return [reverseChargeHint(input, ctx), nonDeductibleVatHint(input, ctx), withholdingHint(input)].filter(
    (h): h is CheckIssue => h !== null,
  );
}
