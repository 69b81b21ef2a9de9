/**
 * The fields of a text step's result: an e-invoice's data read exactly (no text parsing), or the parser on the
 * text and its layout. `extractDocument` (CLI) and the pipeline's `parse` step (with its injected parser) both
 * call this, so the two read the same files the same way. Light: no OCR or PDF modules are loaded by it.
 */
import { einvoiceFields } from "@/lib/documents/einvoice/fields";
import { parseInvoice, type ParseOptions, type ParsedInvoice } from "@/lib/documents/parse";
import type { TextResult } from "@/lib/documents/text";

export function fieldsFromText(
  text: TextResult,
  opts: { ownTaxId: string | null },
  parse: (text: string, opts?: ParseOptions) => ParsedInvoice = parseInvoice,
): ParsedInvoice {
  if (text.einvoice) return einvoiceFields(text.einvoice, { ownTaxId: opts.ownTaxId });
  return parse(text.text, { ownTaxId: opts.ownTaxId, layout: text.layout ?? null });
}
