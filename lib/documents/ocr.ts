/**
 * OCR with tesseract.js: one pool (scheduler) of `OCR_WORKERS` workers per process, created on first use and kept
 * on `globalThis` so Next.js dev reloads reuse it. Language data comes from the `@tesseract.js-data/*` npm packages
 * (copied once into `<DATA_DIR>/tessdata/<variant>/`); nothing is downloaded and nothing is written to the cwd.
 */
import { existsSync } from "node:fs";
import { copyFile, mkdir, rename, stat } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { maxImagePixels } from "@/lib/documents/sniff";
import type Tesseract from "tesseract.js";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import {
  backgroundFromQuantiles,
  blockQuantiles,
  blockSizeFor,
  estimateSkew,
  findPaper,
  flattenAndMask,
  stretchContrast,
  type Gray,
} from "@/lib/documents/image";
import { detectRotation, needsOrientationCheck, terminateOsd, type Rotation } from "@/lib/documents/osd";
import { log } from "@/lib/log";
import { processSingleton } from "@/lib/singleton";
import tesseractPackage from "tesseract.js/package.json";

/** The installed tesseract.js (recorded with each extraction), read from its package, never copied here. */
export const TESSERACT_VERSION: string = tesseractPackage.version;

/**
 * `4.0.0_best_int` (LSTM-only, integer "best" models) is what tesseract.js 7 fetches by default for its LSTM
 * engine; on rendered invoices it read amounts and ids more accurately than `4.0.0` and loads in a quarter of the
 * time (2–3 MB instead of 8–11 MB per language).
 */
export const TESSDATA_VARIANT = "4.0.0_best_int";

/**
 * The revision of what this module does around tesseract (preprocessing, the second reading of doubtful words): a
 * change to either changes the text it gives. Development caches of OCR text key on it (`scripts/extract.ts`).
 */
export const OCR_REVISION = 2;

export type OcrWord = { text: string; confidence: number; bbox: { x0: number; y0: number; x1: number; y1: number } };
export type OcrResult = {
  text: string;
  /** Mean word confidence, 0..1. */
  confidence: number;
  /** Words with pixel boxes in the preprocessed image. */
  words: OcrWord[];
  /** Size of the image the boxes refer to. */
  width: number;
  height: number;
};

type Pool = {
  scheduler: Tesseract.Scheduler;
  workers: Tesseract.Worker[];
  langs: string;
  /** Directory of the `.traineddata.gz` files (the orientation data is copied there too). */
  langPath: string;
};

type PoolHolder = { promise?: Promise<Pool>; ready?: Pool };
const holder = processSingleton<PoolHolder>("ocr.pool", () => ({}));

/** Languages the pool uses, e.g. `spa+eng`. */
export function ocrLangs(): string {
  return env().OCR_LANGS;
}

/** `tesseract.js@7.0.0:spa+eng` */
export function ocrEngine(): string {
  return `tesseract.js@${TESSERACT_VERSION}:${ocrLangs()}`;
}

/**
 * The installed package's directory, found as Node does: `node_modules/<name>` in the working directory or a parent.
 * (No `require.resolve` with a computed name: a bundler cannot follow it and warns at build time.)
 */
function resolvePackageDir(name: string): string {
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name);
    if (existsSync(path.join(candidate, "package.json"))) return candidate;
    if (path.dirname(dir) === dir) break;
  }
  throw new AppError("extraction:ocr_failed", `language data package ${name} is not installed`);
}

/** Copies `<lang>.traineddata.gz` of each language into one directory (atomically) and returns it. */
export async function ensureTessdata(langs: string, variant = TESSDATA_VARIANT): Promise<string> {
  const dir = path.resolve(env().DATA_DIR, "tessdata", variant);
  await mkdir(dir, { recursive: true });
  for (const lang of langs.split("+")) {
    const target = path.join(dir, `${lang}.traineddata.gz`);
    const source = path.join(resolvePackageDir(`@tesseract.js-data/${lang}`), variant, `${lang}.traineddata.gz`);
    const [src, dst] = await Promise.all([stat(source), stat(target).catch(() => null)]);
    if (dst && dst.size === src.size) continue;
    const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
    await copyFile(source, tmp);
    await rename(tmp, target); // atomic: a concurrent process never reads half a file
  }
  return dir;
}

