import type { ParsedInvoice } from "@/lib/documents/parse";
import { bpToPercent } from "@/lib/tax/vat";

/**
 * The extraction of one file as the batch CLI prints it (one JSON object per line): amounts in euros as numbers
 * (negative for credit notes), dates yyyy-mm-dd, `null` where a field was not found.
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
  confidence: number;
  textSource?: "pdf_text" | "ocr" | "einvoice";
  error?: { code: string; message: string };
};

/** Cents to euros without float drift in the printed value (12345 → 123.45). */
export function centsToEuros(cents: number | null): number | null {
  return cents === null ? null : Number((cents / 100).toFixed(2));
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
    confidence: Number(p.confidence.toFixed(3)),
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
    confidence: 0,
    error: { code, message },
  };
}
