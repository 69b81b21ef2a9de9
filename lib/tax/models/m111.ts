/**
 * Modelo 111 (retenciones e ingresos a cuenta: trabajo, actividades económicas, premios…), trimestral.
 * Source: Orden EHA/586/2011 (form and instructions, as amended), RIRPF arts. 95 and 101 (15 % / 7 % on
 * professional fees). Boxes filled: 07 number of payees, 08 amount of the payments (bases), 09 withholdings —
 * "rendimientos de actividades económicas, dinerarios". 01–06 (employees) and 10–27 (in kind, prizes, forestry,
 * image rights) stay 0. 28 = 03 + 06 + 09 + 12 + 15 + 18 + 21 + 24 + 27; 29 = 0 (no complementaria); 30 = 28 − 29.
 */
import { addTo, emptyBoxes, type BoxKind, type Boxes } from "@/lib/tax/models/boxes";
import { invoiceBase, type TaxInvoice } from "@/lib/tax/ledger";
import { payeeCount, withheldBy } from "@/lib/tax/models/withholdings";

export const M111_BOXES = Array.from({ length: 30 }, (_, i) => String(i + 1).padStart(2, "0"));
const COUNT_BOXES = new Set(["01", "04", "07", "10", "13", "16", "19", "22", "25"]);
export function m111Kind(box: string): BoxKind {
  return COUNT_BOXES.has(box) ? "count" : "amount";
}

export function computeM111(invoices: TaxInvoice[]): Boxes {
  const b = emptyBoxes(M111_BOXES);
  const { professionals } = withheldBy(invoices);
  for (const inv of professionals) {
    addTo(b, "08", invoiceBase(inv), inv.id);
    addTo(b, "09", inv.irpfCents, inv.id);
  }
  b.values["07"] = payeeCount(professionals);
  if (professionals.length) b.sources["07"] = professionals.map((i) => i.id);
  const v = b.values;
  v["28"] = ["03", "06", "09", "12", "15", "18", "21", "24", "27"].reduce((s, k) => s + v[k], 0);
  v["29"] = 0;
  v["30"] = v["28"] - v["29"];
  return b;
}
