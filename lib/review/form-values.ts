import type { Document, Invoice, InvoiceVatLine } from "@/db/schema";
import { bpToInput, centsToInput, type InvoiceFormValues } from "@/lib/invoices/form";
import { toExpenseCategory } from "@/lib/tax/categories";
import { numericToBp } from "@/lib/tax/vat";

/** The stored record as the form's initial values (an empty form when the pipeline made none). */
export function formValuesOf(doc: Pick<Document, "direction">, inv: Invoice | undefined, lines: InvoiceVatLine[]): InvoiceFormValues {
  return {
    direction: inv?.direction ?? doc.direction,
    docType: inv?.docType ?? "invoice",
    counterpartyName: inv?.counterpartyName ?? "",
    counterpartyTaxId: inv?.counterpartyTaxId ?? "",
    number: inv?.number ?? "",
    issueDate: inv?.issueDate ?? "",
    lines: lines.length
      ? lines.map((l) => ({
          rate: bpToInput(numericToBp(l.rate)),
          base: centsToInput(l.baseCents),
          vat: centsToInput(l.vatCents),
          recargo: l.recargoCents ? centsToInput(l.recargoCents) : "",
        }))
      : inv?.baseCents !== null && inv?.baseCents !== undefined
        ? [{ rate: "", base: centsToInput(inv.baseCents), vat: centsToInput(inv.vatCents), recargo: "" }]
        : [{ rate: "21", base: "", vat: "", recargo: "" }],
    irpfRate: bpToInput(numericToBp(inv?.irpfRate)),
    irpfAmount: centsToInput(inv?.irpfCents),
    total: centsToInput(inv?.totalCents),
    // Older rows may hold free text: the form shows its place in the fixed list.
    category: toExpenseCategory(inv?.category) ?? "",
    deductiblePct: String(inv?.deductiblePct ?? 100),
    reverseCharge: inv?.reverseCharge ?? false,
    reverseChargeRate: bpToInput(numericToBp(inv?.reverseChargeRate)),
  };
}
