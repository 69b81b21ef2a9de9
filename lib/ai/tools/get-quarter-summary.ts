import "server-only";
import { tool } from "ai";
import { z } from "zod";
import { getQuarterSummary as queryQuarterSummary } from "@/db/queries/tax";
import type { SideTotals } from "@/lib/tax/quarter-summary";
import { filingDeadline, quarterLabel } from "@/lib/tax/quarters";
import { euros, guarded, type ToolScope } from "@/lib/ai/tools/shared";
import { formatRate } from "@/lib/tax/vat";

export const getQuarterSummaryInput = z.object({
  year: z.number().int().min(2000).max(2100).describe("Año, p. ej. 2026"),
  quarter: z.number().int().min(1).max(4).describe("Trimestre: 1 (ene–mar), 2 (abr–jun), 3 (jul–sep), 4 (oct–dic)"),
});

function side(s: SideTotals, vatKey: "vatCharged" | "vatPaid") {
  return {
    invoices: s.count,
    base: euros(s.baseCents),
    [vatKey]: euros(s.vatCents),
    irpfWithheld: euros(s.irpfCents),
    recargo: euros(s.recargoCents),
    total: euros(s.totalCents),
    vatByRate: s.vatByRate.map((r) => ({
      rate: r.rateBp === null ? "sin desglose" : formatRate(r.rateBp),
      base: euros(r.baseCents),
      vat: euros(r.vatCents),
    })),
    incompleteInvoices: s.incomplete,
  };
}

/** The quarter's income, expenses, IVA by rate, IRPF withheld and documents by status — of the caller's book only. */
export function getQuarterSummary({ db, bookId }: ToolScope) {
  return tool({
    description:
      "Resumen de un trimestre del libro: ingresos (facturas emitidas) y gastos (recibidas), IVA repercutido y soportado por tipo, IRPF retenido, y documentos por estado. Base de los modelos 303, 130 y 111.",
    inputSchema: getQuarterSummaryInput,
    execute: async ({ year, quarter }) =>
      guarded("getQuarterSummary", async () => {
        const q = { year, q: quarter as 1 | 2 | 3 | 4 };
        const s = await queryQuarterSummary(db, { bookId, quarter: q });
        return {
          period: `${quarterLabel(q)} (${s.from} a ${s.to})`,
          filingDeadline: filingDeadline(q),
          income: side(s.income, "vatCharged"),
          expenses: side(s.expenses, "vatPaid"),
          vatBalance: euros(s.vatBalanceCents),
          incomeMinusExpenses: euros(s.netCents),
          documentsByStatus: s.byStatus,
          unreviewedInvoices: s.unreviewed,
          notes:
            "Importes sumados de las facturas con fecha en el trimestre (estados extracted, needs_review y approved). irpfWithheld en ingresos: retenciones que te practicaron los clientes; en gastos: retenciones que practicaste tú (modelo 111).",
        };
      }),
  });
}
