import "server-only";
import { and, count, desc, eq, gte, isNotNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { documents, extractions } from "@/db/schema";
import { DOCUMENT_STATUSES, type DocumentStatus } from "@/lib/enums";

/** Documents by status over the whole instance (every book): the queue depth. Every status is present (0 if none). */
export async function queueDepth(db: Db): Promise<Record<DocumentStatus, number>> {
  const rows = await db.select({ status: documents.status, n: count() }).from(documents).groupBy(documents.status);
  const out = Object.fromEntries(DOCUMENT_STATUSES.map((s) => [s, 0])) as Record<DocumentStatus, number>;
  for (const r of rows) out[r.status] = Number(r.n);
  return out;
}

export type TextSource = (typeof extractions.textSource.enumValues)[number];

/** Most rows read per call for the processing times; the newest are kept. */
export const DURATION_SAMPLE_LIMIT = 20_000;

/**
 * Processing times (ms, upload → extraction saved: documents.processed_at − documents.created_at) of the documents
 * processed since `since`, by how their text was read (extractions.text_source). Newest first, at most
 * DURATION_SAMPLE_LIMIT rows; the percentiles are computed by lib/monitoring/percentile.ts.
 */
export async function processingDurations(db: Db, { since }: { since: Date }): Promise<Record<TextSource, number[]>> {
  const rows = await db
    .select({
      source: extractions.textSource,
      ms: sql<number>`extract(epoch from (${documents.processedAt} - ${documents.createdAt})) * 1000`.mapWith(Number),
    })
    .from(documents)
    .innerJoin(extractions, eq(extractions.documentId, documents.id))
    .where(and(isNotNull(documents.processedAt), gte(documents.processedAt, since)))
    .orderBy(desc(documents.processedAt))
    .limit(DURATION_SAMPLE_LIMIT);
  const out: Record<TextSource, number[]> = { pdf_text: [], ocr: [], einvoice: [] };
  for (const r of rows) out[r.source].push(Math.max(0, Math.round(r.ms)));
  return out;
}

/**
 * Documents that failed since `since` (status `failed`, last changed since then), by error code, most frequent
 * first. A failure without a code counts under "unknown".
 */
export async function failuresByCode(db: Db, { since }: { since: Date }): Promise<{ code: string; count: number }[]> {
  const code = sql<string>`coalesce(${documents.errorCode}, 'unknown')`;
  const rows = await db
    .select({ code, n: count() })
    .from(documents)
    .where(and(eq(documents.status, "failed"), gte(documents.updatedAt, since)))
    .groupBy(code)
    .orderBy(desc(count()), code);
  return rows.map((r) => ({ code: r.code, count: Number(r.n) }));
}