async function createPool(): Promise<Pool> {
  const started = Date.now();
  const langs = ocrLangs();
  const size = env().OCR_WORKERS;
  const langPath = await ensureTessdata(langs);
  await ensureTessdata("osd"); // small copy; the orientation worker itself starts only when a page needs it
  const { createScheduler, createWorker, OEM, PSM } = (await import("tesseract.js")).default;
  const workers = await Promise.all(
    Array.from({ length: size }, () =>
      createWorker(langs, OEM.LSTM_ONLY, {
        langPath,
        cachePath: langPath,
        // Read the .gz from langPath on every start (fast) and never write an unzipped cache: no races
        // between workers or processes, nothing written outside DATA_DIR.
        cacheMethod: "none",
        gzip: true,
        errorHandler: (err: unknown) => log.error("ocr worker error", { err }),
      }),
    ),
  );
  const scheduler = createScheduler();
  for (const w of workers) {
    await w.setParameters({
      // One uniform block: keeps a label and its value (often far apart on an invoice) on the same line.
      // On the development corpus this read far more fields than automatic page segmentation (PSM 3).
      tessedit_pageseg_mode: PSM.SINGLE_BLOCK,
      // Runs of spaces survive: the parser reads them as column gaps.
      preserve_interword_spaces: "1",
      user_defined_dpi: "300",
    });
    scheduler.addWorker(w);
  }
  log.info("ocr pool ready", { workers: size, langs, ms: Date.now() - started });
  return { scheduler, workers, langs, langPath };
}

function getPool(): Promise<Pool> {
  if (!holder.promise) {
    const promise = createPool();
    holder.promise = promise;
    promise.then(
      (pool) => {
        if (holder.promise === promise) holder.ready = pool;
      },
      () => undefined,
    );
    promise.catch((err) => {
      log.error("ocr pool failed to start", { err });
      holder.promise = undefined;
    });
  }
  return holder.promise;
}

/**
 * The pool's state without starting it (monitoring): `stopped` (never started, or terminated), `starting`, or
 * `ready` with its worker count and languages.
 */
export function ocrPoolState(): { state: "stopped" | "starting" | "ready"; workers: number; langs: string | null } {
  if (!holder.promise) return { state: "stopped", workers: 0, langs: null };
  if (!holder.ready) return { state: "starting", workers: 0, langs: null };
  return { state: "ready", workers: holder.ready.workers.length, langs: holder.ready.langs };
}

/** Starts the pool ahead of the first document (optional). */
export async function warmOcr(): Promise<void> {
  try {
    await getPool();
  } catch (e) {
    throw e instanceof AppError ? e : new AppError("extraction:ocr_failed", "pool start", { cause: e });
  }
}

/** Stops every worker of the pool (tests, graceful shutdown). The next `ocrImage` starts a new pool. */
export async function terminateOcr(): Promise<void> {
  await terminateOsd();
  const p = holder.promise;
  holder.promise = undefined;
  holder.ready = undefined;
  if (!p) return;
  const pool = await p.catch(() => null);
  if (!pool) return;
  // scheduler.terminate() does not await its workers; terminate them ourselves.
  await Promise.all(pool.workers.map((w) => w.terminate().catch(() => undefined)));
}

/** Short side below which images are upscaled before OCR (tesseract likes ~30 px capital height). */
const MIN_SHORT_SIDE = 1500;
/** Longest side after preprocessing; bigger images cost time without helping accuracy. */
const MAX_LONG_SIDE = 5000;

/**
 * Prepares an image for OCR: EXIF orientation applied, grayscale, upscaled when small and downscaled when huge,
 * 3×3 median; then the light is evened out (each pixel divided by the local paper brightness), a photographed
 * sheet is cut out of its background, small skews (±6°) are straightened and the contrast is stretched. PNG out.
 * Throws `extraction:image_unreadable` when sharp cannot decode it.
 */
export async function preprocessImage(bytes: Uint8Array): Promise<Buffer> {
  return (await preprocess(bytes)).png;
}

type Prepared = { png: Buffer; width: number; height: number };

/**
 * One decode (sharp: orientation, grey, resize, median → raw), the pixel work in JS on that buffer, and one PNG
 * encode (sharp, from raw: the deskew rotation when needed). Returns the PNG's size, so nobody decodes it again.
 */
