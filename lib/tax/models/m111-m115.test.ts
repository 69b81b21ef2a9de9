import { describe, expect, it } from "vitest";
import type { TaxInvoice } from "@/lib/tax/ledger";
import { computeM111 } from "@/lib/tax/models/m111";
import { computeM115 } from "@/lib/tax/models/m115";

let n = 0;
const inv = (o: Partial<TaxInvoice>): TaxInvoice => ({
  id: `x${++n}`, direction: "received", docType: "invoice", issueDate: "2026-02-01", number: null, vendorName: null,
  vendorTaxId: "B12345674", customerTaxId: null, lines: [], baseCents: 0, vatCents: 0, irpfCents: 0, recargoCents: 0,
  totalCents: 0, reverseCharge: false, reverseChargeRateBp: null, category: null, deductiblePct: 100, approved: true, ...o,
});

describe("111: professionals' withholdings", () => {
  it("counts distinct payees, sums bases and withholdings, leaves rent and issued invoices out", () => {
    const r = computeM111([
      inv({ vendorTaxId: "11111111H", baseCents: 40_000, irpfCents: 6_000, category: "servicios_profesionales" }),
      inv({ vendorTaxId: "ES-11111111H", baseCents: 10_000, irpfCents: 1_500 }),
      inv({ vendorTaxId: "B12345674", baseCents: 15_000, irpfCents: 2_250 }),
      inv({ vendorTaxId: "B12345674", baseCents: 99_000, irpfCents: 0 }), // no withholding
      inv({ vendorTaxId: "87654321X", baseCents: 80_000, irpfCents: 15_200, category: "alquiler" }),
      inv({ direction: "issued", baseCents: 100_000, irpfCents: 15_000 }),
    ]);
    expect(Object.fromEntries(Object.entries(r.values).filter(([, v]) => v))).toEqual({ "07": 2, "08": 65_000, "09": 9_750, "28": 9_750, "30": 9_750 });
  });
});

describe("115: rent withholdings (19 %)", () => {
  it("takes only the alquiler category, with credit notes signed", () => {
    const r = computeM115([
      inv({ vendorTaxId: "87654321X", baseCents: 80_000, irpfCents: 15_200, category: "alquiler" }),
      inv({ vendorTaxId: "87654321X", docType: "credit_note", baseCents: -10_000, irpfCents: -1_900, category: "alquiler" }),
      inv({ vendorTaxId: "11111111H", baseCents: 50_000, irpfCents: 9_500, category: "alquiler" }),
      inv({ vendorTaxId: "B12345674", baseCents: 15_000, irpfCents: 2_250 }),
    ]);
    expect(r.values).toEqual({ "01": 2, "02": 120_000, "03": 22_800, "04": 0, "05": 22_800 });
    expect(r.sources["02"]).toHaveLength(3);
  });
});
