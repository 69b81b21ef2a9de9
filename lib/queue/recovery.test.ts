import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDbHandle } from "@/db/client";
import { getDocumentById, insertDocument } from "@/db/queries/documents";
import { documents, extractions } from "@/db/schema";
import { MAX_PROCESS_ATTEMPTS } from "@/lib/documents/pipeline";
import { resetEnvCache } from "@/lib/env";
import { documentKey, getStorage, resetStorage } from "@/lib/storage";
import { createOwner } from "@/lib/testing/book";
import { createTestDb } from "@/lib/testing/db";
import { makeInvoicePdf, SAMPLE_INVOICE } from "@/lib/testing/fixtures";
import { inlineRunner, recoverUnfinished } from "./index";

/**
 * Start-up recovery on the embedded default, through the app's own singletons (env → database → storage → runner):
 * a document a crash left in `processing`, and one that never got queued, are both finished after `recoverUnfinished`.
 */
describe("start-up recovery", () => {
  const saved = { ...process.env };
  let dataDir: string;
  let testDb: Awaited<ReturnType<typeof createTestDb>> | undefined;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), "anclora-recovery-"));
    process.env.DATA_DIR = dataDir;
    process.env.STORAGE_DRIVER = "local";
    delete process.env.STORAGE_PATH;
    delete process.env.INNGEST_EVENT_KEY;
    delete process.env.INNGEST_DEV;
    if (process.env.DATABASE_URL) {
      // A fresh PostgreSQL database for the app's own client to open; else PGlite under DATA_DIR.
      testDb = await createTestDb();
      process.env.DATABASE_URL = testDb.url;
    }
    resetEnvCache();
    resetStorage();
  });

  afterAll(async () => {
    await (await inlineRunner()).idle();
    await (await getDbHandle()).close();
    const g = globalThis as Record<string, unknown>;
    delete g.__ancloraDb;
    delete g.__ancloraRunner;
    delete g.__ancloraRecovered;
    await testDb?.close();
    process.env = saved;
    resetEnvCache();
    resetStorage();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("queues again what a crash left unfinished, once", async () => {
    const { db } = await getDbHandle();
    const owner = await createOwner(db);
    const stored = async (number: string, status: "uploaded" | "processing") => {
      const id = randomUUID();
      const bytes = await makeInvoicePdf({ ...SAMPLE_INVOICE, number });
      const storageKey = documentKey({ bookId: owner.bookId, documentId: id, ext: "pdf", date: new Date() });
      await getStorage().put(storageKey, bytes, "application/pdf");
      await insertDocument(db, {
        id,
        bookId: owner.bookId,
        uploadedBy: owner.userId,
        storageKey,
        originalFilename: `${number}.pdf`,
        mimeType: "application/pdf",
        sizeBytes: bytes.byteLength,
        sha256: randomUUID(),
        status,
      });
      return id;
    };
    const crashed = await stored("C-1", "processing");
    const neverQueued = await stored("C-2", "uploaded");
    await db.update(documents).set({ attempts: 1 }).where(eq(documents.id, crashed));
    // One that has taken the process down at every attempt so far: it must end failed, not run again.
    const poisoned = await stored("C-3", "processing");
    await db.update(documents).set({ attempts: MAX_PROCESS_ATTEMPTS }).where(eq(documents.id, poisoned));

    expect(await recoverUnfinished()).toBe(3);
    expect(await recoverUnfinished()).toBe(0); // once per process
    await (await inlineRunner()).idle();

    for (const id of [crashed, neverQueued]) {
      const doc = await getDocumentById(db, { id });
      expect(doc?.status).toMatch(/^(extracted|needs_review)$/);
    }
    expect((await getDocumentById(db, { id: crashed }))?.attempts).toBe(2);
    const stopped = await getDocumentById(db, { id: poisoned });
    expect(stopped).toMatchObject({ status: "failed", errorCode: "pipeline:attempts_exhausted" });
    expect(await db.select().from(extractions).where(eq(extractions.documentId, poisoned))).toHaveLength(0);
  });
});
