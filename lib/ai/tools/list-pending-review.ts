import "server-only";
import { tool } from "ai";
import { z } from "zod";
import { countPendingReview, listPendingReview as queryPending } from "@/db/queries/invoice-search";
import { euros, guarded, type ToolScope } from "@/lib/ai/tools/shared";

export const listPendingReviewInput = z.object({
  limit: z.number().int().min(1).max(50).optional().describe("Máximo de documentos (20 por defecto)"),
});

/** Documents of the caller's book waiting for a person: needs_review first, then extracted (not yet approved). */
export function listPendingReview({ db, bookId }: ToolScope) {
  return tool({
    description:
      "Documentos del libro pendientes de revisión: primero los que necesitan revisión (needs_review), luego los extraídos sin aprobar (extracted).",
    inputSchema: listPendingReviewInput,
    execute: async ({ limit }) =>
      guarded("listPendingReview", async () => {
        const [counts, rows] = await Promise.all([
          countPendingReview(db, { bookId }),
          queryPending(db, { bookId, limit }),
        ]);
        return {
          needsReview: counts.needs_review ?? 0,
          extractedNotApproved: counts.extracted ?? 0,
          documents: rows.map((r) => ({
            documentId: r.documentId,
            link: `/documents/${r.documentId}`,
            status: r.status,
            filename: r.filename,
            counterparty: r.counterpartyName,
            number: r.number,
            issueDate: r.issueDate,
            total: euros(r.totalCents),
          })),
        };
      }),
  });
}
