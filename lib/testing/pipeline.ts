import { afterAll, beforeAll } from "vitest";
import type { PipelineDeps } from "@/lib/documents/pipeline";
import { parseInvoice } from "@/lib/documents/parse";
import { extractText } from "@/lib/documents/text";
import { tempStorage } from "@/lib/testing/book";
import { createTestDb } from "@/lib/testing/db";

export type PipelineTestbed = {
  handle: Awaited<ReturnType<typeof createTestDb>>;
  store: ReturnType<typeof tempStorage>;
  /** The real extraction over this test file's own database and storage. */
  deps: PipelineDeps;
};

/** For a describe block: a fresh database and storage with the real pipeline deps, made before its tests, removed after. */
export function pipelineTestbed(): PipelineTestbed {
  const bed = {} as PipelineTestbed;
  beforeAll(async () => {
    bed.handle = await createTestDb();
    bed.store = tempStorage();
    bed.deps = { db: async () => bed.handle.db, storage: () => bed.store.storage, extractText, parseInvoice };
  });
  afterAll(async () => {
    await bed.handle?.close();
    bed.store?.cleanup();
  });
  return bed;
}
