import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDocumentById, listUnfinished } from "@/db/queries/documents";
import { reprocessDocument } from "@/lib/review/service";
import { getInvoiceForDocument } from "@/db/queries/extractions";
import { documents } from "@/db/schema";
import { ingestUpload } from "@/lib/documents/ingest";
import { extractText } from "@/lib/documents/text";
import { AppError } from "@/lib/errors";
import { createOwner } from "@/lib/testing/book";
import { makeInvoicePdf, SAMPLE_INVOICE } from "@/lib/testing/fixtures";
import type { PipelineDeps } from "@/lib/documents/pipeline";
import { pipelineTestbed } from "@/lib/testing/pipeline";
import { InlineRunner } from "./inline-runner";

/** The embedded default: a real upload goes through the in-process runner to a stored draft invoice. */
describe("in-process runner", () => {
  const bed = pipelineTestbed();

  const pdfFor = (number: string) => makeInvoicePdf({ ...SAMPLE_INVOICE, number });

  async function uploadThrough(runner: InlineRunner, owner: { userId: string; bookId: string }, bytes: Uint8Array) {
    const enqueued: string[] = [];
    const res = await ingestUpload(
      {
        db: bed.handle.db,
        storage: bed.store.storage,
        enqueue: async (id) => {
          enqueued.push(id);
          runner.enqueue(id);
        },
        maxBytes: 10 * 1024 * 1024,
      },
      { ...owner, filename: "factura.pdf", bytes },
    );
    return { ...res, enqueued };
  }

  it("processes an upload to a draft invoice; the same file again is a duplicate with no second job", async () => {
    const runner = new InlineRunner(bed.deps, { backoffMs: 10 });
    const owner = await createOwner(bed.handle.db);
    const bytes = await pdfFor("R-1");
    const first = await uploadThrough(runner, owner, bytes);
    expect(first.enqueued).toEqual([first.document.id]);
    await runner.idle();
    const done = await getDocumentById(bed.handle.db, { id: first.document.id });
    expect(["extracted", "needs_review"]).toContain(done?.status);
    expect((await getInvoiceForDocument(bed.handle.db, { documentId: first.document.id }))?.totalCents).toBe(121000);

    const again = await uploadThrough(runner, owner, bytes);
    expect(again.duplicate).toBe(true);
    expect(again.document.status).toBe("duplicate");
    expect(again.document.duplicateOf).toBe(first.document.id);
    expect(again.enqueued).toEqual([]);

    // Another book may hold the same file: it is not a duplicate there.
    const other = await uploadThrough(runner, await createOwner(bed.handle.db), bytes);
    expect(other.duplicate).toBe(false);
    await runner.idle();
  });

  it("retries a failed step and resumes after the last finished step", async () => {
    let textCalls = 0;
    let storageReads = 0;
    const flaky: PipelineDeps = {
      ...bed.deps,
      db: async () => bed.handle.db,
      extractText: async (b, m) => {
        textCalls++;
        if (textCalls === 1) throw new Error("worker crashed");
        return extractText(b, m);
      },
      storage: () => {
        storageReads++;
        return bed.store.storage;
      },
    };
    const runner = new InlineRunner(flaky, { backoffMs: 5 });
    const { document } = await uploadThrough(runner, await createOwner(bed.handle.db), await pdfFor("R-2"));
    await runner.idle();
    expect(textCalls).toBe(2);
    expect(storageReads).toBe(2);
    const after = await getDocumentById(bed.handle.db, { id: document.id });
    expect(["extracted", "needs_review"]).toContain(after?.status);
    // `load` claimed the document once: the retry reused its memoised result.
    expect(after?.attempts).toBe(1);
  });

  it("fails at once on a permanent error, keeps the code, and a retry after the fix succeeds", async () => {
    let broken = true;
    const runner = new InlineRunner(
      {
        ...bed.deps,
        extractText: async (b, m) => {
          if (broken) throw new AppError("extraction:pdf_unreadable", "test");
          return extractText(b, m);
        },
      },
      { backoffMs: 5 },
    );
    const owner = await createOwner(bed.handle.db);
    const { document } = await uploadThrough(runner, owner, await pdfFor("R-3"));
    await runner.idle();
    const failed = await getDocumentById(bed.handle.db, { id: document.id });
    expect(failed?.status).toBe("failed");
    expect(failed?.errorCode).toBe("extraction:pdf_unreadable");
    expect(failed?.attempts).toBe(1);

    broken = false;
    const reset = await reprocessDocument(bed.handle.db, { documentId: document.id, userId: owner.userId });
    expect(reset?.status).toBe("uploaded");
    runner.enqueue(document.id);
    await runner.idle();
    expect((await getDocumentById(bed.handle.db, { id: document.id }))?.status).toMatch(/^(extracted|needs_review)$/);
  });

  it("gives up after the configured retries and records pipeline:failed", async () => {
    let calls = 0;
    const runner = new InlineRunner(
      {
        ...bed.deps,
        extractText: async () => {
          calls++;
          throw new Error("always down");
        },
      },
      { backoffMs: 1, retries: 2 },
    );
    const { document } = await uploadThrough(runner, await createOwner(bed.handle.db), await pdfFor("R-4"));
    await runner.idle();
    expect(calls).toBe(3);
    const failed = await getDocumentById(bed.handle.db, { id: document.id });
    expect(failed?.status).toBe("failed");
    expect(failed?.errorCode).toBe("pipeline:failed");
  });

  it("finds documents a crash left unfinished so start-up can queue them again", async () => {
    const owner = await createOwner(bed.handle.db);
    const idle = new InlineRunner(bed.deps);
    const never = { ...idle, enqueue: () => {} } as unknown as InlineRunner;
    const { document } = await uploadThrough(never, owner, await pdfFor("R-5"));
    // Simulate a crash mid-run: left in `processing`.
    await bed.handle.db.update(documents).set({ status: "processing", updatedAt: new Date(Date.now() - 60_000) }).where(eq(documents.id, document.id));
    const unfinished = await listUnfinished(bed.handle.db);
    expect(unfinished.map((r) => r.id)).toContain(document.id);
    idle.enqueue(document.id);
    await idle.idle();
    expect((await getDocumentById(bed.handle.db, { id: document.id }))?.status).toMatch(/^(extracted|needs_review)$/);
    expect((await listUnfinished(bed.handle.db)).map((r) => r.id)).not.toContain(document.id);
  });
});
