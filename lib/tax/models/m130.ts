/**
 * Modelo 130 (IRPF, pago fraccionado, estimación directa), section I and III, box by box. Cumulative: the figures
 * run from 1 January to the last day of the quarter.
 *
 * Source: the form of the Orden EHA/672/2007 as amended by the Orden HAP/258/2015, and the AEAT's "Instrucciones
 * para cumplimentar la autoliquidación" of the 130; RIRPF (Real Decreto 439/2007) arts. 109–110.
 * - 01 ingresos computables: bases of issued invoices and credit notes (with their sign).
 * - 02 gastos fiscalmente deducibles: bases of received invoices and credit notes; the IVA that cannot be
 *   deducted (a ticket without the book's NIF, the non-deductible share) and recargo paid are part of the cost;
 *   reverse-charge invoices count their base (the self-assessed IVA is deducted in the 303); plus the book's other
 *   expenses without an invoice (Social Security quota, bank fees).
 * - 03 = 01 − 02 (may be negative); 04 = 20 % of 03 when positive, else 0 (RIRPF 110.1.a).
 * - 05 = the positive 07 of the earlier quarters of the year, less their box 16.
 * - 06 = IRPF withheld by clients on the issued invoices (cumulative).
 * - 07 = 04 − 05 − 06 (may be negative).
 * - 08–11: agriculture (section II), not used: 0.
 * - 12 = 07 + 11, and 0 when negative: a negative 07 is not carried as such, because the next quarter's cumulative
 *   04 and 06 already absorb it (the reading the AEAT's form and the OCA l10n-spain module both apply).
 * - 13: minoración of RIRPF 110.3.c when last year's net income from the activity was ≤ 12.000 €: 100 € when ≤
 *   9.000, 75 € when ≤ 10.000, 50 € when ≤ 11.000, 25 € when ≤ 12.000 (per quarter). Only when that figure is entered.
 * - 14 = 12 − 13 (negative when the minoración exceeds 12).
 * - 15 = when 14 is positive, the negative results (19) of earlier quarters of the year not yet deducted, at most 14.
 * - 16 (housing loan, 2 % of 03, only pre-2013 purchases) and 18 (complementaria): 0.
 * - 17 = 14 − 15 − 16; 19 = 17 − 18. Positive: to pay. Negative: "a deducir" in the next quarters (1T–3T) or
 *   "negativa" (4T).
 * Not obliged to file: a professional with ≥ 70 % of last year's income subject to withholding (RIRPF 109.1).
 */
import { addTo, emptyBoxes, type BoxKind, type Boxes } from "@/lib/tax/models/boxes";
import {
  invoiceBase,
  invoiceRecargo,
  invoiceVat,
  ivaMayBeDeducted,
  type OtherExpense,
  type TaxInvoice,
} from "@/lib/tax/ledger";
import { applyPercent } from "@/lib/tax/rounding";
import { cuota } from "@/lib/tax/vat";

export const M130_BOXES = [
  "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11",
  "12", "13", "14", "15", "16", "17", "18", "19",
] as const;
export function m130Kind(_box: string): BoxKind {
  return "amount";
}

/** 20 % (RIRPF 110.1.a). */
export const M130_RATE_BP = 2000;

/** What the earlier quarters of the same year left for this one. */
export type M130Prior = { box07: number[]; box15: number[]; box16: number[]; box19: number[] };
export const NO_PRIOR: M130Prior = { box07: [], box15: [], box16: [], box19: [] };

export type M130Input = {
  /** Invoices that count, dated from 1 January to the quarter's last day. */
  invoices: TaxInvoice[];
  /** Other expenses in the same span (monthly repeats already expanded). */
  otherExpenses: OtherExpense[];
  bookNif: string;
  prior: M130Prior;
  lastYearNetIncomeCents: number | null;
  isLastPeriod: boolean;
};

export type M130Outcome = "ingresar" | "a_deducir" | "negativa" | "cero";
export type M130Result = Boxes & { outcome: M130Outcome };

/** Income of an issued invoice (its base, signed). */
export function incomeOf(inv: TaxInvoice): number {
  return invoiceBase(inv);
}

