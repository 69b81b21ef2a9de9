import { describe, expect, it } from "vitest";
import { assessTrust } from "@/lib/documents/parse/trust";
import { layoutText } from "@/lib/documents/layout";
import {
  detectLanguage,
  findAmounts,
  findDates,
  foldText,
  parseDocument,
  parseInvoice,
  type DocumentLayout,
  type ParsedInvoice,
} from "@/lib/documents/parse";
import { TRUST_THRESHOLD } from "@/lib/documents/parse/trust";

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
      vatLines: [{ rateBp: 2100, baseCents: 38480, vatCents: 8081 }],
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
      irpfRateBp: 1500,
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
        { rateBp: 2100, baseCents: 5081, vatCents: 1067 },
        { rateBp: 1000, baseCents: 5432, vatCents: 543 },
        { rateBp: 400, baseCents: 4369, vatCents: 175 },
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
      vatLines: [{ rateBp: 0, baseCents: 136341, vatCents: 0 }],
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
      vatLines: [{ rateBp: 2100, baseCents: -97908, vatCents: -20561 }],
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
    want: { invoiceNumber: "A-12", issueDate: "2026-03-15", baseCents: 20000, vatCents: 2000, totalCents: 22000, vatLines: [{ rateBp: 1000, baseCents: 20000, vatCents: 2000 }] },
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
    name: "an invoice the book issued: its own id at the top is the vendor's, the client's is the customer's",
    own: "12345678Z",
    text: `
Marta Romero Alonso — NIF 12345678Z
Diseño gráfico
Cliente: Empresa Demo S.A. — CIF A58818501
Factura: 2026-014
Fecha: 2026-02-01
Base imponible 1.000,00
IVA 21% 210,00
Retención IRPF 15% -150,00
Total 1.060,00`,
    want: { vendorTaxId: "12345678Z", customerTaxId: "A58818501", invoiceNumber: "2026-014", totalCents: 106000 },
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
    want: { vendorTaxId: "X1234567L", baseCents: 142048, vatCents: 29830, irpfCents: 21307, irpfRateBp: 1500, totalCents: 150571, checks: { arithmeticOk: true } },
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
    want: { baseCents: 1870, vatCents: 187, totalCents: 2057, vatLines: [{ rateBp: 1000, baseCents: 1870, vatCents: 187 }], checks: { arithmeticOk: true } },
  },
  {
    name: "an invalid check digit is not a tax id",
    text: `
Empresa Falsa S.L.
CIF: B12345675
Total 10,00`,
    want: { vendorTaxId: null, checks: { vendorTaxIdValid: false } },
  },
  {
    name: "OCR misreadings on a photo: 'N.LF.' for N.I.F., the CIF letter read as 8, 'NY' for Nº",
    text: `Factura rectificativa
NY Factura FR2026/014
Talleres Ejemplo S.L.             Fecha emisión 2026-02-03
N.LF. 812345674
FACTURAR A
Cliente Demo S.A.
C.l.F: A58818501
Importe neto     100,00
IVA 21%          21,00
Total            121,00`,
    want: { vendorTaxId: "B12345674", customerTaxId: "A58818501", invoiceNumber: "FR2026/014", issueDate: "2026-02-03" },
  },
  {
    name: "number label lost to OCR: a code at the top of the page, not the tax id nor the delivery note",
    text: `O              N Hi   ICT       409/25
Suministros Norte S.A.
Albarán ALB-018723
NIF A58818501 — Tel. +34 608 015 374        Vencimiento    17-03-2025
Base imponible 100,00
IVA 21% 21,00
Total 121,00`,
    want: { invoiceNumber: "409/25", vendorTaxId: "A58818501" },
  },
  {
    name: "one-line header: name and CIF in one cell separated by '·'; ticket number without Nº",
    text: `Talleres Ejemplo S.L. · CIF B12345674
Ticket n9%: 000123 · 12/02/2026 13:45
2 CAFE 2,40
TOTAL 2,40 EUR
IVA 10% incluido  Base 2,18  Cuota 0,22`,
    want: { vendorName: "Talleres Ejemplo S.L.", vendorTaxId: "B12345674", invoiceNumber: "000123", docType: "simplified", totalCents: 240, baseCents: 218, vatCents: 22 },
  },
  {
    name: "party labels on the lines: EMISOR / RECEPTOR with name and id in one cell, dotted leaders, IRPF 7 %",
    text: `FACTURA Nº: A/778
FECHA: 03-03-2026
EMISOR: Pedro Ruiz Ortega  NIF 12345678Z
RECEPTOR: Cliente Demo S.A.  CIF A58818501
BASE IMPONIBLE ........ 800,00
IVA 21% ............... 168,00
RETENCIÓN IRPF 7% ..... -56,00
TOTAL ................. 912,00`,
    want: {
      vendorName: "Pedro Ruiz Ortega",
      vendorTaxId: "12345678Z",
      customerTaxId: "A58818501",
      invoiceNumber: "A/778",
      irpfRateBp: 700,
      irpfCents: 5600,
      totalCents: 91200,
      checks: { arithmeticOk: true },
    },
  },
  {
    name: "'Fra. simplificada' is a simplified invoice",
    text: `Fruteria La Huerta
NIF B12345674
Fra. simplificada 2026-000812
18/01/2026
TOTAL             6,43
Base 10%: 5,85   IVA: 0,58`,
    want: { docType: "simplified", invoiceNumber: "2026-000812", issueDate: "2026-01-18", totalCents: 643, baseCents: 585, vatCents: 58 },
  },
  {
    name: "OCR-misspelt labels: a customer block under 'DATOS DEL CLIENTI' and 'Vencimento' are not the vendor",
    text: `Factura
Núm. factura        A-4670
Vencimento — 30/03/2025
Fecha emisión 28/02/2025
N.I.F. A58818501
DATOS DEL CLIENTI
Academia Norte S.L.
NIF: B12345674
Base imponible 100,00
IVA 21% 21,00
Total 121,00`,
    want: { vendorName: null, vendorTaxId: "A58818501", customerTaxId: "B12345674", issueDate: "2025-02-28", invoiceNumber: "A-4670" },
  },
  {
    name: "a DNI whose control letter OCR read as a digit",
    text: `Laura Gómez Ruiz
NIE/NIF: 12345678-2
Factura nº 2026-7
Fecha 01/03/2026
Base imponible 100,00
IVA 21% 21,00
Total 121,00`,
    want: { vendorTaxId: "12345678Z", invoiceNumber: "2026-7" },
  },
  {
    name: "photo of a multi-rate table with recargo where OCR lost every decimal comma (the total confirms the cents)",
    text: `Distribuciones Norte S.L.   NIF B12345674
Factura nº 88/26   Fecha 02/02/2026
Suma importes   %IVA   Importe neto   Cuota IVA   %RE   RE   Total
2354 21%          2354        494    52%     122      2970
23944 10%         23944       2394   14%     335      26673
5154    4%        5154        206    05%     026      5386
TOTAL €350.29`,
    want: {
      baseCents: 31452,
      vatCents: 3094,
      recargoCents: 483,
      totalCents: 35029,
      vatLines: [
        { rateBp: 2100, baseCents: 2354, vatCents: 494 },
        { rateBp: 1000, baseCents: 23944, vatCents: 2394 },
        { rateBp: 400, baseCents: 5154, vatCents: 206 },
      ],
      checks: { arithmeticOk: true },
    },
  },
  {
    name: "lossy rows the total does not confirm are dropped",
    text: `Factura nº 7   Fecha 02/02/2026
2354 21%          2354        494
Base imponible 500,00
IVA 21% 105,00
TOTAL 605,00`,
    want: { baseCents: 50000, vatCents: 10500, totalCents: 60500, vatLines: [{ rateBp: 2100, baseCents: 50000, vatCents: 10500 }] },
  },
  {
    name: "tax table row whose rate OCR lost: read from its base and row total, next to rows that did match",
    text: `Factura A-1   Fecha 28/02/2025
Base      IVA      Cuota      Total
22.78     21%      4,78       27,56
116.86    10%      11,69      128,55
53.79     ~        218        55,94
Importe total 212,05 €`,
    want: {
      baseCents: 19343,
      vatCents: 1862,
      totalCents: 21205,
      vatLines: [
        { rateBp: 2100, baseCents: 2278, vatCents: 478 },
        { rateBp: 1000, baseCents: 11686, vatCents: 1169 },
        { rateBp: 400, baseCents: 5379, vatCents: 215 },
      ],
    },
  },
  {
    name: "tax table with a misread quota: the row total gives it; a stray item line with a rate does not spoil the set",
    text: `Factura B-12   Fecha 02/03/2026
Producto de prueba      1     100,00    21%    121,00
Base       Tipo     Cuota     Total
239,44     10%      23,04     263,38
51,54      4%       2,06      53,60
Total factura 316,98 €`,
    want: {
      baseCents: 29098,
      vatCents: 2600,
      totalCents: 31698,
      vatLines: [
        { rateBp: 1000, baseCents: 23944, vatCents: 2394 },
        { rateBp: 400, baseCents: 5154, vatCents: 206 },
      ],
    },
  },
  {
    name: "credit note printed with mixed signs: magnitudes add up, all figures negative",
    text: `FACTURA RECTIFICATIVA
Núm. factura R2025-0050
Importe neto                 47.65
IVA 21%                      -€10.01
Total factura                -€57.66`,
    want: {
      docType: "credit_note",
      baseCents: -4765,
      vatCents: -1001,
      totalCents: -5766,
      vatLines: [{ rateBp: 2100, baseCents: -4765, vatCents: -1001 }],
      checks: { arithmeticOk: true },
    },
  },
];

