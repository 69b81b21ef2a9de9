import { describe, expect, it } from "vitest";
import { detectLanguage, findAmounts, findDates, foldText, parseInvoice, type ParsedInvoice } from "@/lib/documents/parse";

/** Text as the PDF text layer gives it: cells separated by tabs. */
const t = (s: string) => s.replace(/ ⇥ /g, "\t").replace(/^\n/, "");

type Expect = Partial<Omit<ParsedInvoice, "fieldConfidence" | "checks">> & { checks?: Partial<ParsedInvoice["checks"]> };

const cases: { name: string; text: string; own?: string; want: Expect }[] = [
  {
    name: "classic Spanish invoice (PDF text layer) with a due date and an IBAN as distractors",
    text: t(`
FACTURA
Grupo Cantábrico S.A. ⇥ Nº Factura ⇥ FV25-02168
Avenida del Puerto, 39 · 41899 Sevilla ⇥ Fecha emisión ⇥ 23/04/2025
N.I.F.: A11815933 · Tel. 996 92 36 74
admin@grupocantabrico.es ⇥ Fecha de vencimiento 23/05/2025
CLIENTE
Academia Delta Formación S.L.
Calle Alcalá, 104
08685 Barcelona
CIF: B-75826800
Ref. ⇥ Descripción ⇥ Cantidad ⇥ Precio unit. ⇥ IVA ⇥ Total
TUB7517 ⇥ Tubo PVC 40 mm (barra 3 m) ⇥ 10 ⇥ 7,03 21% ⇥ 70,30
MAN1559 ⇥ Mano de obra oficial 1ª (hora) ⇥ 10 ⇥ 31,45 21% ⇥ 314,50 EUR
Subtotal ⇥ 384,80 EUR
Cuota IVA 21% ⇥ 80,81 EUR
TOTAL A PAGAR ⇥ 465,61 EUR
Forma de pago: transferencia bancaria: ES72 0081 1896 9717 0669 4510
Inscrita en el Registro Mercantil de Sevilla, Tomo 10874, Folio 172, Hoja M-507076`),
    want: {
      docType: "invoice",
      language: "es",
      vendorName: "Grupo Cantábrico S.A.",
      vendorTaxId: "A11815933",
      customerTaxId: "B75826800",
      invoiceNumber: "FV25-02168",
      issueDate: "2025-04-23",
      currency: "EUR",
      baseCents: 38480,
      vatCents: 8081,
      totalCents: 46561,
      irpfCents: null,
      vatLines: [{ rate: 21, baseCents: 38480, vatCents: 8081 }],
      checks: { arithmeticOk: true, vendorTaxIdValid: true },
    },
  },
  {
    name: "freelancer invoice with IRPF withholding, DNI and two-column header",
    text: t(`
Marta Romero Alonso
FACTURA
Núm. factura F2025-0713
Fecha emisión 20/09/2025
PROFESIONAL ⇥ CLIENTE
Marta Romero Alonso ⇥ Consultora Orbe Digital S.L.
Avenida del Puerto, 3, 2º C ⇥ Paseo de Gracia, 27
41948 Sevilla ⇥ 48095 Bilbao
NIF: 12345678-Z ⇥ N.I.F.: B-12345674
marta.romero@example.es · 911 607 855
Sesión fotográfica de producto ⇥ 539,65 €
Subtotal ⇥ 539,65 €
I.V.A. 21% ⇥ 113,33 €
Retención IRPF -15% ⇥ -80,95 €
Importe total ⇥ 572,03 €`),
    want: {
      docType: "invoice",
      vendorName: "Marta Romero Alonso",
      vendorTaxId: "12345678Z",
      customerTaxId: "B12345674",
      invoiceNumber: "F2025-0713",
      issueDate: "2025-09-20",
      baseCents: 53965,
      vatCents: 11333,
      irpfRate: 15,
      irpfCents: 8095,
      totalCents: 57203,
      checks: { arithmeticOk: true },
    },
  },
  {
    name: "multi-rate invoice with recargo de equivalencia (OCR text, columns as runs of spaces)",
    text: `
FACTURA
Número de factura 2026/000427
Fecha 13/01/2026
Reformas Romero S.L.
Ronda de Poniente, 1, 48234 Bilbao                         Albarán ALB-861169
NIF B12345674 — Tel. +34 622 821 041                       Vencimiento 12/02/2026
CLIENTE
Estudio Creativo Kubo S.L.
CIF: A58818501
Régimen: recargo de equivalencia
Total líneas      % IVA      Base imponible      I.V.A.      % R.E.      R.E.      Total
50,81       21%        50,81       10,67       5,2%        2,64        64,12
54,32       10%        54,32        5,43       1,4%        0,76        60,51
43,69        4%        43,69        1,75       0,5%        0,22        45,66
Total factura 170,29 EUR`,
    want: {
      vendorTaxId: "B12345674",
      customerTaxId: "A58818501",
      invoiceNumber: "2026/000427",
      issueDate: "2026-01-13",
      vatLines: [
        { rate: 21, baseCents: 5081, vatCents: 1067 },
        { rate: 10, baseCents: 5432, vatCents: 543 },
        { rate: 4, baseCents: 4369, vatCents: 175 },
      ],
      baseCents: 14882,
      vatCents: 1785,
      recargoCents: 362,
      totalCents: 17029,
      checks: { arithmeticOk: true },
    },
  },
  {
    name: "simplified invoice (ticket) with a per-rate summary table",
    text: `
FRUTAS Y VERDURAS EL SOL
Calle Mayor, 62
08223 Barcelona
N.I.F.: B12345674
FACTURA SIMPLIFICADA
Nº: T219-051583
Fecha: 07-12-2025 12:24
REFRESCO COLA 2L               A    1,59
CERVEZA PACK 6                 A
3 x 5,81                         17,43
TOTAL EUROS                     48,61 EUR
TARJETA CRED.                   48,61
Cod %IVA                Base      Cuota      TOTAL
A 21%                  15,79       3,31      19,10
B 10%                  14,85       1,48      16,33
C 4%                   12,67       0,51      13,18
Total                  43,31       5,30      48,61`,
    want: {
      docType: "simplified",
      vendorName: "FRUTAS Y VERDURAS EL SOL",
      vendorTaxId: "B12345674",
      customerTaxId: null,
      invoiceNumber: "T219-051583",
      issueDate: "2025-12-07",
      baseCents: 4331,
      vatCents: 530,
      totalCents: 4861,
      checks: { arithmeticOk: true },
    },
  },
  {
    name: "ticket with IVA incluido and no breakdown",
    text: `
BAR LA ESQUINA
CIF: B12345674
Ticket nº 5-0732
Fecha: 23/02/2025
CAÑA          2,50
RACIÓN        9,00
TOTAL (IVA incluido)   11,50 €`,
    want: { docType: "simplified", totalCents: 1150, baseCents: null, vatCents: null, invoiceNumber: "5-0732", checks: { arithmeticOk: false } },
  },
  {
    name: "English SaaS invoice, reverse charge, written dates, EU VAT ids",
    text: t(`
Invoice
Invoice number INV-2025-01493
Invoice date ⇥ December 7, 2025
Date due ⇥ January 6, 2026
Datapilot GmbH ⇥ Bill to
38 Keizersgracht ⇥ Panadería Hermanos Prieto S.L.
Berlin 10115 ⇥ Calle San Vicente, 91
Germany ⇥ 29616 Málaga, Spain
VAT: DE 976475920 ⇥ VAT ID: ESB12345674
€425.62 due December 7, 2025
Description ⇥ Qty ⇥ Unit price ⇥ Amount
Pro plan ⇥ 1 ⇥ €1,363.41 ⇥ €1,363.41
Subtotal ⇥ €1,363.41
VAT (0% – reverse charge) ⇥ €0.00
Total ⇥ €1,363.41
Questions? Contact billing@datapilot.example · Payment method: Mastercard •••• 4916`),
    want: {
      docType: "invoice",
      language: "en",
      vendorName: "Datapilot GmbH",
      vendorTaxId: "DE976475920",
      customerTaxId: "B12345674",
      invoiceNumber: "INV-2025-01493",
      issueDate: "2025-12-07",
      baseCents: 136341,
      vatCents: 0,
      totalCents: 136341,
      vatLines: [{ rate: 0, baseCents: 136341, vatCents: 0 }],
      checks: { arithmeticOk: true },
    },
  },
  {
    name: "credit note (factura rectificativa) with negative amounts and the rectified invoice as distractor",
    text: t(`
FACTURA RECTIFICATIVA
Nº Factura R2025-0029
Instalaciones Ruiz S.L.U. ⇥ Fecha emisión 2025-09-19
Calle Alcalá, 113 — 08217 Barcelona
CIF: B-12345674
FACTURAR A
Gestoría Almenara S.L.
NIF: A58818501
Factura rectificada: F2025-2068 del 2025-07-05
Motivo: Anulación parcial del servicio
Art. 80 Ley 37/1992 del IVA
Descripción ⇥ Cant. ⇥ P. Unitario ⇥ Subtotal
Taladro percutor 800 W ⇥ -12 ⇥ 81,59 ⇥ -979,08
Importe neto ⇥ -979,08 €
IVA 21% ⇥ -205,61 €
TOTAL A PAGAR ⇥ -1.184,69 €`),
    want: {
      docType: "credit_note",
      vendorName: "Instalaciones Ruiz S.L.U.",
      vendorTaxId: "B12345674",
      customerTaxId: "A58818501",
      invoiceNumber: "R2025-0029",
      issueDate: "2025-09-19",
      baseCents: -97908,
      vatCents: -20561,
      totalCents: -118469,
      vatLines: [{ rate: 21, baseCents: -97908, vatCents: -20561 }],
      checks: { arithmeticOk: true },
    },
  },
  {
    name: "'Abono' printed with positive amounts becomes a negative credit note",
    text: `
ABONO
Factura nº AB-26-030
Distribuciones Moreno S.L.                       Fecha 01/01/2026
N.I.F. B12345674
Importe neto                 100,00 €
IVA 21%                       21,00 €
TOTAL                        121,00 €`,
    want: { docType: "credit_note", invoiceNumber: "AB-26-030", baseCents: -10000, vatCents: -2100, totalCents: -12100 },
  },
  {
    name: "labels in a header row, values in the row below (same columns)",
    text: t(`
Comercial Aragonesa S.L.
CIF: B12345674 · Tel. 934 95 04 20
Factura
Número de factura ⇥ Fecha de factura ⇥ Fecha de vencimiento
A-9719 ⇥ 09-12-25 ⇥ 07-02-26
DATOS DEL CLIENTE ⇥ EMISOR
Bodegas Valdecruz S.A. ⇥ Comercial Aragonesa S.L.
N.I.F.: A58818501 ⇥ N.I.F.: B12345674
Base imponible ⇥ IVA 21% ⇥ Total
1.000,00 € ⇥ 210,00 € ⇥ 1.210,00 €`),
    want: {
      vendorName: "Comercial Aragonesa S.L.",
      vendorTaxId: "B12345674",
      customerTaxId: "A58818501",
      invoiceNumber: "A-9719",
      issueDate: "2025-12-09",
      baseCents: 100000,
      vatCents: 21000,
      totalCents: 121000,
      checks: { arithmeticOk: true },
    },
  },
  {
    name: "written Spanish date; order number and order date are not the invoice's",
    text: `
Suministros Levante S.L.
CIF B12345674
Nº pedido: 4455          Fecha de pedido: 2 de marzo de 2026
Factura nº: A-12
Fecha de emisión: 15 de marzo de 2026
Base imponible: 200,00
IVA (10%): 20,00
Total: 220,00`,
    want: { invoiceNumber: "A-12", issueDate: "2026-03-15", baseCents: 20000, vatCents: 2000, totalCents: 22000, vatLines: [{ rate: 10, baseCents: 20000, vatCents: 2000 }] },
  },
  {
    name: "the book's own tax id tells vendor from customer even when the customer block comes first",
    own: "ES 12345678-Z",
    text: `
Cliente: Marta Romero Alonso — NIF 12345678Z
Proveedor: Limpiezas Brillo S.L.
CIF: B12345674
Factura: L-889
Fecha: 2026-02-01
Subtotal 50,00
IVA 21% 10,50
Total 60,50`,
    want: { vendorTaxId: "B12345674", customerTaxId: "12345678Z", invoiceNumber: "L-889", issueDate: "2026-02-01", totalCents: 6050 },
  },
  {
    name: "'Total' does not take the value of 'Subtotal', 'Total IVA' or 'Total base'",
    text: `
Empresa Demo S.A.
CIF A58818501
Invoice #: 2026-77
Date: 03/04/2026
Subtotal: 80,00
Total base: 80,00
Total IVA: 16,80
Total: 96,80`,
    want: { baseCents: 8000, vatCents: 1680, totalCents: 9680, invoiceNumber: "2026-77", issueDate: "2026-04-03", checks: { arithmeticOk: true } },
  },
  {
    name: "label alone on its line with the amount on the next line",
    text: `
Empresa Demo S.A.
CIF A58818501
Factura nº 7
Fecha 01.02.2026
Base imponible
300,00 €
IVA 21%
63,00 €
TOTAL FACTURA
363,00 €`,
    want: { baseCents: 30000, vatCents: 6300, totalCents: 36300, invoiceNumber: "7", issueDate: "2026-02-01", checks: { arithmeticOk: true } },
  },
  {
    name: "missing VAT is derived from total − base, but the arithmetic is then not a check",
    text: `
Empresa Demo S.A.
CIF A58818501
Base imponible 100,00
Total 121,00`,
    want: { baseCents: 10000, vatCents: 2100, totalCents: 12100, checks: { arithmeticOk: false } },
  },
  {
    name: "figures that do not add up are reported as such",
    text: `
Empresa Demo S.A.
CIF A58818501
Base imponible 100,00
IVA 21% 21,00
Total 125,00`,
    want: { baseCents: 10000, vatCents: 2100, totalCents: 12500, checks: { arithmeticOk: false } },
  },
  {
    name: "an OCR-dropped decimal separator is recovered by the arithmetic",
    text: `
Carlos Sánchez Alonso
DNI: X1234567L
Número de factura A-1789
Fecha de factura 19/04/2026
Subtotal              142048 EUR.
IVA 21%              298,30 EUR
Retención IRPE (15%)    213,07 EUR
Total factura         1505,71 EUR`,
    want: { vendorTaxId: "X1234567L", baseCents: 142048, vatCents: 29830, irpfCents: 21307, irpfRate: 15, totalCents: 150571, checks: { arithmeticOk: true } },
  },
  {
    name: "OCR misreadings of 'Nº' and of a CIF's letter next to its label",
    text: `
Distribuciones Norte S.L.
CIF: 812345674
FACTURA NS F-2026-001
Fecha: 15/03/2026
TOTAL 121,00 €`,
    want: { invoiceNumber: "F-2026-001", vendorTaxId: "B12345674", totalCents: 12100 },
  },
  {
    name: "OCR ticket: dotted N.I.F. label with the CIF's letter read as a digit, 'Nº' read as 'N9'",
    text: `
PANADERIA LA ESPIGA
Calle Real, 5
N.I.F.: 812345674
FACTURA SIMPLIFICADA
N9: T12-000123
Fecha: 03-02-2026 10:15
PAN BARRA          1,20
TOTAL EUROS        1,20 EUR`,
    want: { vendorTaxId: "B12345674", invoiceNumber: "T12-000123", issueDate: "2026-02-03", totalCents: 120, docType: "simplified" },
  },
  {
    name: "an item line whose OCR lost a decimal comma (qty × price = rate × amount) is not a tax-table row",
    text: t(`
Comercial Ejemplo S.L.
CIF B12345674
Factura nº F-1
Fecha 01/02/2026
Ref ⇥ Descripción ⇥ Cant. ⇥ Precio ⇥ IVA ⇥ Subtotal
A1 ⇥ Agua mineral ⇥ 10 ⇥ 187 ⇥ 10% ⇥ 18,70
Base imponible ⇥ 18,70
IVA 10% ⇥ 1,87
Total ⇥ 20,57`),
    want: { baseCents: 1870, vatCents: 187, totalCents: 2057, vatLines: [{ rate: 10, baseCents: 1870, vatCents: 187 }], checks: { arithmeticOk: true } },
  },
  {
    name: "an invalid check digit is not a tax id",
    text: `
Empresa Falsa S.L.
CIF: B12345675
Total 10,00`,
    want: { vendorTaxId: null, checks: { vendorTaxIdValid: false } },
  },
];

