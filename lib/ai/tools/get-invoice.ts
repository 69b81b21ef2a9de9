import "server-only";
import { tool } from "ai";
import { z } from "zod";
import { uuidSchema } from "@/lib/ids";
import { getBookInvoice } from "@/db/queries/invoice-search";
import { euros, guarded, type ToolScope } from "@/lib/ai/tools/shared";
import { formatPercent } from "@/lib/money";

export const getInvoiceInput = z.object({
  id: uuidSchema.describe("Id de la factura o de su documento (de searchInvoices o listPendingReview)"),
});

/** One invoice of the caller's book; an id from another book answers `found: false`, like a missing one. */
export function getInvoice({ db, bookId }: ToolScope) {
  return tool({
    description: "Detalle de una factura del libro: contraparte, número, fecha, bases e IVA por tipo, IRPF, total y estado.",
    inputSchema: getInvoiceInput,
    execute: async ({ id }) =>
      guarded("getInvoice", async () => {
        const inv = await getBookInvoice(db, { bookId, id });
        if (!inv) return { found: false as const };
        return {
          found: true as const,
          invoice: {
            id: inv.id,
            documentId: inv.documentId,
            link: `/documents/${inv.documentId}`,
            direction: inv.direction,
            docType: inv.docType,
            status: inv.status,
            reviewed: inv.reviewedAt !== null,
            filename: inv.filename,
            counterparty: inv.counterpartyName,
            counterpartyTaxId: inv.counterpartyTaxId,
            number: inv.number,
            issueDate: inv.issueDate,
            currency: inv.currency,
            base: euros(inv.baseCents),
            vat: euros(inv.vatCents),
            vatLines: inv.vatLines.map((l) => ({ rate: formatPercent(l.rate), base: euros(l.baseCents), vat: euros(l.vatCents) })),
            irpfRate: inv.irpfRate === null ? null : formatPercent(inv.irpfRate),
            irpf: euros(inv.irpfCents),
            recargo: euros(inv.recargoCents),
            total: euros(inv.totalCents),
            category: inv.category,
            deductiblePct: inv.deductiblePct,
          },
        };
      }),
  });
}
