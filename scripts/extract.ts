/**
 * Batch extraction: `npm run extract -- <files or folders…> [--own-nif NIF] [--concurrency N]`
 * prints one JSON object per file on stdout (JSONL) and a progress bar on stderr. It runs exactly the pipeline's
 * code: the upload validation (lib/documents/sniff), then extractDocument (the `text` and `parse` steps' functions).
 */
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { validateUpload } from "@/lib/documents/sniff";
import { extractDocument, HYBRID_OCR_PAGES, readDocumentText, type ReadText } from "@/lib/documents/extract";
import { OCR_REVISION, ocrEngine, terminateOcr } from "@/lib/documents/ocr";
import { extractText, ocrPdfPages } from "@/lib/documents/text";
import { errorRecord, toExtractRecord, type ExtractRecord } from "@/lib/documents/record";
import type { TextResult } from "@/lib/documents/text";
import type { VendorMemoryContext } from "@/lib/documents/vendor-memory";
import { env } from "@/lib/env";
import { isAppError, messageFor } from "@/lib/errors";
import { normalizeTaxId, isValidTaxId } from "@/lib/tax-id";

const EXTENSIONS = new Set([".pdf", ".jpg", ".jpeg", ".png", ".webp", ".xml"]);
const MAX_BYTES = 50 * 1024 * 1024;

export async function collect(inputs: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const input of inputs) {
    const s = await stat(input).catch(() => null);
    if (!s) {
      process.stderr.write(`extract: no such file or folder: ${input}\n`);
      process.exitCode = 2;
    } else if (s.isDirectory()) {
      const entries = (await readdir(input, { recursive: true })).sort();
      for (const e of entries) if (EXTENSIONS.has(path.extname(e).toLowerCase())) out.push(path.join(input, e));
    } else {
      out.push(input);
    }
  }
  return out;
}

class Progress {
  private done = 0;
  private readonly tty = process.stderr.isTTY;
  private lastPrinted = -1;
  constructor(private readonly total: number) {}
  tick(file: string) {
    this.done++;
    const width = 30;
    const filled = Math.round((this.done / this.total) * width);
    const bar = `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${this.done}/${this.total}`;
    if (this.tty) {
      process.stderr.write(`\r${bar} ${path.basename(file).slice(0, 40).padEnd(40)}`);
      if (this.done === this.total) process.stderr.write("\n");
    } else {
      const decile = Math.floor((this.done / this.total) * 10);
      if (decile !== this.lastPrinted) {
        this.lastPrinted = decile;
        process.stderr.write(`${bar}\n`);
      }
    }
  }
}

/**
 * Development only (`EXTRACT_TEXT_CACHE=<dir>`): the text layer / OCR of each file (and the hybrid step's OCR) is
 * kept in `<dir>` by content hash, OCR engine and `OCR_REVISION`, so that parser work re-runs a corpus in seconds. The
 * parse and the hybrid decision still run on every call; raise `OCR_REVISION` after changing what the OCR step does
 * (or delete the folder after changing text-layer code).
 */
function cachedReader(dir: string): ReadText {
  return async (bytes, mime, { ownTaxId }) => {
    const key = `${createHash("sha256").update(bytes).digest("hex").slice(0, 32)}-${ocrEngine().replace(/[^\w.-]+/g, "_")}-r${OCR_REVISION}`;
    const memo = async <T>(name: string, compute: () => Promise<T>): Promise<T> => {
      const file = path.join(dir, `${key}.${name}.json`);
      const hit = await readFile(file, "utf8").catch(() => null);
      if (hit !== null) return JSON.parse(hit) as T;
      const value = await compute();
      await mkdir(dir, { recursive: true });
      await writeFile(file, JSON.stringify(value));
      return value;
    };
    return readDocumentText(bytes, mime, {
      ownTaxId,
      baseText: () => memo("text", () => extractText(bytes, mime)),
      ocrPages: () => memo("hybrid", () => ocrPdfPages(bytes, HYBRID_OCR_PAGES)),
    });
  };
}

export async function extractFile(file: string, ownTaxId: string | null): Promise<ExtractRecord> {
  return (await extractFileWithText(file, { ownTaxId })).record;
}

/** The record and, when the file could be read, its text (with layout); `vendorMemory` as in extractDocument. */
export async function extractFileWithText(
  file: string,
  opts: { ownTaxId: string | null; vendorMemory?: VendorMemoryContext },
): Promise<{ record: ExtractRecord; text: TextResult | null }> {
  try {
    const bytes = new Uint8Array(await readFile(file));
    const type = await validateUpload(bytes, { maxBytes: MAX_BYTES });
    const cache = process.env.EXTRACT_TEXT_CACHE;
    const { text, fields } = await extractDocument(bytes, type.mime, cache ? { ...opts, readText: cachedReader(cache) } : opts);
    return { record: toExtractRecord(file, fields, text.source), text };
  } catch (e) {
    const code = isAppError(e) ? e.code : "internal:unexpected";
    return { record: errorRecord(file, code, isAppError(e) ? e.userMessage : messageFor(code)), text: null };
  }
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      "own-nif": { type: "string" },
      concurrency: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help || positionals.length === 0) {
    process.stderr.write("usage: npm run extract -- <files or folders…> [--own-nif NIF] [--concurrency N]\n");
    process.exit(values.help ? 0 : 2);
  }
  const ownTaxId = values["own-nif"] ? normalizeTaxId(values["own-nif"]) : null;
  if (ownTaxId && !isValidTaxId(ownTaxId)) {
    process.stderr.write(`extract: --own-nif ${values["own-nif"]} is not a valid tax id\n`);
    process.exit(2);
  }
  const files = await collect(positionals);
  if (files.length === 0) {
    process.stderr.write("extract: no PDF, JPG, PNG, WebP or XML files found\n");
    process.exit(2);
  }
  const concurrency = Math.max(1, Number(values.concurrency ?? env().OCR_WORKERS) || 1);
  const progress = new Progress(files.length);
  const results: (ExtractRecord | undefined)[] = new Array(files.length);
  let next = 0;
  let printed = 0;
  const flush = () => {
    while (printed < files.length && results[printed]) process.stdout.write(`${JSON.stringify(results[printed++])}\n`);
  };
  await Promise.all(
    Array.from({ length: Math.min(concurrency, files.length) }, async () => {
      while (next < files.length) {
        const i = next++;
        results[i] = await extractFile(files[i], ownTaxId);
        progress.tick(files[i]);
        flush();
      }
    }),
  );
  await terminateOcr();
  const failed = results.filter((r) => r?.error).length;
  if (failed) process.stderr.write(`extract: ${failed} of ${files.length} files could not be read\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  process.env.LOG_LEVEL ??= "warn";
  main().catch((e) => {
    process.stderr.write(`extract: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
