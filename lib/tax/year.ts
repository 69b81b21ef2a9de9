/**
 * A year's ledger through the four quarterly returns, in order: the 303 carries its pending compensation from
 * quarter to quarter (box 87 and a negative 71 feed the next box 110; the first 110 comes from the book's
 * settings), the 130 is cumulative from 1 January and reads the earlier quarters' 07/15/16/19, the 111 and 115
 * are per quarter. Only approved invoices count unless the caller asks for the unreviewed too. Pure.
 */
import { quarterDeadlines, type TaxModel } from "@/lib/tax/deadlines";
import { expandOtherExpenses, type BookTaxSettings, type OtherExpense, type TaxInvoice } from "@/lib/tax/ledger";
import { printable, type BoxKind, type Boxes } from "@/lib/tax/models/boxes";
import { computeM111, m111Kind } from "@/lib/tax/models/m111";
import { computeM115, m115Kind } from "@/lib/tax/models/m115";
import { computeM130, m130Kind, nextPrior, NO_PRIOR, withheldIncomeShare, type M130Result } from "@/lib/tax/models/m130";
import { computeM303, m303Kind, type M303Result } from "@/lib/tax/models/m303";
import { quarterKey, quarterRange, type Quarter } from "@/lib/tax/quarters";

export type YearInput = {
  year: number;
  settings: BookTaxSettings;
  /** The year's invoices; issued invoices of the year before may be among them, for the 130's 70 % rule only. */
  invoices: TaxInvoice[];
  otherExpenses: OtherExpense[];
  includeUnreviewed?: boolean;
};

export type QuarterReturns = {
  quarter: Quarter;
  key: string;
  from: string;
  to: string;
  deadlines: Record<TaxModel, string>;
  m303: M303Result;
  m130: M130Result;
  m111: Boxes;
  m115: Boxes;
  /** Invoices of the quarter that count (ids), and how many of them are not approved yet. */
  invoiceIds: string[];
  unreviewed: number;
};

export type YearReturns = {
  nif: string;
  year: number;
  quarters: QuarterReturns[];
  /**
   * The 130's 70 % rule (RIRPF 109.1): the share of the PREVIOUS year's income (`year` − 1) with IRPF withheld;
   * `invoices` is how many issued invoices of that year it was read from (0: no data, nothing to say).
   */
  withheld: { year: number; invoices: number; sharePct: number; notObliged: boolean };
};

/** Invoices that count: dated, approved (or unreviewed when asked). */
export function countedInvoices<T extends TaxInvoice>(invoices: T[], includeUnreviewed = false): T[] {
  return invoices.filter((i) => /^\d{4}-\d{2}-\d{2}$/.test(i.issueDate) && (i.approved || includeUnreviewed));
}

export function computeYear(input: YearInput): YearReturns {
  const { year, settings } = input;
  const invoices = countedInvoices(input.invoices, input.includeUnreviewed);
  const others = expandOtherExpenses(input.otherExpenses, year);
  let pending303 = settings.carryForward303Cents;
  let prior130 = NO_PRIOR;
  const quarters: QuarterReturns[] = [];
  for (const q of [1, 2, 3, 4] as const) {
    const quarter = { year, q };
    const { from, to } = quarterRange(quarter);
    const inQuarter = invoices.filter((i) => i.issueDate >= from && i.issueDate <= to);
    const toDate = invoices.filter((i) => i.issueDate >= `${year}-01-01` && i.issueDate <= to);
    const m303 = computeM303({
      invoices: inQuarter,
      year,
      bookNif: settings.nif,
      pendingCents: pending303,
      isLastPeriod: q === 4,
      refund: settings.q4Refund,
    });
    pending303 = m303.nextPendingCents;
    const m130 = computeM130({
      invoices: toDate,
      otherExpenses: others.filter((e) => e.date <= to),
      bookNif: settings.nif,
      prior: prior130,
      lastYearNetIncomeCents: settings.lastYearNetIncomeCents,
      isLastPeriod: q === 4,
    });
    prior130 = nextPrior(prior130, m130);
    quarters.push({
      quarter,
      key: quarterKey(quarter),
      from,
      to,
      deadlines: quarterDeadlines(quarter),
      m303,
      m130,
      m111: computeM111(inQuarter),
      m115: computeM115(inQuarter),
      invoiceIds: inQuarter.map((i) => i.id),
      unreviewed: inQuarter.filter((i) => !i.approved).length,
    });
  }
  return { nif: settings.nif, year, quarters, withheld: previousYearWithholding(invoices, year) };
}

/** The 130's 70 % rule for `year`, read from the issued invoices of `year` − 1 (the counted ones). */
export function previousYearWithholding(invoices: TaxInvoice[], year: number): YearReturns["withheld"] {
  const previous = invoices.filter((i) => i.direction === "issued" && i.issueDate.startsWith(`${year - 1}-`));
  return { year: year - 1, invoices: previous.length, ...withheldIncomeShare(previous) };
}

function printBoxes(b: Boxes, kind: (box: string) => BoxKind): Record<string, number> {
  return Object.fromEntries(Object.entries(b.values).map(([k, v]) => [k, printable(v, kind(k))]));
}

/** The year as the CLI prints it: box numbers as keys, euros and percentages as numbers, counts as integers. */
export function printableYear(y: YearReturns) {
  return {
    nif: y.nif,
    year: y.year,
    quarters: y.quarters.map((q) => ({
      quarter: q.key,
      deadlines: q.deadlines,
      m303: printBoxes(q.m303, m303Kind),
      m130: printBoxes(q.m130, m130Kind),
      m111: printBoxes(q.m111, m111Kind),
      m115: printBoxes(q.m115, m115Kind),
      result: {
        m303: q.m303.outcome,
        m130: q.m130.outcome,
        carryForward303: printable(q.m303.nextPendingCents, "amount"),
      },
      ...(q.m303.notes.length ? { notes: q.m303.notes } : {}),
    })),
    m130WithheldIncome: y.withheld,
  };
}
