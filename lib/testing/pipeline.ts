import { beforeAll } from "vitest";
import type { PipelineDeps } from "@/lib/documents/pipeline";
import { parseInvoice } from "@/lib/documents/parse";
import { extractText } from "@/lib/documents/text";
import { testbed, type Testbed } from "@/lib/testing/testbed";

export type PipelineTestbed = Testbed & {
  /** The real extraction over this test file's own database and storage. */
  deps: PipelineDeps;
};

/** For a describe block: a fresh database and storage with the real pipeline deps, made before its tests, removed after. */
export function pipelineTestbed(): PipelineTestbed {
  const bed = testbed() as PipelineTestbed;
  beforeAll(() => {
    bed.deps = { db: async () => bed.handle.db, storage: () => bed.store.storage, extractText, parseInvoice };
  });
  return bed;
}
