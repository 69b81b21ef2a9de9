import "server-only";
import { tool } from "ai";
import { z } from "zod";
import { DIRECTIONS, DOCUMENT_STATUSES } from "@/lib/enums";
import { searchInvoices as querySearchInvoices } from "@/db/queries/invoice-search";
import { euros, guarded, type ToolScope } from "@/lib/ai/tools/shared";
import { isoDateSchema } from "@/lib/iso-date";

const amount = z.number().min(-10_000_000).max(10_000_000);

export const searchInvoicesInput = z
  .object({
    counterparty: z.string().trim().min(1).max(100).optional().describe("Nombre o NIF del cliente o proveedor (parte del texto)"),
    from: isoDateSchema.optional().describe("Fecha de emisión desde (incluida), AAAA-MM-DD"),
    to: isoDateSchema.optional().describe("Fecha de emisión hasta (incluida), AAAA-MM-DD"),
    minTotal: amount.optional().describe("Total mínimo en euros"),
    maxTotal: amount.optional().describe("Total máximo en euros"),
    status: z.enum(DOCUMENT_STATUSES).optional().describe("Estado del documento"),
    direction: z.enum(DIRECTIONS).optional().describe("issued = emitida (ingreso), received = recibida (gasto)"),
    limit: z.number().int().min(1).max(50).optional().describe("Máximo de resultados (20 por defecto)"),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: "from debe ser anterior o igual a to", path: ["to"] })
  .refine((v) => v.minTotal === undefined || v.maxTotal === undefined || v.minTotal <= v.maxTotal, {
    message: "minTotal debe ser menor o igual que maxTotal",
    path: ["maxTotal"],
  });


/** Searches the caller's book only: by counterparty, date range, total range, status and direction. */
export function searchInvoices({ db, bookId }: ToolScope) {
  return tool({
    description:
      "Busca facturas del libro por cliente o proveedor (nombre o NIF), rango de fechas, importe total y estado. Devuelve como mucho 50, las más recientes primero.",
    inputSchema: searchInvoicesInput,
    execute: async (input) =>
      guarded("searchInvoices", async () => {
        const rows = await querySearchInvoices(db, {
          bookId,
          counterparty: input.counterparty,
          from: input.from,
          to: input.to,
          minTotalCents: input.minTotal === undefined ? undefined : Math.round(input.minTotal * 100),
          maxTotalCents: input.maxTotal === undefined ? undefined : Math.round(input.maxTotal * 100),
          statuses: input.status ? [input.status] : undefined,
          direction: input.direction,
          limit: input.limit,
        });
        return {
          count: rows.length,
          invoices: rows.map((r) => ({
            id: r.id,
            documentId: r.documentId,
            direction: r.direction,
            status: r.status,
            counterparty: r.counterpartyName,
            counterpartyTaxId: r.counterpartyTaxId,
            number: r.number,
            issueDate: r.issueDate,
            base: euros(r.baseCents),
            vat: euros(r.vatCents),
            irpf: euros(r.irpfCents),
            total: euros(r.totalCents),
          })),
        };
      }),
  });
}
