/**
 * Extraction benchmark (prints figures; not a test): `npm run bench:extract -- [folder] [--native-only|--no-native]`
 * 1. latency: each file alone through the CLI's code with the OCR pool warm → median and p95 per format;
 * 2. throughput: all files with as many in flight as OCR workers → documents per second;
 * 3. where the native `tesseract` binary is installed: the same page images through tesseract.js (the pool) and
 *    through native tesseract (one process per page, OMP_THREAD_LIMIT=1, as many at once as pool workers) → ratio;
 * 4. peak RSS of this process.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { extractFile } from "./extract";
import { ocrImage, preprocessImage, terminateOcr, warmOcr } from "@/lib/documents/ocr";
import { renderPdfPages } from "@/lib/documents/pdf";
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

  // 1. Latency, one document at a time.
  const byFormat = new Map<string, number[]>();
  const scanned = new Set<string>();
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

  // 3. Same page images through tesseract.js and native tesseract.
  const native = await hasNativeTesseract();
  if (!native || args.includes("--no-native")) {
    console.log("\nnative tesseract: not installed (apt-get install tesseract-ocr tesseract-ocr-spa) — side-by-side skipped");
  } else {
    const dir = await mkdtemp(path.join(os.tmpdir(), "bench-ocr-"));
    const pages: string[] = [];
    for (const f of files) {
      const bytes = new Uint8Array(await readFile(f));
      // Text-layer PDFs are not OCR'd by the product, so they are not part of the OCR comparison.
      const images = !f.toLowerCase().endsWith(".pdf")
        ? [bytes]
        : scanned.has(f)
          ? await renderPdfPages(bytes, { dpi: 300, maxPages: 10 })
          : [];
      for (const img of images) {
        const p = path.join(dir, `${pages.length}.png`);
        await writeFile(p, await preprocessImage(img));
        pages.push(p);
      }
    }
    t = performance.now();
    await pool(pages, workers, async (p) => void (await ocrImage(new Uint8Array(await readFile(p)))));
    const js = (performance.now() - t) / 1000;
    t = performance.now();
    await pool(pages, workers, async (p) => {
      await run("tesseract", [p, "stdout", "-l", env().OCR_LANGS], { env: { ...process.env, OMP_THREAD_LIMIT: "1" }, maxBuffer: 1 << 24 });
    });
    const nat = (performance.now() - t) / 1000;
    console.log(`\nOCR of the same ${pages.length} page images, ${workers} at a time (${native}):`);
    console.log(`  tesseract.js pool: ${js.toFixed(2)} s (${(js / pages.length).toFixed(3)} s/page)`);
    console.log(`  native tesseract : ${nat.toFixed(2)} s (${(nat / pages.length).toFixed(3)} s/page)`);
    console.log(`  ratio tesseract.js / native = ${(js / nat).toFixed(2)}×`);
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