describe("parseInvoice", () => {
  it.each(cases)("$name", ({ text, own, want }) => {
    const got = parseInvoice(text, { ownTaxId: own ?? null });
    const { checks, vatLines, ...fields } = want;
    expect(got).toMatchObject(fields);
    if (checks) expect(got.checks).toMatchObject(checks);
    if (vatLines) expect([...got.vatLines].sort((a, b) => b.rate - a.rate)).toEqual([...vatLines].sort((a, b) => b.rate - a.rate));
  });

  it("gives higher confidence to a document whose checks pass", () => {
    const good = parseInvoice(cases[0].text);
    const bad = parseInvoice(cases.find((c) => c.name.startsWith("figures that do not"))!.text);
    expect(good.confidence).toBeGreaterThan(bad.confidence);
    expect(good.confidence).toBeGreaterThan(0.7);
    for (const v of Object.values(good.fieldConfidence)) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
    expect(good.fieldConfidence.totalCents).toBeGreaterThan(0.8);
  });

  it("returns an empty result for text with nothing in it", () => {
    const got = parseInvoice("");
    expect(got).toMatchObject({ docType: "invoice", vendorTaxId: null, totalCents: null, issueDate: null, invoiceNumber: null, currency: "EUR" });
    expect(got.checks).toEqual({ vendorTaxIdValid: false, arithmeticOk: false });
    expect(got.confidence).toBe(0);
  });

  it("detects other currencies", () => {
    expect(parseInvoice("Invoice #: 1\nSubtotal $100.00\nTax $8.00\nTotal $108.00 USD").currency).toBe("USD");
  });
});

