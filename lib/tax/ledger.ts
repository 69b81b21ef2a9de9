/**
 * The book's fiscal records as the returns read them: one shape for invoices whether they come from the database
 * (`db/queries/tax.ts`) or a ledger file (`npm run taxes`). Integer cents; rates in hundredths of a percent
 * (21 % = 2100); credit notes carry negative amounts. Also the small rules every model shares: which lines an
 * invoice has, where a reverse-charge supplier is, whether a ticket's IVA can be deducted. Pure.
 */
import { sameNif } from "@/lib/tax/direction";
import { cuota, near, SPANISH_VAT_RATES_BP } from "@/lib/tax/vat";

import type { ExpenseCategory } from "@/lib/tax/categories";
export { CATEGORY_LABELS, EXPENSE_CATEGORIES, type ExpenseCategory } from "@/lib/tax/categories";

export type TaxLine = { rateBp: number; baseCents: number; vatCents: number; recargoCents: number };

export type TaxInvoice = {
  id: string;
  direction: "issued" | "received";
  docType: "invoice" | "simplified" | "credit_note";
  issueDate: string;
  number: string | null;
  vendorName: string | null;
  vendorTaxId: string | null;
  customerTaxId: string | null;
  /** One line per IVA rate. Empty when the invoice has no breakdown: then `baseCents`/`vatCents` are used. */
  lines: TaxLine[];
  baseCents: number;
  vatCents: number;
  irpfCents: number;
  recargoCents: number;
  totalCents: number;
  /** Inversión del sujeto pasivo: the buyer self-assesses the IVA (received invoices). */
  reverseCharge: boolean;
  /** The rate to self-assess at, when the invoice names one; 21 % otherwise. */
  reverseChargeRateBp: number | null;
  category: ExpenseCategory | null;
  /** Share of the IVA that may be deducted, 0–100. */
  deductiblePct: number;
  /** Approved by a person; unreviewed invoices count only when the caller asks. */
  approved: boolean;
};

/** An expense without an invoice (Social Security quota, bank fees): counts in the 130, not in the 303. */
export type OtherExpense = { id: string; date: string; concept: string; amountCents: number; repeat?: "monthly" | null };

/** The book's data the returns need beyond its invoices. */
export type BookTaxSettings = {
  nif: string;
  /** 303 pending to compensate from last year (box 110 of the first quarter), cents. */
  carryForward303Cents: number;
  /** Last year's net income from the activity (rendimiento neto), for the 130's box 13; null when not entered. */
  lastYearNetIncomeCents: number | null;
  /** Q4 303 with a negative result: ask for the refund or carry it into next year. */
  q4Refund: boolean;
};


/** The invoice's lines, or one line inferred from its totals when it has no breakdown (rate from vat/base). */
export function invoiceLines(inv: TaxInvoice): TaxLine[] {
  if (inv.lines.length > 0) return inv.lines;
  if (inv.baseCents === 0 && inv.vatCents === 0) return [];
  const rateBp =
    inv.baseCents === 0
      ? 0
      : (SPANISH_VAT_RATES_BP.find((bp) => near(cuota(inv.baseCents, bp), inv.vatCents)) ??
        Math.round((inv.vatCents * 10_000) / inv.baseCents));
  return [{ rateBp, baseCents: inv.baseCents, vatCents: inv.vatCents, recargoCents: inv.recargoCents }];
}

/** Sum of the lines' bases (the invoice's base when it has no lines). */
export function invoiceBase(inv: TaxInvoice): number {
  return inv.lines.length > 0 ? inv.lines.reduce((s, l) => s + l.baseCents, 0) : inv.baseCents;
}
export function invoiceVat(inv: TaxInvoice): number {
  return inv.lines.length > 0 ? inv.lines.reduce((s, l) => s + l.vatCents, 0) : inv.vatCents;
}
export function invoiceRecargo(inv: TaxInvoice): number {
  return inv.lines.length > 0 ? inv.lines.reduce((s, l) => s + l.recargoCents, 0) : inv.recargoCents;
}

/** EU member states' VAT prefixes (Greece is EL; XI is Northern Ireland for goods). Spain excluded. */
const EU_PREFIXES = new Set([
  "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "FI", "FR", "HR", "HU", "IE", "IT",
  "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "XI",
]);

export type ReverseChargeOrigin = "eu" | "non_eu" | "domestic";

/**
 * Where a reverse-charge supplier is, from its tax id: an EU VAT number other than Spain's → `eu` (303 boxes
 * 10/11, deduction 36/37: adquisiciones intracomunitarias de bienes y servicios); a Spanish NIF → `domestic`
 * (art. 84.Uno.2º LIVA: construction, gold, emission rights…) and anything else, or no id → `non_eu` (services
 * from outside the EU, art. 84.Uno.2º a): both in 12/13 and deduction 28/29.
 */
export function reverseChargeOrigin(vendorTaxId: string | null): ReverseChargeOrigin {
  const id = (vendorTaxId ?? "").toUpperCase().replace(/[\s.\-]/g, "");
  const prefix = id.slice(0, 2);
  if (/^[A-Z]{2}/.test(id) && EU_PREFIXES.has(prefix)) return "eu";
  if (prefix === "ES" || /^[0-9XYZ]\d{7}[0-9A-Z]$/.test(id) || /^[A-W]\d{7}[0-9A-J]$/.test(id)) return "domestic";
  return "non_eu";
}

/**
 * A factura simplificada (ticket) gives deductible IVA only when it names the buyer's NIF (RIVA art. 97.1.1º and
 * Reglamento de facturación art. 7.2: a simplified invoice with the recipient's NIF and address is valid for the
 * deduction). Full invoices always may.
 */
export function ivaMayBeDeducted(inv: TaxInvoice, bookNif: string): boolean {
  return inv.docType !== "simplified" || sameNif(inv.customerTaxId, bookNif);
}

/** Expands monthly repeats (same day each month, clamped to the month's end) up to 31 December of the year. */
export function expandOtherExpenses(expenses: OtherExpense[], year: number): OtherExpense[] {
  const out: OtherExpense[] = [];
  for (const e of expenses) {
    const [y, m, d] = e.date.split("-").map(Number);
    if (!e.repeat) {
      if (y === year) out.push(e);
      continue;
    }
    for (let month = y === year ? m : y < year ? 1 : 13; month <= 12; month++) {
      const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
      const day = String(Math.min(d, last)).padStart(2, "0");
      out.push({ ...e, id: `${e.id}#${month}`, date: `${year}-${String(month).padStart(2, "0")}-${day}`, repeat: null });
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date));
}
