import "server-only";
import { and, asc, between, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { documents, invoiceVatLines, invoices } from "@/db/schema";
import { summariseQuarter, type QuarterSummary, type SummaryInvoice } from "@/lib/tax/quarter-summary";
import { quarterRange, type Quarter } from "@/lib/tax/quarters";
import { numericToBp } from "@/lib/tax/vat";

/** The book's invoices dated inside [from, to] (ISO, inclusive), with their IVA lines and document status. */
export async function listInvoicesForPeriod(
  db: Db,
  { bookId, from, to }: { bookId: string; from: string; to: string },
): Promise<(SummaryInvoice & { id: string })[]> {
  const rows = await db
    .select({
      id: invoices.id,
      direction: invoices.direction,
      status: documents.status,
      baseCents: invoices.baseCents,
      vatCents: invoices.vatCents,
      irpfCents: invoices.irpfCents,
      recargoCents: invoices.recargoCents,
      totalCents: invoices.totalCents,
    })
    .from(invoices)
    .innerJoin(documents, and(eq(documents.id, invoices.documentId), eq(documents.bookId, bookId)))
    .where(and(eq(invoices.bookId, bookId), between(invoices.issueDate, from, to)))
    .orderBy(asc(invoices.issueDate), asc(invoices.id));
  if (rows.length === 0) return [];
  const lines = await db
    .select({
      invoiceId: invoiceVatLines.invoiceId,
      rate: invoiceVatLines.rate,
      baseCents: invoiceVatLines.baseCents,
      vatCents: invoiceVatLines.vatCents,
      recargoCents: invoiceVatLines.recargoCents,
    })
    .from(invoiceVatLines)
    .where(inArray(invoiceVatLines.invoiceId, rows.map((r) => r.id)));
  return rows.map((r) => ({
    ...r,
    vatLines: lines
      .filter((l) => l.invoiceId === r.id)
      .map(({ rate, ...l }) => ({ ...l, rateBp: numericToBp(rate) ?? 0 })),
  }));
}

/** The quarter's figures for one book (see lib/tax/quarter-summary.ts). */
export async function getQuarterSummary(db: Db, { bookId, quarter }: { bookId: string; quarter: Quarter }): Promise<QuarterSummary> {
  const { from, to } = quarterRange(quarter);
  return summariseQuarter(quarter, await listInvoicesForPeriod(db, { bookId, from, to }));
}
