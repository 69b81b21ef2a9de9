/**
 * Extraction as functions of the bytes: text (PDF layer or OCR), then fields. The pipeline's `text` and `parse`
 * steps (lib/documents/pipeline.ts) and the batch CLI (scripts/extract.ts) call these same two functions.
 * Bytes are expected to have passed `validateUpload` (the MIME type is the sniffed one).
 */
import { parseInvoice, type ParsedInvoice } from "@/lib/documents/parse";
import type { AcceptedType } from "@/lib/documents/sniff";
import { extractText, type TextResult } from "@/lib/documents/text";

export type ExtractedDocument = { text: TextResult; fields: ParsedInvoice };

/** The parse step: fields from the text step's result; its layout, when there is one, gives each field its box. */
export function fieldsFromText(
  text: TextResult,
  opts: { ownTaxId?: string | null } = {},
  parse: typeof parseInvoice = parseInvoice,
): ParsedInvoice {
  return parse(text.text, { ownTaxId: opts.ownTaxId ?? null, layout: text.layout ?? null });
}

export async function extractDocument(
  bytes: Uint8Array,
  mime: AcceptedType["mime"],
  opts: { ownTaxId?: string | null } = {},
): Promise<ExtractedDocument> {
  const text = await extractText(bytes, mime);
  return { text, fields: fieldsFromText(text, opts) };
}
