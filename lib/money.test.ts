import { describe, expect, it } from "vitest";
import { formatEuros, formatPercent, parseAmount } from "@/lib/money";

describe("parseAmount", () => {
  it.each([
    // Spanish format
    ["1.234,56", 123456],
    ["1234,56", 123456],
    ["12,5", 1250],
    ["0,99", 99],
    ["1.234.567,89", 123456789],
    ["1 234,56", 123456],
    // English format
    ["1,234.56", 123456],
    ["1234.56", 123456],
    ["1,234,567.89", 123456789],
    ["0.5", 50],
    // Grouping only: invoices never print three decimals
    ["1.234", 123400],
    ["1,234", 123400],
    ["1234", 123400],
    // Currency signs and codes on either side
    ["€ 12,50", 1250],
    ["12,50 €", 1250],
    ["12,50€", 1250],
    ["EUR 12,50", 1250],
    ["12.50 EUR", 1250],
    ["12,50 euros", 1250],
    ["$1,234.56", 123456],
    ["12,50\u00a0€", 1250],
    // Negatives
    ["-12,50", -1250],
    ["\u221212,50", -1250],
    ["(12,50)", -1250],
    ["(12,50 €)", -1250],
    ["12,50-", -1250],
    ["-12,50 €", -1250],
    ["-€12,50", -1250],
    ["€-12,50", -1250],
    ["-0,00", 0],
    // Rounding beyond cents
    ["1.234,567", 123457],
  ])("%j → %i", (input, cents) => {
    expect(parseAmount(input)).toBe(cents);
  });

  it.each(["", "   ", "abc", "€", "12.34.56", "1,2,3", "1.2345,67", "21 %", "12,50 abc", "F-2026-001"])(
    "%j → null",
    (input) => {
      expect(parseAmount(input)).toBeNull();
    },
  );

  it("returns integers (cents), never floats", () => {
    for (const s of ["0,10", "0,20", "0,30", "1.005,07", "19,99"]) {
      expect(Number.isInteger(parseAmount(s))).toBe(true);
    }
    expect(parseAmount("0,10")! + parseAmount("0,20")!).toBe(parseAmount("0,30"));
  });
});

describe("formatEuros", () => {
  const nbsp = (s: string) => s.replace(/ /g, "\u00a0");
  it.each([
    [123456, "1.234,56 €"],
    [1234, "12,34 €"],
    [0, "0,00 €"],
    [5, "0,05 €"],
    [-123456, "-1.234,56 €"],
    [100000000, "1.000.000,00 €"],
    [999999, "9.999,99 €"],
  ])("%i → %s", (cents, text) => {
    expect(formatEuros(cents)).toBe(nbsp(text));
  });

  it("round-trips with parseAmount", () => {
    for (const c of [1, 99, 100, 123456, -98765, 100000001]) expect(parseAmount(formatEuros(c))).toBe(c);
  });
});

describe("formatPercent", () => {
  it.each([
    [5.2, "5,2\u00a0%"],
    ["21.00", "21\u00a0%"],
    [0.5, "0,5\u00a0%"],
    [15, "15\u00a0%"],
  ])("formats %j as %j", (v, out) => expect(formatPercent(v)).toBe(out));
});