/** Deductible expense of a received invoice: base + the IVA it cannot deduct + recargo paid. */
export function expenseOf(inv: TaxInvoice, bookNif: string): number {
  const base = invoiceBase(inv);
  if (inv.reverseCharge) return base;
  const vat = invoiceVat(inv);
  const deductible = ivaMayBeDeducted(inv, bookNif) ? applyPercent(vat, inv.deductiblePct) : 0;
  return base + (vat - deductible) + invoiceRecargo(inv);
}

/** Box 13 (RIRPF 110.3.c), by last year's net income. */
export function minoracion(lastYearNetIncomeCents: number | null): number {
  if (lastYearNetIncomeCents === null) return 0;
  if (lastYearNetIncomeCents <= 900_000) return 10_000;
  if (lastYearNetIncomeCents <= 1_000_000) return 7_500;
  if (lastYearNetIncomeCents <= 1_100_000) return 5_000;
  if (lastYearNetIncomeCents <= 1_200_000) return 2_500;
  return 0;
}

/** Box 05: positive 07s of earlier quarters, less their 16. */
export function earlierPayments(prior: M130Prior): number {
  const positive = prior.box07.filter((x) => x > 0).reduce((s, x) => s + x, 0);
  return positive - prior.box16.reduce((s, x) => s + x, 0);
}

/** Box 15: the earlier negative 19s not yet deducted, only against a positive 14 and at most 14. */
export function earlierNegatives(box14: number, prior: M130Prior): number {
  if (box14 <= 0) return 0;
  const negatives = prior.box19.filter((x) => x < 0).reduce((s, x) => s - x, 0);
  const used = prior.box15.reduce((s, x) => s + x, 0);
  return Math.min(box14, Math.max(0, negatives - used));
}

export function computeM130(input: M130Input): M130Result {
  const b = emptyBoxes(M130_BOXES);
  for (const inv of input.invoices) {
    if (inv.direction === "issued") {
      addTo(b, "01", incomeOf(inv), inv.id);
      if (inv.irpfCents !== 0) addTo(b, "06", inv.irpfCents, inv.id);
    } else {
      addTo(b, "02", expenseOf(inv, input.bookNif), inv.id);
    }
  }
  for (const e of input.otherExpenses) addTo(b, "02", e.amountCents, e.id);
  const v = b.values;
  v["03"] = v["01"] - v["02"];
  v["04"] = v["03"] > 0 ? cuota(v["03"], M130_RATE_BP) : 0;
  v["05"] = earlierPayments(input.prior);
  v["07"] = v["04"] - v["05"] - v["06"];
  v["11"] = 0;
  v["12"] = Math.max(0, v["07"] + v["11"]);
  v["13"] = minoracion(input.lastYearNetIncomeCents);
  v["14"] = v["12"] - v["13"];
  v["15"] = earlierNegatives(v["14"], input.prior);
  v["16"] = 0;
  v["17"] = v["14"] - v["15"] - v["16"];
  v["18"] = 0;
  v["19"] = v["17"] - v["18"];
  const outcome: M130Outcome = v["19"] > 0 ? "ingresar" : v["19"] === 0 ? "cero" : input.isLastPeriod ? "negativa" : "a_deducir";
  return { ...b, outcome };
}

/** This quarter's boxes appended to what the next quarter reads. */
export function nextPrior(prior: M130Prior, r: M130Result): M130Prior {
  return {
    box07: [...prior.box07, r.values["07"]],
    box15: [...prior.box15, r.values["15"]],
    box16: [...prior.box16, r.values["16"]],
    box19: [...prior.box19, r.values["19"]],
  };
}

/**
 * Share (0–100, two decimals) of the income with IRPF withheld — RIRPF 109.1: a professional is not obliged to
 * file the 130 when in the previous year at least 70 % of the activity's income was subject to withholding.
 */
export function withheldIncomeShare(issued: TaxInvoice[]): { sharePct: number; notObliged: boolean } {
  const total = issued.reduce((s, i) => s + invoiceBase(i), 0);
  const withheld = issued.filter((i) => i.irpfCents !== 0).reduce((s, i) => s + invoiceBase(i), 0);
  if (total <= 0) return { sharePct: 0, notObliged: false };
  const bp = Math.round((withheld * 10_000) / total);
  return { sharePct: bp / 100, notObliged: withheld * 100 >= total * 70 };
}
