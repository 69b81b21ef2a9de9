import { describe, expect, it } from "vitest";
import { checkInvoice, hasErrors, type CheckInput } from "./checks";
import { CHECKED_INVOICE } from "@/lib/testing/invoices";
import { filingDeadline, isInClosedQuarter, parseQuarterKey, quarterOf, quarterRange } from "@/lib/tax/quarters";

const TODAY = "2026-05-10";
const base: CheckInput = CHECKED_INVOICE;
const codes = (input: Partial<CheckInput>, today = TODAY) =>
  checkInvoice({ ...base, ...input }, { today }).map((i) => i.code).sort();

describe("checkInvoice", () => {
  it.each<[string, Partial<CheckInput>, string[]]>([
    ["a correct full invoice", {}, []],
    ["a wrong total", { totalCents: 121_100 }, ["total_mismatch"]],
    ["a total one cent off (rounding)", { totalCents: 121_001 }, []],
    ["cuota not base × rate", { lines: [{ rateBp: 2100, baseCents: 100_000, vatCents: 20_000, recargoCents: 0 }], totalCents: 120_000 }, ["line_vat_mismatch"]],
    [
      "multi-rate invoice that adds up",
      {
        lines: [
          { rateBp: 2100, baseCents: 10_000, vatCents: 2_100, recargoCents: 0 },
          { rateBp: 1000, baseCents: 5_000, vatCents: 500, recargoCents: 0 },
          { rateBp: 400, baseCents: 2_550, vatCents: 102, recargoCents: 0 },
        ],
        totalCents: 20_252,
      },
      [],
    ],
    [
      "multi-rate invoice with one bad line",
      {
        lines: [
          { rateBp: 2100, baseCents: 10_000, vatCents: 2_100, recargoCents: 0 },
          { rateBp: 1000, baseCents: 5_000, vatCents: 5_00 + 3, recargoCents: 0 },
        ],
        totalCents: 17_603,
      },
      ["line_vat_mismatch"],
    ],
    [
      "recargo de equivalencia is added to the total",
      { lines: [{ rateBp: 2100, baseCents: 100_000, vatCents: 21_000, recargoCents: 5_200 }], totalCents: 126_200 },
      [],
    ],
    [
      "IRPF retention is subtracted",
      { direction: "issued", irpfRateBp: 1500, irpfCents: 15_000, totalCents: 106_000 },
      [],
    ],
    ["IRPF amount not base × rate", { irpfRateBp: 1500, irpfCents: 14_000, totalCents: 107_000 }, ["irpf_mismatch"]],
    ["IRPF amount without a rate", { irpfRateBp: null, irpfCents: 15_000, totalCents: 106_000 }, ["irpf_incomplete"]],
    [
      "credit note with negative amounts",
      {
        docType: "credit_note",
        lines: [{ rateBp: 2100, baseCents: -10_000, vatCents: -2_100, recargoCents: 0 }],
        irpfRateBp: 1500,
        irpfCents: -1_500,
        totalCents: -10_600,
      },
      [],
    ],
    [
      "credit note, negative, wrong total",
      { docType: "credit_note", lines: [{ rateBp: 2100, baseCents: -10_000, vatCents: -2_100, recargoCents: 0 }], totalCents: -12_000 },
      ["total_mismatch"],
    ],
    [
      "multi-rate credit note",
      {
        docType: "credit_note",
        lines: [
          { rateBp: 2100, baseCents: -5_000, vatCents: -1_050, recargoCents: 0 },
          { rateBp: 1000, baseCents: -1_005, vatCents: -101, recargoCents: 0 },
        ],
        totalCents: -7_156,
      },
      [],
    ],
    ["credit note with a positive total", { docType: "credit_note" }, ["credit_note_positive"]],
    [
      "negative full invoice",
      { lines: [{ rateBp: 2100, baseCents: -100, vatCents: -21, recargoCents: 0 }], totalCents: -121 },
      ["negative_invoice"],
    ],
    ["invalid NIF check letter", { counterpartyTaxId: "12345678A" }, ["taxid_invalid"]],
    ["valid NIE", { counterpartyTaxId: "X1234567L" }, []],
    ["EU VAT id", { counterpartyTaxId: "DE123456789" }, []],
    ["missing NIF on a full invoice", { counterpartyTaxId: null }, ["taxid_missing"]],
    [
      "simplified under 400 € without NIF",
      { docType: "simplified", counterpartyTaxId: null, lines: [{ rateBp: 1000, baseCents: 5_000, vatCents: 500, recargoCents: 0 }], totalCents: 5_500 },
      [],
    ],
    ["simplified above 400 €", { docType: "simplified" }, ["simplified_over_limit"]],
    [
      "simplified at exactly 400 €",
      { docType: "simplified", lines: [{ rateBp: 0, baseCents: 40_000, vatCents: 0, recargoCents: 0 }], totalCents: 40_000 },
      [],
    ],
    ["issue date in the future", { issueDate: "2026-05-11" }, ["date_future"]],
    ["issue date in a closed quarter", { issueDate: "2026-03-31" }, ["date_closed_quarter"]],
    ["previous quarter still open (before 20 April)", { issueDate: "2026-03-31" }, []],
    ["missing number and date", { number: " ", issueDate: null }, ["date_missing", "number_missing"]],
    ["a day the calendar does not have", { issueDate: "2026-02-30" }, ["date_invalid"]],
    ["no lines", { lines: [], totalCents: 0 }, ["lines_missing"]],
    ["an incomplete line", { lines: [{ rateBp: 2100, baseCents: null, vatCents: 21_000, recargoCents: 0 }] }, ["line_incomplete"]],
    ["unusual rate", { lines: [{ rateBp: 1600, baseCents: 100_000, vatCents: 16_000, recargoCents: 0 }], totalCents: 116_000 }, ["rate_unusual"]],
    ["missing total", { totalCents: null }, ["total_missing"]],
  ])("%s", (name, input, expected) => {
    const today = name.includes("before 20 April") ? "2026-04-10" : TODAY;
    expect(codes(input, today)).toEqual([...expected].sort());
  });

  it("tells errors (block approval) from warnings (block bulk approval only)", () => {
    const warn = checkInvoice({ ...base, issueDate: "2026-05-11" }, { today: TODAY });
    expect(hasErrors(warn)).toBe(false);
    expect(warn.map((i) => i.severity)).toEqual(["warning"]);
    const err = checkInvoice({ ...base, totalCents: 1 }, { today: TODAY });
    expect(hasErrors(err)).toBe(true);
    expect(err[0]).toMatchObject({ field: "total", severity: "error" });
    expect(checkInvoice(base, { today: TODAY })).toEqual([]);
  });
});

describe("quarters", () => {
  it.each([
    ["2026-01-01", 1],
    ["2026-03-31", 1],
    ["2026-04-01", 2],
    ["2026-12-31", 4],
  ])("%s is in Q%i", (iso, q) => expect(quarterOf(iso)?.q).toBe(q));

  it("knows deadlines and closed quarters", () => {
    expect(filingDeadline({ year: 2026, q: 4 })).toBe("2027-01-30");
    expect(isInClosedQuarter("2025-12-31", "2026-01-30")).toBe(false);
    expect(isInClosedQuarter("2025-12-31", "2026-01-31")).toBe(true);
    expect(quarterRange({ year: 2024, q: 1 })).toEqual({ from: "2024-01-01", to: "2024-03-31" });
    expect(parseQuarterKey("2026-T2")).toEqual({ year: 2026, q: 2 });
    expect(parseQuarterKey("2026-Q2")).toBeNull();
  });
});
