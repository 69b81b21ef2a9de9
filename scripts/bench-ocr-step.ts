/**
 * How long the `text` step of process-document takes on scanned documents (prints figures; not a test). On Vercel
 * each Inngest step is one request to /api/inngest, so this is what must fit in the function's maximum duration.
 *
 *   npm run bench:ocr-step -- [files or folders…] [--limit N]
 *
 * Default input: the images and PDFs of ../shared/bench/dev (the first --limit, default 8). Printed: the OCR pool's
 * start (paid by the first step of a cold instance), then per document the step's work (storage read excluded:
 * extractText, the step's own call) with its source (ocr / pdf_text) and pages, then median / max for OCR documents
 * and the peak RSS. OCR_WORKERS as in the app (default: cores, at most 4). Wall-clock on a shared machine.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { validateUpload } from "@/lib/documents/sniff";
import { extractText } from "@/lib/documents/text";
import { terminateOcr, warmOcr } from "@/lib/documents/ocr";
import { env } from "@/lib/env";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { limit: { type: "string", default: "8" } } });
const EXT = new Set([".pdf", ".jpg", ".jpeg", ".png", ".webp"]);

async function collect(inputs: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of inputs) {
    const s = await stat(p);
    if (s.isDirectory()) {
      for (const f of (await readdir(p)).sort()) if (EXT.has(path.extname(f).toLowerCase())) out.push(path.join(p, f));
    } else out.push(p);
  }
  return out;
}

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);

const files = (await collect(positionals.length ? positionals : [path.resolve("../shared/bench/dev")])).slice(0, Number(values.limit));
console.log(`machine: ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}; OCR_WORKERS=${env().OCR_WORKERS}`);

let t = performance.now();
await warmOcr();
const poolMs = performance.now() - t;
console.log(`OCR pool start (first step of a cold instance): ${(poolMs / 1000).toFixed(2)} s`);

const ocrTimes: { ms: number; pages: number }[] = [];
for (const file of files) {
  const bytes = new Uint8Array(await readFile(file));
  const type = await validateUpload(bytes, { maxBytes: env().maxUploadBytes }).catch(() => null);
  if (!type) {
    console.log(`${path.basename(file)}: refused by the upload checks, skipped`);
    continue;
  }
  t = performance.now();
  const r = await extractText(bytes, type.mime);
  const ms = performance.now() - t;
  if (r.source === "ocr") ocrTimes.push({ ms, pages: r.pages });
  console.log(`${path.basename(file).padEnd(16)} ${r.source.padEnd(8)} ${String(r.pages).padStart(2)} page(s)  ${(ms / 1000).toFixed(2)} s`);
}
clearInterval(sampler);
await terminateOcr();

const sorted = ocrTimes.map((o) => o.ms).sort((a, b) => a - b);
if (sorted.length) {
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  const max = sorted[sorted.length - 1];
  const perPage = ocrTimes.reduce((s, o) => s + o.ms, 0) / ocrTimes.reduce((s, o) => s + o.pages, 0);
  console.log(`OCR documents: ${sorted.length}; step median ${(median / 1000).toFixed(2)} s, max ${(max / 1000).toFixed(2)} s, ${(perPage / 1000).toFixed(2)} s per page`);
  console.log(`cold step ≈ pool start + max = ${((poolMs + max) / 1000).toFixed(2)} s; a 10-page scan (MAX_OCR_PAGES) ≈ ${((poolMs + 10 * perPage) / 1000).toFixed(1)} s cold`);
}
console.log(`peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MB`);
