import type { ParsedInvoice } from "@/lib/documents/parse";
import { bpToPercent } from "@/lib/tax/vat";
import { assessTrust, type DoubtReason, type KeyField } from "@/lib/documents/parse/trust";

/**
 * The extraction of one file as the batch CLI prints it (one JSON object per line): amounts in euros as numbers
 * (negative for credit notes), dates yyyy-mm-dd, `null` where a field was not found. `status` is what the pipeline
 * would set (`extracted`: every key field consistent and confidently read; `needs_review`: see `doubts`), and
 * `confidence` gives 0..1 per field under the record's own key names, plus `overall`.
 */
export type ExtractRecord = {
  file: string;
  docType: ParsedInvoice["docType"] | null;
  language: ParsedInvoice["language"] | null;
  vendorName: string | null;
  vendorTaxId: string | null;
  customerTaxId: string | null;
  invoiceNumber: string | null;
  issueDate: string | null;
  currency: string | null;
  vatLines: { rate: number; base: number; vat: number }[];
  baseTotal: number | null;
  vatTotal: number | null;
  irpfRate: number | null;
  irpfAmount: number | null;
  recargo: number | null;
  total: number | null;
  status: "extracted" | "needs_review" | null;
  confidence: Record<string, number>;
  doubts: { field: KeyField; reason: DoubtReason }[];
  textSource?: "pdf_text" | "ocr" | "einvoice";
  error?: { code: string; message: string };
};

/** Cents to euros without float drift in the printed value (12345 → 123.45). */
export function centsToEuros(cents: number | null): number | null {
  return cents === null ? null : Number((cents / 100).toFixed(2));
}

/** Parser keys → record keys for the per-field confidence object. */
const CONFIDENCE_KEYS: Record<string, string> = {
  docType: "docType",
  vendorName: "vendorName",
  vendorTaxId: "vendorTaxId",
  customerTaxId: "customerTaxId",
  invoiceNumber: "invoiceNumber",
  issueDate: "issueDate",
  currency: "currency",
  vatLines: "vatLines",
  baseCents: "baseTotal",
  vatCents: "vatTotal",
  irpfRateBp: "irpfRate",
  irpfCents: "irpfAmount",
  recargoCents: "recargo",
  totalCents: "total",
};

function trustOf(p: ParsedInvoice): Pick<ExtractRecord, "status" | "confidence" | "doubts"> {
  const trust = assessTrust(p);
  const confidence: Record<string, number> = { overall: Number(p.confidence.toFixed(3)) };
  for (const [from, to] of Object.entries(CONFIDENCE_KEYS)) {
    if (p.fieldConfidence[from] !== undefined) confidence[to] = Number(p.fieldConfidence[from].toFixed(3));
  }
  return { status: trust.status, confidence, doubts: trust.doubts.map(({ field, reason }) => ({ field, reason })) };
}

export function toExtractRecord(file: string, p: ParsedInvoice, textSource?: "pdf_text" | "ocr" | "einvoice"): ExtractRecord {
  return {
    file,
    docType: p.docType,
    language: p.language,
    vendorName: p.vendorName,
    vendorTaxId: p.vendorTaxId,
    customerTaxId: p.customerTaxId,
    invoiceNumber: p.invoiceNumber,
    issueDate: p.issueDate,
    currency: p.currency,
    vatLines: p.vatLines.map((l) => ({ rate: bpToPercent(l.rateBp), base: centsToEuros(l.baseCents)!, vat: centsToEuros(l.vatCents)! })),
    baseTotal: centsToEuros(p.baseCents),
    vatTotal: centsToEuros(p.vatCents),
    irpfRate: p.irpfRateBp === null ? null : bpToPercent(p.irpfRateBp),
    irpfAmount: centsToEuros(p.irpfCents),
    recargo: centsToEuros(p.recargoCents),
    total: centsToEuros(p.totalCents),
    ...trustOf(p),
    ...(textSource ? { textSource } : {}),
  };
}

export function errorRecord(file: string, code: string, message: string): ExtractRecord {
  return {
    file,
    docType: null,
    language: null,
    vendorName: null,
    vendorTaxId: null,
    customerTaxId: null,
    invoiceNumber: null,
    issueDate: null,
    currency: null,
    vatLines: [],
    baseTotal: null,
    vatTotal: null,
    irpfRate: null,
    irpfAmount: null,
    recargo: null,
    total: null,
    status: null,
    confidence: { overall: 0 },
    doubts: [],
    error: { code, message },
  };
}
