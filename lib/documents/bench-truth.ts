/**
 * The benchmark corpora's ground truth (`../shared/bench`: `x.pdf` beside `x.json`) and the rules its scorer uses,
 * for benchmarks that score in-process (`npm run bench:memory`). Pure. Rules: amounts exact to the cent with sign;
 * tax ids and numbers compared upper-case without spaces, dots and dashes (a leading `ES` on a Spanish id ignored);
 * vendor names by token-set similarity ≥ 0.8; lines as the same multiset of {rate, base, vat}.
 */
import { z } from "zod";
import type { ExtractRecord } from "@/lib/documents/record";
import type { ReviewedRecord } from "@/lib/documents/parse/vendor-memory";
import { percentToBp } from "@/lib/tax/vat";

const money = z.number().nullable().optional();
export const benchTruthSchema = z.object({
  file: z.string(),
  format: z.string().optional(),
  doc_type: z.string().nullable().optional(),
  language: z.string().nullable().optional(),
  vendor_name: z.string().nullable().optional(),
  vendor_tax_id: z.string().nullable().optional(),
  customer_tax_id: z.string().nullable().optional(),
  invoice_number: z.string().nullable().optional(),
  issue_date: z.string().nullable().optional(),
  currency: z.string().nullable().optional(),
  lines: z.array(z.object({ rate: z.number(), base: z.number(), vat: z.number() })).default([]),
  base_total: money,
  vat_total: money,
  irpf_rate: money,
  irpf_amount: money,
  recargo_equivalencia: money,
  total: money,
  meta: z.object({ family: z.string().optional() }).passthrough().optional(),
});
export type BenchTruth = z.infer<typeof benchTruthSchema>;

export const BENCH_FIELDS = [
  "doc_type",
  "language",
  "vendor_name",
  "vendor_tax_id",
  "customer_tax_id",
  "invoice_number",
  "issue_date",
  "currency",
  "lines",
  "base_total",
  "vat_total",
  "irpf_rate",
  "irpf_amount",
  "recargo_equivalencia",
  "total",
] as const;
export type BenchField = (typeof BENCH_FIELDS)[number];
/** The fields a document must have all right to count as right. */
export const KEY_FIELDS: BenchField[] = ["issue_date", "invoice_number", "vendor_tax_id", "base_total", "vat_total", "total"];

const normId = (s: string) => s.toUpperCase().replace(/[\s\-.\/_]/g, "").replace(/^ES(?=[0-9A-Z]\d{7}[0-9A-Z]$)/, "");
const normNum = (s: string) => s.toUpperCase().replace(/[\s\-.]/g, "");
const LEGAL = new Set(["sl", "sa", "slu", "slp", "sau", "cb", "ltd", "bv", "gmbh", "sas", "sarl", "inc", "llc", "e", "y", "de", "del", "la", "el", "los", "las"]);

function nameTokens(s: string): string[] {
  const t = s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\b(s)\.\s?(l|a)\.(\s?(u|p)\.)?/g, "$1$2$4")
    .replace(/[^a-z0-9ñ]+/g, " ")
    .split(" ")
    .filter(Boolean);
  const core = t.filter((w) => !LEGAL.has(w));
  return core.length ? core : t;
}

/** 2·LCS / (|a| + |b|) on characters. */
function ratio(a: string, b: string): number {
  if (!a.length && !b.length) return 1;
  let prev = new Array(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    prev = cur;
  }
  return (2 * prev[b.length]) / (a.length + b.length);
}

/** Token-set similarity of a predicted name with the true one (accents, punctuation and legal forms dropped). */
export function nameSimilarity(pred: string, truth: string): number {
  const A = new Set(nameTokens(pred));
  const B = new Set(nameTokens(truth));
  const shared = [...A].filter((x) => B.has(x)).sort();
  const onlyA = [...A].filter((x) => !B.has(x)).sort();
  const onlyB = [...B].filter((x) => !A.has(x)).sort();
  const t0 = shared.join(" ");
  const t1 = [t0, ...onlyA].filter(Boolean).join(" ");
  const t2 = [t0, ...onlyB].filter(Boolean).join(" ");
  let best = ratio(t1, t2);
  if (t0 && t0.replace(/ /g, "").length >= 0.6 * [...B].join("").length) best = Math.max(best, ratio(t0, t1), ratio(t0, t2));
  return best;
}

const cents = (n: number) => Math.round(n * 100);

function amountRight(truth: number | null | undefined, pred: number | null): boolean {
  if (truth === null || truth === undefined) return pred === null;
  if (truth === 0 && pred === null) return true;
  return pred !== null && Math.abs(pred - truth) < 0.005;
}

/** Whether each field of an extraction record is right against the truth. */
export function scoreRecord(truth: BenchTruth, p: ExtractRecord): Record<BenchField, boolean> {
  const text = (t: string | null | undefined, v: string | null, eq: (a: string, b: string) => boolean) =>
    t === null || t === undefined ? v === null || v === "" : v !== null && eq(v, t);
  const lineKey = (l: { rate: number; base: number; vat: number }) => `${cents(l.rate)}|${cents(l.base)}|${cents(l.vat)}`;
  const tl = truth.lines.map(lineKey).sort();
  const pl = p.vatLines.map(lineKey).sort();
  const irpfT = truth.irpf_rate ?? null;
  return {
    doc_type: text(truth.doc_type, p.docType, (a, b) => a.toLowerCase() === b.toLowerCase()),
    language: text(truth.language, p.language, (a, b) => a.toLowerCase() === b.toLowerCase()),
    vendor_name: text(truth.vendor_name, p.vendorName, (a, b) => nameSimilarity(a, b) >= 0.8),
    vendor_tax_id: text(truth.vendor_tax_id, p.vendorTaxId, (a, b) => normId(a) === normId(b)),
    customer_tax_id: text(truth.customer_tax_id, p.customerTaxId, (a, b) => normId(a) === normId(b)),
    invoice_number: text(truth.invoice_number, p.invoiceNumber, (a, b) => normNum(a) === normNum(b)),
    issue_date: text(truth.issue_date, p.issueDate, (a, b) => a.trim() === b),
    currency: text(truth.currency, p.currency, (a, b) => a.toLowerCase() === b.toLowerCase()),
    lines: tl.length === pl.length && tl.every((k, i) => k === pl[i]),
    base_total: amountRight(truth.base_total, p.baseTotal),
    vat_total: amountRight(truth.vat_total, p.vatTotal),
    irpf_rate: !irpfT ? !p.irpfRate : p.irpfRate !== null && Math.abs(p.irpfRate - irpfT) < 1e-6,
    irpf_amount: amountRight(truth.irpf_amount, p.irpfAmount),
    recargo_equivalencia: amountRight(truth.recargo_equivalencia, p.recargo),
    total: amountRight(truth.total, p.total),
  };
}

export const allKeyRight = (score: Record<BenchField, boolean>) => KEY_FIELDS.every((f) => score[f]);

/** The truth as a reviewer's correction (what the review desk would save), for vendor memory. */
export function truthToReviewed(truth: BenchTruth, documentId: string): ReviewedRecord | null {
  if (!truth.vendor_tax_id) return null;
  return {
    documentId,
    vendorTaxId: truth.vendor_tax_id,
    vendorName: truth.vendor_name ?? null,
    invoiceNumber: truth.invoice_number ?? null,
    issueDate: truth.issue_date ?? null,
    vatRatesBp: truth.lines.flatMap((l) => percentToBp(l.rate) ?? []),
    irpfRateBp: truth.irpf_rate ? percentToBp(truth.irpf_rate) : null,
  };
}