async function preprocess(bytes: Uint8Array): Promise<Prepared> {
  try {
    const limit = maxImagePixels();
    const img = sharp(bytes, { failOn: "error", limitInputPixels: limit }).rotate();
    const meta = await img.metadata(); // header only
    let width = meta.autoOrient?.width ?? meta.width ?? 0;
    let height = meta.autoOrient?.height ?? meta.height ?? 0;
    if (!width || !height) throw new Error("image without dimensions");
    // Never decode a pixel bomb (a few KB of PNG can declare 100 megapixels).
    if (width * height > limit) throw new AppError("upload:image_too_large", `${width}x${height}`);
    const shortSide = Math.min(width, height);
    const longSide = Math.max(width, height);
    let scale = 1;
    if (shortSide < MIN_SHORT_SIDE) scale = Math.min(MIN_SHORT_SIDE / shortSide, 4);
    if (longSide * scale > MAX_LONG_SIDE) scale = MAX_LONG_SIDE / longSide;
    let pipeline = img.flatten({ background: "#ffffff" }).grayscale();
    if (Math.abs(scale - 1) > 0.01) {
      width = Math.round(width * scale);
      height = Math.round(height * scale);
      pipeline = pipeline.resize({ width, height, kernel: "lanczos3", fit: "fill" });
    }
    // A 3×3 median takes out sensor noise and JPEG grain, which tesseract otherwise reads as specks of "text".
    // (After upscaling: on a small render it would eat thin strokes.)
    const raw = await pipeline.median(3).toColourspace("b-w").raw().toBuffer({ resolveWithObject: true });
    if (raw.info.channels !== 1) throw new Error(`unexpected ${raw.info.channels} channels`);
    const gray: Gray = { data: new Uint8Array(raw.data.buffer, raw.data.byteOffset, raw.data.length), width: raw.info.width, height: raw.info.height };
    // The same block map serves the background estimate and the search for the sheet.
    const quantiles = blockQuantiles(gray, blockSizeFor(gray.width, gray.height), 0.9);
    const bg = backgroundFromQuantiles(quantiles);
    const paper = findPaper(quantiles, gray.width, gray.height);
    const flat = flattenAndMask(gray, bg, paper);
    const skew = estimateSkew(flat);
    stretchContrast(flat); // what sharp's normalise() did, on the buffer we already hold
    let out = sharp(Buffer.from(flat.data.buffer, flat.data.byteOffset, flat.data.length), {
      raw: { width: flat.width, height: flat.height, channels: 1 },
    });
    if (Math.abs(skew) >= 0.3) out = out.rotate(-skew, { background: "#ffffff" });
    log.debug("ocr preprocess", { width, height, paper: paper?.box ?? null, skew });
    const { data: png, info } = await out.toColourspace("b-w").png({ compressionLevel: 1 }).toBuffer({ resolveWithObject: true });
    return { png, width: info.width, height: info.height };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError("extraction:image_unreadable", undefined, { cause: e });
  }
}

/**
 * Words from tesseract's TSV (level 5 rows: `level page block par line word left top width height conf text`).
 * TSV is produced by tesseract itself in one pass; the `blocks` tree carries symbols and choices we do not use.
 */
export function wordsFromTsv(tsv: string): OcrWord[] {
  const words: OcrWord[] = [];
  for (const row of tsv.split("\n")) {
    if (!row.startsWith("5\t")) continue;
    const cols = row.split("\t");
    if (cols.length < 12) continue;
    const text = cols.slice(11).join("\t");
    if (!text.trim()) continue;
    const [left, top, w, h, conf] = cols.slice(6, 11).map(Number);
    words.push({
      text,
      confidence: Math.max(0, Math.min(1, conf / 100)),
      bbox: { x0: left, y0: top, x1: left + w, y1: top + h },
    });
  }
  return words;
}

export type OcrOptions = {
  /**
   * The bytes are already OCR-ready (`preprocessImage`'s output, or an image prepared elsewhere): recognise them
   * as they are. The benchmark uses it to time OCR alone.
   */
  preprocessed?: boolean;
  /**
   * `auto` (default): when the first reading looks poor (low confidence, few words), ask tesseract's orientation
   * detection whether the page is turned by 90/180/270° and, if so, read it again upright and keep the better
   * reading. `off`: never.
   */
  orientation?: "auto" | "off";
};

