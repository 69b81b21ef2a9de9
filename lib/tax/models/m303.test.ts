import { describe, expect, it } from "vitest";
import type { TaxInvoice } from "@/lib/tax/ledger";
import { compensationApplied, computeM303, outcomeOf } from "@/lib/tax/models/m303";

const NIF = "12345678Z";
let n = 0;
const inv = (o: Partial<TaxInvoice>): TaxInvoice => ({
  id: `x${++n}`, direction: "received", docType: "invoice", issueDate: "2026-02-01", number: null, vendorName: null,
  vendorTaxId: "B12345674", customerTaxId: NIF, lines: [], baseCents: 0, vatCents: 0, irpfCents: 0, recargoCents: 0,
  totalCents: 0, reverseCharge: false, reverseChargeRateBp: null, category: null, deductiblePct: 100, approved: true, ...o,
});
const line = (rateBp: number, baseCents: number, vatCents: number, recargoCents = 0) => ({ rateBp, baseCents, vatCents, recargoCents });
const run = (invoices: TaxInvoice[], pendingCents = 0, last = false, refund = false, year = 2026) =>
  computeM303({ invoices, year, bookNif: NIF, pendingCents, isLastPeriod: last, refund });

describe("303 rules", () => {
  it.each<[string, TaxInvoice, Record<string, number>]>([
    ["issued 4 %", inv({ direction: "issued", lines: [line(400, 10_000, 400)] }), { "01": 10_000, "03": 400 }],
    ["issued 5 %", inv({ direction: "issued", lines: [line(500, 10_000, 500)] }), { "153": 10_000, "155": 500 }],
    ["issued 10 %", inv({ direction: "issued", lines: [line(1000, 10_000, 1_000)] }), { "04": 10_000, "06": 1_000 }],
    ["issued 21 %, cuota = base × tipo (not the invoice's 1 cent off)", inv({ direction: "issued", lines: [line(2100, 10_005, 2_100)] }), { "07": 10_005, "09": 2_101 }],
    ["issued credit note", inv({ direction: "issued", docType: "credit_note", lines: [line(2100, -10_000, -2_100)] }), { "14": -10_000, "15": -2_100, "27": -2_100 }],
    ["issued with recargo 1,4 %", inv({ direction: "issued", lines: [line(1000, 10_000, 1_000, 140)] }), { "19": 10_000, "21": 140, "27": 1_140 }],
    ["issued credit note with recargo", inv({ direction: "issued", docType: "credit_note", lines: [line(2100, -10_000, -2_100, -520)] }), { "25": -10_000, "26": -520, "27": -2_620 }],
    ["received EU reverse charge", inv({ vendorTaxId: "DE123456789", reverseCharge: true, baseCents: 10_000 }), { "10": 10_000, "11": 2_100, "36": 10_000, "37": 2_100, "27": 2_100, "45": 2_100, "46": 0 }],
    ["received non-EU reverse charge", inv({ vendorTaxId: null, reverseCharge: true, baseCents: 10_000 }), { "12": 10_000, "13": 2_100, "28": 10_000, "29": 2_100 }],
    ["domestic reverse charge (construction) at 10 %", inv({ vendorTaxId: "B12345674", reverseCharge: true, reverseChargeRateBp: 1000, baseCents: 10_000 }), { "12": 10_000, "13": 1_000, "28": 10_000, "29": 1_000 }],
    ["reverse-charge credit note", inv({ vendorTaxId: "FR12345678901", docType: "credit_note", reverseCharge: true, baseCents: -10_000 }), { "14": -10_000, "15": -2_100, "40": -10_000, "41": -2_100 }],
    ["received domestic, 50 % deductible", inv({ lines: [line(2100, 10_001, 2_100)], deductiblePct: 50 }), { "28": 5_001, "29": 1_050 }],
    ["received credit note", inv({ docType: "credit_note", lines: [line(2100, -10_000, -2_100)] }), { "40": -10_000, "41": -2_100, "45": -2_100, "46": 2_100 }],
    ["ticket naming the book's NIF", inv({ docType: "simplified", customerTaxId: "ES-12345678Z", lines: [line(1000, 4_000, 400)] }), { "28": 4_000, "29": 400 }],
    ["ticket without NIF: nothing", inv({ docType: "simplified", customerTaxId: null, lines: [line(1000, 4_000, 400)] }), { "28": 0, "29": 0, "46": 0 }],
    ["received exempt (no IVA): nothing", inv({ lines: [line(0, 4_000, 0)] }), { "28": 0, "29": 0 }],
    ["received without breakdown: rate inferred, cuota as printed", inv({ baseCents: 10_000, vatCents: 2_100 }), { "28": 10_000, "29": 2_100 }],
  ])("%s", (_name, invoice, expected) => {
    expect(run([invoice]).values).toMatchObject(expected);
    expect(run([invoice]).sources[Object.keys(expected)[0]] ?? [invoice.id]).toContain(invoice.id);
  });

  // Recargo de equivalencia boxes by rate and form (OCA l10n_es_aeat_mod303, data/2024-10 and data/2026 layouts).
  it.each<[string, number, [number, number, number, number], Record<string, number>]>([
    ["5,2 % on 21 %", 2026, [2100, 10_000, 2_100, 520], { "22": 10_000, "23": 520, "24": 520, "27": 2_620 }],
    ["1,4 % on 10 %", 2026, [1000, 10_000, 1_000, 140], { "19": 10_000, "20": 140, "21": 140, "27": 1_140 }],
    ["1,75 % on 21 % (tobacco), not 5,2 %", 2026, [2100, 10_000, 2_100, 175], { "156": 10_000, "157": 175, "158": 175, "22": 0, "27": 2_275 }],
    ["0,5 % on 4 %, 2026 form: its own 168–170", 2026, [400, 10_000, 400, 50], { "168": 10_000, "169": 50, "170": 50, "16": 0, "27": 450 }],
    ["0,5 % on 4 %, 2024-10 form: 16–18", 2025, [400, 10_000, 400, 50], { "16": 10_000, "17": 50, "18": 50, "168": 0, "27": 450 }],
    ["0,62 % on 5 %: 16–18", 2025, [500, 10_000, 500, 62], { "16": 10_000, "17": 62, "18": 62, "156": 0, "27": 562 }],
  ])("issued with recargo %s", (_name, year, [rate, base, vat, recargo], expected) => {
    const r = run([inv({ direction: "issued", lines: [line(rate, base, vat, recargo)] })], 0, false, false, year);
    expect(r.values).toMatchObject(expected);
  });

  it("sums a shared recargo box rate by rate and prints the rate with the larger cuota", () => {
    const r = run([inv({ direction: "issued", lines: [line(400, 10_000, 400, 50), line(500, 30_000, 1_500, 186)] })], 0, false, false, 2025);
    expect(r.values).toMatchObject({ "16": 40_000, "17": 62, "18": 236 });
  });

  it("links a computed cuota to the invoices of its base", () => {
    const a = inv({ direction: "issued", lines: [line(2100, 10_000, 2_100)] });
    expect(run([a]).sources["09"]).toEqual([a.id]);
  });

  it("notes sales at rates without boxes instead of inventing one", () => {
    const r = run([inv({ direction: "issued", number: "F-9", lines: [line(0, 10_000, 0)] })]);
    expect(r.values["27"]).toBe(0);
    expect(r.notes[0]).toMatch(/F-9/);
  });
});

