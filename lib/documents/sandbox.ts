/**
 * The PDF sandbox: a small pool of worker threads (`pdf-worker.mjs`) that run every pdf.js parse and render of a
 * user's file off the event loop, each with a heap cap (`resourceLimits`), a wall-time budget per document and
 * per page, a page cap and a cap on decoded content. A job over a budget ends with an `AppError` carrying a code;
 * its worker is terminated and replaced, and the rest of the server never waits on it.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { AppError, type ErrorCode } from "@/lib/errors";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { processSingleton } from "@/lib/singleton";

export type SandboxOp = "inspect" | "text" | "render" | "attachments";

export type SandboxLimits = {
  /** Wall time for the whole job, ms. */
  documentMs: number;
  /** Wall time between two pages (the worker reports each page it starts), ms. */
  pageMs: number;
  maxPages: number;
  /** Decoded size caps for Flate content streams (per stream, and in total). */
  maxStreamBytes: number;
  maxTotalBytes: number;
  /** pdf.js skips embedded images over this many pixels. */
  maxImagePixels: number;
};

export type SandboxOptions = { workers: number; memoryMb: number };

type WorkerError = "encrypted" | "unreadable" | "too_many_pages" | "too_complex" | "over_budget";

/** Why a job failed, before the caller maps it to an upload or extraction code. */
export class SandboxError extends Error {
  constructor(
    readonly reason: WorkerError,
    detail?: string,
  ) {
    super(detail ? `${reason}: ${detail}` : reason);
    this.name = "SandboxError";
  }
}

type Job = {
  id: number;
  op: SandboxOp;
  bytes: Uint8Array;
  opts: Record<string, number | undefined>;
  limits: SandboxLimits;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
};

type Slot = { worker: Worker; job?: Job; docTimer?: NodeJS.Timeout; pageTimer?: NodeJS.Timeout };

/** Where the worker script is: beside this module in source checkouts and tests, else under the app root. */
export function workerPath(): string {
  const candidates: string[] = [];
  try {
    const here = import.meta.url;
    if (here.startsWith("file:")) candidates.push(path.join(path.dirname(fileURLToPath(here)), "pdf-worker.mjs"));
  } catch {
    // bundled: no file URL
  }
  candidates.push(path.join(/*turbopackIgnore: true*/ process.cwd(), "lib", "documents", "pdf-worker.mjs"));
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`pdf-worker.mjs not found (looked in ${candidates.join(", ")})`);
  return found;
}

export class PdfSandbox {
  private slots: Slot[] = [];
  private queue: Job[] = [];
  private nextId = 1;
  /** Workers replaced after a budget was exceeded or they died (for monitoring). */
  replaced = 0;

  constructor(private readonly opts: SandboxOptions) {}

  get busy() {
    return this.slots.filter((s) => s.job).length;
  }

  get pending() {
    return this.queue.length;
  }

  get workers() {
    return this.slots.length;
  }

  run<T>(op: SandboxOp, bytes: Uint8Array, limits: SandboxLimits, opts: Record<string, number | undefined> = {}) {
    return new Promise<T>((resolve, reject) => {
      // A copy the worker can own: the caller's bytes stay usable.
      const copy = new Uint8Array(bytes);
      this.queue.push({ id: this.nextId++, op, bytes: copy, opts, limits, resolve: resolve as (v: unknown) => void, reject });
      this.pump();
    });
  }

  /** Stops every worker (tests, shutdown); queued jobs are refused. */
  async close() {
    for (const job of this.queue.splice(0)) job.reject(new SandboxError("over_budget", "sandbox closed"));
    await Promise.all(this.slots.map((s) => this.kill(s, "closed")));
  }

  private spawn(): Slot {
    const worker = new Worker(workerPath(), {
      resourceLimits: { maxOldGenerationSizeMb: this.opts.memoryMb, maxYoungGenerationSizeMb: 32 },
      stdout: false,
      stderr: false,
    });
    worker.unref(); // an idle pool never keeps the process alive
    const slot: Slot = { worker };
    worker.on("message", (msg: { id: number; type: string; result?: unknown; code?: WorkerError; detail?: string }) => {
      const job = slot.job;
      if (!job || msg.id !== job.id) return;
      if (msg.type === "page") {
        this.armPageTimer(slot, job);
        return;
      }
      this.finish(slot);
      if (msg.type === "done") job.resolve(msg.result);
      else job.reject(new SandboxError(msg.code ?? "unreadable", msg.detail));
      this.pump();
    });
    worker.on("error", (err) => {
      // ERR_WORKER_OUT_OF_MEMORY when the heap cap is hit; anything else is a crash of pdf.js or the canvas.
      const job = slot.job;
      log.warn("pdf_sandbox.worker_error", { err, op: job?.op });
      this.drop(slot);
      job?.reject(new SandboxError("over_budget", (err as { code?: string }).code ?? err.name));
      this.pump();
    });
    worker.on("exit", () => {
      const job = slot.job;
      this.drop(slot);
      job?.reject(new SandboxError("over_budget", "worker exited"));
      this.pump();
    });
    this.slots.push(slot);
    return slot;
  }

