/**
 * The one extraction path the pipeline and the batch CLI share: text (e-invoice data, PDF layer or OCR), then
 * fields. Bytes are expected to have passed `validateUpload` (the MIME type is the sniffed one).
 */
import { fieldsFromText } from "@/lib/documents/fields";
import type { ParsedInvoice } from "@/lib/documents/parse";
import type { AcceptedType } from "@/lib/documents/sniff";
import { extractText, type TextResult } from "@/lib/documents/text";

export type ExtractedDocument = { text: TextResult; fields: ParsedInvoice };

export async function extractDocument(
  bytes: Uint8Array,
  mime: AcceptedType["mime"],
  opts: { ownTaxId?: string | null } = {},
): Promise<ExtractedDocument> {
  const text = await extractText(bytes, mime);
  return { text, fields: fieldsFromText(text, { ownTaxId: opts.ownTaxId ?? null }) };
}
