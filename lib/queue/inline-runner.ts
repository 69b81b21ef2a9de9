import { log } from "@/lib/log";
import {
  PIPELINE_RETRIES,
  isPermanentFailure,
  recordFailure,
  runPipeline,
  type PipelineDeps,
  type PipelineResult,
  type StepTools,
} from "@/lib/documents/pipeline";

/**
 * The embedded default's queue: runs the document pipeline (lib/documents/pipeline.ts) in this process with Inngest's step semantics —
 * each step's result is memoised (as JSON, like Inngest) so a retry resumes after the last finished step,
 * failed runs are retried with backoff, permanent errors fail at once, and the final failure is recorded.
 */
export class InlineRunner {
  private readonly pending: string[] = [];
  private readonly queued = new Set<string>();
  private active = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly deps: PipelineDeps,
    private readonly opts: { concurrency?: number; retries?: number; backoffMs?: number } = {},
  ) {}

  enqueue(documentId: string) {
    if (this.queued.has(documentId)) return;
    this.queued.add(documentId);
    this.pending.push(documentId);
    this.pump();
  }

  /** Resolves when nothing is queued or running (for tests and graceful shutdown). */
  idle(): Promise<void> {
    if (this.active === 0 && this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  get size() {
    return this.active + this.pending.length;
  }

  private pump() {
    const limit = this.opts.concurrency ?? 2;
    while (this.active < limit && this.pending.length > 0) {
      const id = this.pending.shift()!;
      this.active++;
      void this.runWithRetries(id).finally(() => {
        this.active--;
        this.queued.delete(id);
        this.pump();
        if (this.active === 0 && this.pending.length === 0) {
          const waiters = this.idleWaiters;
          this.idleWaiters = [];
          waiters.forEach((w) => w());
        }
      });
    }
  }

  async runWithRetries(documentId: string): Promise<PipelineResult | undefined> {
    const memo = new Map<string, unknown>();
    const step: StepTools = {
      run: async (id, fn) => {
        if (memo.has(id)) return memo.get(id);
        const value = await fn();
        const json = value === undefined ? undefined : JSON.parse(JSON.stringify(value));
        memo.set(id, json);
        return json;
      },
    };
    const retries = this.opts.retries ?? PIPELINE_RETRIES;
    for (let attempt = 0; ; attempt++) {
      try {
        return await runPipeline(this.deps, { documentId, step });
      } catch (error) {
        if (isPermanentFailure(error) || attempt >= retries) {
          try {
            await recordFailure(this.deps, documentId, error);
          } catch (e) {
            log.error("inline_runner.record_failure_failed", { documentId, err: e });
          }
          return undefined;
        }
        const delay = (this.opts.backoffMs ?? 1000) * 2 ** attempt;
        log.warn("inline_runner.retry", { documentId, attempt: attempt + 1, delayMs: delay, err: error });
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }
}
