/**
 * The review form's values (strings, as a person types them, amounts the Spanish way) and their conversion to
 * checked, typed data. Client-safe: the form parses on every keystroke, the server action parses again with zod.
 */
import { z } from "zod";
import type { Invoice, InvoiceVatLine } from "@/db/schema";
import { DIRECTIONS, type Direction, type DocType } from "@/lib/enums";
import type { CheckInput } from "@/lib/invoices/checks";
import { parseAmount } from "@/lib/money";
import { normalizeTaxId } from "@/lib/tax-id";
import { CATEGORY_LABELS, EXPENSE_CATEGORIES, type ExpenseCategory } from "@/lib/tax/categories";
import { numericToBp } from "@/lib/tax/vat";
import { isoDateSchema } from "@/lib/iso-date";

// Runtime copies of the schema's enums (db/schema.ts pulls drizzle into the client bundle); kept in step by type.
const DOC_TYPES = ["invoice", "simplified", "credit_note"] as const satisfies readonly DocType[];

export type LineValues = { rate: string; base: string; vat: string; recargo: string };
export type InvoiceFormValues = {
  direction: (typeof DIRECTIONS)[number];
  docType: (typeof DOC_TYPES)[number];
  counterpartyName: string;
  counterpartyTaxId: string;
  number: string;
  issueDate: string;
  lines: LineValues[];
  irpfRate: string;
  irpfAmount: string;
  total: string;
  /** A key of EXPENSE_CATEGORIES, or "" for none. */
  category: ExpenseCategory | "";
  deductiblePct: string;
  /** Inversión del sujeto pasivo (received invoices only): the book self-assesses the IVA. */
  reverseCharge: boolean;
  /** The rate to self-assess at, as typed; empty = 21 %. */
  reverseChargeRate: string;
};

/** The record as the server stores it (cents, rates in hundredths of a percent). */
export type InvoiceUpdate = {
  direction: (typeof DIRECTIONS)[number];
  docType: (typeof DOC_TYPES)[number];
  counterpartyName: string | null;
  counterpartyTaxId: string | null;
  number: string | null;
  issueDate: string | null;
  lines: { rateBp: number; baseCents: number; vatCents: number; recargoCents: number }[];
  irpfRateBp: number | null;
  irpfCents: number | null;
  totalCents: number | null;
  category: ExpenseCategory | null;
  deductiblePct: number;
  /** Absent: not reverse charge. */
  reverseCharge?: boolean;
  /** The self-assessment rate when the invoice names one; null = 21 %. Always null without reverse charge. */
  reverseChargeRateBp?: number | null;
};

/** The review form's category choices: the returns' fixed list (lib/tax/categories.ts), key and Spanish label. */
export const CATEGORY_OPTIONS: [ExpenseCategory, string][] = EXPENSE_CATEGORIES.map((c) => [c, CATEGORY_LABELS[c]]);

/** A self-assessment rate as typed: empty → null (21 %), else hundredths of a percent in 0–100 %, or undefined. */
export function readReverseChargeRate(s: string): number | null | undefined {
  const v = readAmount(s);
  if (v === null) return null;
  return v === undefined || v < 0 || v > 10_000 ? undefined : v;
}

const amountFmt = new Intl.NumberFormat("es-ES", { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: "always" });
const rateFmt = new Intl.NumberFormat("es-ES", { maximumFractionDigits: 2, useGrouping: false });

/** 123456 → "1.234,56" (no currency sign: the input shows €). */
export function centsToInput(c: number | null | undefined): string {
  return c === null || c === undefined ? "" : amountFmt.format(c / 100);
}
/** 2100 → "21"; 520 → "5,2". */
export function bpToInput(bp: number | null | undefined): string {
  return bp === null || bp === undefined ? "" : rateFmt.format(bp / 100);
}

/** Empty → null; otherwise cents, or undefined when it is not an amount. Rates use the same parser (21,5 → 2150). */
export function readAmount(s: string): number | null | undefined {
  if (!s.trim()) return null;
  const v = parseAmount(s);
  return v === null ? undefined : v;
}

/** The form as the checks read it (unparseable amounts count as missing; the form marks them separately). */
export function toCheckInput(v: InvoiceFormValues): CheckInput {
  const n = (s: string) => readAmount(s) ?? null;
  return {
    direction: v.direction,
    docType: v.docType,
    counterpartyName: v.counterpartyName.trim() || null,
    counterpartyTaxId: v.counterpartyTaxId.trim() ? normalizeTaxId(v.counterpartyTaxId) : null,
    number: v.number.trim() || null,
    issueDate: v.issueDate || null,
    lines: v.lines.map((l) => ({ rateBp: n(l.rate), baseCents: n(l.base), vatCents: n(l.vat), recargoCents: n(l.recargo) ?? 0 })),
    irpfRateBp: n(v.irpfRate),
    irpfCents: n(v.irpfAmount),
    totalCents: n(v.total),
  };
}