async function recognize(pool: Pool, png: Buffer, width: number, height: number): Promise<OcrResult> {
  const started = Date.now();
  const { data } = await pool.scheduler.addJob("recognize", png, {}, { text: true, tsv: true, blocks: false });
  const words = wordsFromTsv(data.tsv ?? "");
  // Mean of word confidences weighted by length: one long misread number matters more than a stray "|".
  const weight = words.reduce((s, w) => s + w.text.length, 0);
  const confidence = weight
    ? words.reduce((s, w) => s + w.confidence * w.text.length, 0) / weight
    : Math.max(0, Math.min(1, (data.confidence ?? 0) / 100));
  log.debug("ocr page", { ms: Date.now() - started, words: words.length, confidence });
  return { text: normaliseOcrText(data.text ?? ""), confidence, words, width, height };
}

/** Words worth a second reading: digits in them, a confidence below `REREAD_BELOW`; the least sure first. */
export function doubtfulWords(words: OcrWord[], max = REREAD_MAX): number[] {
  return words
    .map((w, i) => ({ w, i }))
    .filter(({ w }) => w.confidence < REREAD_BELOW && /\d/.test(w.text) && w.text.trim().length >= 3)
    .sort((a, b) => a.w.confidence - b.w.confidence)
    .slice(0, max)
    .map(({ i }) => i);
}

const REREAD_BELOW = 0.9;
const REREAD_MAX = 32;
/** Height, in pixels, a doubtful word's box is scaled to for its second reading. */
const REREAD_HEIGHT = 64;

/**
 * Second reading of the words `doubtfulWords` picks: each one cut out of the page with a margin, enlarged and read
 * alone as one line of text; the new reading replaces the first when it is one token and tesseract is surer of it.
 */
async function rereadDoubtfulWords(pool: Pool, png: Buffer, result: OcrResult): Promise<OcrResult> {
  const picks = doubtfulWords(result.words);
  if (!picks.length) return result;
  const started = Date.now();
  const raw = await sharp(png)
    .grayscale()
    .raw()
    .toBuffer({ resolveWithObject: true })
    .catch((e: unknown) => {
      log.warn("ocr second reading skipped", { err: e });
      return null;
    });
  if (!raw) return result;
  const { width, height, channels } = raw.info;
  const replacements = new Map<number, OcrWord>();
  await Promise.all(
    picks.map(async (i) => {
      const w = result.words[i];
      const h = w.bbox.y1 - w.bbox.y0;
      if (h < 4) return;
      const padY = Math.round(h * 0.3);
      const padX = Math.round(h * 0.4);
      const left = Math.max(0, w.bbox.x0 - padX);
      const top = Math.max(0, w.bbox.y0 - padY);
      const right = Math.min(width, w.bbox.x1 + padX);
      const bottom = Math.min(height, w.bbox.y1 + padY);
      if (right - left < 4 || bottom - top < 4) return;
      const factor = Math.max(1, Math.min(4, REREAD_HEIGHT / h));
      const crop = await sharp(raw.data, { raw: { width, height, channels } })
        .extract({ left, top, width: right - left, height: bottom - top })
        .resize({ width: Math.round((right - left) * factor), kernel: "lanczos3" })
        .extend({ top: 16, bottom: 16, left: 16, right: 16, background: "#ffffff" })
        .png({ compressionLevel: 1 })
        .toBuffer();
      try {
        // Tesseract parameters passed with a job hold for that job only (tesseract.js restores them after it);
        // its typings list only its own options, hence the cast.
        const singleLine = { tessedit_pageseg_mode: "7" } as unknown as Partial<Tesseract.RecognizeOptions>;
        const { data } = await pool.scheduler.addJob("recognize", crop, singleLine, { text: false, tsv: true, blocks: false });
        const got = wordsFromTsv(data.tsv ?? "");
        if (got.length !== 1) return;
        const text = got[0].text.trim();
        const ok = betterReading(w, { text, confidence: got[0].confidence });
        // The word keeps its first confidence: two readings are no proof, and the parser's trust stays as it was.
        if (ok) replacements.set(i, { ...w, text });
      } catch (e) {
        log.warn("ocr second reading failed", { err: e });
      }
    }),
  );
  log.debug("ocr second reading", { ms: Date.now() - started, words: picks.length, replaced: replacements.size });
  if (!replacements.size) return result;
  return { ...result, ...replaceWords(result.text, result.words, replacements) };
}

/** Surer than this, a second reading may replace the first. */
const REREAD_SURE = 0.85;

/**
 * Whether a second reading of a word replaces the first: a different text, tesseract sure of it (`REREAD_SURE`)
 * and clearly surer than of the first (+0.1), and close to it (at most one edit in four characters): a character or
 * two read better, never another word (a neighbour caught by the crop, a label).
 */
