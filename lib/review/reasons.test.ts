import { describe, expect, it } from "vitest";
import { checkInvoice, type CheckIssue } from "@/lib/invoices/checks";
import { doubtfulConfidence, fieldLabel, LOW_CONFIDENCE, reviewReasons } from "@/lib/review/reasons";
import { CHECKED_INVOICE } from "@/lib/testing/invoices";

const TODAY = "2026-05-10";
const issuesOf = (over: Partial<typeof CHECKED_INVOICE> | Record<string, unknown>) => checkInvoice({ ...CHECKED_INVOICE, ...over } as never, { today: TODAY });

describe("reviewReasons", () => {
  it.each<[string, CheckIssue[] | null, Record<string, number>, [string, string, string][]]>([
    ["nothing to say about a record that passes and was read confidently", issuesOf({}), { invoiceNumber: 0.9, totalCents: 0.95 }, []],
    ["nothing for a document without a record yet", null, {}, []],
    ["a check's error names its field", issuesOf({ number: null }), {}, [["number", "Número", "error"]]],
    ["a doubtful reading names its field", issuesOf({}), { issueDate: 0.4 }, [["issueDate", "Fecha", "doubtful"]]],
    [
      "errors first, then doubtful readings, then warnings",
      issuesOf({ issueDate: "2026-06-01", counterpartyTaxId: "B12345675" }),
      { vendorName: 0.5 },
      [
        ["counterpartyTaxId", "NIF", "error"],
        ["counterpartyName", "Nombre", "doubtful"],
        ["issueDate", "Fecha", "warning"],
      ],
    ],
    ["a doubtful field with an error is told once, as the error", issuesOf({ totalCents: 1 }), { totalCents: 0.3 }, [["total", "Total", "error"]]],
    ["a VAT line's error and doubtful figures are one reason", issuesOf({ lines: [{ rateBp: 2100, baseCents: 100_000, vatCents: 1, recargoCents: 0 }], totalCents: 100_001 }), { baseCents: 0.5 }, [["line.0", "IVA, línea 1", "error"]]],
  ])("%s", (_name, issues, confidence, expected) => {
    expect(reviewReasons({ issues, confidence }).map((r) => [r.field, r.label, r.kind])).toEqual(expected);
  });

  it("says how doubtful a reading is, in Spanish", () => {
    const [r] = reviewReasons({ issues: [], confidence: { invoiceNumber: 0.45 } });
    expect(r.message).toMatch(/^Lectura dudosa \(confianza 45\s?%\)/);
  });

  it("takes the least confident of a field's readings, only below the threshold", () => {
    expect(doubtfulConfidence("lines", { baseCents: 0.5, vatCents: 0.3 })).toBe(0.3);
    expect(doubtfulConfidence("lines", { baseCents: LOW_CONFIDENCE, vatCents: 0.9 })).toBeNull();
    expect(fieldLabel("line.2")).toBe("IVA, línea 3");
  });
});
