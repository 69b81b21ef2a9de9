/**
 * PDF text layer (with positions) and rasterisation. pdf.js never runs on the server's event loop: every parse
 * and render of a user's file goes to the sandbox (`sandbox.ts` → `pdf-worker.mjs`, worker threads with time,
 * memory, page and content budgets). What stays here is pure: reading order, text-layer quality.
 */
import pdfjsPackage from "pdfjs-dist/package.json";
import { runPdfJob, type PdfSandbox } from "@/lib/documents/sandbox";

/** The installed pdfjs-dist (recorded with each extraction), read from its package, never copied here. */
export const PDFJS_VERSION: string = pdfjsPackage.version;

/** One run of text on a page. Coordinates in PDF points (1/72 in), origin at the top-left of the page. */
export type PdfTextItem = {
  str: string;
  /** Left edge. */
  x: number;
  /** Top edge (baseline minus font height). */
  y: number;
  width: number;
  height: number;
};

export type PdfPage = {
  /** 1-based page number. */
  page: number;
  width: number;
  height: number;
  items: PdfTextItem[];
  /** The page's text in reading order. */
  text: string;
};

/** The smallest valid PDF: one empty page. Used to warm a sandbox worker (pdf.js loads once per worker). */
const WARM_PDF = new TextEncoder().encode(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
    "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

/** Starts a sandbox worker and loads pdf.js in it (benchmarks time this apart). */
export async function loadPdfjs(): Promise<void> {
  await runPdfJob("inspect", WARM_PDF, "processing");
}

/** Number of pages (opened in the sandbox), or `extraction:pdf_unreadable` / a budget code. */
export async function countPdfPages(bytes: Uint8Array): Promise<number> {
  return (await runPdfJob<{ pages: number }>("inspect", bytes, "processing")).pages;
}

/** A line of the text layer: its text and where each item's text sits in it. */
export type PdfTextLine = { text: string; parts: { start: number; end: number; item: PdfTextItem }[] };

/**
 * Puts positioned items in reading order: items whose vertical centres are close form a line; a line is sorted
 * by x; neighbours are joined with a space, or with a tab when the gap is wider than about one character height
 * (a column break: "Base imponible\t1.442,15 €"). Each line keeps the offsets of its items' text (for boxes).
 */
export function itemsToLines(items: PdfTextItem[]): PdfTextLine[] {
  const sorted = [...items].sort((a, b) => a.y + a.height / 2 - (b.y + b.height / 2) || a.x - b.x);
  const lines: { center: number; height: number; items: PdfTextItem[] }[] = [];
  for (const item of sorted) {
    const center = item.y + item.height / 2;
    const line = lines[lines.length - 1];
    if (line && Math.abs(center - line.center) <= Math.max(2, 0.5 * Math.min(line.height, item.height))) {
      line.items.push(item);
      // running mean keeps long lines from drifting with one odd item
      line.center = (line.center * (line.items.length - 1) + center) / line.items.length;
      line.height = Math.max(line.height, item.height);
    } else {
      lines.push({ center, height: item.height, items: [item] });
    }
  }
  const out: PdfTextLine[] = [];
  for (const line of lines) {
    const row = line.items.sort((a, b) => a.x - b.x);
    let text = "";
    const parts: PdfTextLine["parts"] = [];
    let prevEnd: number | null = null;
    let prevTrailingSpace = false;
    for (const item of row) {
      const str = item.str.replace(/[\s\u00a0]+/g, " ");
      const core = str.trim();
      if (!core) {
        prevTrailingSpace = prevTrailingSpace || str.length > 0;
        continue;
      }
      if (prevEnd !== null && text) {
        const gap = item.x - prevEnd;
        const charWidth = item.str.length ? item.width / item.str.length : item.height / 2;
        if (gap > Math.max(item.height * 1.2, charWidth * 3)) text += "\t";
        else if (prevTrailingSpace || /^\s/.test(str) || gap > Math.min(item.height, charWidth) * 0.15) text += " ";
      }
      parts.push({ start: text.length, end: text.length + core.length, item });
      text += core;
      prevTrailingSpace = /\s$/.test(str);
      prevEnd = Math.max(prevEnd ?? -Infinity, item.x + item.width);
    }
    if (text) out.push({ text, parts });
  }
  return out;
}

/** The items of a page as text in reading order (see `itemsToLines`). */
export function itemsToText(items: PdfTextItem[]): string {
  return itemsToLines(items)
    .map((l) => l.text)
    .join("\n");
}

/**
 * The text layer of every page, with positions, and the whole text in reading order (pages split by a blank line).
 * Runs in the sandbox with the processing budgets; more pages than `MAX_PDF_PAGES` → `upload:too_many_pages`.
 */
export async function extractPdfText(
  bytes: Uint8Array,
  sandbox?: PdfSandbox,
): Promise<{ pages: PdfPage[]; text: string }> {
  const raw = await runPdfJob<{ pages: Omit<PdfPage, "text">[] }>("text", bytes, "processing", {}, sandbox);
  const pages = raw.pages.map((p) => ({ ...p, text: itemsToText(p.items) }));
  return { pages, text: pages.map((p) => p.text).join("\n\n") };
}

/**
 * Whether a text layer is worth parsing rather than OCR-ing the page images: enough characters, mostly real
 * letters/digits/punctuation (broken font encodings give private-use glyphs, U+FFFD or control characters), and
 * some real words.
 */
export function isUsableTextLayer(text: string): boolean {
  const chars = [...text.replace(/\s+/g, "")];
  if (chars.length < 40) return false;
  const good = chars.filter((c) => /[\p{L}\p{N}\p{P}\p{Sc}\p{Sm}°ºª]/u.test(c) && !/[\uFFFD\uE000-\uF8FF]/.test(c));
  if (good.length / chars.length < 0.9) return false;
  const letters = chars.filter((c) => /\p{L}/u.test(c)).length;
  if (letters / chars.length < 0.3) return false;
  const words = text.match(/\p{L}{3,}/gu) ?? [];
  const vowelled = words.filter((w) => /[aeiouáéíóúü]/i.test(w));
  return vowelled.length >= 5 && vowelled.length / words.length >= 0.6;
}

/** Longest side in pixels of a rendered page: a poster-size page at 300 dpi would exhaust memory. */
const MAX_RENDER_SIDE = 6000;

/**
 * Renders pages to PNG (for OCR of scanned PDFs), in the sandbox. `dpi` defaults to 300; the scale is lowered
 * for pages so large that a side would exceed 6000 px. `maxPages` limits how many pages (from the first) are
 * rendered.
 */
export async function renderPdfPages(
  bytes: Uint8Array,
  opts: { dpi?: number; maxPages?: number; sandbox?: PdfSandbox } = {},
): Promise<Buffer[]> {
  const { images } = await runPdfJob<{ images: Uint8Array[] }>(
    "render",
    bytes,
    "processing",
    { dpi: opts.dpi ?? 300, renderPages: opts.maxPages, maxRenderSide: MAX_RENDER_SIDE },
    opts.sandbox,
  );
  return images.map((i) => Buffer.from(i.buffer, i.byteOffset, i.byteLength));
}
