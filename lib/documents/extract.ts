/**
 * The one extraction path the pipeline and the batch CLI share: text (PDF layer or OCR), then fields.
 * Bytes are expected to have passed `validateUpload` (the MIME type is the sniffed one).
 */
import { parseDocument, parseInvoice, type ParsedInvoice } from "@/lib/documents/parse";
import type { AcceptedType } from "@/lib/documents/sniff";
import { extractText, type TextResult } from "@/lib/documents/text";
import { recallVendor, type VendorMemoryContext } from "@/lib/documents/vendor-memory";

export type ExtractedDocument = { text: TextResult; fields: ParsedInvoice };

export async function extractDocument(
  bytes: Uint8Array,
  mime: AcceptedType["mime"],
  /** `vendorMemory`: a book's vendor memory, applied after parsing (the pipeline does the same). */
  opts: { ownTaxId?: string | null; vendorMemory?: VendorMemoryContext } = {},
): Promise<ExtractedDocument> {
  const text = await extractText(bytes, mime);
  const ownTaxId = opts.ownTaxId ?? null;
  const parsed = text.layout?.lines.length ? parseDocument(text.layout, { ownTaxId }) : parseInvoice(text.text, { ownTaxId });
  const fields = opts.vendorMemory ? await recallVendor(opts.vendorMemory, parsed, { text: text.text, layout: text.layout ?? null }) : parsed;
  return { text, fields };
}