describe("303 compensation (110 / 78 / 87) and the result", () => {
  it.each<[string, number, number, number]>([
    ["66 larger than 110: all applied", 50_000, 20_000, 20_000],
    ["66 smaller than 110: only up to 66", 10_000, 20_000, 10_000],
    ["66 negative: nothing applied", -5_000, 20_000, 0],
    ["66 zero: nothing applied", 0, 20_000, 0],
  ])("%s", (_n, r66, p110, applied) => expect(compensationApplied(r66, p110)).toBe(applied));

  it.each<[string, number, number, boolean, boolean, string, number]>([
    ["positive: to pay; 87 carries", 1_000, 500, false, false, "ingresar", 500],
    ["zero", 0, 500, false, false, "cero", 500],
    ["negative 1T–3T: a compensar, adds to 87", -1_000, 500, false, false, "compensar", 1_500],
    ["negative 4T, carry chosen", -1_000, 0, true, false, "compensar", 1_000],
    ["negative 4T, refund chosen", -1_000, 0, true, true, "devolver", 0],
    ["refund is only for 4T", -1_000, 0, false, true, "compensar", 1_000],
  ])("%s", (_n, r71, r87, last, refund, outcome, next) => {
    expect(outcomeOf(r71, r87, { isLastPeriod: last, refund })).toEqual({ outcome, nextPendingCents: next });
  });

  it("runs the result boxes end to end", () => {
    const r = run([inv({ direction: "issued", lines: [line(2100, 10_000, 2_100)] })], 5_000);
    expect(r.values).toMatchObject({ "27": 2_100, "46": 2_100, "66": 2_100, "110": 5_000, "78": 2_100, "87": 2_900, "69": 0, "71": 0 });
    expect(r).toMatchObject({ outcome: "cero", nextPendingCents: 2_900 });
  });
});
