import { describe, expect, it } from "vitest";
import { amountContinuesLeft, citesAnotherDocument, continuesPastSpan, lostHeadBeforeSpan, legalFormContradictsCif } from "@/lib/documents/parse/cross-checks";
import { parseInvoice } from "@/lib/documents/parse";
import { assessTrust } from "@/lib/documents/parse/trust";
import { toLines } from "@/lib/documents/parse/text";

/** Lines of `text` and the span of the first occurrence of `value` in it (after `after`, when given). */
function at(text: string, value: string, after = "") {
  const lines = toLines(text);
  for (const line of lines) {
    const from = after ? line.raw.indexOf(after) : 0;
    if (from < 0) continue;
    const start = line.raw.indexOf(value, from);
    if (start >= 0) return { lines, span: { line: line.index, start, end: start + value.length } };
  }
  throw new Error(`${value} not in text`);
}

describe("continuesPastSpan: a number cut at a space", () => {
  it.each([
    ["Nº factura: F25 000491", "F25", true],
    ["Número: FE25 141202603", "FE25", true],
    ["Nº factura: F25 000491", "F25 000491", false],
    ["Factura nº 2025-001 12/03/2025", "2025-001", false], // a date follows, not more digits of the number
    ["Factura nº A-77   Pedido 12345", "A-77", false], // a column gap, not one space
    ["Factura nº A-77 12,50", "A-77", false], // an amount follows
  ])("%s → %s", (text, value, expected) => {
    const { lines, span } = at(text, value);
    expect(continuesPastSpan(lines, span)).toBe(expected);
  });
});

describe("lostHeadBeforeSpan: a number whose series OCR lost before its hyphen", () => {
  it.each([
    ["Número        -01695", "01695", true],
    ["Fa       ne      -08714", "08714", true],
    ["Nº  /2025", "2025", true],
    ["Nº FRA-00675", "FRA-00675", false],
    ["Nº FRA-00675", "00675", false], // the series is there, joined to it
    ["Factura nº 2025-001", "2025-001", false],
  ])("%s → %s", (text, value, expected) => {
    const { lines, span } = at(text, value);
    expect(lostHeadBeforeSpan(lines, span)).toBe(expected);
  });
});

describe("citesAnotherDocument: the number of the rectified invoice, an order, a contract", () => {
  it.each([
    ["Rectifica a la factura nº A-2025/0518 del 21-10-2025", "A-2025/0518", true],
    ["Factura rectificada: 2025/01960", "2025/01960", true],
    ["Factura original nº F-12", "F-12", true],
    ["FACTURA (ORIGINAL) Nº Fact. R-25/001", "R-25/001", false], // the copy's marker, then its own label
    ["Factura - Original Nº factura 2026-A003", "2026-A003", false],
    ["Pedido: 450012", "450012", true],
    ["Nº abono: AB25-0062", "AB25-0062", false],
    ["Factura rectificativa nº R-2025/0061", "R-2025/0061", false], // the document's own title
    ["Nº pedido 123\tNº factura: F-9", "F-9", false], // another cell's label does not count
    ["Factura rectificada nº\nA-2025/0509", "A-2025/0509", true], // label on its own line above
    ["FACTURA RECTIFICATIVA\nR-2025/0061", "R-2025/0061", false],
  ])("%s → %s", (text, value, expected) => {
    const { lines, span } = at(text, value);
    expect(citesAnotherDocument(lines, span)).toBe(expected);
  });
});

describe("amountContinuesLeft: thousands printed as a separate group", () => {
  it.each([
    ["Total 10 847,26 EUR", "847,26", true],
    ["TOTAL: 2 035,40 €", "035,40", true],
    ["Total 10 847,26 EUR", "10 847,26", false],
    ["Total 847,26 EUR", "847,26", false],
    ["Total: 1.847,26", "1.847,26", false],
    ["Base 21 % 35,40", "35,40", false], // two-digit integer part: not a cut group
  ])("%s → %s", (text, value, expected) => {
    const { lines, span } = at(text, value);
    expect(amountContinuesLeft(lines, span)).toBe(expected);
  });
});

describe("the status does not promise what the context contradicts", () => {
  const credit = [
    "ABONOS DEL NORTE S.L.   CIF B12345674",
    "FACTURA RECTIFICATIVA",
    "Rectifica a la factura nº A-2025/0518 del 21-10-2025",
    "Nº abono: AB25-0062",
    "Fecha: 03/11/2025",
    "Cliente: 12345678Z",
    "Base imponible  -100,00 €",
    "IVA 21 %  -21,00 €",
    "Total  -121,00 €",
  ].join("\n");

  it("never shows a credit note as extracted with the rectified invoice's number", () => {
    const p = parseInvoice(credit);
    const wrongGreen = p.invoiceNumber === "A-2025/0518" && assessTrust(p).status === "extracted";
    expect(wrongGreen).toBe(false);
  });

  it("never shows a 0 % invoice as extracted with its total's thousands cut off", () => {
    const p = parseInvoice(
      [
        "Nordic Parts GmbH   VAT DE123456789",
        "Invoice no. INV-2025-0042   Date: 12/10/2025",
        "Customer: B12345674",
        "Reverse charge – Art. 196 Directive 2006/112/EC",
        "Net amount   10 847,26 EUR",
        "VAT 0 %   0,00 EUR",
        "Total   10 847,26 EUR",
      ].join("\n"),
    );
    const wrongGreen = p.totalCents === 84726 && assessTrust(p).status === "extracted";
    expect(wrongGreen).toBe(false);
  });
});

describe("legalFormContradictsCif", () => {
  it.each([
    ["Mobiano del Ebro SLU", "G66254459", true],
    ["Mobiano del Ebro SLU", "B66254459", false],
    ["Hoteles Garrido S.A.", "B12345674", true],
    ["Hoteles Garrido S.A.", "A12345674", false],
    ["Talleres Vidal, S.L.", "ESA18530188", true],
    ["Cooperativa del Campo S. Coop.", "F12345678", false],
    ["Hermanos Gil C.B.", "B12345674", true],
    ["COOPERATIVA AGRÍCOLA SUÁREZ S.L.", "F32320046", false], // two forms named: either letter
    ["Asociación Cultural Ribera", "G12345674", false], // no legal form to compare
    ["Lucía Cabrera Campos", "12345678Z", false], // a DNI has no form letter
    [null, "G66254459", false],
  ])("%s with %s: %s", (name, id, want) => {
    expect(legalFormContradictsCif(name, id)).toBe(want);
  });
});
