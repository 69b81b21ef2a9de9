/**
 * PDF text layer (with positions) and rasterisation, on pdfjs-dist's legacy build for Node.
 *
 * pdfjs runs its "worker" on the main thread here: we register the worker module as `globalThis.pdfjsWorker`,
 * which pdfjs uses instead of spawning a Worker or importing `./pdf.worker.mjs` by a relative URL (that import
 * breaks once a bundler moves files around). pdfjs-dist is a `serverExternalPackages` entry in next.config.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { PDFDocumentProxy, PDFPageProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import { AppError } from "@/lib/errors";

type Pdfjs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");

export const PDFJS_VERSION = "5.6.205";

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

let pdfjsPromise: Promise<Pdfjs> | undefined;

/** Loads pdfjs once per process, with its worker handler on the main thread. */
export function loadPdfjs(): Promise<Pdfjs> {
  pdfjsPromise ??= (async () => {
    const g = globalThis as { pdfjsWorker?: unknown };
    if (!g.pdfjsWorker) {
      // @ts-ignore -- the worker bundle ships without type declarations
      g.pdfjsWorker = await import("pdfjs-dist/legacy/build/pdf.worker.mjs");
    }
    return import("pdfjs-dist/legacy/build/pdf.mjs");
  })();
  pdfjsPromise.catch(() => {
    pdfjsPromise = undefined;
  });
  return pdfjsPromise;
}

let standardFontsDir: string | null | undefined;

/**
 * `node_modules/pdfjs-dist/standard_fonts/` as a path with a trailing slash (pdfjs reads it with `fs` in Node).
 * Resolved from this module first, then from the working directory (a Next.js server runs from the app root).
 */
export function standardFontDataUrl(): string | undefined {
  if (standardFontsDir === undefined) {
    standardFontsDir = null;
    const bases = [import.meta.url, pathToFileURL(path.join(process.cwd(), "package.json")).href];
    for (const base of bases) {
      try {
        const pkg = createRequire(base).resolve("pdfjs-dist/package.json");
        if (typeof pkg !== "string" || !path.isAbsolute(pkg)) continue; // rewritten by a bundler
        const dir = path.join(path.dirname(pkg), "standard_fonts");
        if (existsSync(dir)) {
          standardFontsDir = dir + path.sep;
          break;
        }
      } catch {
        // try the next base
      }
    }
  }
  return standardFontsDir ?? undefined;
}

/**
 * Opens a PDF. pdfjs detaches (transfers) the buffer it is given, so it always gets a copy.
 * Throws `extraction:pdf_unreadable` when pdfjs cannot parse the file.
 */
export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const pdfjs = await loadPdfjs();
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes), // a copy: the caller's bytes stay usable
    standardFontDataUrl: standardFontDataUrl(),
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    stopAtErrors: false,
  });
  try {
    return await task.promise;
  } catch (e) {
    await task.destroy().catch(() => {});
    throw new AppError("extraction:pdf_unreadable", e instanceof Error ? e.name : undefined, { cause: e });
  }
}

/** Runs `fn` with an open document and always releases it. */
async function withPdf<T>(bytes: Uint8Array, fn: (doc: PDFDocumentProxy) => Promise<T>): Promise<T> {
  const doc = await openPdf(bytes);
  try {
    return await fn(doc);
  } finally {
    await doc.destroy().catch(() => {});
  }
}

/** Number of pages, or `extraction:pdf_unreadable`. */
export async function countPdfPages(bytes: Uint8Array): Promise<number> {
  return withPdf(bytes, async (doc) => doc.numPages);
}

async function pageTextItems(pdfjs: Pdfjs, page: PDFPageProxy): Promise<Omit<PdfPage, "page" | "text">> {
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  const items: PdfTextItem[] = [];
  for (const raw of content.items) {
    if (!("str" in raw) || !raw.str || !raw.str.trim()) continue;
    // Text space → viewport space (top-left origin, y down), then baseline → top edge.
    const tx = pdfjs.Util.transform(viewport.transform, raw.transform);
    const fontHeight = Math.hypot(tx[2], tx[3]) || raw.height || 1;
    const x = tx[4];
    const baseline = tx[5];
    items.push({
      str: raw.str,
      x: round2(x),
      y: round2(baseline - fontHeight),
      width: round2(raw.width * viewport.scale),
      height: round2(fontHeight),
    });
  }
  return { width: viewport.width, height: viewport.height, items };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
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

/** The text layer of every page, with positions, and the whole text in reading order (pages split by a blank line). */
export async function extractPdfText(bytes: Uint8Array): Promise<{ pages: PdfPage[]; text: string }> {
  const pdfjs = await loadPdfjs();
  return withPdf(bytes, async (doc) => {
    const pages: PdfPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      try {
        const { width, height, items } = await pageTextItems(pdfjs, page);
        pages.push({ page: n, width, height, items, text: itemsToText(items) });
      } catch (e) {
        throw new AppError("extraction:pdf_unreadable", `page ${n}`, { cause: e });
      } finally {
        page.cleanup();
      }
    }
    return { pages, text: pages.map((p) => p.text).join("\n\n") };
  });
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
 * Renders pages to PNG (for OCR of scanned PDFs). `dpi` defaults to 300; the scale is lowered for pages so large
 * that a side would exceed 6000 px. `maxPages` limits how many pages (from the first) are rendered.
 */
export async function renderPdfPages(
  bytes: Uint8Array,
  opts: { dpi?: number; maxPages?: number } = {},
): Promise<Buffer[]> {
  const { dpi = 300, maxPages } = opts;
  const { createCanvas } = await import("@napi-rs/canvas");
  return withPdf(bytes, async (doc) => {
    const count = Math.min(doc.numPages, maxPages ?? doc.numPages);
    const out: Buffer[] = [];
    for (let n = 1; n <= count; n++) {
      const page = await doc.getPage(n);
      try {
        const base = page.getViewport({ scale: 1 });
        const scale = Math.min(dpi / 72, MAX_RENDER_SIDE / Math.max(base.width, base.height));
        const viewport = page.getViewport({ scale });
        const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
        const ctx = canvas.getContext("2d");
        ctx.fillStyle = "#ffffff";
        ctx.fillRect(0, 0, canvas.width, canvas.height);
        await page.render({
          canvas: canvas as unknown as HTMLCanvasElement,
          canvasContext: ctx as unknown as CanvasRenderingContext2D,
          viewport,
        }).promise;
        out.push(await canvas.encode("png"));
      } catch (e) {
        if (e instanceof AppError) throw e;
        throw new AppError("extraction:pdf_unreadable", `render page ${n}`, { cause: e });
      } finally {
        page.cleanup();
      }
    }
    return out;
  });
}
