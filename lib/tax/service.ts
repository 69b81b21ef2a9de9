/**
 * The /taxes page's data: the book's year loaded (db/queries/tax.ts) and run through the returns (year.ts), plus
 * each quarter's state (open, due in N days, filed, filed but changed since). Only wiring: no rule lives here.
 */
import type { Db } from "@/db/client";
import { getTaxSettings, listFilings, listOtherExpenses, listTaxInvoices } from "@/db/queries/tax";
import { daysUntil } from "@/lib/tax/deadlines";
import { todayInMadrid } from "@/lib/tax/quarters";
import { computeYear, printableYear, type YearReturns } from "@/lib/tax/year";

export type QuarterState =
  | { kind: "filed"; filedAt: Date; filedBy: string | null; changedSince: number }
  | { kind: "in_progress" }
  | { kind: "due"; days: number }
  | { kind: "overdue"; days: number };

export async function getTaxYear(db: Db, { bookId, year, includeUnreviewed = false, today = todayInMadrid() }: { bookId: string; year: number; includeUnreviewed?: boolean; today?: string }) {
  const settings = await getTaxSettings(db, { bookId });
  const [invoices, lastYearIssued, otherExpenses, filings] = await Promise.all([
    listTaxInvoices(db, { bookId, year, bookNif: settings.nif }),
    // The 130's 70 % rule is about the previous year's income.
    listTaxInvoices(db, { bookId, year: year - 1, bookNif: settings.nif, direction: "issued" }),
    listOtherExpenses(db, { bookId }),
    listFilings(db, { bookId, year }),
  ]);
  const returns: YearReturns = computeYear({ year, settings, invoices: [...lastYearIssued, ...invoices], otherExpenses, includeUnreviewed });
  const states = returns.quarters.map((q): QuarterState => {
    const filing = filings.find((f) => f.quarter === q.quarter.q);
    if (filing) {
      const changedSince = invoices.filter((i) => i.issueDate >= q.from && i.issueDate <= q.to && i.updatedAt > filing.filedAt).length;
      return { kind: "filed", filedAt: filing.filedAt, filedBy: filing.filedBy, changedSince };
    }
    if (today <= q.to) return { kind: "in_progress" };
    const days = daysUntil(q.deadlines["303"], today);
    return days >= 0 ? { kind: "due", days } : { kind: "overdue", days: -days };
  });
  const unreviewedTotal = invoices.filter((i) => !i.approved).length;
  return { settings, invoices, otherExpenses, returns, printable: printableYear(returns), states, unreviewedTotal };
}
export type TaxYear = Awaited<ReturnType<typeof getTaxYear>>;
