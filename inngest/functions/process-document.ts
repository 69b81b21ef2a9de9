import { NonRetriableError } from "inngest";
import { inngest } from "@/inngest/client";
import { documentUploaded } from "@/inngest/events";
import {
  isPermanentFailure,
  PIPELINE_RETRIES,
  recordFailure,
  runPipeline,
  type PipelineDeps,
  type StepTools,
} from "@/lib/documents/pipeline";

/**
 * The document pipeline (lib/documents/pipeline.ts) as an Inngest function: Inngest's steps memoise and retry;
 * a permanent failure becomes a NonRetriableError so Inngest stops at once; the final failure is recorded.
 */
export function createProcessDocumentFunction(deps: PipelineDeps) {
  return inngest.createFunction(
    {
      id: "process-document",
      triggers: [documentUploaded],
      retries: PIPELINE_RETRIES,
      concurrency: { limit: 4 },
      onFailure: async ({ event, error }) => {
        await recordFailure(deps, (event.data.event.data as { documentId: string }).documentId, error);
      },
    },
    async ({ event, step }) => {
      const steps: StepTools = {
        run: (id, fn) =>
          step.run(id, async () => {
            try {
              return await fn();
            } catch (e) {
              if (isPermanentFailure(e)) throw new NonRetriableError((e as Error).message, { cause: e });
              throw e;
            }
          }) as Promise<unknown>,
      };
      return runPipeline(deps, { documentId: event.data.documentId, step: steps });
    },
  );
}
