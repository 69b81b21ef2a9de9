import { describe, expect, it } from "vitest";
import {
  baseFromCuota,
  bpToNumeric,
  bpToPercent,
  cuota,
  expectedTotal,
  figuresAddUp,
  formatRate,
  invoiceTotal,
  irpfRateOf,
  isKnownVatRate,
  isUsualSpanishRate,
  near,
  numericToBp,
  percentToBp,
  recargoRateOf,
  totalsOf,
} from "@/lib/tax/vat";

describe("cuota", () => {
  it.each([
    [1_005, 1000, 101], // 100,5 → 101: half away from zero
    [-1_005, 1000, -101], // symmetric for credit notes
    [33_333, 2100, 7_000], // 6.999,93 → 7.000
    [10_000, 520, 520], // recargo 5,2 %
    [12_345, 0, 0],
    [100_000, 1500, 15_000], // IRPF 15 %
  ])("%i × %i bp = %i", (base, rate, want) => expect(cuota(base, rate)).toBe(want));

  it("recovers the base of a cuota, and none at 0 %", () => {
    expect(baseFromCuota(2_100, 2100)).toBe(10_000);
    expect(baseFromCuota(-1_001, 2100)).toBe(-4_767);
    expect(baseFromCuota(500, 0)).toBeNull();
  });
});

describe("totals", () => {
  const lines = [
    { baseCents: 10_000, vatCents: 2_100, recargoCents: 520 },
    { baseCents: 5_000, vatCents: 500, recargoCents: null },
    { baseCents: null, vatCents: null },
  ];
  it("sums the lines, incomplete ones as zero", () => {
    expect(totalsOf(lines)).toEqual({ baseCents: 15_000, vatCents: 2_600, recargoCents: 520 });
  });
  it("base + IVA − IRPF + recargo", () => {
    expect(expectedTotal({ lines, irpfCents: 2_250 })).toBe(15_000 + 2_600 - 2_250 + 520);
    expect(invoiceTotal({ baseCents: 100_000, vatCents: 21_000, irpfCents: 15_000 })).toBe(106_000);
  });
  it("compares within one cent by default", () => {
    expect(near(100, 101)).toBe(true);
    expect(near(100, 102)).toBe(false);
    expect(near(100, 102, 2)).toBe(true);
  });
});

describe("rates", () => {
  it("knows the Spanish rates apart from other EU ones", () => {
    expect([2100, 1000, 500, 400, 0].every(isUsualSpanishRate)).toBe(true);
    expect(isUsualSpanishRate(1900)).toBe(false);
    expect(isKnownVatRate(1900)).toBe(true);
    expect(isKnownVatRate(0)).toBe(false);
    expect(isKnownVatRate(1234)).toBe(false);
  });
  it.each([
    [100_000, 15_000, 1500],
    [100_000, 7_000, 700],
    [33_333, 6_333, 1900], // 18,999 % → 19 %
    [100_000, 12_345, null],
    [0, 100, null],
  ])("IRPF of %i withheld %i → %s", (base, irpf, want) => expect(irpfRateOf(base, irpf)).toBe(want));
});

describe("recargo rate of a line", () => {
  it.each<[string, number, number, number, number | null]>([
    ["none charged", 2100, 10_000, 0, null],
    ["5,2 % on 21 %", 2100, 10_000, 520, 520],
    ["1,75 % on 21 % (tobacco)", 2100, 10_000, 175, 175],
    ["1,4 % on 10 %", 1000, 10_001, 140, 140],
    ["0,5 % on 4 %", 400, 10_000, 50, 50],
    ["0,62 % on 5 %", 500, 10_000, 62, 62],
    ["a credit note: same rate, negative amounts", 2100, -10_000, -520, 520],
    ["an amount of no rate: the one of its IVA", 2100, 10_000, 333, 520],
    ["an amount of no rate at an IVA without recargo", 700, 10_000, 333, null],
  ])("%s", (_n, rateBp, baseCents, recargoCents, want) => expect(recargoRateOf({ rateBp, baseCents, recargoCents })).toBe(want));
});

describe("units at the edges", () => {
  it.each([
    ["21", 2100],
    ["5,2", 520],
    ["5.20", 520],
    [10.5, 1050],
    ["0,5", 50],
    ["-21.00", -2100],
    ["21 %", null],
    ["abc", null],
    ["1.234", null],
  ])("percentToBp(%j) = %j", (p, want) => expect(percentToBp(p)).toBe(want));
  it("round-trips the database's numeric(5,2)", () => {
    for (const bp of [2100, 520, 50, 0, -2100, 1750]) expect(numericToBp(bpToNumeric(bp))).toBe(bp);
    expect(bpToNumeric(520)).toBe("5.20");
    expect(numericToBp("")).toBeNull();
    expect(numericToBp(null)).toBeNull();
  });
  it("prints rates for JSON and for people", () => {
    expect(bpToPercent(520)).toBe(5.2);
    expect(formatRate(2100)).toBe("21\u00a0%");
    expect(formatRate(520)).toBe("5,2\u00a0%");
  });
});

describe("figuresAddUp", () => {
  it.each([
    [{ base: 10000, vat: 2100, irpf: 0, recargo: 0, total: 12100 }, true],
    [{ base: 10000, vat: 2100, irpf: 1500, recargo: 0, total: 10600 }, true],
    [{ base: 10000, vat: 2100, irpf: -1500, recargo: 0, total: 10600 }, true],
    [{ base: 10000, vat: 2100, irpf: 0, recargo: 520, total: 12620 }, true],
    [{ base: -4765, vat: -1001, irpf: 0, recargo: 0, total: -5766 }, true],
    // credit note printed with mixed signs
    [{ base: -351, vat: 74, irpf: 0, recargo: 0, total: 425 }, true],
    [{ base: 4765, vat: -1001, irpf: 0, recargo: 0, total: -5766 }, true],
    [{ base: 10000, vat: 2100, irpf: 0, recargo: 0, total: 12000 }, false],
  ])("%j → %s", (f, want) => expect(figuresAddUp(f)).toBe(want));
});
