import { describe, expect, it } from "vitest";
import { applyPercent, mulDivRound } from "@/lib/tax/rounding";
import { cuota } from "@/lib/tax/vat";

describe("rounding: to the cent, half away from zero", () => {
  it.each([
    // [cents, rateBp, expected, why]
    [1_005, 1000, 101, "100,5 → 101"],
    [-1_005, 1000, -101, "−100,5 → −101 (away from zero, not towards +∞)"],
    [1_004, 1000, 100, "100,4 → 100"],
    [-1_004, 1000, -100, "−100,4 → −100"],
    [33_333, 2100, 7_000, "6 999,93 → 7 000"],
    [250, 2000, 50, "exact"],
    [12_345, 520, 642, "641,94 → 642 (recargo 5,2 %)"],
    [10_001, 62, 62, "62,006 → 62 (recargo 0,62 %)"],
    [0, 2100, 0, "zero"],
  ])("%i × %i bp = %i (%s)", (cents, bp, expected) => {
    expect(cuota(cents, bp)).toBe(expected);
    expect(mulDivRound(cents, bp, 10_000)).toBe(expected);
  });

  it("applies whole percentages and rejects non-integers", () => {
    expect(applyPercent(2_101, 50)).toBe(1_051); // 1 050,5 → 1 051
    expect(applyPercent(-2_101, 50)).toBe(-1_051);
    expect(mulDivRound(1, 1, 3)).toBe(0);
    expect(mulDivRound(2, 1, 3)).toBe(1);
    expect(() => mulDivRound(1.5, 1, 1)).toThrow(TypeError);
    expect(() => mulDivRound(1, 1, 0)).toThrow(RangeError);
  });

  it("stays exact beyond 2^53 intermediate products", () => {
    // 9e13 cents × 2100 overflows a double's integer range; BigInt keeps it exact.
    expect(mulDivRound(90_000_000_000_005, 2100, 10_000)).toBe(18_900_000_000_001);
  });
});
