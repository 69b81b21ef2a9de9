/**
 * The worked year, box by box. Every expected figure below was worked out by hand from the ledger in
 * lib/testing/tax-ledger.ts following the AEAT's instructions (the arithmetic is in the comments), not copied
 * from the program's output.
 */
import { describe, expect, it } from "vitest";
import { fromLedgerFile, ledgerSchema } from "@/lib/tax/ledger-file";
import type { TaxInvoice } from "@/lib/tax/ledger";
import { line130Obligation } from "@/lib/tax/plain-spanish";
import { computeYear, printableYear } from "@/lib/tax/year";
import { WORKED_YEAR } from "@/lib/testing/tax-ledger";

const year = printableYear(computeYear(fromLedgerFile(ledgerSchema.parse(WORKED_YEAR))));
const q = (n: 1 | 2 | 3 | 4) => year.quarters[n - 1];
/** Only the boxes that are not zero, to compare against the hand-worked figures. */
const nonZero = (boxes: Record<string, number>) => Object.fromEntries(Object.entries(boxes).filter(([, v]) => v !== 0));

// Rate boxes the 303 always prints (4, 5, 10, 21 % and the fixed recargo rows of the 2026 form: 1,75 % in 157,
// 0,5 % in 169, 1,4 % in 20, 5,2 % in 23; 17 varies and is empty here; 65 = 100 %).
const RATES = { "02": 4, "154": 5, "05": 10, "08": 21, "157": 1.75, "169": 0.5, "20": 1.4, "23": 5.2, "65": 100 };

describe("worked year 2026 — modelo 303 (carry-forward across quarters)", () => {
  it("1T: multi-rate sales, EU reverse charge, tickets with and without NIF; 200 € carried from 2025", () => {
    expect(nonZero(q(1).m303)).toEqual({
      ...RATES,
      "07": 7000, "09": 1470, // 21 %: 4 000 (I-001) + 3 000 (I-002); 7 000 × 21 %
      "04": 500, "06": 50, // 10 %: 500 (I-001)
      "10": 100, "11": 21, // Google Ireland, self-assessed at 21 %
      "27": 1541, // 1 470 + 50 + 21
      "28": 1000, "29": 210, // rent 800/168 + ticket with NIF 50/10,50 + gestoría 150/31,50 (ticket without NIF: none)
      "36": 100, "37": 21, // the EU reverse charge, deducted
      "45": 231, "46": 1310, "64": 1310, "66": 1310,
      "110": 200, "78": 200, // all of last year's 200 applied (66 > 110)
      "69": 1110, "71": 1110,
    });
    expect(q(1).result).toMatchObject({ m303: "ingresar", carryForward303: 0 });
  });

  it("2T: non-EU reverse charge, credit notes issued and received → negative, a compensar", () => {
    expect(nonZero(q(2).m303)).toEqual({
      ...RATES,
      "01": 300, "03": 12, // 4 %
      "07": 700, "09": 147, // 21 %
      "12": 1000, "13": 210, // Cloud Inc. (US): otras operaciones con inversión del sujeto pasivo
      "14": -200, "15": -42, // R-001, our credit note
      "27": 327, // 12 + 147 + 210 − 42
      "28": 3300, "29": 693, // rent 800/168 + Cloud 1 000/210 + Estudio Web 1 500/315
      "40": -100, "41": -21, // the stationer's credit note
      "45": 672, "46": -345, "64": -345, "66": -345,
      "69": -345, "71": -345, // nothing pending (110 = 0), 78 = 0 as 66 < 0
    });
    expect(q(2).result).toMatchObject({ m303: "compensar", carryForward303: 345 });
  });

  it("3T: the 345 € applied only up to the positive result; 203,50 € left for later", () => {
    expect(nonZero(q(3).m303)).toEqual({
      ...RATES,
      "07": 2000, "09": 420, "153": 100, "155": 5,
      "27": 425,
      "28": 1350, "29": 283.5, // rent 800/168 + gestoría 150/31,50 + designer 400/84
      "45": 283.5, "46": 141.5, "64": 141.5, "66": 141.5,
      "110": 345, "78": 141.5, "87": 203.5, // 87 = 110 − 78
    });
    expect(q(3).result).toMatchObject({ m303: "cero", carryForward303: 203.5 });
  });

  it("4T: recargo de equivalencia charged, 50 % deductible fuel, the rest of the compensation used up", () => {
    expect(nonZero(q(4).m303)).toEqual({
      ...RATES,
      "07": 9500, "09": 1995, // 9 000 (I-005) + 500 (I-006)
      "22": 500, "24": 26, // recargo 5,2 % on I-006
      "27": 2021, // 1 995 + 26
      "28": 900, "29": 189, // rent 800/168 + fuel 50 % of 200/42 = 100/21
      "45": 189, "46": 1832, "64": 1832, "66": 1832,
      "110": 203.5, "78": 203.5,
      "69": 1628.5, "71": 1628.5,
    });
    expect(q(4).result).toMatchObject({ m303: "ingresar", carryForward303: 0 });
  });
});

