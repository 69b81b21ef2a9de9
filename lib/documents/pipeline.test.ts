import { describe, expect, it } from "vitest";
import { checkDraft, draftOf, extractedFields, isPermanentFailure, failureCode, statusFor } from "@/lib/documents/pipeline";
import { AppError } from "@/lib/errors";
import type { CheckIssue } from "@/lib/invoices/checks";
import { parseDocument, parseInvoice, type DocumentLayout } from "@/lib/documents/parse";

const layout: DocumentLayout = {
  lines: [
    { p: 1, t: "Talleres Ejemplo S.L.\tNIF: B12345674", w: [{ s: 0, e: 21, x: 0.05, y: 0.1, w: 0.3, h: 0.02, c: 0.9 }, { s: 22, e: 36, x: 0.6, y: 0.1, w: 0.2, h: 0.02, c: 0.9 }] },
    { p: 1, t: "Factura nº F-1\tFecha 15/03/2026", w: [{ s: 0, e: 14, x: 0.05, y: 0.14, w: 0.2, h: 0.02 }, { s: 15, e: 31, x: 0.6, y: 0.14, w: 0.2, h: 0.02 }] },
    { p: 1, t: "Base imponible\t100,00", w: [{ s: 0, e: 14, x: 0.5, y: 0.5, w: 0.2, h: 0.02 }, { s: 15, e: 21, x: 0.8, y: 0.5, w: 0.1, h: 0.02 }] },
    { p: 1, t: "IVA 21%\t21,00", w: [{ s: 0, e: 7, x: 0.5, y: 0.54, w: 0.1, h: 0.02 }, { s: 8, e: 13, x: 0.8, y: 0.54, w: 0.1, h: 0.02 }] },
    { p: 1, t: "TOTAL\t121,00", w: [{ s: 0, e: 5, x: 0.5, y: 0.58, w: 0.1, h: 0.02 }, { s: 6, e: 12, x: 0.8, y: 0.58, w: 0.1, h: 0.02 }] },
  ],
};

describe("extractedFields", () => {
  it("stores each field's value, confidence and, from a layout, its source box", () => {
    const fields = extractedFields(parseDocument(layout));
    expect(fields.totalCents).toEqual({ value: 12100, confidence: expect.any(Number), box: { page: 1, x: 0.8, y: 0.58, w: 0.1, h: 0.02 } });
    // The word "NIF: B12345674" spans x 0.6–0.8; the box narrows to the id's characters.
    expect(fields.vendorTaxId.box).toEqual({ page: 1, x: 0.6714, y: 0.1, w: 0.1286, h: 0.02 });
    expect(fields.issueDate.value).toBe("2026-03-15");
    expect(fields.issueDate.box).toMatchObject({ y: 0.14 });
    // Missing values have neither confidence nor box.
    expect(fields.irpfCents).toEqual({ value: null, confidence: 0 });
  });

  it("has no boxes for plain text", () => {
    const fields = extractedFields(parseInvoice("Factura nº F-1\nTOTAL 121,00"));
    expect(fields.totalCents).toEqual({ value: 12100, confidence: expect.any(Number) });
  });
});

describe("the status rule", () => {
  const issue = (severity: CheckIssue["severity"]): CheckIssue => ({ code: "date_future", field: "issueDate", severity, message: "" });

  it("is `extracted` when the review checks find no error, warnings or not; `needs_review` on any error", () => {
    expect(statusFor({ issues: [], fieldConfidence: {} })).toBe("extracted");
    expect(statusFor({ issues: [issue("warning")], fieldConfidence: {} })).toBe("extracted");
    expect(statusFor({ issues: [issue("warning"), issue("error")], fieldConfidence: {} })).toBe("needs_review");
  });

  it("checks a parsed draft with the reviewer's checks: a clean invoice passes, a wrong total does not", () => {
    const ctx = { ownTaxId: null, fallbackDirection: "received" as const, text: "" };
    const clean = draftOf(parseDocument(layout), ctx);
    expect(clean.lines).toEqual([{ rate: "21.00", baseCents: 10000, vatCents: 2100, recargoCents: 0 }]);
    expect(checkDraft(clean, "2026-03-20")).toEqual([]);

    const wrong = draftOf(parseInvoice("Talleres Ejemplo S.L. NIF: B12345674\nFactura nº F-1\nFecha 15/03/2026\nBase imponible 100,00\nIVA 21% 21,00\nTOTAL 131,00"), ctx);
    const issues = checkDraft(wrong, "2026-03-20");
    expect(issues.map((i) => i.code)).toContain("total_mismatch");
    expect(statusFor({ issues, fieldConfidence: {} })).toBe("needs_review");
  });
});

describe("failure classification", () => {
  it("reads the code of an AppError, or of its message after serialisation; anything else is pipeline:failed", () => {
    expect(failureCode(new AppError("extraction:no_text"))).toBe("extraction:no_text");
    expect(failureCode({ name: "NonRetriableError", message: "extraction:pdf_unreadable: InvalidPDFException" })).toBe("extraction:pdf_unreadable");
    expect(failureCode(new Error("ECONNRESET"))).toBe("pipeline:failed");
    expect(failureCode({ message: "made:up_code" })).toBe("pipeline:failed");
  });

  it("takes permanence from the code, however the error arrives", () => {
    expect(isPermanentFailure(new AppError("extraction:pdf_unreadable"))).toBe(true);
    expect(isPermanentFailure({ message: "storage:missing_object" })).toBe(true);
    expect(isPermanentFailure(new AppError("upload:storage_failed"))).toBe(false);
    expect(isPermanentFailure(new Error("timeout"))).toBe(false);
  });
});
