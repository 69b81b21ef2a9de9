/**
 * Modelo 115 (retenciones sobre rendimientos procedentes del arrendamiento de inmuebles urbanos), trimestral.
 * Source: Orden HAP/2368/2013 (form and instructions), RIRPF art. 100–101 (19 % on rent). Boxes: 01 number of
 * payees (landlords), 02 base of the withholdings, 03 withholdings, 04 to deduct (complementaria: 0), 05 = 03 − 04.
 */
import { addTo, emptyBoxes, type BoxKind, type Boxes } from "@/lib/tax/models/boxes";
import { invoiceBase, type TaxInvoice } from "@/lib/tax/ledger";
import { payeeCount, withheldBy } from "@/lib/tax/models/withholdings";

export const M115_BOXES = ["01", "02", "03", "04", "05"] as const;
export function m115Kind(box: string): BoxKind {
  return box === "01" ? "count" : "amount";
}

export function computeM115(invoices: TaxInvoice[]): Boxes {
  const b = emptyBoxes(M115_BOXES);
  const { rent } = withheldBy(invoices);
  for (const inv of rent) {
    addTo(b, "02", invoiceBase(inv), inv.id);
    addTo(b, "03", inv.irpfCents, inv.id);
  }
  b.values["01"] = payeeCount(rent);
  if (rent.length) b.sources["01"] = rent.map((i) => i.id);
  b.values["04"] = 0;
  b.values["05"] = b.values["03"] - b.values["04"];
  return b;
}
