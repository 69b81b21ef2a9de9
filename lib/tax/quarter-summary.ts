/**
 * A quarter's figures from the book's invoices: income (issued) and expenses (received), IVA charged and paid by
 * rate, IRPF withheld, and how many documents are in each status. Pure; integer cents throughout. This is the base
 * the modelo 303 / 130 / 111 calculations extend: it sums what the invoices say, it does not apply the rules
 * (deductibility limits, prorrata, regimes) of any return.
 */
import type { Quarter } from "@/lib/tax/quarters";
import { quarterRange } from "@/lib/tax/quarters";
import type { RateBp } from "@/lib/tax/vat";

/** Statuses whose invoices count in the figures. Others (failed, duplicate, rejected…) are only counted. */
export const COUNTED_STATUSES = ["extracted", "needs_review", "approved"] as const;

export type SummaryVatLine = { rateBp: RateBp; baseCents: number; vatCents: number; recargoCents?: number };

export type SummaryInvoice = {
  direction: "issued" | "received";
  status: string;
  baseCents: number | null;
  vatCents: number | null;
  irpfCents: number | null;
  recargoCents?: number | null;
  totalCents: number | null;
  vatLines: SummaryVatLine[];
};

/** `rateBp` is the rate in basis points (`lib/tax/vat.ts`), or null for invoices with no IVA breakdown. */
export type VatByRate = { rateBp: RateBp | null; baseCents: number; vatCents: number; recargoCents: number };

export type SideTotals = {
  count: number;
  baseCents: number;
  vatCents: number;
  irpfCents: number;
  recargoCents: number;
  totalCents: number;
  vatByRate: VatByRate[];
  /** Invoices counted with a missing amount (base, IVA or total), whose figures are therefore incomplete. */
  incomplete: number;
};

export type QuarterSummary = {
  year: number;
  quarter: 1 | 2 | 3 | 4;
  from: string;
  to: string;
  income: SideTotals;
  expenses: SideTotals;
  /** IVA charged minus IVA paid (positive: to pay in the 303, before any adjustment). */
  vatBalanceCents: number;
  /** Income base minus expense base (the 130's starting point, before deductibility rules). */
  netCents: number;
  /** Documents with an invoice dated in the quarter, by document status (every status, counted or not). */
  byStatus: Record<string, number>;
  /** Counted invoices not yet approved by a person (status extracted or needs_review). */
  unreviewed: number;
};

function emptySide(): SideTotals {
  return { count: 0, baseCents: 0, vatCents: 0, irpfCents: 0, recargoCents: 0, totalCents: 0, vatByRate: [], incomplete: 0 };
}

function addInvoice(side: SideTotals, inv: SummaryInvoice) {
  side.count++;
  if (inv.baseCents === null || inv.vatCents === null || inv.totalCents === null) side.incomplete++;
  side.baseCents += inv.baseCents ?? 0;
  side.vatCents += inv.vatCents ?? 0;
  side.irpfCents += inv.irpfCents ?? 0;
  side.recargoCents += inv.recargoCents ?? 0;
  side.totalCents += inv.totalCents ?? 0;
  const bucket = (rateBp: RateBp | null) => {
    let b = side.vatByRate.find((x) => x.rateBp === rateBp);
    if (!b) side.vatByRate.push((b = { rateBp, baseCents: 0, vatCents: 0, recargoCents: 0 }));
    return b;
  };
  if (inv.vatLines.length > 0) {
    for (const l of inv.vatLines) {
      const b = bucket(l.rateBp);
      b.baseCents += l.baseCents;
      b.vatCents += l.vatCents;
      b.recargoCents += l.recargoCents ?? 0;
    }
  } else if (inv.baseCents !== null || inv.vatCents !== null) {
    const b = bucket(null);
    b.baseCents += inv.baseCents ?? 0;
    b.vatCents += inv.vatCents ?? 0;
    b.recargoCents += inv.recargoCents ?? 0;
  }
}

function sortRates(side: SideTotals) {
  side.vatByRate.sort((a, b) => (a.rateBp === null ? 1 : b.rateBp === null ? -1 : b.rateBp - a.rateBp));
}

/** Sums the quarter. `invoices` are those dated inside it (the caller's query filters by date and book). */
export function summariseQuarter(quarter: Quarter, invoices: SummaryInvoice[]): QuarterSummary {
  const { from, to } = quarterRange(quarter);
  const income = emptySide();
  const expenses = emptySide();
  const byStatus: Record<string, number> = {};
  let unreviewed = 0;
  for (const inv of invoices) {
    byStatus[inv.status] = (byStatus[inv.status] ?? 0) + 1;
    if (!(COUNTED_STATUSES as readonly string[]).includes(inv.status)) continue;
    if (inv.status !== "approved") unreviewed++;
    addInvoice(inv.direction === "issued" ? income : expenses, inv);
  }
  sortRates(income);
  sortRates(expenses);
  return {
    year: quarter.year,
    quarter: quarter.q,
    from,
    to,
    income,
    expenses,
    vatBalanceCents: income.vatCents - expenses.vatCents,
    netCents: income.baseCents - expenses.baseCents,
    byStatus,
    unreviewed,
  };
}
