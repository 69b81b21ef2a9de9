import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { failuresByCode, processingDurations, queueDepth } from "@/db/queries/monitoring";
import { documents, extractions } from "@/db/schema";
import type { DocumentStatus } from "@/lib/enums";
import { createOwner } from "@/lib/testing/book";
import { createTestDb } from "@/lib/testing/db";

const NOW = new Date("2026-11-30T12:00:00Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const H = 3_600_000;

async function addDoc(
  db: Db,
  bookId: string,
  d: { status: DocumentStatus; createdAt?: Date; processedAt?: Date; updatedAt?: Date; errorCode?: string; source?: "pdf_text" | "ocr" | "einvoice" },
) {
  const [doc] = await db
    .insert(documents)
    .values({
      bookId,
      originalFilename: "f.pdf",
      mimeType: "application/pdf",
      sizeBytes: 1,
      sha256: randomBytes(32).toString("hex"),
      status: d.status,
      createdAt: d.createdAt ?? ago(H),
      updatedAt: d.updatedAt ?? d.processedAt ?? ago(H),
      processedAt: d.processedAt,
      errorCode: d.errorCode,
    })
    .returning();
  if (d.source) {
    await db.insert(extractions).values({ documentId: doc.id, engine: "test", textSource: d.source, confidence: 0.9, rawText: "", fields: {} });
  }
  return doc;
}

describe("monitoring queries", () => {
  let t: Awaited<ReturnType<typeof createTestDb>>;
  beforeAll(async () => {
    t = await createTestDb();
    const a = await createOwner(t.db);
    const b = await createOwner(t.db);
    // Processed in the last 24 h: text PDFs take 1 s and 3 s, OCR 10 s, 20 s, 30 s (two books: the whole instance).
    const at = ago(2 * H);
    for (const [book, source, ms] of [
      [a.bookId, "pdf_text", 1000],
      [b.bookId, "pdf_text", 3000],
      [a.bookId, "ocr", 10_000],
      [a.bookId, "ocr", 20_000],
      [b.bookId, "ocr", 30_000],
    ] as const) {
      await addDoc(t.db, book, { status: "needs_review", source, createdAt: new Date(at.getTime() - ms), processedAt: at });
    }
    // Processed 30 h ago: outside the window.
    await addDoc(t.db, a.bookId, { status: "approved", source: "einvoice", createdAt: ago(31 * H), processedAt: ago(30 * H) });
    // Waiting.
    await addDoc(t.db, a.bookId, { status: "uploaded" });
    await addDoc(t.db, b.bookId, { status: "processing" });
    // Failures: two timeouts and one unreadable in the window, one old, one without a code.
    await addDoc(t.db, a.bookId, { status: "failed", errorCode: "extraction:timeout", updatedAt: ago(H) });
    await addDoc(t.db, b.bookId, { status: "failed", errorCode: "extraction:timeout", updatedAt: ago(3 * H) });
    await addDoc(t.db, a.bookId, { status: "failed", errorCode: "extraction:pdf_unreadable", updatedAt: ago(5 * H) });
    await addDoc(t.db, a.bookId, { status: "failed", errorCode: "extraction:pdf_unreadable", updatedAt: ago(48 * H) });
    await addDoc(t.db, b.bookId, { status: "failed", updatedAt: ago(H) });
  });
  afterAll(() => t.close());

  it("counts documents by status over every book, zero for the statuses nobody has", async () => {
    expect(await queueDepth(t.db)).toEqual({
      uploaded: 1,
      processing: 1,
      extracted: 0,
      needs_review: 5,
      approved: 1,
      rejected: 0,
      failed: 5,
      duplicate: 0,
    });
  });

  it("returns processing times in ms by text source for the documents processed since the cut-off", async () => {
    const d = await processingDurations(t.db, { since: ago(24 * H) });
    expect(d.pdf_text.sort((x, y) => x - y)).toEqual([1000, 3000]);
    expect(d.ocr.sort((x, y) => x - y)).toEqual([10_000, 20_000, 30_000]);
    expect(d.einvoice).toEqual([]);
    const wider = await processingDurations(t.db, { since: ago(48 * H) });
    expect(wider.einvoice).toEqual([H]);
  });

  it("counts failures since the cut-off by error code, most frequent first", async () => {
    expect(await failuresByCode(t.db, { since: ago(24 * H) })).toEqual([
      { code: "extraction:timeout", count: 2 },
      { code: "extraction:pdf_unreadable", count: 1 },
      { code: "unknown", count: 1 },
    ]);
  });
});
