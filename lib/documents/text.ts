/**
 * Text of a document: an e-invoice's data when it is one (XML, or a PDF carrying the XML), a PDF's own text
 * layer when it is usable, OCR otherwise (scanned PDFs and images).
 */
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { ocrEngine, ocrImage } from "@/lib/documents/ocr";
import { PDFJS_VERSION, extractPdfText, isUsableTextLayer, renderPdfPages } from "@/lib/documents/pdf";
import { layoutFromOcr, layoutFromPdfPages, type DocumentLayout } from "@/lib/documents/layout";
import type { AcceptedType } from "@/lib/documents/sniff";
import { describeEInvoice, readEInvoiceFromPdf, readEInvoiceXml, formatLabel, type EInvoiceRead } from "@/lib/documents/einvoice";

export type TextResult = {
  source: "pdf_text" | "ocr" | "einvoice";
  /** For an e-invoice, a plain-text account of its data (`describeEInvoice`). */
  text: string;
  /** OCR confidence 0..1; null for a PDF text layer or an e-invoice (exact). */
  confidence: number | null;
  pages: number;
  engine: string;
  /**
   * The same text as lines with word boxes (page fractions) and OCR confidences: `layoutText(layout) === text`.
   * Small JSON (rounded coordinates, capped word count): it travels between pipeline steps.
   */
  layout?: DocumentLayout;
  /** What the e-invoice says (source `einvoice`): the fields come from here, not from the text. Small JSON. */
  einvoice?: EInvoiceRead;
};

/** Pages OCR'd from a scanned PDF; an invoice longer than this is reviewed by a person anyway. */
export const MAX_OCR_PAGES = 10;
/** Resolution scanned PDF pages are rendered at for OCR. */
export const OCR_DPI = 300;

export async function extractText(bytes: Uint8Array, mime: AcceptedType["mime"]): Promise<TextResult> {
  const started = Date.now();
  const result =
    mime === "application/xml"
      ? fromEInvoice(readEInvoiceXml(bytes), 0)
      : mime === "application/pdf"
        ? await fromPdf(bytes)
        : await fromImage(bytes);
  if (!/[\p{L}\p{N}]{2,}/u.test(result.text)) throw new AppError("extraction:no_text", result.source);
  log.info("text extracted", {
    source: result.source,
    pages: result.pages,
    chars: result.text.length,
    confidence: result.confidence,
    ms: Date.now() - started,
  });
  return result;
}

function fromEInvoice(e: EInvoiceRead, pages: number): TextResult {
  return { source: "einvoice", text: describeEInvoice(e), confidence: null, pages, engine: `einvoice:${formatLabel(e)}`, einvoice: e };
}

async function fromPdf(bytes: Uint8Array): Promise<TextResult> {
  // A PDF/A-3 with its invoice attached as XML (Factur-X, ZUGFeRD, UBL): read the data, no OCR, no guessing.
  const attached = await readEInvoiceFromPdf(bytes);
  if (attached) return fromEInvoice(attached, 1);
  const layer = await extractPdfText(bytes);
  if (isUsableTextLayer(layer.text)) {
    return {
      source: "pdf_text",
      text: layer.text,
      confidence: null,
      pages: layer.pages.length,
      engine: `pdfjs-dist@${PDFJS_VERSION}`,
      layout: layoutFromPdfPages(layer.pages),
    };
  }
  if (layer.pages.length > MAX_OCR_PAGES) {
    log.warn("scanned pdf truncated for ocr", { pages: layer.pages.length, ocrPages: MAX_OCR_PAGES });
  }
  const images = await renderPdfPages(bytes, { dpi: OCR_DPI, maxPages: MAX_OCR_PAGES });
  // Jobs go to the pool together; the scheduler runs as many at once as it has workers.
  const results = await Promise.all(images.map((png) => ocrImage(png)));
  return {
    source: "ocr",
    text: results.map((r) => r.text).join("\n\n"),
    confidence: weightedConfidence(results),
    pages: layer.pages.length,
    engine: ocrEngine(),
    layout: layoutFromOcr(results),
  };
}

async function fromImage(bytes: Uint8Array): Promise<TextResult> {
  const r = await ocrImage(bytes);
  return { source: "ocr", text: r.text, confidence: r.confidence, pages: 1, engine: ocrEngine(), layout: layoutFromOcr([r]) };
}

function weightedConfidence(results: { text: string; confidence: number }[]): number {
  const total = results.reduce((s, r) => s + r.text.length, 0);
  if (!total) return 0;
  return results.reduce((s, r) => s + r.confidence * r.text.length, 0) / total;
}

/** OCR of the first pages of a PDF, as a layout (the hybrid reading of text PDFs that lack something). */
export async function ocrPdfPages(bytes: Uint8Array, maxPages: number): Promise<{ layout: DocumentLayout; confidence: number }> {
  const images = await renderPdfPages(bytes, { dpi: OCR_DPI, maxPages });
  const results = await Promise.all(images.map((png) => ocrImage(png)));
  return { layout: layoutFromOcr(results), confidence: weightedConfidence(results) };
}
