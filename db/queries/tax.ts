import "server-only";
import { and, asc, between, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  books,
  documents,
  extractions,
  invoiceVatLines,
  invoices,
  otherExpenses,
  taxFilings,
  users,
  type Invoice,
  type IrpfRegime,
  type VatRegime,
} from "@/db/schema";
import { AppError } from "@/lib/errors";
import { toExpenseCategory } from "@/lib/tax/categories";
import type { BookTaxSettings, OtherExpense, TaxInvoice } from "@/lib/tax/ledger";
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

// ── Quarterly returns: what lib/tax/year.ts needs, loaded for one book (no computation here) ──

/** Document statuses whose invoices the returns read: approved ones count, the others only when asked. */
const RETURN_STATUSES = ["extracted", "needs_review", "approved"] as const;

/** The book's data the returns need beyond its invoices. */
export async function getTaxSettings(db: Db, { bookId }: { bookId: string }): Promise<BookTaxSettings & { irpfRegime: string; vatRegime: string }> {
  const [b] = await db.select().from(books).where(eq(books.id, bookId)).limit(1);
  if (!b) throw new AppError("book:not_found");
  return {
    nif: b.nif,
    carryForward303Cents: b.carryForward303Cents,
    lastYearNetIncomeCents: b.lastYearNetIncomeCents,
    q4Refund: b.q4Refund,
    irpfRegime: b.irpfRegime,
    vatRegime: b.vatRegime,
  };
}

/** Invoices dated in `year` as the returns read them (approved or still in review), with their lines. */
export async function listTaxInvoices(db: Db, { bookId, year, bookNif, direction }: { bookId: string; year: number; bookNif: string; direction?: Invoice["direction"] }): Promise<(TaxInvoice & { documentId: string; status: string; updatedAt: Date; originalFilename: string; storageKey: string | null; mimeType: string })[]> {
  const rows = await db
    .select({
      invoice: invoices,
      status: documents.status,
      originalFilename: documents.originalFilename,
      storageKey: documents.storageKey,
      mimeType: documents.mimeType,
      fields: extractions.fields,
    })
    .from(invoices)
    .innerJoin(documents, and(eq(documents.id, invoices.documentId), eq(documents.bookId, bookId)))
    .leftJoin(extractions, eq(extractions.documentId, invoices.documentId))
    .where(
      and(
        eq(invoices.bookId, bookId),
        between(invoices.issueDate, `${year}-01-01`, `${year}-12-31`),
        inArray(documents.status, [...RETURN_STATUSES]),
        direction ? eq(invoices.direction, direction) : undefined,
      ),
    )
    .orderBy(asc(invoices.issueDate), asc(invoices.id));
  if (rows.length === 0) return [];
  const lines = await db
    .select()
    .from(invoiceVatLines)
    .where(inArray(invoiceVatLines.invoiceId, rows.map((r) => r.invoice.id)));
  return rows.map(({ invoice: i, status, fields, originalFilename, storageKey, mimeType }) => {
    const issued = i.direction === "issued";
    // Received: the customer's id (a ticket naming the book's NIF) comes from the extraction, not editable yet.
    const extractedCustomer = typeof fields?.customerTaxId?.value === "string" ? fields.customerTaxId.value : null;
    const own = lines.filter((l) => l.invoiceId === i.id);
    return {
      id: i.id,
      documentId: i.documentId,
      status,
      updatedAt: i.updatedAt,
      originalFilename,
      storageKey,
      mimeType,
      direction: i.direction,
      docType: i.docType,
      issueDate: i.issueDate!,
      number: i.number,
      vendorName: issued ? null : i.counterpartyName,
      vendorTaxId: issued ? bookNif : i.counterpartyTaxId,
      customerTaxId: issued ? i.counterpartyTaxId : extractedCustomer,
      lines: own.map((l) => ({ rateBp: numericToBp(l.rate)!, baseCents: l.baseCents, vatCents: l.vatCents, recargoCents: l.recargoCents })),
      baseCents: i.baseCents ?? 0,
      vatCents: i.vatCents ?? 0,
      irpfCents: i.irpfCents ?? 0,
      recargoCents: i.recargoCents ?? 0,
      totalCents: i.totalCents ?? 0,
      reverseCharge: i.reverseCharge,
      reverseChargeRateBp: i.reverseChargeRate === null ? null : numericToBp(i.reverseChargeRate),
      category: toExpenseCategory(i.category),
      deductiblePct: i.deductiblePct,
      approved: status === "approved",
    };
  });
}

export async function listOtherExpenses(db: Db, { bookId }: { bookId: string }): Promise<OtherExpense[]> {
  const rows = await db.select().from(otherExpenses).where(eq(otherExpenses.bookId, bookId)).orderBy(asc(otherExpenses.date));
  return rows.map((r) => ({ id: r.id, date: r.date, concept: r.concept, amountCents: r.amountCents, repeat: r.repeat }));
}

export async function addOtherExpense(
  db: Db,
  { bookId, userId, date, concept, amountCents, repeat }: { bookId: string; userId: string; date: string; concept: string; amountCents: number; repeat: "monthly" | null },
) {
  const [row] = await db.insert(otherExpenses).values({ bookId, createdBy: userId, date, concept, amountCents, repeat }).returning();
  return row;
}

export async function deleteOtherExpense(db: Db, { bookId, id }: { bookId: string; id: string }) {
  await db.delete(otherExpenses).where(and(eq(otherExpenses.bookId, bookId), eq(otherExpenses.id, id)));
}

export async function updateTaxSettings(
  db: Db,
  { bookId, ...set }: { bookId: string; carryForward303Cents: number; lastYearNetIncomeCents: number | null; q4Refund: boolean; irpfRegime: IrpfRegime; vatRegime: VatRegime },
) {
  await db.update(books).set(set).where(eq(books.id, bookId));
}

/** Filed quarters of the year, with the filer's name. */
export async function listFilings(db: Db, { bookId, year }: { bookId: string; year: number }) {
  return db
    .select({ quarter: taxFilings.quarter, filedAt: taxFilings.filedAt, filedBy: users.name, snapshot: taxFilings.snapshot })
    .from(taxFilings)
    .leftJoin(users, eq(users.id, taxFilings.filedBy))
    .where(and(eq(taxFilings.bookId, bookId), eq(taxFilings.year, year)))
    .orderBy(asc(taxFilings.quarter));
}

export async function markFiled(
  db: Db,
  { bookId, userId, year, quarter, snapshot }: { bookId: string; userId: string; year: number; quarter: number; snapshot: Record<string, Record<string, number>> },
) {
  await db
    .insert(taxFilings)
    .values({ bookId, year, quarter, filedBy: userId, snapshot })
    .onConflictDoUpdate({ target: [taxFilings.bookId, taxFilings.year, taxFilings.quarter], set: { filedBy: userId, filedAt: new Date(), snapshot } });
}

export async function unmarkFiled(db: Db, { bookId, year, quarter }: { bookId: string; year: number; quarter: number }) {
  await db.delete(taxFilings).where(and(eq(taxFilings.bookId, bookId), eq(taxFilings.year, year), eq(taxFilings.quarter, quarter)));
}
