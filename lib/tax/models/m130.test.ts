import { describe, expect, it } from "vitest";
import type { TaxInvoice } from "@/lib/tax/ledger";
import { computeM130, earlierNegatives, earlierPayments, expenseOf, minoracion, nextPrior, NO_PRIOR, withheldIncomeShare } from "@/lib/tax/models/m130";

const NIF = "12345678Z";
let n = 0;
const inv = (o: Partial<TaxInvoice>): TaxInvoice => ({
  id: `x${++n}`, direction: "received", docType: "invoice", issueDate: "2026-02-01", number: null, vendorName: null,
  vendorTaxId: "B12345674", customerTaxId: NIF, lines: [], baseCents: 0, vatCents: 0, irpfCents: 0, recargoCents: 0,
  totalCents: 0, reverseCharge: false, reverseChargeRateBp: null, category: null, deductiblePct: 100, approved: true, ...o,
});

describe("130: what counts as expense", () => {
  it.each<[string, Partial<TaxInvoice>, number]>([
    ["a full invoice: its base", { baseCents: 10_000, vatCents: 2_100 }, 10_000],
    ["a ticket without the book's NIF: base + IVA", { docType: "simplified", customerTaxId: null, baseCents: 4_000, vatCents: 400 }, 4_400],
    ["a ticket with the book's NIF: base", { docType: "simplified", baseCents: 4_000, vatCents: 400 }, 4_000],
    ["50 % deductible IVA: base + the other half", { baseCents: 20_000, vatCents: 4_200, deductiblePct: 50 }, 22_100],
    ["reverse charge: base", { reverseCharge: true, baseCents: 10_000 }, 10_000],
    ["recargo paid: a cost", { baseCents: 10_000, vatCents: 2_100, recargoCents: 520 }, 10_520],
    ["a received credit note: negative", { docType: "credit_note", baseCents: -10_000, vatCents: -2_100 }, -10_000],
  ])("%s", (_n, o, expected) => expect(expenseOf(inv(o), NIF)).toBe(expected));
});

describe("130: box 13 minoración (RIRPF 110.3.c)", () => {
  it.each<[number | null, number]>([
    [null, 0],
    [0, 10_000],
    [900_000, 10_000],
    [900_001, 7_500],
    [1_000_000, 7_500],
    [1_100_000, 5_000],
    [1_200_000, 2_500],
    [1_200_001, 0],
  ])("last year %s → %i", (income, expected) => expect(minoracion(income)).toBe(expected));
});

describe("130: earlier quarters", () => {
  it("05 sums only the positive 07s", () => {
    expect(earlierPayments({ ...NO_PRIOR, box07: [10_000, -5_000, 3_000], box16: [0, 0, 0] })).toBe(13_000);
  });
  it("15 deducts earlier negative 19s not yet used, only against a positive 14 and at most 14", () => {
    const prior = { ...NO_PRIOR, box19: [-10_000, -2_500], box15: [0, 0] };
    expect(earlierNegatives(5_000, prior)).toBe(5_000);
    expect(earlierNegatives(50_000, prior)).toBe(12_500);
    expect(earlierNegatives(0, prior)).toBe(0);
    expect(earlierNegatives(50_000, { ...prior, box15: [0, 12_000] })).toBe(500);
  });

  it("a minoración larger than the payment leaves a negative 19 that the next quarter deducts", () => {
    const issued = (date: string, cents: number) => inv({ direction: "issued", issueDate: date, baseCents: cents, lines: [] });
    const base = { otherExpenses: [], bookNif: NIF, lastYearNetIncomeCents: 800_000, isLastPeriod: false };
    // 1T: 03 = 2 000 → 04 = 400 (no IRPF) → 12 = 400 → 13 = 100 → 19 = 300
    const q1 = computeM130({ ...base, invoices: [issued("2026-01-10", 200_000)], prior: NO_PRIOR });
    expect(q1.values).toMatchObject({ "04": 40_000, "07": 40_000, "12": 40_000, "13": 10_000, "14": 30_000, "19": 30_000 });
    // 2T: nothing new → 04 = 400, 05 = 400 → 07 = 0 → 12 = 0, 13 = 100 → 14 = 19 = −100: a deducir
    const q2 = computeM130({ ...base, invoices: [issued("2026-01-10", 200_000)], prior: nextPrior(NO_PRIOR, q1) });
    expect(q2.values).toMatchObject({ "05": 40_000, "07": 0, "12": 0, "14": -10_000, "15": 0, "19": -10_000 });
    expect(q2.outcome).toBe("a_deducir");
    // 3T: 03 = 4 000 → 04 = 800 − 05 400 = 400 → 14 = 300 → 15 = 100 → 19 = 200
    const q3 = computeM130({ ...base, invoices: [issued("2026-01-10", 200_000), issued("2026-07-10", 200_000)], prior: nextPrior(nextPrior(NO_PRIOR, q1), q2) });
    expect(q3.values).toMatchObject({ "05": 40_000, "07": 40_000, "14": 30_000, "15": 10_000, "17": 20_000, "19": 20_000 });
    // 4T with a negative result is "negativa", not "a deducir"
    const q4 = computeM130({ ...base, isLastPeriod: true, invoices: [], prior: NO_PRIOR });
    expect(q4.outcome).toBe("negativa");
  });

  it("a 03 that is negative gives 04 = 0, and withholdings above 04 give a negative 07 but 12 = 0", () => {
    const r = computeM130({
      invoices: [inv({ direction: "issued", baseCents: 100_000, irpfCents: 15_000 }), inv({ baseCents: 200_000, vatCents: 42_000 })],
      otherExpenses: [{ id: "ss", date: "2026-01-31", concept: "RETA", amountCents: 30_000 }],
      bookNif: NIF, prior: NO_PRIOR, lastYearNetIncomeCents: null, isLastPeriod: false,
    });
    expect(r.values).toMatchObject({ "01": 100_000, "02": 230_000, "03": -130_000, "04": 0, "06": 15_000, "07": -15_000, "12": 0, "19": 0 });
    expect(r.sources["02"]).toContain("ss");
  });
});

describe("130: the 70 % rule", () => {
  it.each<[number, number, boolean]>([
    [70_000, 30_000, true],
    [69_999, 30_001, false],
  ])("%i withheld of %i + more → not obliged: %s", (withheld, without, expected) => {
    const r = withheldIncomeShare([
      inv({ direction: "issued", baseCents: withheld, irpfCents: 1 }),
      inv({ direction: "issued", baseCents: without }),
    ]);
    expect(r.notObliged).toBe(expected);
  });
});
