/**
 * Hybrid reading of text PDFs: when a PDF's text layer lacks what an invoice needs (no vendor tax id besides the
 * customer's — it is often in a logo image —, letter-spaced or garbled glyphs, no total), the page image is OCR'd
 * too and the OCR lines the text layer does not already cover are merged into it, in reading order. Pure: the
 * caller renders and OCRs the pages.
 */
import type { DocumentLayout, LayoutLine, LayoutWord } from "@/lib/documents/layout";

export type LayerGap = "no_vendor_tax_id" | "no_total" | "spaced_letters";

/** What the text layer of a PDF lacks, judged from its parsed fields and its text; empty when it is enough. */
export function textLayerGaps(fields: { vendorTaxId: string | null; totalCents: number | null }, text: string): LayerGap[] {
  const gaps: LayerGap[] = [];
  if (fields.vendorTaxId === null) gaps.push("no_vendor_tax_id");
  if (fields.totalCents === null) gaps.push("no_total");
  // "F A C T U R A", "T o t a l": runs of single letters separated by spaces.
  const spaced = text.match(/(?:^|\s)(?:\p{L}[ \u00a0]){4,}\p{L}(?=\s|$)/gmu) ?? [];
  if (spaced.length >= 2) gaps.push("spaced_letters");
  return gaps;
}

function overlaps(a: LayoutWord, b: LayoutWord): boolean {
  const x = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const y = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return x > 0 && y > 0 && x * y >= 0.3 * Math.min(a.w * a.h, b.w * b.h);
}

/**
 * The text layer with the OCR lines it lacks: an OCR line whose words mostly fall where the layer has no text
 * (a logo, a scanned stamp) is inserted on its page before the first layer line below it. With letter-spaced
 * glyphs (`replace`), the OCR reading of the page replaces the layer's.
 */
export function mergeOcrLayout(layer: DocumentLayout, ocr: DocumentLayout, opts: { replace?: boolean } = {}): DocumentLayout {
  if (opts.replace) return ocr;
  const layerWords = new Map<number, LayoutWord[]>();
  for (const l of layer.lines) layerWords.set(l.p, [...(layerWords.get(l.p) ?? []), ...l.w]);
  const extra = ocr.lines.filter((l) => {
    if (!l.t.trim() || !l.w.length) return false;
    const covered = l.w.filter((w) => (layerWords.get(l.p) ?? []).some((lw) => overlaps(w, lw))).length;
    return covered / l.w.length < 0.5;
  });
  if (!extra.length) return layer;
  const lines: LayoutLine[] = [...layer.lines];
  for (const add of extra) {
    const y = Math.min(...add.w.map((w) => w.y));
    let at = lines.findIndex((l) => l.p > add.p || (l.p === add.p && l.w.length > 0 && Math.min(...l.w.map((w) => w.y)) > y));
    if (at < 0) at = lines.length;
    lines.splice(at, 0, add);
  }
  return { lines };
}
