/**
 * The one extraction path the pipeline and the batch CLI share: text (e-invoice data, PDF layer or OCR), then
 * fields. Bytes are expected to have passed `validateUpload` (the MIME type is the sniffed one).
 */
import { fieldsFromText } from "@/lib/documents/fields";
import { parseDocument, type ParsedInvoice } from "@/lib/documents/parse";
import type { AcceptedType } from "@/lib/documents/sniff";
import { extractText, ocrPdfPages, type TextResult } from "@/lib/documents/text";
import { layoutText, type DocumentLayout } from "@/lib/documents/layout";
import { mergeOcrLayout, textLayerGaps } from "@/lib/documents/parse/hybrid";
import { ocrEngine } from "@/lib/documents/ocr";
import { log } from "@/lib/log";
import { recallVendor, type VendorMemoryContext } from "@/lib/documents/vendor-memory";

export type ExtractedDocument = { text: TextResult; fields: ParsedInvoice };
export type ReadText = (bytes: Uint8Array, mime: AcceptedType["mime"], opts: { ownTaxId: string | null }) => Promise<TextResult>;

export async function extractDocument(
  bytes: Uint8Array,
  mime: AcceptedType["mime"],
  /** `vendorMemory`: a book's vendor memory, applied after parsing (the pipeline does the same). */
  /** `readText`: how the text is read (default `readDocumentText`); the CLI's development cache passes its own. */
  opts: { ownTaxId?: string | null; vendorMemory?: VendorMemoryContext; readText?: ReadText } = {},
): Promise<ExtractedDocument> {
  const ownTaxId = opts.ownTaxId ?? null;
  const text = await (opts.readText ?? readDocumentText)(bytes, mime, { ownTaxId });
  const parsed = fieldsFromText(text, { ownTaxId });
  // An e-invoice's data is exact: vendor memory only helps fields read from text.
  const fields =
    opts.vendorMemory && !text.einvoice ? await recallVendor(opts.vendorMemory, parsed, { text: text.text, layout: text.layout ?? null }) : parsed;
  return { text, fields };
}

/** Pages of a text PDF OCR'd when its layer lacks something (the invoice data sits on the first pages). */
export const HYBRID_OCR_PAGES = 2;

/**
 * The document's text (the pipeline's `text` step and the CLI): the PDF text layer, or OCR; and for a text PDF
 * whose layer lacks what the invoice needs (`textLayerGaps`: no vendor tax id besides the customer's, no total,
 * letter-spaced glyphs), also the OCR of its first pages, merged in (`mergeOcrLayout`). `ocrPages` is the OCR
 * adapter (tests and benchmarks pass their own).
 */
export async function readDocumentText(
  bytes: Uint8Array,
  mime: AcceptedType["mime"],
  opts: {
    ownTaxId?: string | null;
    ocrPages?: () => Promise<{ layout: DocumentLayout; confidence: number } | null>;
    /** The text before the hybrid step (default `extractText`). */
    baseText?: () => Promise<TextResult>;
  } = {},
): Promise<TextResult> {
  const text = await (opts.baseText ?? (() => extractText(bytes, mime)))();
  return completeTextLayer(text, opts.ocrPages ?? (() => ocrPdfPages(bytes, HYBRID_OCR_PAGES)), opts.ownTaxId ?? null);
}

/** The hybrid step on a text result already read. */
export async function completeTextLayer(
  text: TextResult,
  ocrPages: () => Promise<{ layout: DocumentLayout; confidence: number } | null>,
  ownTaxId: string | null,
): Promise<TextResult> {
  if (text.source !== "pdf_text" || !text.layout?.lines.length) return text;
  const gaps = textLayerGaps(parseDocument(text.layout, { ownTaxId }), text.text);
  if (!gaps.length) return text;
  const started = Date.now();
  const ocr = await ocrPages();
  if (!ocr) return text;
  const layout = mergeOcrLayout(text.layout, ocr.layout, { replace: gaps.includes("spaced_letters") });
  log.info("hybrid ocr", { gaps, addedLines: layout.lines.length - text.layout.lines.length, ms: Date.now() - started });
  if (layout === text.layout) return text;
  return { ...text, text: layoutText(layout), layout, engine: `${text.engine}+${ocrEngine()}`, confidence: gaps.includes("spaced_letters") ? ocr.confidence : null };
}
