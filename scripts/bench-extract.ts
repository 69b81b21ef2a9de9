/**
 * Extraction benchmark (prints figures; not a test): `npm run bench:extract -- [folder] [--no-native] [--ocr-only]`
 * 1. latency: each file alone through the CLI's code with the OCR pool warm → median and p95 per format;
 * 2. throughput: all files with as many in flight as OCR workers → documents per second;
 *    (`--ocr-only` skips 1 and 2)
 * 3. where the native `tesseract` binary is installed, OCR alone and like for like: the same preprocessed page
 *    images through tesseract.js (the pool, `preprocessed: true`) and native tesseract (one process per page,
 *    OMP_THREAD_LIMIT=1, as many at once as pool workers) with the same model files, engine, PSM, dpi and outputs
 *    → per-page times and ratio; then our full path (preprocess + OCR) per page, separately;
 * 4. peak RSS of this process.
 * Timings are wall-clock on a shared machine: compare runs made under the same load (see `uptime`).
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { gunzipSync } from "node:zlib";
import sharp from "sharp";
import { extractFile } from "./extract";
import { ensureTessdata, ocrImage, preprocessImage, terminateOcr, warmOcr } from "@/lib/documents/ocr";
import { extractPdfText, isUsableTextLayer, loadPdfjs, renderPdfPages } from "@/lib/documents/pdf";
import { env } from "@/lib/env";

const run = promisify(execFile);
const EXT = new Set([".pdf", ".jpg", ".jpeg", ".png", ".webp"]);

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN;
};
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (ms: number) => `${(ms / 1000).toFixed(3)} s`;

async function pool<T>(items: T[], n: number, fn: (t: T) => Promise<void>) {
  let i = 0;
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, async () => {
    while (i < items.length) await fn(items[i++]);
  }));
}

async function hasNativeTesseract(): Promise<string | null> {
  try {
    const { stdout, stderr } = await run("tesseract", ["--version"]);
    return (stdout || stderr).split("\n")[0];
  } catch {
    return null;
  }
}

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

async function main() {
  process.env.LOG_LEVEL ??= "warn";
  const args = process.argv.slice(2);
  const folder = args.find((a) => !a.startsWith("--")) ?? path.resolve("../shared/bench/dev");
  const files = (await readdir(folder)).filter((f) => EXT.has(path.extname(f).toLowerCase())).sort().map((f) => path.join(folder, f));
  const workers = env().OCR_WORKERS;
  console.log(`bench:extract  files=${files.length}  folder=${folder}  cores=${os.availableParallelism()}  OCR_WORKERS=${workers}`);

  let t = Date.now();
  await warmOcr();
  console.log(`OCR pool warm-up: ${fmt(Date.now() - t)}`);
  // pdf.js is loaded once per process too (~1 s cold); warm it so per-document times are steady-state.
  t = Date.now();
  await loadPdfjs();
  console.log(`pdf.js load: ${fmt(Date.now() - t)}`);

  const ocrOnly = args.includes("--ocr-only");
  const byFormat = new Map<string, number[]>();
  const scanned = new Set<string>();
  if (ocrOnly) {
    // Only the OCR sections: find the scanned PDFs as the product does (no usable text layer).
    for (const f of files.filter((x) => x.toLowerCase().endsWith(".pdf"))) {
      if (!isUsableTextLayer((await extractPdfText(new Uint8Array(await readFile(f)))).text)) scanned.add(f);
    }
  } else {
    // 1. Latency, one document at a time.
    for (const f of files) {
      const started = performance.now();
      const r = await extractFile(f, null);
      const ms = performance.now() - started;
      const ext = path.extname(f).slice(1).toLowerCase();
      if (ext === "pdf" && r.textSource === "ocr") scanned.add(f);
      const format = ext === "pdf" ? (scanned.has(f) ? "pdf (scanned)" : "pdf (text layer)") : ext;
      byFormat.set(format, [...(byFormat.get(format) ?? []), ms]);
    }
    console.log("\nper-document time, one at a time (pool warm):");
    for (const [format, xs] of [...byFormat].sort()) {
      console.log(`  ${format.padEnd(18)} n=${String(xs.length).padStart(3)}  median=${fmt(median(xs))}  p95=${fmt(quantile(xs, 0.95))}`);
    }

    // 2. Throughput.
    t = performance.now();
    await pool(files, workers, async (f) => void (await extractFile(f, null)));
    const secs = (performance.now() - t) / 1000;
    console.log(`\nthroughput: ${files.length} documents in ${secs.toFixed(2)} s = ${(files.length / secs).toFixed(2)} documents/s (${workers} in flight)`);
  }

  // 3. OCR alone, like for like: the same preprocessed page images (our preprocessImage output, written once)
  //    through the tesseract.js pool and through native tesseract with the same model files (our
  //    4.0.0_best_int spa+eng, unzipped), the same engine (LSTM), PSM, dpi and interword-space setting, the same
  //    outputs (text + TSV word boxes), one page per worker/process and the same number at once.
  // 4. Our full path per page (preprocess + OCR + orientation check), timed separately.
  const native = await hasNativeTesseract();
  if (!native || args.includes("--no-native")) {
    console.log("\nnative tesseract: not installed (apt-get install tesseract-ocr tesseract-ocr-spa) — side-by-side skipped");
  } else {
    const dir = await mkdtemp(path.join(os.tmpdir(), "bench-ocr-"));
    const langs = env().OCR_LANGS;
    const tessdata = path.join(dir, "tessdata");
    await mkdir(tessdata);
    const gz = await ensureTessdata(langs);
    for (const lang of langs.split("+")) {
      await writeFile(path.join(tessdata, `${lang}.traineddata`), gunzipSync(await readFile(path.join(gz, `${lang}.traineddata.gz`))));
    }
    type Page = { input: Uint8Array; prepared: string };
    const pages: Page[] = [];
    const prepMs: number[] = [];
    for (const f of files) {
      const bytes = new Uint8Array(await readFile(f));
      // Text-layer PDFs are not OCR'd by the product, so they are not part of the OCR comparison.
      const images = !f.toLowerCase().endsWith(".pdf")
        ? [bytes]
        : scanned.has(f)
          ? await renderPdfPages(bytes, { dpi: 300, maxPages: 10 })
          : [];
      for (const input of images) {
        const p = path.join(dir, `${pages.length}.png`);
        const started = performance.now();
        const png = await preprocessImage(input);
        prepMs.push(performance.now() - started);
        await writeFile(p, png);
        pages.push({ input, prepared: p });
      }
    }
    const timed = async (n: number, fn: (page: Page) => Promise<unknown>) => {
      const per: number[] = [];
      const started = performance.now();
      await pool(pages, n, async (page) => {
        const t0 = performance.now();
        await fn(page);
        per.push(performance.now() - t0);
      });
      return { wall: (performance.now() - started) / 1000, per };
    };
    const nativeArgs = ["--tessdata-dir", tessdata, "-l", langs, "--oem", "1", "--psm", "6", "--dpi", "300", "-c", "preserve_interword_spaces=1"];
    const nativeEnv = { ...process.env, OMP_THREAD_LIMIT: "1" };
    let outN = 0;
    const runNative = (image: string, extra: string[] = nativeArgs) =>
      run("tesseract", [image, path.join(dir, `out-${outN++}`), ...extra, "txt", "tsv"], { env: nativeEnv, maxBuffer: 1 << 24 });
    // Process start + model load of native tesseract (paid per page here, once per worker by the pool).
    const blank = path.join(dir, "blank.png");
    await writeFile(blank, await sharp({ create: { width: 64, height: 64, channels: 3, background: "#ffffff" } }).png().toBuffer());
    await runNative(blank);
    const startup: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      await runNative(blank);
      startup.push(performance.now() - t0);
    }

    const js = await timed(workers, async (p) => ocrImage(new Uint8Array(await readFile(p.prepared)), { preprocessed: true, orientation: "off" }));
    const nat = await timed(workers, async (p) => runNative(p.prepared));
    const full = await timed(workers, async (p) => ocrImage(p.input));
    const line = (label: string, r: { wall: number; per: number[] }) =>
      console.log(
        `  ${label.padEnd(34)} ${r.wall.toFixed(2).padStart(7)} s wall = ${(r.wall / pages.length).toFixed(3)} s/page  ` +
          `per page: median=${fmt(median(r.per))} p95=${fmt(quantile(r.per, 0.95))}`,
      );
    console.log(`\nOCR of the same ${pages.length} preprocessed page images, ${workers} at a time (${native}):`);
    console.log(`  settings both sides: ${langs} 4.0.0_best_int, LSTM, PSM 6, 300 dpi, preserve_interword_spaces, text + TSV`);
    line("tesseract.js pool (warm)", js);
    line("native tesseract (1 process/page)", nat);
    const boot = median(startup);
    console.log(`  native process start + model load: ${fmt(boot)} per page (included above; median of 3 on a blank image)`);
    console.log(`  ratio tesseract.js / native = ${(js.wall / nat.wall).toFixed(2)}× wall, ${(median(js.per) / median(nat.per)).toFixed(2)}× median page`);
    const natPerPageNoBoot = Math.max(1e-3, nat.wall / pages.length - (boot / 1000) / workers);
    console.log(`  ratio without native start-up (native warm, estimate) = ${((js.wall / pages.length) / natPerPageNoBoot).toFixed(2)}×`);
    console.log(`\nour full path per page (preprocess + OCR + orientation check), ${workers} at a time:`);
    line("preprocess + tesseract.js", full);
    console.log(`  preprocessImage alone, one at a time: median=${fmt(median(prepMs))} p95=${fmt(quantile(prepMs, 0.95))}`);
    await rm(dir, { recursive: true, force: true });
  }

  await terminateOcr();
  clearInterval(sampler);
  console.log(`\npeak RSS of this process: ${(peakRss / 1024 / 1024).toFixed(0)} MB`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
