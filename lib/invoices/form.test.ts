import { describe, expect, it } from "vitest";
import { bpToInput, centsToInput, invoiceFormSchema, toCheckInput, type InvoiceFormValues } from "./form";
import { bpToNumeric, numericToBp } from "@/lib/tax/vat";
import { readCursor, readQueueParams, toFilters } from "@/lib/review/queue-params";

const values: InvoiceFormValues = {
  direction: "received",
  docType: "credit_note",
  counterpartyName: " Papelería ",
  counterpartyTaxId: "es-b12345674",
  number: "R-1",
  issueDate: "2026-04-15",
  lines: [
    { rate: "21", base: "-1.000,00", vat: "-210,00", recargo: "" },
    { rate: "5,2", base: "10", vat: "0,52", recargo: "" },
  ],
  irpfRate: "15",
  irpfAmount: "-148,50",
  total: "-1.051,98",
  category: "",
  deductiblePct: "50",
  reverseCharge: false,
  reverseChargeRate: "",
};

describe("review form values", () => {
  it("parses es-ES strings into cents and hundredths of a percent", () => {
    const r = invoiceFormSchema.safeParse(values);
    expect(r.success).toBe(true);
    expect(r.data).toMatchObject({
      counterpartyName: "Papelería",
      counterpartyTaxId: "B12345674",
      lines: [
        { rateBp: 2100, baseCents: -100_000, vatCents: -21_000, recargoCents: 0 },
        { rateBp: 520, baseCents: 1_000, vatCents: 52, recargoCents: 0 },
      ],
      irpfRateBp: 1500,
      irpfCents: -14_850,
      totalCents: -105_198,
      category: null,
      deductiblePct: 50,
    });
  });

  it("refuses malformed amounts, rates and percentages with field paths", () => {
    const r = invoiceFormSchema.safeParse({ ...values, total: "12,3,4", irpfRate: "abc", deductiblePct: "150", lines: [{ rate: "", base: "", vat: "1", recargo: "" }] });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["total", "deductiblePct", "lines.0.rate", "lines.0.base"]));
  });

  it("round-trips database values for the form", () => {
    expect(centsToInput(123_456)).toBe("1.234,56");
    expect(centsToInput(-5)).toBe("-0,05");
    expect(bpToInput(520)).toBe("5,2");
    expect(numericToBp("21.00")).toBe(2100);
    expect(numericToBp("5.20")).toBe(520);
    expect(bpToNumeric(520)).toBe("5.20");
    expect(toCheckInput(values).lines[1]).toEqual({ rateBp: 520, baseCents: 1_000, vatCents: 52, recargoCents: 0 });
  });
});

describe("queue params", () => {
  it("reads filters and cursor from the URL, ignoring junk", () => {
    const p = readQueueParams({ status: "pending", direction: "issued", quarter: "2026-T2", min: "100", max: "1.000,50", q: "121,00", counterparty: "x" });
    expect(toFilters(p)).toMatchObject({
      status: "pending",
      direction: "issued",
      issueFrom: "2026-04-01",
      issueTo: "2026-06-30",
      minCents: 10_000,
      maxCents: 100_050,
      search: "121,00",
      searchCents: 12_100,
    });
    expect(readQueueParams({ status: "drop table", quarter: "2026-Q2" })).toMatchObject({ status: "", quarter: "" });
    expect(readCursor({ after: "not-a-uuid" })).toEqual({});
    expect(readCursor({ last: "1" })).toEqual({ last: true });
  });

  it("refuses an empty deductible percentage instead of reading it as 0 %", () => {
    const r = invoiceFormSchema.safeParse({ ...values, deductiblePct: " " });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join("."))).toContain("deductiblePct");
  });
});
