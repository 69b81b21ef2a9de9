import { describe, expect, it } from "vitest";
import { summariseQuarter, type SummaryInvoice } from "@/lib/tax/quarter-summary";

const inv = (o: Partial<SummaryInvoice>): SummaryInvoice => ({
  direction: "received",
  status: "approved",
  baseCents: 0,
  vatCents: 0,
  irpfCents: null,
  totalCents: 0,
  vatLines: [],
  ...o,
});

describe("summariseQuarter", () => {
  const q1 = { year: 2026, q: 1 as const };

  it("is all zeros for an empty quarter", () => {
    const s = summariseQuarter(q1, []);
    expect(s).toMatchObject({ from: "2026-01-01", to: "2026-03-31", vatBalanceCents: 0, netCents: 0, unreviewed: 0 });
    expect(s.income).toMatchObject({ count: 0, baseCents: 0, vatByRate: [] });
  });

  it("splits income and expenses, sums IVA by rate and IRPF in cents, and nets credit notes", () => {
    const s = summariseQuarter(q1, [
      // Issued: 1.000,00 + 21 % IVA − 15 % IRPF = 1.060,00
      inv({
        direction: "issued",
        baseCents: 100000,
        vatCents: 21000,
        irpfCents: 15000,
        totalCents: 106000,
        vatLines: [{ rateBp: 2100, baseCents: 100000, vatCents: 21000 }],
      }),
      // Issued credit note (negative, as the parser stores it)
      inv({
        direction: "issued",
        baseCents: -10000,
        vatCents: -2100,
        irpfCents: -1500,
        totalCents: -10600,
        vatLines: [{ rateBp: 2100, baseCents: -10000, vatCents: -2100 }],
      }),
      // Received with two rates
      inv({
        baseCents: 15000,
        vatCents: 2600,
        totalCents: 17600,
        status: "needs_review",
        vatLines: [
          { rateBp: 2100, baseCents: 10000, vatCents: 2100 },
          { rateBp: 1000, baseCents: 5000, vatCents: 500 },
        ],
      }),
      // Received with no breakdown
      inv({ baseCents: 1000, vatCents: 210, totalCents: 1210, status: "extracted" }),
      // Not counted
      inv({ baseCents: 99999, vatCents: 99, totalCents: 999999, status: "rejected" }),
      inv({ baseCents: 99999, vatCents: 99, totalCents: 999999, status: "duplicate" }),
    ]);
    expect(s.income).toMatchObject({ count: 2, baseCents: 90000, vatCents: 18900, irpfCents: 13500, totalCents: 95400 });
    expect(s.income.vatByRate).toEqual([{ rateBp: 2100, baseCents: 90000, vatCents: 18900, recargoCents: 0 }]);
    expect(s.expenses).toMatchObject({ count: 2, baseCents: 16000, vatCents: 2810, totalCents: 18810, incomplete: 0 });
    expect(s.expenses.vatByRate).toEqual([
      { rateBp: 2100, baseCents: 10000, vatCents: 2100, recargoCents: 0 },
      { rateBp: 1000, baseCents: 5000, vatCents: 500, recargoCents: 0 },
      { rateBp: null, baseCents: 1000, vatCents: 210, recargoCents: 0 },
    ]);
    expect(s.vatBalanceCents).toBe(18900 - 2810);
    expect(s.netCents).toBe(90000 - 16000);
    expect(s.byStatus).toEqual({ approved: 2, needs_review: 1, extracted: 1, rejected: 1, duplicate: 1 });
    expect(s.unreviewed).toBe(2);
  });

  it("marks invoices with missing amounts as incomplete", () => {
    const s = summariseQuarter(q1, [inv({ baseCents: null, vatCents: null, totalCents: 1210 })]);
    expect(s.expenses).toMatchObject({ count: 1, incomplete: 1, totalCents: 1210, vatByRate: [] });
  });
});
