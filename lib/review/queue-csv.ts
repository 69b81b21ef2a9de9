/**
 * A review-queue filter as a plain CSV (semicolon, decimal comma, UTF-8 with BOM: what a spreadsheet in Spain
 * opens as is), streamed page by page along the queue's keyset order so a 10,000-document book never sits in memory.
 */
import { Readable } from "node:stream";
import type { Db } from "@/db/client";
import { requireMember } from "@/db/queries/members";
import { listReviewQueue, type QueueFilters } from "@/db/queries/review";
import { csvLine } from "@/lib/tax/libros";

export const QUEUE_CSV_HEADER = ["Documento", "Archivo", "Estado", "Dirección", "Tipo", "Fecha", "Número", "Contraparte", "NIF", "Tipo IRPF", "IRPF", "Total", "Subido"];

const euros = (c: number | null) => (c === null ? null : Number((c / 100).toFixed(2)));

export async function queueCsvStream(db: Db, { userId, bookId, filters, pageSize = 500 }: { userId: string; bookId: string; filters: QueueFilters; pageSize?: number }): Promise<Readable> {
  await requireMember(db, { userId, bookId });
  async function* lines() {
    yield `\ufeff${csvLine(QUEUE_CSV_HEADER)}\r\n`;
    let after: string | undefined;
    for (;;) {
      const page = await listReviewQueue(db, { bookId, filters, cursor: after ? { after } : {}, limit: pageSize });
      for (const r of page.rows) {
        yield `${csvLine([r.id, r.filename, r.status, r.direction === "issued" ? "emitida" : "recibida", r.docType, r.issueDate, r.number, r.counterpartyName, r.counterpartyTaxId, r.irpfRate === null ? null : Number(r.irpfRate), euros(r.irpfCents), euros(r.totalCents), r.createdAt])}\r\n`;
      }
      if (!page.hasNext || page.rows.length === 0) break;
      after = page.rows[page.rows.length - 1].id;
    }
  }
  return Readable.from(lines());
}
