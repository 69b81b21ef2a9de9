/**
 * Layout of a document: its text as lines, each line with the boxes (and OCR confidences) of its words.
 *
 * The text the parser reads is exactly `layoutText(layout)` (the lines joined by "\n"), so a parser position
 * (line, character range) maps back to word boxes. Boxes are page fractions (0..1), origin top-left, rounded to
 * 4 decimals; the layout travels as JSON between pipeline steps, so it stays small: short keys, rounded
 * coordinates, at most MAX_LAYOUT_WORDS words (text beyond that keeps no boxes).
 */
import type { OcrResult } from "@/lib/documents/ocr";
import type { PdfPage } from "@/lib/documents/pdf";
import { itemsToLines } from "@/lib/documents/pdf";

/** A word: characters [s, e) of its line's text; box in page fractions; `c` = OCR confidence 0..1 (absent: exact). */
export type LayoutWord = { s: number; e: number; x: number; y: number; w: number; h: number; c?: number };
/** A line of text on page `p` (1-based). Blank lines separate pages and OCR paragraphs. */
export type LayoutLine = { p: number; t: string; w: LayoutWord[] };
export type DocumentLayout = { lines: LayoutLine[] };

/** Field box as the review page draws it: page fractions, origin top-left. */
export type FieldBox = { page: number; x: number; y: number; w: number; h: number };

export const MAX_LAYOUT_WORDS = 3000;

const r4 = (n: number) => Math.round(Math.min(1, Math.max(0, n)) * 10000) / 10000;
const r2 = (n: number) => Math.round(n * 100) / 100;

/** The text the parser reads. */
export function layoutText(layout: DocumentLayout): string {
  return layout.lines.map((l) => l.t).join("\n");
}

function capWords(lines: LayoutLine[]): LayoutLine[] {
  let left = MAX_LAYOUT_WORDS;
  return lines.map((l) => {
    if (l.w.length <= left) {
      left -= l.w.length;
      return l;
    }
    const w = l.w.slice(0, Math.max(0, left));
    left = 0;
    return { ...l, w };
  });
}

/** Layout of a PDF text layer (the same text `extractPdfText` gives, pages separated by a blank line). */
export function layoutFromPdfPages(pages: PdfPage[]): DocumentLayout {
  const lines: LayoutLine[] = [];
  pages.forEach((page, i) => {
    if (i > 0) lines.push({ p: pages[i - 1].page, t: "", w: [] });
    const W = page.width || 1;
    const H = page.height || 1;
    for (const line of itemsToLines(page.items)) {
      lines.push({
        p: page.page,
        t: line.text,
        w: line.parts.map(({ start, end, item }) => ({
          s: start,
          e: end,
          x: r4(item.x / W),
          y: r4(item.y / H),
          w: r4(item.width / W),
          h: r4(item.height / H),
        })),
      });
    }
  });
  return { lines: capWords(lines) };
}

/**
 * Layout of OCR results (one per page): tesseract's text, split into lines, with each recognised word found in it
 * in reading order (the text is built from those words, so they come in the same order).
 */
export function layoutFromOcr(results: Pick<OcrResult, "text" | "words" | "width" | "height">[]): DocumentLayout {
  const lines: LayoutLine[] = [];
  results.forEach((r, pi) => {
    if (pi > 0) lines.push({ p: pi, t: "", w: [] });
    const W = r.width || 1;
    const H = r.height || 1;
    const texts = r.text.split("\n");
    const pageLines: LayoutLine[] = texts.map((t) => ({ p: pi + 1, t, w: [] }));
    let li = 0;
    let pos = 0;
    for (const word of r.words) {
      const needle = word.text.trim();
      if (!needle) continue;
      // Look for the word from the cursor on, within the next few lines.
      for (let k = li; k < Math.min(texts.length, li + 4); k++) {
        const at = texts[k].indexOf(needle, k === li ? pos : 0);
        if (at < 0) continue;
        li = k;
        pos = at + needle.length;
        pageLines[k].w.push({
          s: at,
          e: at + needle.length,
          x: r4(word.bbox.x0 / W),
          y: r4(word.bbox.y0 / H),
          w: r4((word.bbox.x1 - word.bbox.x0) / W),
          h: r4((word.bbox.y1 - word.bbox.y0) / H),
          c: r2(word.confidence),
        });
        break;
      }
    }
    lines.push(...pageLines);
  });
  return { lines: capWords(lines) };
}

/** Words of a line that overlap characters [start, end). */
export function wordsIn(line: LayoutLine | undefined, start: number, end: number): LayoutWord[] {
  if (!line) return [];
  return line.w.filter((w) => w.s < end && start < w.e);
}

/** Union box of some spans (line index, characters), on the page of the first span; null when no words match. */
export function spanBox(layout: DocumentLayout, spans: { line: number; start: number; end: number }[]): FieldBox | null {
  let page: number | null = null;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const s of spans) {
    const line = layout.lines[s.line];
    if (!line) continue;
    if (page !== null && line.p !== page) continue;
    for (const w of wordsIn(line, s.start, s.end)) {
      page ??= line.p;
      // A PDF item may hold a whole line ("TOTAL A PAGAR 465,61 €"): keep the part of it the span covers,
      // in proportion to its characters.
      const chars = Math.max(1, w.e - w.s);
      const from = Math.max(0, s.start - w.s) / chars;
      const to = Math.min(chars, s.end - w.s) / chars;
      x0 = Math.min(x0, w.x + w.w * from);
      y0 = Math.min(y0, w.y);
      x1 = Math.max(x1, w.x + w.w * to);
      y1 = Math.max(y1, w.y + w.h);
    }
  }
  if (page === null) return null;
  return { page, x: r4(x0), y: r4(y0), w: r4(x1 - x0), h: r4(y1 - y0) };
}

/** Lowest OCR confidence of the words under some spans; null when they carry none (a PDF text layer). */
export function spanConfidence(layout: DocumentLayout, spans: { line: number; start: number; end: number }[]): number | null {
  let min: number | null = null;
  for (const s of spans) {
    for (const w of wordsIn(layout.lines[s.line], s.start, s.end)) {
      if (w.c === undefined) continue;
      min = min === null ? w.c : Math.min(min, w.c);
    }
  }
  return min;
}

/** Horizontal extent (page fraction) of characters [start, end) of a line, when the layout has words there. */
export function xExtent(layout: DocumentLayout | null, line: number, start: number, end: number): { x0: number; x1: number } | null {
  if (!layout) return null;
  const words = wordsIn(layout.lines[line], start, end);
  if (!words.length) return null;
  return { x0: Math.min(...words.map((w) => w.x)), x1: Math.max(...words.map((w) => w.x + w.w)) };
}
