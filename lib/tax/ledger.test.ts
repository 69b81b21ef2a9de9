import { describe, expect, it } from "vitest";
import { expandOtherExpenses, reverseChargeOrigin } from "@/lib/tax/ledger";
import { ledgerSchema } from "@/lib/tax/ledger-file";

describe("reverse-charge origin", () => {
  it.each<[string | null, string]>([
    ["IE6388047V", "eu"],
    ["DE 123456789", "eu"],
    ["EL123456789", "eu"],
    ["ESB12345674", "domestic"],
    ["B12345674", "domestic"],
    ["12345678Z", "domestic"],
    ["US-98-7654321", "non_eu"],
    ["GB123456789", "non_eu"], // the UK left the EU (services)
    [null, "non_eu"],
  ])("%s → %s", (id, expected) => expect(reverseChargeOrigin(id)).toBe(expected));
});

describe("other expenses", () => {
  it("repeats monthly to December, clamping the day to the month's end", () => {
    const e = expandOtherExpenses([{ id: "ss", date: "2026-10-31", concept: "RETA", amountCents: 30_000, repeat: "monthly" }], 2026);
    expect(e.map((x) => x.date)).toEqual(["2026-10-31", "2026-11-30", "2026-12-31"]);
    const fromLastYear = expandOtherExpenses([{ id: "ss", date: "2025-06-15", concept: "RETA", amountCents: 1, repeat: "monthly" }], 2026);
    expect(fromLastYear).toHaveLength(12);
    expect(expandOtherExpenses([{ id: "b", date: "2025-06-15", concept: "x", amountCents: 1 }], 2026)).toEqual([]);
  });
});

describe("ledger file validation", () => {
  it("refuses bad dates, categories and shares with a path to the field", () => {
    const r = ledgerSchema.safeParse({
      nif: "12345678Z",
      year: 2026,
      invoices: [{ issueDate: "15/01/2026", category: "viajes", deductiblePct: 150 }],
    });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["invoices.0.issueDate", "invoices.0.category", "invoices.0.deductiblePct"]));
  });
});