  private pump() {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.job);
      if (!slot) {
        if (this.slots.length >= this.opts.workers) return;
        slot = this.spawn();
      }
      const job = this.queue.shift()!;
      slot.job = job;
      slot.worker.ref(); // a running job keeps the process alive until it ends
      slot.docTimer = setTimeout(() => this.overBudget(slot, job, `document over ${job.limits.documentMs} ms`), job.limits.documentMs);
      this.armPageTimer(slot, job);
      const { limits, opts } = job;
      slot.worker.postMessage(
        {
          id: job.id,
          op: job.op,
          bytes: job.bytes,
          opts: {
            ...opts,
            maxPages: limits.maxPages,
            maxStreamBytes: limits.maxStreamBytes,
            maxTotalBytes: limits.maxTotalBytes,
            maxImagePixels: limits.maxImagePixels,
          },
        },
        [job.bytes.buffer as ArrayBuffer],
      );
    }
  }

  private armPageTimer(slot: Slot, job: Job) {
    if (slot.pageTimer) clearTimeout(slot.pageTimer);
    slot.pageTimer = setTimeout(() => this.overBudget(slot, job, `page over ${job.limits.pageMs} ms`), job.limits.pageMs);
  }

  private overBudget(slot: Slot, job: Job, detail: string) {
    if (slot.job !== job) return;
    log.warn("pdf_sandbox.over_budget", { op: job.op, detail });
    this.finish(slot);
    job.reject(new SandboxError("over_budget", detail));
    void this.kill(slot, detail);
    this.pump();
  }

  private finish(slot: Slot) {
    if (slot.docTimer) clearTimeout(slot.docTimer);
    if (slot.pageTimer) clearTimeout(slot.pageTimer);
    slot.docTimer = slot.pageTimer = undefined;
    slot.job = undefined;
    slot.worker.unref();
  }

  private drop(slot: Slot) {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.finish(slot);
    this.slots.splice(i, 1);
    this.replaced++;
  }

  private async kill(slot: Slot, why: string) {
    this.drop(slot);
    slot.worker.removeAllListeners("exit");
    slot.worker.on("error", () => {});
    await slot.worker.terminate().catch((err: unknown) => log.warn("pdf_sandbox.terminate_failed", { err, why }));
  }
}

/** The process-wide sandbox, sized from the environment (`PDF_WORKERS`, `PDF_WORKER_MEMORY_MB`). */
export function pdfSandbox(): PdfSandbox {
  return processSingleton("documents.pdf-sandbox", () => {
    const e = env();
    return new PdfSandbox({ workers: e.PDF_WORKERS, memoryMb: e.PDF_WORKER_MEMORY_MB });
  });
}

/** Content-stream caps: a real invoice page decodes to kilobytes; these are generous. */
const MAX_STREAM_BYTES = 32 * 1024 * 1024;
const MAX_TOTAL_BYTES = 128 * 1024 * 1024;

/** The budgets for processing a document, from the environment. */
export function processingLimits(): SandboxLimits {
  const e = env();
  return {
    documentMs: e.PDF_DOCUMENT_SECONDS * 1000,
    pageMs: e.PDF_PAGE_SECONDS * 1000,
    maxPages: e.MAX_PDF_PAGES,
    maxStreamBytes: MAX_STREAM_BYTES,
    maxTotalBytes: MAX_TOTAL_BYTES,
    maxImagePixels: e.MAX_IMAGE_MEGAPIXELS * 1_000_000,
  };
}

/** The budgets for the upload check (open, count pages, load page 1): short, it runs while the user waits. */
export function uploadLimits(): SandboxLimits {
  const p = processingLimits();
  return { ...p, documentMs: Math.min(p.documentMs, 10_000), pageMs: Math.min(p.pageMs, 10_000) };
}

/** Maps a sandbox failure to the code a user sees: at upload (`upload:*`) or while processing (`extraction:*`). */
export function sandboxErrorCode(e: SandboxError, stage: "upload" | "processing"): ErrorCode {
  switch (e.reason) {
    case "encrypted":
      return "upload:pdf_encrypted";
    case "too_many_pages":
      return "upload:too_many_pages";
    case "too_complex":
      return stage === "upload" ? "upload:too_complex" : "extraction:over_budget";
    case "over_budget":
      return stage === "upload" ? "upload:too_complex" : "extraction:over_budget";
    default:
      return stage === "upload" ? "upload:corrupt" : "extraction:pdf_unreadable";
  }
}

/** Runs a sandbox job and turns its failure into an `AppError` for the given stage. */
export async function runPdfJob<T>(
  op: SandboxOp,
  bytes: Uint8Array,
  stage: "upload" | "processing",
  opts: Record<string, number | undefined> = {},
  sandbox: PdfSandbox = pdfSandbox(),
): Promise<T> {
  try {
    return await sandbox.run<T>(op, bytes, stage === "upload" ? uploadLimits() : processingLimits(), opts);
  } catch (e) {
    if (e instanceof SandboxError) throw new AppError(sandboxErrorCode(e, stage), e.message, { cause: e });
    throw e;
  }
}
