import "server-only";
import type { Db } from "@/db/client";
import { markFailed } from "@/db/queries/documents";
import { env } from "@/lib/env";
import { messageFor } from "@/lib/errors";
import { log } from "@/lib/log";
import { InlineRunner } from "@/lib/queue/inline-runner";
import { processSingleton } from "@/lib/singleton";

/**
 * Where `document/uploaded` goes: to Inngest when it is configured (INNGEST_EVENT_KEY or INNGEST_DEV), otherwise
 * to the in-process runner that executes the same function with the same step semantics.
 */
export function inlineRunner(): Promise<InlineRunner> {
  return processSingleton("queue.runner", async () => {
    const { appPipelineDeps } = await import("@/lib/documents/pipeline");
    return new InlineRunner(appPipelineDeps, { concurrency: Math.max(1, Math.min(env().OCR_WORKERS, 4)) });
  });
}

/**
 * Queues a document; when the queue refuses (Inngest unreachable), the document is marked `failed` with
 * `pipeline:failed` instead of sitting in `uploaded` forever, so the inbox offers "Reintentar". True when queued.
 */
export async function enqueueOrMarkFailed(
  db: Db,
  documentId: string,
  enqueue: (documentId: string) => Promise<void> = enqueueDocument,
): Promise<boolean> {
  try {
    await enqueue(documentId);
    return true;
  } catch (err) {
    log.error("queue.enqueue_failed", { documentId, err });
    await markFailed(db, { id: documentId, code: "pipeline:failed", message: messageFor("pipeline:failed") });
    return false;
  }
}

export async function enqueueDocument(documentId: string): Promise<void> {
  if (env().inngestEnabled) {
    const [{ inngest }, { documentUploaded }] = await Promise.all([
      import("@/inngest/client"),
      import("@/inngest/events"),
    ]);
    await inngest.send(documentUploaded.create({ documentId }));
    return;
  }
  (await inlineRunner()).enqueue(documentId);
}

/**
 * Embedded default only: documents a crash left in `uploaded` or `processing` are queued again at start-up.
 * (With Inngest, runs are durable on the Inngest side.)
 */
export async function recoverUnfinished(): Promise<number> {
  const recovery = processSingleton("queue.recovery", () => ({ done: false }));
  if (env().inngestEnabled || recovery.done) return 0;
  recovery.done = true;
  const [{ getDb }, { listUnfinished }] = await Promise.all([
    import("@/db/client"),
    import("@/db/queries/documents"),
  ]);
  const rows = await listUnfinished(await getDb());
  const runner = await inlineRunner();
  rows.forEach((r) => runner.enqueue(r.id));
  if (rows.length > 0) log.info("queue.recovered", { count: rows.length });
  return rows.length;
}

export type QueueStatus = { kind: "inngest" | "inline"; ok: boolean; pending?: number };

export async function queueStatus(): Promise<QueueStatus> {
  if (env().inngestEnabled) return { kind: "inngest", ok: true };
  const runner = await inlineRunner();
  return { kind: "inline", ok: true, pending: runner.size };
}
