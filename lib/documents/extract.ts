/**
 * The one extraction path the pipeline and the batch CLI share: text (e-invoice data, PDF layer or OCR), then
 * fields. Bytes are expected to have passed `validateUpload` (the MIME type is the sniffed one).
 */
import { fieldsFromText } from "@/lib/documents/fields";
import type { ParsedInvoice } from "@/lib/documents/parse";
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
  const parsed = fieldsFromText(text, { ownTaxId: opts.ownTaxId ?? null });
  // An e-invoice's data is exact: vendor memory only helps fields read from text.
  const fields =
    opts.vendorMemory && !text.einvoice ? await recallVendor(opts.vendorMemory, parsed, { text: text.text, layout: text.layout ?? null }) : parsed;
  return { text, fields };
}
