/**
 * The one extraction path the pipeline and the batch CLI share: text (PDF layer or OCR), then fields.
 * Bytes are expected to have passed `validateUpload` (the MIME type is the sniffed one).
 */
import { parseInvoice, type ParsedInvoice } from "@/lib/documents/parse";
import type { AcceptedType } from "@/lib/documents/sniff";
import { extractText, type TextResult } from "@/lib/documents/text";

export type ExtractedDocument = { text: TextResult; fields: ParsedInvoice };

export async function extractDocument(
  bytes: Uint8Array,
  mime: AcceptedType["mime"],
  opts: { ownTaxId?: string | null } = {},
): Promise<ExtractedDocument> {
  const text = await extractText(bytes, mime);
  const fields = parseInvoice(text.text, { ownTaxId: opts.ownTaxId ?? null });
  return { text, fields };
}