describe("worked year 2026 — modelo 130 (cumulative from 1 January)", () => {
  it.each([
    // 1T: 01 = 4 500 + 3 000; 02 = 800 + 100 + 44 (ticket with its IVA) + 50 + 150 + 3 × 300 (RETA) + 12 (bank)
    [1, { "01": 7500, "02": 2056, "03": 5444, "04": 1088.8, "06": 450, "07": 638.8, "12": 638.8, "14": 638.8, "17": 638.8, "19": 638.8 }, "ingresar"],
    // 2T: 01 += 1 000 − 200; 02 += 1 000 + 800 − 100 + 1 500 + 900; 05 = 638,80; 06 = 450 + 150 − 30; 07 < 0 → 12 = 0
    [2, { "01": 8300, "02": 6156, "03": 2144, "04": 428.8, "05": 638.8, "06": 570, "07": -780 }, "cero"],
    // 3T: 01 += 2 100; 02 += 800 + 150 + 400 + 900; 06 += 315
    [3, { "01": 10400, "02": 8406, "03": 1994, "04": 398.8, "05": 638.8, "06": 885, "07": -1125 }, "cero"],
    // 4T: 01 += 9 000 + 500; 02 += 800 + 221 (fuel: 200 + the 21 € of IVA not deductible) + 900
    [4, { "01": 19900, "02": 10327, "03": 9573, "04": 1914.6, "05": 638.8, "06": 885, "07": 390.8, "12": 390.8, "14": 390.8, "17": 390.8, "19": 390.8 }, "ingresar"],
  ] as const)("%iT", (n, boxes, outcome) => {
    expect(nonZero(q(n).m130)).toEqual(boxes);
    expect(q(n).result.m130).toBe(outcome);
  });

  it("reads the 70 % rule from 2025 (6 000 of 12 000 € withheld → 50 %: obliged to file), not 2026's own 29,65 %", () => {
    expect(year.m130WithheldIncome).toEqual({ year: 2025, invoices: 2, sharePct: 50, notObliged: false });
  });
});

describe("worked year 2026 — modelos 111 and 115", () => {
  it.each([
    [1, { "07": 1, "08": 150, "09": 22.5, "28": 22.5, "30": 22.5 }, { "01": 1, "02": 800, "03": 152, "05": 152 }],
    [2, {}, { "01": 1, "02": 800, "03": 152, "05": 152 }], // Estudio Web SL withholds nothing
    [3, { "07": 2, "08": 550, "09": 82.5, "28": 82.5, "30": 82.5 }, { "01": 1, "02": 800, "03": 152, "05": 152 }],
    [4, {}, { "01": 1, "02": 800, "03": 152, "05": 152 }],
  ] as const)("%iT", (n, m111, m115) => {
    expect(nonZero(q(n).m111)).toEqual(m111);
    expect(nonZero(q(n).m115)).toEqual(m115);
  });
});

describe("worked year 2026 — deadlines", () => {
  it("moves 30 January 2027 (a Saturday) to Monday 1 February", () => {
    expect(year.quarters.map((x) => [x.quarter, x.deadlines])).toEqual([
      ["2026-T1", { "303": "2026-04-20", "130": "2026-04-20", "111": "2026-04-20", "115": "2026-04-20" }],
      ["2026-T2", { "303": "2026-07-20", "130": "2026-07-20", "111": "2026-07-20", "115": "2026-07-20" }],
      ["2026-T3", { "303": "2026-10-20", "130": "2026-10-20", "111": "2026-10-20", "115": "2026-10-20" }],
      ["2026-T4", { "303": "2027-02-01", "130": "2027-02-01", "111": "2027-01-20", "115": "2027-01-20" }],
    ]);
  });
});

describe("only what counts", () => {
  it("leaves out unreviewed invoices unless asked", () => {
    const input = fromLedgerFile(ledgerSchema.parse(WORKED_YEAR));
    input.invoices.find((i) => i.id === "I-001")!.approved = false;
    const strict = computeYear(input);
    expect(strict.quarters[0].m303.values["07"]).toBe(300_000); // only I-002
    const loose = computeYear({ ...input, includeUnreviewed: true });
    expect(loose.quarters[0].m303.values["07"]).toBe(700_000);
    expect(loose.quarters[0].unreviewed).toBe(1);
  });
});

