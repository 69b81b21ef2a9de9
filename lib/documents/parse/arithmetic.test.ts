import { describe, expect, it } from "vitest";
import { percentToBp } from "@/lib/tax/vat";
import { inferTaxRow, matchTaxRow, readings, rowsConfirmed, type RowAmount } from "@/lib/documents/parse/arithmetic";

/** "23,54" → decimals; "2354" → none (OCR lost the comma). */
const amt = (s: string): RowAmount => {
  const decimals = /[.,]\d{2}$/.test(s);
  const digits = s.replace(/\D/g, "").length;
  const n = Number(s.replace(/[.,](?=\d{2}$)/, "#").replace(/[.,]/g, "").replace("#", "."));
  return { cents: Math.round(n * 100), decimals, digits };
};
const row = (s: string) => s.split(/\s+/).filter((x) => !x.endsWith("%")).map(amt);
const rates = (s: string) => s.split(/\s+/).filter((x) => x.endsWith("%")).map((x) => percentToBp(x.slice(0, -1))!);

describe("readings", () => {
  it.each([
    ["23,54", [{ cents: 2354, lossy: false }]],
    ["2354", [{ cents: 2354, lossy: true }]],
    ["12", []],
  ])("%s → %j", (s, want) => expect(readings(amt(s))).toEqual(want));
});

describe("matchTaxRow", () => {
  it.each([
    ["base, rate, quota", "100,00 21% 21,00", { rateBp: 2100, baseCents: 10000, vatCents: 2100, recargoCents: 0, tentative: false }],
    ["quota before a row total", "21% 239,44 23,94 263,38", { rateBp: 1000, baseCents: 23944, vatCents: 2394 }, "10%"],
    ["with recargo", "51,54 4% 2,06 0,5% 0,26 53,86", { rateBp: 400, baseCents: 5154, vatCents: 206, recargoCents: 26, tentative: false }],
    ["decimal commas lost (photo)", "2354 21% 2354 494 52% 122 2970", { rateBp: 2100, baseCents: 2354, vatCents: 494, recargoCents: 122, tentative: true }],
    ["recargo rate read without its point", "23944 10% 23944 2394 14% 335 26673", { rateBp: 1000, baseCents: 23944, vatCents: 2394, recargoCents: 335, tentative: true }],
    ["negative (credit note)", "-47,65 21% -10,01", { rateBp: 2100, baseCents: -4765, vatCents: -1001 }],
  ])("%s", (_n, s, want, rateOverride?: string) => {
    expect(matchTaxRow(row(s), rates(rateOverride ?? s))).toMatchObject(want);
  });

  it.each([
    ["an item line: quantity × price", "10 187 10% 18,70"],
    ["an exempt rate proves nothing", "100,00 0% 0,00"],
    ["numbers that do not multiply", "100,00 21% 20,00"],
    ["no rate", "100,00 21,00"],
  ])("%s → none", (_n, s) => {
    expect(matchTaxRow(row(s), rates(s))).toBeNull();
  });
});

describe("inferTaxRow", () => {
  it.each([
    ["rate lost, quota misread, row total intact", "53,79 53,79 218 55,94", { rateBp: 400, baseCents: 5379, vatCents: 215, tentative: true }],
    ["21 %", "100,00 121,00", { rateBp: 2100, vatCents: 2100 }],
  ])("%s", (_n, s, want) => expect(inferTaxRow(row(s))).toMatchObject(want));

  it("prefers the rate printed on the row (quota misread, row total intact)", () => {
    expect(inferTaxRow(row("239,44 23,04 263,38"), [1000])).toMatchObject({ rateBp: 1000, baseCents: 23944, vatCents: 2394 });
    // 10 % does not fit 100 → 121: the printed rate was misread ("18%" for 10 %, "16%" for 21 %); a usual rate,
    // tentative like every inferred row (the totals decide).
    expect(inferTaxRow(row("100,00 121,00"), [1000])).toMatchObject({ rateBp: 2100, tentative: true });
    expect(inferTaxRow(row("100,00 133,00"), [1000])).toBeNull();
  });

  it.each([["repeated base", "314,52 314,52"], ["unusual ratio", "100,00 133,00"]])("%s → none", (_n, s) => {
    expect(inferTaxRow(row(s))).toBeNull();
  });
});

describe("rowsConfirmed", () => {
  const rows = [
    { baseCents: 2354, vatCents: 494, recargoCents: 122 },
    { baseCents: 23944, vatCents: 2394, recargoCents: 335 },
    { baseCents: 5154, vatCents: 206, recargoCents: 26 },
  ];
  it.each([
    ["the total printed", [35029], [], true],
    ["within a cent per row", [35031], [], true],
    ["another total", [36000], [], false],
    ["after IRPF", [30000], [5029], true],
    ["credit note sign", [-35029], [], true],
    ["no totals", [], [], false],
  ])("%s", (_n, totals, irpf, want) => expect(rowsConfirmed(rows, totals, irpf)).toBe(want));
});
