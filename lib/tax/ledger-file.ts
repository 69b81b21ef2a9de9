/**
 * The ledger file `npm run taxes` reads: the extraction CLI's keys per invoice (amounts in euros, rates in
 * percent, credit notes negative) plus what the returns need (reverse charge, category, deductible share), and
 * the other expenses without an invoice. Validated with zod; converted to the returns' integer-cents records.
 */
import { z } from "zod";
import { invoiceDirection } from "@/lib/tax/direction";
import { EXPENSE_CATEGORIES, type BookTaxSettings, type OtherExpense, type TaxInvoice } from "@/lib/tax/ledger";
import { cuota, percentToBp, RECARGO_FOR_VAT_BP } from "@/lib/tax/vat";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "fecha yyyy-mm-dd");
const euros = z.number().finite();
/** A percentage with at most two decimals (21, 5.2, 0.62), so that it is exactly a whole number of basis points. */
const rate = z.number().min(0).max(100).refine((r) => percentToBp(r) !== null, "tipo con dos decimales como máximo");
const eurosToCents = (e: number) => Math.round(e * 100);

export const ledgerInvoiceSchema = z.object({
  id: z.string().optional(),
  docType: z.enum(["invoice", "simplified", "credit_note"]).nullish(),
  issueDate: isoDate,
  invoiceNumber: z.string().nullish(),
  vendorName: z.string().nullish(),
  vendorTaxId: z.string().nullish(),
  customerTaxId: z.string().nullish(),
  vatLines: z.array(z.object({ rate, base: euros, vat: euros })).default([]),
  baseTotal: euros.nullish(),
  vatTotal: euros.nullish(),
  irpfRate: rate.nullish(),
  irpfAmount: euros.nullish(),
  recargo: euros.nullish(),
  total: euros.nullish(),
  reverseCharge: z.boolean().optional(),
  reverseChargeRate: rate.nullish(),
  category: z.enum(EXPENSE_CATEGORIES).nullish(),
  deductiblePct: z.number().int().min(0).max(100).nullish(),
  approved: z.boolean().optional(),
});

export const ledgerSchema = z.object({
  nif: z.string().min(1),
  year: z.number().int().min(2000).max(2999),
  carryForward303: euros.min(0).optional(),
  lastYearNetIncome: euros.nullish(),
  q4Refund: z.boolean().optional(),
  invoices: z.array(ledgerInvoiceSchema),
  otherExpenses: z
    .array(z.object({ date: isoDate, concept: z.string(), amount: euros, repeat: z.enum(["monthly"]).nullish() }))
    .default([]),
});
export type LedgerFile = z.input<typeof ledgerSchema>;

/** One ledger invoice → the returns' record; direction from the book's NIF. */
export function toTaxInvoice(raw: z.infer<typeof ledgerInvoiceSchema>, index: number, bookNif: string): TaxInvoice {
  const recargoCents = eurosToCents(raw.recargo ?? 0);
  const lines = raw.vatLines.map((l) => {
    const rateBp = percentToBp(l.rate)!;
    const baseCents = eurosToCents(l.base);
    // The CLI gives recargo as one total: split it over the lines at each rate's recargo (LIVA art. 161).
    const re = recargoCents !== 0 ? RECARGO_FOR_VAT_BP[rateBp] : undefined;
    return { rateBp, baseCents, vatCents: eurosToCents(l.vat), recargoCents: re ? cuota(baseCents, re) : 0 };
  });
  if (lines.length === 1 && recargoCents !== 0) lines[0].recargoCents = recargoCents;
  return {
    id: raw.id ?? `#${index + 1}`,
    direction: invoiceDirection(raw.vendorTaxId, bookNif),
    docType: raw.docType ?? "invoice",
    issueDate: raw.issueDate,
    number: raw.invoiceNumber ?? null,
    vendorName: raw.vendorName ?? null,
    vendorTaxId: raw.vendorTaxId ?? null,
    customerTaxId: raw.customerTaxId ?? null,
    lines,
    baseCents: eurosToCents(raw.baseTotal ?? raw.vatLines.reduce((s, l) => s + l.base, 0)),
    vatCents: eurosToCents(raw.vatTotal ?? raw.vatLines.reduce((s, l) => s + l.vat, 0)),
    irpfCents: eurosToCents(raw.irpfAmount ?? 0),
    recargoCents,
    totalCents: eurosToCents(raw.total ?? 0),
    reverseCharge: raw.reverseCharge ?? false,
    reverseChargeRateBp: raw.reverseChargeRate == null ? null : percentToBp(raw.reverseChargeRate)!,
    category: raw.category ?? null,
    deductiblePct: raw.deductiblePct ?? 100,
    approved: raw.approved ?? true,
  };
}

export function fromLedgerFile(ledger: z.infer<typeof ledgerSchema>): {
  year: number;
  settings: BookTaxSettings;
  invoices: TaxInvoice[];
  otherExpenses: OtherExpense[];
} {
  return {
    year: ledger.year,
    settings: {
      nif: ledger.nif,
      carryForward303Cents: eurosToCents(ledger.carryForward303 ?? 0),
      lastYearNetIncomeCents: ledger.lastYearNetIncome == null ? null : eurosToCents(ledger.lastYearNetIncome),
      q4Refund: ledger.q4Refund ?? false,
    },
    invoices: ledger.invoices.map((inv, i) => toTaxInvoice(inv, i, ledger.nif)),
    otherExpenses: ledger.otherExpenses.map((e, i) => ({
      id: `gasto#${i + 1}`,
      date: e.date,
      concept: e.concept,
      amountCents: eurosToCents(e.amount),
      repeat: e.repeat ?? null,
    })),
  };
}