describe("130: the 70 % rule reads the previous year's issued invoices (RIRPF 109.1)", () => {
  const sale = (issueDate: string, base: number, irpf: number, extra: Partial<TaxInvoice> = {}): TaxInvoice => ({
    id: `${issueDate}-${base}-${irpf}`, direction: "issued", docType: "invoice", issueDate, number: null, vendorName: null,
    vendorTaxId: "12345678Z", customerTaxId: "A58818501", lines: [{ rateBp: 2100, baseCents: base * 100, vatCents: base * 21, recargoCents: 0 }],
    baseCents: base * 100, vatCents: base * 21, irpfCents: irpf * 100, recargoCents: 0, totalCents: 0, reverseCharge: false,
    reverseChargeRateBp: null, category: null, deductiblePct: 100, approved: true, ...extra,
  });
  const settings = { nif: "12345678Z", carryForward303Cents: 0, lastYearNetIncomeCents: null, q4Refund: false };
  const run = (invoices: TaxInvoice[], includeUnreviewed = false) =>
    computeYear({ year: 2026, settings, invoices, otherExpenses: [], includeUnreviewed }).withheld;

  it.each<[string, TaxInvoice[], boolean, { invoices: number; sharePct: number; notObliged: boolean }]>([
    ["2025: 10 000 of 13 000 € withheld (76,92 %) → not obliged, although 2026 has no withholding at all",
      [sale("2025-03-01", 10_000, 1_500), sale("2025-09-01", 3_000, 0), sale("2026-02-01", 5_000, 0)], false, { invoices: 2, sharePct: 76.92, notObliged: true }],
    ["2025: exactly 70 % → not obliged", [sale("2025-01-10", 7_000, 1_050), sale("2025-12-31", 3_000, 0)], false, { invoices: 2, sharePct: 70, notObliged: true }],
    ["2025: 60 % → obliged, although all of 2026 is withheld",
      [sale("2025-05-01", 6_000, 900), sale("2025-06-01", 4_000, 0), sale("2026-01-15", 9_000, 1_350)], false, { invoices: 2, sharePct: 60, notObliged: false }],
    ["2024 and expenses of 2025 do not count", [sale("2024-06-01", 9_000, 1_350), sale("2025-04-01", 1_000, 150, { direction: "received" })], false, { invoices: 0, sharePct: 0, notObliged: false }],
    ["an unreviewed 2025 invoice counts only when asked (left out)", [sale("2025-02-01", 8_000, 1_200, { approved: false }), sale("2025-03-01", 2_000, 0)], false, { invoices: 1, sharePct: 0, notObliged: false }],
    ["an unreviewed 2025 invoice counts only when asked (included)", [sale("2025-02-01", 8_000, 1_200, { approved: false }), sale("2025-03-01", 2_000, 0)], true, { invoices: 2, sharePct: 80, notObliged: true }],
    ["a 2025 credit note lowers the income", [sale("2025-02-01", 8_000, 1_200), sale("2025-03-01", 4_000, 0), sale("2025-04-01", -1_000, 0, { docType: "credit_note" })], false, { invoices: 3, sharePct: 72.73, notObliged: true }],
  ])("%s", (_n, invoices, includeUnreviewed, expected) => {
    expect(run(invoices, includeUnreviewed)).toEqual({ year: 2025, ...expected });
  });

  it("keeps last year's invoices out of this year's returns", () => {
    const thisYear = [sale("2026-02-01", 5_000, 750)];
    const alone = computeYear({ year: 2026, settings, invoices: thisYear, otherExpenses: [] });
    const withLast = computeYear({ year: 2026, settings, invoices: [sale("2025-11-01", 9_000, 0), ...thisYear], otherExpenses: [] });
    expect(withLast.quarters.map((q) => [q.m303.values, q.m130.values, q.invoiceIds])).toEqual(alone.quarters.map((q) => [q.m303.values, q.m130.values, q.invoiceIds]));
  });

  it("says it in plain Spanish, and nothing without last year's invoices", () => {
    const nb = (s: string | null) => s?.replace(/\u00a0/g, " ") ?? null;
    expect(nb(line130Obligation({ year: 2025, invoices: 2, sharePct: 76.92, notObliged: true }))).toBe(
      "Modelo 130: en 2025 el 76,92 % de tus ingresos tuvo retención de IRPF (70 % o más), así que este año no estás obligado a presentarlo.",
    );
    expect(nb(line130Obligation({ year: 2025, invoices: 2, sharePct: 60, notObliged: false }))).toBe(
      "Modelo 130: en 2025 solo el 60 % de tus ingresos tuvo retención de IRPF (menos del 70 %), así que este año tienes que presentarlo cada trimestre.",
    );
    expect(line130Obligation({ year: 2025, invoices: 0, sharePct: 0, notObliged: false })).toBeNull();
  });
});