export function betterReading(first: Pick<OcrWord, "text" | "confidence">, second: Pick<OcrWord, "text" | "confidence">): boolean {
  const a = first.text.trim();
  const b = second.text.trim();
  if (!b || a === b || /\s/.test(b)) return false;
  if (second.confidence < REREAD_SURE || second.confidence < first.confidence + 0.1) return false;
  return editDistance(a, b) <= Math.max(1, Math.floor(a.length / 4));
}

/** Levenshtein distance. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/**
 * The text and words with some words' readings replaced: each word is found in the text from a cursor on (as
 * `layoutFromOcr` does) and a replaced one is spliced in at its place. A word not found keeps the text as it is.
 */
export function replaceWords(text: string, words: OcrWord[], replacements: Map<number, OcrWord>): { text: string; words: OcrWord[] } {
  let out = "";
  let pos = 0;
  const newWords = [...words];
  words.forEach((w, i) => {
    const needle = w.text.trim();
    if (!needle) return;
    const at = text.indexOf(needle, pos);
    if (at < 0 || text.slice(pos, at).split("\n").length > 4) return;
    const next = replacements.get(i);
    out += text.slice(pos, at) + (next ? next.text.trim() : needle);
    if (next) newWords[i] = next;
    pos = at + needle.length;
  });
  out += text.slice(pos);
  return { text: out, words: newWords };
}

/**
 * OCRs one image (any format sharp reads). Failures → `extraction:ocr_failed` (`extraction:image_unreadable` if
 * undecodable). `rotated` is set when orientation detection turned the page (degrees, clockwise); the boxes then
 * refer to the turned image, whose size is `width`×`height`.
 */
export async function ocrImage(bytes: Uint8Array, opts: OcrOptions = {}): Promise<OcrResult & { rotated?: Rotation }> {
  let prepared: Prepared;
  if (opts.preprocessed) {
    const png = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const meta = await sharp(png).metadata().catch((e: unknown) => {
      throw new AppError("extraction:image_unreadable", undefined, { cause: e });
    });
    prepared = { png, width: meta.width ?? 0, height: meta.height ?? 0 };
  } else {
    prepared = await preprocess(bytes);
  }
  let pool: Pool;
  try {
    pool = await getPool();
  } catch (e) {
    throw e instanceof AppError ? e : new AppError("extraction:ocr_failed", "pool start", { cause: e });
  }
  let result: OcrResult;
  try {
    result = await recognize(pool, prepared.png, prepared.width, prepared.height);
  } catch (e) {
    throw new AppError("extraction:ocr_failed", undefined, { cause: e });
  }
  const upright = await turnIfSideways(pool, prepared.png, result, opts);
  // The second reading of doubtful words, on the page as it is finally read.
  return { ...(await rereadDoubtfulWords(pool, upright.png, upright.result)), ...(upright.rotated ? { rotated: upright.rotated } : {}) };
}

/**
 * When the first reading looks poor, the page turned upright by orientation detection and read again; the better
 * reading (with the image it refers to) is returned.
 */
async function turnIfSideways(
  pool: Pool,
  png: Buffer,
  result: OcrResult,
  opts: OcrOptions,
): Promise<{ png: Buffer; result: OcrResult; rotated?: Rotation }> {
  if ((opts.orientation ?? "auto") === "off" || !needsOrientationCheck(result)) return { png, result };
  const rotation = await detectRotation(png, pool.langPath);
  if (!rotation) return { png, result };
  try {
    const { data: turnedPng, info } = await sharp(png).rotate(rotation).png({ compressionLevel: 1 }).toBuffer({ resolveWithObject: true });
    const turned = await recognize(pool, turnedPng, info.width, info.height);
    log.debug("ocr orientation", { rotation, before: result.confidence, after: turned.confidence });
    // Keep the turned reading only when it reads better (a sideways page yields many garbage "words", so their
    // count is no guide): a wrong detection costs time, never text.
    return turned.confidence > result.confidence && turned.words.length > 0 ? { png: turnedPng, result: turned, rotated: rotation } : { png, result };
  } catch (e) {
    log.warn("ocr of the turned page failed", { err: e, rotation });
    return { png, result };
  }
}

/** Trims trailing spaces and collapses runs of blank lines in tesseract's text. */
function normaliseOcrText(text: string): string {
  return text
    .split("\n")
    .map((l) => l.replace(/[ \t]+$/g, ""))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