describe("detectLanguage", () => {
  it.each([
    ["Factura nº 12\nFecha de emisión 15/03/2026\nBase imponible 100,00\nIVA 21% 21,00\nTotal factura 121,00", "es"],
    ["Invoice number 12\nDate of issue March 15, 2026\nSubtotal 100.00\nVAT 0% reverse charge\nAmount due 100.00", "en"],
    ["TICKET\nCAÑA 2,50\nTOTAL (IVA incluido) 2,50 €", "es"],
    ["Receipt\nThank you for your payment\nTotal paid €10.00", "en"],
    ["", "es"],
  ])("%j → %s", (s, want) => expect(detectLanguage(foldText(s))).toBe(want));
});

describe("findDates", () => {
  it.each([
    ["fecha: 15/03/2026", "2026-03-15"],
    ["15-03-26", "2026-03-15"],
    ["15.03.2026", "2026-03-15"],
    ["2026-03-15", "2026-03-15"],
    ["15 de marzo de 2026", "2026-03-15"],
    ["15 marzo 2026", "2026-03-15"],
    ["15-mar-2026", "2026-03-15"],
    ["1 de septiembre del 2025", "2025-09-01"],
    ["march 15, 2026", "2026-03-15"],
    ["15 march 2026", "2026-03-15"],
    ["fecha 13defebrerode2026", "2026-02-13"], // OCR lost the spaces
    ["12/31/2025", "2025-12-31"], // month first only when the day cannot be a month
  ])("%s → %s", (s, iso) => {
    expect(findDates(foldText(s)).map((d) => d.iso)).toEqual([iso]);
  });

  it.each(["31/02/2026", "1234/56/78", "tel 915 55 12 12", "B12345674"])("%s → none", (s) => {
    expect(findDates(foldText(s))).toEqual([]);
  });
});

describe("findAmounts", () => {
  const cents = (s: string) => findAmounts(s).map((a) => a.cents);
  it.each([
    ["Total 1.234,56 €", [123456]],
    ["IVA 21% 21,00", [2100]],
    ["Subtotal €1,363.41", [136341]],
    ["TOTAL -1.184,69 €", [-118469]],
    ["Retención (15,00) EUR", [-1500]],
    ["Importe 12,50-", [-1250]],
    ["Fecha 15/03/2026 12:24", []],
    ["Factura A-9719 del 2025-07-05", []],
    ["Tubo PVC 40 mm", []],
    ["3 x 11,73   35,19", [1173, 3519]],
  ])("%s → %j", (s, want) => {
    expect(cents(s)).toEqual(want);
  });
});
