/**
 * The one extraction path the pipeline and the batch CLI share: text (PDF layer or OCR), then fields.
 * Bytes are expected to have passed `validateUpload` (the MIME type is the sniffed one).
 */
import { parseDocument, parseInvoice, type ParsedInvoice } from "@/lib/documents/parse";
import type { AcceptedType } from "@/lib/documents/sniff";
import { extractText, type TextResult } from "@/lib/documents/text";

export type ExtractedDocument = { text: TextResult; fields: ParsedInvoice };

export async function extractDocument(
  bytes: Uint8Array,
  mime: AcceptedType["mime"],
  opts: { ownTaxId?: string | null } = {},
): Promise<ExtractedDocument> {
  const text = await extractText(bytes, mime);
  const ownTaxId = opts.ownTaxId ?? null;
  const fields = text.layout?.lines.length ? parseDocument(text.layout, { ownTaxId }) : parseInvoice(text.text, { ownTaxId });
  return { text, fields };
}