/** The invoice fields the checks read, as stored (rates as numeric strings, "21.00"). */
type CheckedFields = Pick<
  Invoice,
  "direction" | "counterpartyName" | "counterpartyTaxId" | "number" | "issueDate" | "irpfRate" | "irpfCents" | "totalCents"
> & { docType: Invoice["docType"] | null };

/** A stored (or about to be stored) invoice and its VAT lines as the checks read them. */
export function recordToCheckInput(
  inv: CheckedFields,
  lines: Pick<InvoiceVatLine, "rate" | "baseCents" | "vatCents" | "recargoCents">[],
): CheckInput {
  return {
    direction: inv.direction,
    docType: inv.docType ?? "invoice",
    counterpartyName: inv.counterpartyName,
    counterpartyTaxId: inv.counterpartyTaxId,
    number: inv.number,
    issueDate: inv.issueDate,
    lines: lines.map((l) => ({ rateBp: numericToBp(l.rate), baseCents: l.baseCents, vatCents: l.vatCents, recargoCents: l.recargoCents })),
    irpfRateBp: numericToBp(inv.irpfRate),
    irpfCents: inv.irpfCents,
    totalCents: inv.totalCents,
  };
}

const invalidAmount = "Importe no válido (p. ej. 1.234,56).";
const money = (required = false) =>
  z
    .string()
    .max(40)
    .transform((s, ctx) => {
      const v = readAmount(s);
      if (v === undefined || (required && v === null)) {
        ctx.addIssue({ code: "custom", message: required && v === null ? "Obligatorio." : invalidAmount });
        return z.NEVER;
      }
      return v;
    });
const rate = z
  .string()
  .max(10)
  .transform((s, ctx) => {
    const v = readAmount(s);
    if (v === undefined || v === null || v < 0 || v > 10_000) {
      ctx.addIssue({ code: "custom", message: "Tipo no válido (p. ej. 21 o 5,2)." });
      return z.NEVER;
    }
    return v;
  });
const text = (max: number) =>
  z
    .string()
    .max(max)
    .transform((s) => s.trim() || null);

export const invoiceFormSchema = z
  .object({
    direction: z.enum(DIRECTIONS),
    docType: z.enum(DOC_TYPES),
    counterpartyName: text(200),
    counterpartyTaxId: z
      .string()
      .max(30)
      .transform((s) => (s.trim() ? normalizeTaxId(s) : null)),
    number: text(80),
    issueDate: z.union([z.literal(""), isoDateSchema]).transform((s) => s || null),
    lines: z
      .array(z.object({ rate, base: money(true), vat: money(true), recargo: money() }))
      .max(10),
    irpfRate: z.string().max(10),
    irpfAmount: money(),
    total: money(),
    category: z.union([z.literal(""), z.enum(EXPENSE_CATEGORIES)], { error: "Elige una categoría de la lista." }).transform((c) => c || null),
    // An empty field is an error, not 0 % (z.coerce would read "" as 0).
    deductiblePct: z
      .string()
      .trim()
      .min(1, "Obligatorio (0 a 100).")
      .pipe(z.coerce.number<string>().int("Entero de 0 a 100.").min(0, "Entre 0 y 100.").max(100, "Entre 0 y 100.")),
    reverseCharge: z.boolean(),
    reverseChargeRate: z.string().max(10),
  })
  .transform((v, ctx): InvoiceUpdate => {
    let irpfRateBp: number | null = null;
    if (v.irpfRate.trim()) {
      const r = readAmount(v.irpfRate);
      if (r === undefined || r === null || r < 0 || r > 10_000) {
        ctx.addIssue({ code: "custom", path: ["irpfRate"], message: "Tipo no válido (p. ej. 15)." });
        return z.NEVER;
      }
      irpfRateBp = r;
    }
    // Only a received invoice is self-assessed (lib/tax/models/m303.ts reads it on received invoices alone).
    if (v.reverseCharge && v.direction !== "received") {
      ctx.addIssue({ code: "custom", path: ["reverseCharge"], message: "La inversión del sujeto pasivo solo se marca en facturas recibidas." });
      return z.NEVER;
    }
    const reverseChargeRateBp = v.reverseCharge ? readReverseChargeRate(v.reverseChargeRate) : null;
    if (reverseChargeRateBp === undefined) {
      ctx.addIssue({ code: "custom", path: ["reverseChargeRate"], message: "Tipo no válido (p. ej. 21 o 10; vacío = 21 %)." });
      return z.NEVER;
    }
    return {
      direction: v.direction,
      docType: v.docType,
      counterpartyName: v.counterpartyName,
      counterpartyTaxId: v.counterpartyTaxId,
      number: v.number,
      issueDate: v.issueDate,
      lines: v.lines.map((l) => ({ rateBp: l.rate, baseCents: l.base as number, vatCents: l.vat as number, recargoCents: l.recargo ?? 0 })),
      irpfRateBp,
      irpfCents: v.irpfAmount,
      totalCents: v.total,
      category: v.category,
      deductiblePct: v.deductiblePct,
      reverseCharge: v.reverseCharge,
      reverseChargeRateBp,
    };
  });