describe("parseInvoice", () => {
  it.each(cases)("$name", ({ text, own, want }) => {
    const got = parseInvoice(text, { ownTaxId: own ?? null });
    const { checks, vatLines, ...fields } = want;
    expect(got).toMatchObject(fields);
    if (checks) expect(got.checks).toMatchObject(checks);
    if (vatLines) expect([...got.vatLines].sort((a, b) => b.rateBp - a.rateBp)).toEqual([...vatLines].sort((a, b) => b.rateBp - a.rateBp));
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

describe("parseDocument (layout: text with word boxes)", () => {
  /** A page of 1000 × 1000 units: rows of [text, x] cells at y = 100, 140, … ; every cell one word box. */
  function layoutOf(rows: [string, number][][], conf?: (cell: string) => number): DocumentLayout {
    return {
      lines: rows.map((cells, i) => {
        let t = "";
        const w: DocumentLayout["lines"][number]["w"] = [];
        for (const [text, x] of cells) {
          if (t) t += "\t";
          w.push({ s: t.length, e: t.length + text.length, x: x / 1000, y: (100 + i * 40) / 1000, w: (text.length * 8) / 1000, h: 0.02, ...(conf ? { c: conf(text) } : {}) });
          t += text;
        }
        return { p: 1, t, w };
      }),
    };
  }
  const rows: [string, number][][] = [
    [["Talleres Ejemplo S.L.", 50], ["FACTURA Nº F-2026-001", 600]],
    [["NIF: B12345674", 50], ["Fecha: 15/03/2026", 600]],
    [["Base imponible", 500], ["100,00 €", 800]],
    [["IVA 21%", 500], ["21,00 €", 800]],
    [["TOTAL", 500], ["121,00 €", 800]],
  ];

  it("reads the same fields as parseInvoice and gives each a box where it was read", () => {
    const layout = layoutOf(rows);
    const got = parseDocument(layout);
    const plain = parseInvoice(layoutText(layout));
    expect({ ...got, boxes: {} }).toEqual({ ...plain, boxes: {} });
    expect(got).toMatchObject({ totalCents: 12100, vendorTaxId: "B12345674", invoiceNumber: "F-2026-001", issueDate: "2026-03-15" });
    expect(got.boxes.totalCents).toEqual({ page: 1, x: 0.8, y: 0.26, w: 0.064, h: 0.02 });
    expect(got.boxes.baseCents).toMatchObject({ x: 0.8, y: 0.18 });
    // A box narrows to the value's characters inside a word box ("Fecha: 15/03/2026" → "15/03/2026").
    expect(got.boxes.issueDate).toEqual({ page: 1, x: 0.656, y: 0.14, w: 0.08, h: 0.02 });
    expect(got.boxes.vendorTaxId).toMatchObject({ x: 0.09, y: 0.14 });
    expect(got.boxes.vendorName).toMatchObject({ x: 0.05, y: 0.1 });
    expect(parseInvoice(layoutText(layout), { layout }).boxes).toEqual(got.boxes);
  });

  it("lowers a field's confidence where OCR was unsure of its words, unless a check confirms the value", () => {
    const sure = parseDocument(layoutOf(rows, () => 0.95));
    const unsureDate = parseDocument(layoutOf(rows, (c) => (c.startsWith("Fecha") || c.startsWith("TOTAL") || c.startsWith("121") ? 0.3 : 0.95)));
    expect(unsureDate.fieldConfidence.issueDate).toBeLessThan(sure.fieldConfidence.issueDate - 0.1);
    // The total adds up (base + IVA = total): OCR's doubt costs it little.
    expect(unsureDate.checks.arithmeticOk).toBe(true);
    expect(unsureDate.fieldConfidence.totalCents).toBeGreaterThan(sure.fieldConfidence.totalCents - 0.06);
    expect(unsureDate.confidence).toBeLessThan(sure.confidence);
  });

  it("takes a total OCR misread by one digit from the labelled base and quota that check, for review; a text layer's stays as printed", () => {
    const misread: [string, number][][] = [
      [["Talleres Ejemplo S.L.", 50], ["FACTURA Nº F-2026-001", 600]],
      [["NIF: B12345674", 50], ["Fecha: 15/03/2026", 600]],
      [["Importe neto", 500], ["6.318,93 €", 800]],
      [["Cuota IVA (21 %)", 500], ["1.326,98 €", 800]],
      [["TOTAL FACTURA", 500], ["7.045,91 €", 800]],
    ];
    const ocr = parseDocument(layoutOf(misread, () => 0.9));
    expect({ base: ocr.baseCents, vat: ocr.vatCents, total: ocr.totalCents }).toEqual({ base: 631893, vat: 132698, total: 764591 });
    expect(assessTrust(ocr).status).toBe("needs_review");
    const text = parseDocument(layoutOf(misread));
    expect(text.totalCents).toBe(704591);
    expect(text.checks.arithmeticOk).toBe(false);
  });

  it("OCR: a quota at its rate and a total that check each other outweigh an item named 'Base …' taken as the base", () => {
    const rows: [string, number][][] = [
      [["Talleres Ejemplo S.L.", 50], ["FACTURA Nº F-2026-001", 600]],
      [["NIF: B12345674", 50], ["Fecha: 15/03/2026", 600]],
      [["204017", 50], ["Base enchufe schuko", 150], ["3", 500], ["31,92", 600], ["95,76", 800]],
      [["Base imponible", 500], ["7.11580 €", 800]],
      [["Cuota IVA (21 %)", 500], ["1.494,32 €", 800]],
      [["TOTAL", 500], ["8.610,12 €", 800]],
    ];
    const ocr = parseDocument(layoutOf(rows, () => 0.9));
    expect({ base: ocr.baseCents, vat: ocr.vatCents, total: ocr.totalCents }).toEqual({ base: 711580, vat: 149432, total: 861012 });
    // The base they imply is the amount printed under "Base imponible" (its comma lost): the figures add up.
    expect(ocr.checks.arithmeticOk).toBe(true);
  });

  it("reads header rows by column position even when the value row has more cells than the header", () => {
    const header: [string, number][][] = [
      [["Talleres Ejemplo S.L.", 50], ["NIF B12345674", 600]],
      [["Nº factura", 50], ["Vencimiento", 400], ["Fecha", 700]],
      [["F-2026-77", 50], ["(copia)", 200], ["15/04/2026", 400], ["15/03/2026", 700]],
      [["Base imponible", 100], ["IVA 21%", 400], ["Total", 700]],
      [["Moneda EUR", 10], ["100,00", 120], ["21,00", 410], ["121,00", 710]],
    ];
    const layout = layoutOf(header);
    const got = parseDocument(layout);
    expect(got).toMatchObject({ invoiceNumber: "F-2026-77", issueDate: "2026-03-15", baseCents: 10000, vatCents: 2100, totalCents: 12100 });
    expect(got.boxes.issueDate).toMatchObject({ x: 0.7, y: 0.18 });
    // From the text alone the columns do not line up (4 cells under 3), and the first date is taken.
    expect(parseInvoice(layoutText(layout)).issueDate).toBe("2026-04-15");
  });

  it("finds a value right below its label when other columns share the label's line", () => {
    const rows2: [string, number][][] = [
      [["Talleres Ejemplo S.L.", 50], ["NIF B12345674", 600]],
      [["Factura nº F-9", 50], ["Fecha 15/03/2026", 600]],
      [["Pago: transferencia bancaria", 50], ["TOTAL A PAGAR", 700]],
      [["Plazo 30 días, recargo 2,00 por demora", 50], ["121,00 €", 700]],
    ];
    const layout = layoutOf(rows2);
    const got = parseDocument(layout);
    expect(got.totalCents).toBe(12100);
    expect(got.boxes.totalCents).toMatchObject({ x: 0.7, y: 0.22 });
    expect(parseInvoice(layoutText(layout)).totalCents).not.toBe(12100);
  });

  it("a 'Total' heading a tax table's rows is each row's total, not the document's", () => {
    const folio: [string, number][][] = [
      [["Hotel Ejemplo S.L.", 50], ["CIF B12345674", 600]],
      [["Nº factura: H-2026-001", 50], ["Fecha: 15/03/2026", 600]],
      [["03/04/25", 70], ["Tasa turística municipal 4n x 2p", 220], ["n/s", 703], ["12,00", 888]],
      [["Tipo", 300], ["Base imponible", 457], ["Cuota", 683], ["Total", 889]],
      [["IVA 10%", 300], ["667,27", 511], ["66,73", 688], ["734,00", 881]],
      [["No sujeto", 300], ["12,00", 518], ["0,00", 695], ["12,00", 888]],
      [["TOTAL", 300], ["746,00 €", 855]],
    ];
    // The tourist tax outside IVA is a 0 % line of the base (the bench's convention).
    expect(parseDocument(layoutOf(folio))).toMatchObject({ baseCents: 67927, vatCents: 6673, totalCents: 74600 });
  });

  it("the vendor only in a footer with its registry data, the customer's block top right without a label", () => {
    const page = (footerId: string): [string, number][][] => [
      [["Soluciones para la industria desde 1987", 50], ["Hostelería del Arlanzón S.A.", 620]],
      [["FACTURA", 50], ["Calle Vitoria, 45", 620]],
      [["09004 Burgos", 620]],
      [["CIF A-76.428.861", 620]],
      [["Nº Factura: F-2026-0412", 50], ["Fecha: 14/03/2026", 620]],
      [["Base imponible", 500], ["125,00", 800]],
      [["IVA 21%", 500], ["26,25", 800]],
      [["Total factura", 500], ["151,25 €", 800]],
      [[`Suministros Técnicos Rodríguez S.L. - CIF ${footerId} - Calle Doctor Fleming, 179 - 09014 Burgos`, 50]],
      [["Inscrita en el Registro Mercantil de Burgos, Tomo 4496, Folio 57, Hoja BU-225966", 50]],
    ];
    for (const ownTaxId of [null, "A76428861"]) {
      const got = parseDocument(layoutOf(page("B25967852")), { ownTaxId });
      expect(got).toMatchObject({ vendorTaxId: "B25967852", customerTaxId: "A76428861", vendorName: "Suministros Técnicos Rodríguez S.L." });
      expect(got.fieldConfidence.vendorTaxId).toBeGreaterThanOrEqual(TRUST_THRESHOLD);
      // OCR added letters before the id: read under the check digit.
      expect(parseDocument(layoutOf(page("FSB25967852")), { ownTaxId }).vendorTaxId).toBe("B25967852");
      // The footer's id unreadable: whatever id is taken is not trusted.
      expect(parseDocument(layoutOf(page("8#2S96?852")), { ownTaxId }).fieldConfidence.vendorTaxId).toBeLessThan(TRUST_THRESHOLD);
    }
  });

  it("a CIF whose first letter OCR lost and the parser supplied is not confirmed by its check digit", () => {
    const page = (id: string): [string, number][][] => [
      [["Talleres Ejemplo S.L.", 50], [`CIF: ${id}`, 600]],
      [["Factura nº F-2026-001", 50], ["Fecha: 15/03/2026", 600]],
      [["Cliente: Ana López, NIF 12345678Z", 50]],
      [["Base imponible", 500], ["100,00 €", 800]],
      [["IVA 21%", 500], ["21,00 €", 800]],
      [["TOTAL", 500], ["121,00 €", 800]],
    ];
    // OCR hesitated over the id's word (confidence 0.2): as printed, the check digit confirms it.
    const unsureId = (c: string) => (c.startsWith("CIF") ? 0.2 : 0.95);
    const printed = parseDocument(layoutOf(page("B12345674"), unsureId));
    expect(printed.vendorTaxId).toBe("B12345674");
    expect(printed.fieldConfidence.vendorTaxId).toBeGreaterThanOrEqual(TRUST_THRESHOLD);
    // "8" read for the letter: the repair to "B" is a guess the check digit cannot confirm.
    const repaired = parseDocument(layoutOf(page("812345674"), unsureId));
    expect(repaired.vendorTaxId).toBe("B12345674");
    expect(repaired.fieldConfidence.vendorTaxId).toBeLessThan(TRUST_THRESHOLD);
  });

  it.each([
    ["TX25640336", true],
    ["T025640336", false], // O or 0 where the series meets the digits: OCR cannot tell which was printed
    ["TO25640336", false],
    ["bdNV-2025-026201", false], // OCR's noise glued to the series (letters in both cases)
    ["FT-034747", true],
  ])("an OCR'd invoice number %s may be trusted: %s", (num, trusted) => {
    const page: [string, number][][] = [
      [["Talleres Ejemplo S.L.", 50], ["FACTURA", 600]],
      [["NIF: B12345674", 50], [`Factura nº: ${num}`, 600]],
      [["Fecha: 15/03/2026", 600]],
      [["Base imponible", 500], ["100,00 €", 800]],
      [["IVA 21%", 500], ["21,00 €", 800]],
      [["TOTAL", 500], ["121,00 €", 800]],
    ];
    const got = parseDocument(layoutOf(page, () => 0.96));
    expect(got.invoiceNumber).toBe(num);
    expect(got.fieldConfidence.invoiceNumber >= TRUST_THRESHOLD).toBe(trusted);
  });

  it("an OCR-read DNI opening with 2 may be an NIE's Z, which its check letter counts as 2", () => {
    const page = (id: string): [string, number][][] => [
      [["Ana Pérez Gil - Traducciones", 50], [`NIF: ${id}`, 600]],
      [["Factura nº F-2026-001", 50], ["Fecha: 15/03/2026", 600]],
      [["Cliente: Talleres Ejemplo S.L., CIF B12345674", 50]],
      [["Base imponible", 500], ["100,00 €", 800]],
      [["IVA 21%", 500], ["21,00 €", 800]],
      [["TOTAL", 500], ["121,00 €", 800]],
    ];
    // OCR read every word with confidence.
    const ocr = () => 0.95;
    const other = parseDocument(layoutOf(page("30000000L"), ocr));
    expect(other.vendorTaxId).toBe("30000000L");
    expect(other.fieldConfidence.vendorTaxId).toBeGreaterThanOrEqual(TRUST_THRESHOLD);
    const two = parseDocument(layoutOf(page("20000000M"), ocr));
    expect(two.vendorTaxId).toBe("20000000M");
    expect(two.fieldConfidence.vendorTaxId).toBeLessThan(TRUST_THRESHOLD);
  });

  it("a number below its label in a header grid whose date column lines up is read as labelled", () => {
    const page = (head: [string, number][], values: [string, number][]): [string, number][][] => [
      [["Talleres Ejemplo S.L.", 50], ["CIF: B12345674", 600]],
      [["FACTURA", 50]],
      head,
      values,
      [["Base imponible", 500], ["100,00 €", 800]],
      [["IVA 21%", 500], ["21,00 €", 800]],
      [["TOTAL", 500], ["121,00 €", 800]],
    ];
    const grid = parseDocument(layoutOf(page([["Número", 50], ["Fecha de factura", 300], ["Cliente", 600]], [["6/2025", 50], ["06-06-2025", 300], ["72568", 600]])));
    expect(grid.invoiceNumber).toBe("6/2025");
    expect(grid.fieldConfidence.invoiceNumber).toBeGreaterThanOrEqual(TRUST_THRESHOLD);
    // No date heading to show that the rows line up: the value below the label stays unsure.
    const loose = parseDocument(layoutOf(page([["Número", 50], ["Cliente", 600]], [["6/2025", 50], ["72568", 600]])));
    expect(loose.invoiceNumber).toBe("6/2025");
    expect(loose.fieldConfidence.invoiceNumber).toBeLessThan(TRUST_THRESHOLD);
  });

  it("a DNI OCR read with a leading 2 may be a NIE's Z: both pass the check, so it confirms neither", () => {
    const page = (id: string): [string, number][][] => [
      [["Lucía Medina Lorenzo", 50]],
      [[`NIF ${id} - Tel. +34 678 600 318`, 50], ["Cliente: Talleres Ejemplo S.L., CIF B12345674", 600]],
      [["Factura nº F-2026-001", 50], ["Fecha: 15/03/2026", 600]],
      [["Base imponible", 500], ["100,00 €", 800]],
      [["IVA 21%", 500], ["21,00 €", 800]],
      [["TOTAL", 500], ["121,00 €", 800]],
    ];
    const unsureId = (c: string) => (c.startsWith("NIF") ? 0.3 : 0.95);
    expect(parseDocument(layoutOf(page("34567890V"), unsureId)).fieldConfidence.vendorTaxId).toBeGreaterThanOrEqual(TRUST_THRESHOLD);
    const nieAlike = parseDocument(layoutOf(page("23456789D"), unsureId));
    expect(nieAlike.vendorTaxId).toBe("23456789D");
    expect(nieAlike.fieldConfidence.vendorTaxId).toBeLessThan(TRUST_THRESHOLD);
  });

  it("text without a layout has no boxes", () => {
    expect(parseInvoice(layoutText(layoutOf(rows))).boxes).toEqual({});
  });
});

describe("parseInvoice: a freelancer's unlabelled DNI with its control letter read as a look-alike", () => {
  const text = `Invoice
#117
05/07/2025
Alejandro Ramos Pastor                                        Molina e Hijos S.L.
46285464-8                                                                        B55503585
C/ Sant Antoni, 57                                                              Avenida del Puerto, 124
Subtotal                                                       2.100,00 €
IVA 21%                                                         441,00 €
IRPF withholding -15%                                  -315,00 €
Total (EUR)                                          2.226,00 €`;
  it("reads the DNI as an id (not the invoice number), for review", () => {
    const p = parseInvoice(text);
    expect(p.invoiceNumber).not.toBe("46285464-8");
    expect([p.vendorTaxId, p.customerTaxId]).toContain("46285464B");
    expect(assessTrust(p).status).toBe("needs_review");
  });
});
