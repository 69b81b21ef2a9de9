import { describe, expect, it } from "vitest";
import { parseInvoice } from "@/lib/documents/parse";
import { findAmounts, findRates, findSplitAmounts } from "@/lib/documents/parse/amounts";
import { findFigures, includedRates, oneDigitOff, splitByRates, type Closure } from "@/lib/documents/parse/figures";
import { labelHits } from "@/lib/documents/parse/labels";
import { toLines } from "@/lib/documents/parse/text";
import { assessTrust } from "@/lib/documents/parse/trust";

/** Text as the PDF text layer gives it: cells separated by tabs. */
const t = (s: string) => s.replace(/ ⇥ /g, "\t").replace(/^\n/, "");

function figuresOf(text: string, opts: { ocr?: boolean } = {}) {
  const lines = toLines(text);
  const infos = lines.map((l) => ({ hits: labelHits(l.fold), amounts: findAmounts(l.raw), rates: findRates(l.raw) }));
  return findFigures(lines, infos, null, lines.map((l) => l.fold).join("\n"), opts.ocr ? { ocrRead: () => true } : {});
}

type Want = {
  base: number | null;
  vat: number | null;
  total: number | null;
  irpf?: number | null;
  recargo?: number | null;
  lines?: { rateBp: number; baseCents: number; vatCents: number }[];
  closure: Closure;
  /** Whether the status may be green on these figures (no figure is a guess). */
  trusted: boolean;
};

/** `ocr`: the words were read by OCR (a digit may be misread); otherwise a text layer. */
const cases: { name: string; text: string; ocr?: boolean; want: Want }[] = [
  {
    name: "labelled figures that add up",
    text: t(`
Base imponible ⇥ 384,80 EUR
Cuota IVA 21% ⇥ 80,81 EUR
TOTAL A PAGAR ⇥ 465,61 EUR`),
    want: { base: 38480, vat: 8081, total: 46561, closure: "labelled", trusted: true },
  },
  {
    name: "a base printed only as the amount of the one service line, with IRPF withheld",
    text: t(`
Servicio de traducción ⇥ 200,00 €
Importe IVA 21% ⇥ 42,00 €
IRPF -15% ⇥ -30,00 €
Importe de la factura ⇥ 212,00 €`),
    want: { base: 20000, vat: 4200, irpf: 3000, total: 21200, closure: "searched", trusted: true },
  },
  {
    name: "a subtotal that includes IVA is not the base when IRPF is withheld",
    text: t(`
Honorarios profesionales ⇥ 500,00
IVA 21% ⇥ 105,00
Subtotal ⇥ 605,00
Retención IRPF 15% ⇥ -75,00
Total ⇥ 530,00`),
    want: { base: 50000, vat: 10500, irpf: 7500, total: 53000, closure: "searched", trusted: true },
  },
  {
    name: "\"TOTAL IVA INC.\" is a total; \"Base IVA\" (two labels, no value between) leaves the base unlabelled",
    text: t(`
Carrera ⇥ 12,10
TOTAL IVA INC. ⇥ 12,10 EUR
Base IVA ⇥ 11,00
I.V.A. 10% ⇥ 1,10`),
    want: { base: 1100, vat: 110, total: 1210, closure: "searched", trusted: true },
  },
  {
    name: "exempt with IRPF: \"IVA exento 0,00\" is the quota",
    text: t(`
Impartición del curso (20 h x 50,00 €/h) ⇥ 1.000,00 €
Base imponible ⇥ 1.000,00 €
IVA exento ⇥ 0,00 €
Retención 15 % ⇥ -150,00 €
Total factura ⇥ 850,00 €
Exenta de IVA según el art. 20.Uno.9º de la Ley del IVA.`),
    want: { base: 100000, vat: 0, irpf: 15000, total: 85000, closure: "searched", trusted: true },
  },
  {
    name: "a header row of labels over a row of values it does not line up with: found, but a guess",
    text: `| Base imponible | % | IVA | Retención IRPF 19% | TOTAL |
1,000.00 21% | 210.00           -190.00 €1,020.00 |
Fianza: €2,000.00`,
    want: { base: 100000, vat: 21000, irpf: 19000, total: 102000, closure: "searched", trusted: false },
  },
  {
    name: "a decimal comma OCR read as a space (\"€937 80\") and a thousands group split off (\"4. 465,71\")",
    text: `Bases imponibles    4. 465,71 €
IVA 21%    €937 80
RE 5,2%    €232,22
Total con IVA    €5.635,73`,
    want: { base: 446571, vat: 93780, recargo: 23222, total: 563573, closure: "searched", trusted: false },
  },
  {
    name: "a total before the IRPF withholding and the total to pay: the larger one is explained",
    text: t(`
Base imponible ⇥ 1.000,00
IVA 21% ⇥ 210,00
Total ⇥ 1.210,00
Retención IRPF 15% ⇥ -150,00
Total a pagar ⇥ 1.060,00`),
    want: { base: 100000, vat: 21000, irpf: 15000, total: 106000, closure: "labelled", trusted: true },
  },
  {
    name: "multi-page: the first page's \"Suma y sigue\" and page total are not the invoice's figures",
    text: t(`
Tornillería surtida (caja) ⇥ 10 ⇥ 60,00 ⇥ 600,00
Suma y sigue ⇥ 600,00
Total página ⇥ 600,00
Página 1 de 2
Brocas de acero (juego) ⇥ 5 ⇥ 80,00 ⇥ 400,00
Página 2 de 2
Base imponible ⇥ 1.000,00
IVA 21% ⇥ 210,00
Total factura ⇥ 1.210,00`),
    want: { base: 100000, vat: 21000, total: 121000, closure: "labelled", trusted: true },
  },
  {
    name: "the total also printed in pesetas and in another currency",
    text: t(`
Base imponible ⇥ 100,00 €
IVA 21% ⇥ 21,00 €
TOTAL EUROS ⇥ 121,00 €
Total pesetas ⇥ 20.132 pts
Total USD ⇥ 131,89 USD`),
    want: { base: 10000, vat: 2100, total: 12100, closure: "labelled", trusted: true },
  },
  {
    name: "shipping charged outside the IVA table: a 0 % line of its own, the base for the reviewer to confirm",
    text: t(`
Artículo A ⇥ 100,00
Base imponible ⇥ 100,00
IVA 21% ⇥ 21,00
Gastos de envío ⇥ 5,00
Total ⇥ 126,00`),
    want: {
      base: 10500,
      vat: 2100,
      total: 12600,
      lines: [
        { rateBp: 2100, baseCents: 10000, vatCents: 2100 },
        { rateBp: 0, baseCents: 500, vatCents: 0 },
      ],
      closure: "searched",
      trusted: false,
    },
  },
  {
    name: "a ticket that prints only the total and the IVA included: the base is what the printed rate confirms",
    text: t(`
Pan de hogaza ⇥ 13,50
TOTAL ⇥ 13,50
IVA 10% incluido ⇥ 1,23`),
    want: { base: 1227, vat: 123, total: 1350, lines: [{ rateBp: 1000, baseCents: 1227, vatCents: 123 }], closure: "none", trusted: true },
  },
  {
    name: "the IVA included does not match the printed rate: the derived base is not confirmed",
    text: t(`
Pan de hogaza ⇥ 13,50
TOTAL ⇥ 13,50
IVA 21% incluido ⇥ 1,23`),
    want: { base: 1227, vat: 123, total: 1350, closure: "none", trusted: false },
  },
  {
    name: "only the total labelled: base and quota found by the arithmetic are a guess",
    text: t(`
Artículos varios ⇥ 50,00 ⇥ 10,50
TOTAL ⇥ 60,50`),
    want: { base: 5000, vat: 1050, total: 6050, closure: "searched", trusted: false },
  },
  {
    name: "a ticket's tax table with several rates, one rate misread by OCR (\"16%\" for 10 %): every row is taken",
    text: `TOTAL EUROS      20.43 €
Precios con IVA incluido
Cod IVA   B.IMP.   CUOTA   TOTAL
A 21%     5.00     1.05    6.05
B 16%     9.45     0.95    10.40
C 4%      3.83     0.15    3.98
Total     18.28    2.15    20.43`,
    want: {
      base: 1828,
      vat: 215,
      total: 2043,
      lines: [
        { rateBp: 2100, baseCents: 500, vatCents: 105 },
        { rateBp: 1000, baseCents: 945, vatCents: 95 },
        { rateBp: 400, baseCents: 383, vatCents: 15 },
      ],
      closure: "labelled",
      trusted: true,
    },
  },
  {
    name: "a ticket's tax table with one row garbled beyond reading: recovered from the table's sum row",
    text: `TOTAL    25.38 €
Precios con IVA incluido
IVA    Base    CUOTA    TOTAL
A 21%    2.00    0.42    2.42
B 10%    10.00    1.00    11.00
C ax    1l.S0    0.46    11.96
Total    23.50    1.88    25.38`,
    want: {
      base: 2350,
      vat: 188,
      total: 2538,
      lines: [
        { rateBp: 2100, baseCents: 200, vatCents: 42 },
        { rateBp: 1000, baseCents: 1000, vatCents: 100 },
        { rateBp: 400, baseCents: 1150, vatCents: 46 },
      ],
      closure: "labelled",
      trusted: true,
    },
  },
  {
    name: "a wholesale tax table with recargo whose rate lost its decimal point (\"52%\") and quotas their commas",
    text: `Base   % IVA   IVA   % R.E.   Recargo   Total
14,80   21%   3,11   52%   0,77   18,68
395,57   10%   3956   1,4%   5,54   440,67
53,73   4%   215   0,5%   0,27   56,15
Total general 515,50 EUR`,
    want: {
      base: 46410,
      vat: 4482,
      recargo: 658,
      total: 51550,
      lines: [
        { rateBp: 2100, baseCents: 1480, vatCents: 311 },
        { rateBp: 1000, baseCents: 39557, vatCents: 3956 },
        { rateBp: 400, baseCents: 5373, vatCents: 215 },
      ],
      closure: "labelled",
      trusted: true,
    },
  },
  {
    name: "reverse charge at 0 % with space-grouped thousands: the whole amount, not its last group",
    text: `Data processing fee        1        15 934,66        15 934,66
Net amount        15 934,66 EUR
VAT 0% (reverse charge)        0,00 EUR
Total EUR        15 934,66 EUR
Reverse charge: VAT to be accounted for by the recipient.`,
    want: { base: 1593466, vat: 0, total: 1593466, closure: "labelled", trusted: true },
  },
  {
    name: "space-grouped thousands with IVA: base, quota and total read whole",
    text: t(`
Subtotal ⇥ 2 035,40
IVA 21% ⇥ 427,43
Total ⇥ 2 462,83 €`),
    want: { base: 203540, vat: 42743, total: 246283, closure: "labelled", trusted: true },
  },
  {
    name: "a hotel folio: nights and extras each with rate and quota, a summary per rate and a tourist tax outside IVA",
    text: t(`
Fecha ⇥ Concepto ⇥ Base ⇥ IVA ⇥ Cuota ⇥ Importe
12/03/2026 ⇥ Alojamiento noche 12/03 ⇥ 72,73 ⇥ 10 % ⇥ 7,27 ⇥ 80,00
13/03/2026 ⇥ Alojamiento noche 13/03 ⇥ 72,73 ⇥ 10 % ⇥ 7,27 ⇥ 80,00
14/03/2026 ⇥ Alojamiento noche 14/03 ⇥ 72,73 ⇥ 10 % ⇥ 7,27 ⇥ 80,00
14/03/2026 ⇥ Restaurante ⇥ 40,00 ⇥ 10 % ⇥ 4,00 ⇥ 44,00
15/03/2026 ⇥ Tasa turística 3 noches × 2,00 ⇥ 6,00
Base imponible 10 %: 258,19 ⇥ IVA 10 %: 25,81
Tasa turística (no sujeta a IVA): 6,00
Total ⇥ 290,00 €`),
    want: {
      base: 26419,
      vat: 2581,
      total: 29000,
      lines: [
        { rateBp: 1000, baseCents: 25819, vatCents: 2581 },
        { rateBp: 0, baseCents: 600, vatCents: 0 },
      ],
      closure: "searched",
      trusted: true,
    },
  },
  {
    name: "a hotel folio whose tourist tax is a 0 % row of the table: the summary's 10 % and a 0 % line",
    text: t(`
Alojamiento noche 12/03 ⇥ 72,73 ⇥ 10 % ⇥ 7,27 ⇥ 80,00
Alojamiento noche 13/03 ⇥ 72,73 ⇥ 10 % ⇥ 7,27 ⇥ 80,00
Alojamiento noche 14/03 ⇥ 72,73 ⇥ 10 % ⇥ 7,27 ⇥ 80,00
Tasa turística 3 noches × 2,00 ⇥ 6,00 ⇥ 0 % ⇥ 0,00 ⇥ 6,00
Base imponible 10 %: 218,19 ⇥ IVA 10 %: 21,81
Total factura ⇥ 246,00 €`),
    want: {
      base: 22419,
      vat: 2181,
      total: 24600,
      lines: [
        { rateBp: 1000, baseCents: 21819, vatCents: 2181 },
        { rateBp: 0, baseCents: 600, vatCents: 0 },
      ],
      closure: "searched",
      trusted: true,
    },
  },
  {
    name: "a hotel folio without a summary: the nights add up, the tourist tax is a 0 % line",
    text: t(`
Alojamiento noche 12/03 ⇥ 72,73 ⇥ 10 % ⇥ 7,27 ⇥ 80,00
Alojamiento noche 13/03 ⇥ 72,73 ⇥ 10 % ⇥ 7,27 ⇥ 80,00
Alojamiento noche 14/03 ⇥ 72,73 ⇥ 10 % ⇥ 7,27 ⇥ 80,00
Impuesto turístico 3 noches × 2,00 = 6,00
Total a pagar ⇥ 246,00 €`),
    want: {
      base: 22419,
      vat: 2181,
      total: 24600,
      lines: [
        { rateBp: 1000, baseCents: 21819, vatCents: 2181 },
        { rateBp: 0, baseCents: 600, vatCents: 0 },
      ],
      closure: "searched",
      trusted: true,
    },
  },
  {
    name: "a scanned folio: two equal nights, a minibar at 21 % and a labelled summary per rate",
    text: `Alojamiento noche 12/03   72,73   10 %   7,27   80,00
Alojamiento noche 13/03   72,73   10 %   7,27   80,00
Minibar   10,00   21 %   2,10   12,10
Base imponible 10 %: 145,46    IVA 10 %: 14,54
Base imponible 21 %: 10,00    IVA 21 %: 2,10
Total   172,10 EUR`,
    want: {
      base: 15546,
      vat: 1664,
      total: 17210,
      lines: [
        { rateBp: 1000, baseCents: 14546, vatCents: 1454 },
        { rateBp: 2100, baseCents: 1000, vatCents: 210 },
      ],
      closure: "labelled",
      trusted: true,
    },
  },
  {
    name: "two equal nights and a total: both nights, not one",
    text: t(`
Alojamiento noche 12/03 ⇥ 72,73 ⇥ 10 % ⇥ 7,27 ⇥ 80,00
Alojamiento noche 13/03 ⇥ 72,73 ⇥ 10 % ⇥ 7,27 ⇥ 80,00
Total ⇥ 160,00 €`),
    want: { base: 14546, vat: 1454, total: 16000, lines: [{ rateBp: 1000, baseCents: 14546, vatCents: 1454 }], closure: "labelled", trusted: true },
  },
  {
    name: "nights with their rate and price but no quota, IVA included: every night, not one",
    text: `Alojamiento noche 10/03   72,73   10 %   80,00
Alojamiento noche 11/03   72,73   10 %   80,00
Alojamiento noche 12/03   72,73   10 %   80,00
Alojamiento noche 13/03   72,73   10 %   80,00
Total   320,00 EUR
IVA 10% incluido`,
    want: { base: 29092, vat: 2908, total: 32000, lines: [{ rateBp: 1000, baseCents: 29092, vatCents: 2908 }], closure: "labelled", trusted: true },
  },
  {
    name: "a tourist tax beside a base and quota no label points at: the figures add up, but are a guess",
    text: t(`
Estancia ⇥ 200,00 ⇥ 20,00
Tasa turística ⇥ 6,00
Total ⇥ 226,00 €`),
    want: { base: 20600, vat: 2000, total: 22600, closure: "searched", trusted: false },
  },
  {
    name: "an OCR'd folio with single spaces: two nights and a minibar at 21 %, only the total labelled",
    text: `10/03/2026 Alojamiento noche 10/03 72,73 10% 7,27 80,00
11/03/2026 Alojamiento noche 11/03 72,73 10% 7,27 80,00
12/03/2026 Minibar 8,26 21% 1,74 10,00
Total factura 170,00 €`,
    want: {
      base: 15372,
      vat: 1628,
      total: 17000,
      lines: [
        { rateBp: 1000, baseCents: 14546, vatCents: 1454 },
        { rateBp: 2100, baseCents: 826, vatCents: 174 },
      ],
      closure: "labelled",
      trusted: true,
    },
  },
  {
    name: "suite nights with space-grouped thousands and a summary: the summary's figures, read whole",
    text: `Alojamiento suite noche 10/03   1 090,91   10 %   109,09   1 200,00
Alojamiento suite noche 11/03   1 090,91   10 %   109,09   1 200,00
Base imponible 10 %: 2 181,82   IVA 10 %: 218,18
Total   2 400,00 EUR`,
    want: { base: 218182, vat: 21818, total: 240000, lines: [{ rateBp: 1000, baseCents: 218182, vatCents: 21818 }], closure: "labelled", trusted: true },
  },
  {
    name: "a tax row printed twice (item and summary table): counted once",
    text: t(`
Servicio de mantenimiento ⇥ 100,00 ⇥ 21% ⇥ 21,00 ⇥ 121,00
Base ⇥ % ⇥ Cuota
100,00 ⇥ 21% ⇥ 21,00
TOTAL ⇥ 121,00 €`),
    want: { base: 10000, vat: 2100, total: 12100, lines: [{ rateBp: 2100, baseCents: 10000, vatCents: 2100 }], closure: "labelled", trusted: true },
  },
  {
    name: "a tax table's row not subject to IVA (a tourist tax) is a 0 % row of the base, though the page says \"no sujeto\"",
    text: t(`
Estancia hab. ⇥ 10% ⇥ 390,00
Parking 2 noches ⇥ 21% ⇥ 44,00
Impuesto estancias turísticas (ITS) 2n x 2p ⇥ n/s ⇥ 4,40
Tipo ⇥ Base imponible ⇥ Cuota ⇥ Total
IVA 21% ⇥ 36,36 ⇥ 7,64 ⇥ 44,00
IVA 10% ⇥ 354,55 ⇥ 35,45 ⇥ 390,00
No sujeto ⇥ 4,40 ⇥ 0,00 ⇥ 4,40
TOTAL FACTURA ⇥ 438,40 €
Precios con IVA incluido. El impuesto turístico no está sujeto a IVA.`),
    want: {
      base: 39531,
      vat: 4309,
      total: 43840,
      lines: [{ rateBp: 2100, baseCents: 3636, vatCents: 764 }, { rateBp: 1000, baseCents: 35455, vatCents: 3545 }, { rateBp: 0, baseCents: 440, vatCents: 0 }],
      closure: "labelled",
      trusted: true,
    },
  },
  {
    name: "an exempt row the totals do not confirm is not part of the table",
    text: t(`
Tipo ⇥ Base imponible ⇥ Cuota
IVA 21% ⇥ 100,00 ⇥ 21,00
Exento ⇥ 50,00 ⇥ 0,00
TOTAL FACTURA ⇥ 121,00 €`),
    want: { base: 10000, vat: 2100, total: 12100, lines: [{ rateBp: 2100, baseCents: 10000, vatCents: 2100 }], closure: "labelled", trusted: true },
  },
  {
    name: "rates printed without \"%\" under a \"% IVA\" heading, confirmed by the total",
    text: t(`
Base imponible ⇥ % IVA ⇥ Cuota IVA
13.837,90 ⇥ 21 ⇥ 2.905,96
1.312,55 ⇥ 10 ⇥ 131,26
TOTAL FACTURA ⇥ 18.187,67 €`),
    want: {
      base: 1515045,
      vat: 303722,
      total: 1818767,
      lines: [{ rateBp: 2100, baseCents: 1383790, vatCents: 290596 }, { rateBp: 1000, baseCents: 131255, vatCents: 13126 }],
      closure: "labelled",
      trusted: true,
    },
  },
  {
    name: "a whole number that happens to make a row add up is not a rate when the totals do not confirm it",
    text: t(`
Tornillos ⇥ 4,76 ⇥ 21 ⇥ 1,00
Base imponible ⇥ 200,00
IVA 21% ⇥ 42,00
TOTAL ⇥ 242,00 €`),
    want: { base: 20000, vat: 4200, total: 24200, lines: [{ rateBp: 2100, baseCents: 20000, vatCents: 4200 }], closure: "labelled", trusted: true },
  },
  {
    name: "a 'Base ⇥ Cuota ⇥ Total' heading over a tax table of three rates: the first row is not the document's figures",
    text: t(`
% IVA ⇥ Base imponible ⇥ Cuota IVA ⇥ Total
4 % ⇥ 1265,45 ⇥ 50,62 ⇥ 1316,07
2778,88 €
10 % ⇥ 509,26 ⇥ 50,93 ⇥ 560,19
21 % ⇥ 745,97 ⇥ 156,65 ⇥ 902,62
Totales ⇥ 2520,68 ⇥ 258,20`),
    want: {
      base: 252068,
      vat: 25820,
      total: 277888,
      lines: [{ rateBp: 400, baseCents: 126545, vatCents: 5062 }, { rateBp: 1000, baseCents: 50926, vatCents: 5093 }, { rateBp: 2100, baseCents: 74597, vatCents: 15665 }],
      closure: "searched",
      trusted: true,
    },
  },
  {
    name: "a totals grid with a discount column and rates printed as '21,00' without '%': the tax after the discount",
    text: t(`
IMPORTE ⇥ DTO % ⇥ IMP. DTO ⇥ BASE IMPONIBLE % IVA ⇥ I.V.A. ⇥ TOTAL A PAGAR
1431,97 ⇥ 5,00 ⇥ 71,60 ⇥ 1360,37 ⇥ 21,00 ⇥ 285,68 ⇥ 6296,37 €
4706,80 ⇥ 5,00 ⇥ 235,34 ⇥ 4471,46 ⇥ 4,00 ⇥ 178,86
Vencimiento: 18/03/26`),
    want: {
      base: 583183,
      vat: 46454,
      total: 629637,
      lines: [{ rateBp: 2100, baseCents: 136037, vatCents: 28568 }, { rateBp: 400, baseCents: 447146, vatCents: 17886 }],
      closure: "searched",
      trusted: true,
    },
  },
  {
    name: "a tax row whose base OCR printed with two dots ('1.356.61'): read as 1.356,61 when the rows then add up to the total",
    text: `% IVA      Base imponible      Cuota IVA      Total
4%      1.356.61      54,26      1.410,87
10%      606,65      60,67      667,32
21%      2.296,80      482,33      2.779,13
TOTAL FACTURA      4.857,32 €`,
    want: {
      base: 426006,
      vat: 59726,
      total: 485732,
      lines: [{ rateBp: 400, baseCents: 135661, vatCents: 5426 }, { rateBp: 1000, baseCents: 60665, vatCents: 6067 }, { rateBp: 2100, baseCents: 229680, vatCents: 48233 }],
      closure: "labelled",
      trusted: true,
    },
  },
  {
    name: "a tax table whose third row OCR lost: no single row is taken for the document's figures",
    text: `% IVA      Base imponible      Cuota IVA      Total
10%      606,65      60,67      667,32
21%      2.296,80      482,33      2.779,13
TOTAL FACTURA      4.857,32 €`,
    want: { base: 290345, vat: 54300, total: 485732, closure: "none", trusted: false },
  },
  {
    name: "a fuel ticket: 'IVA incluido (21 %): 13,85' under the total is the quota; the base it implies is not printed",
    text: `PRODUCTO         LITROS       €/L    IMPORTE
SIN PLOMO 95       36,57     1,674       61,23
LIMPIAPARABRISAS                     18,57
TOTAL                               79,80 €
IVA incluido (21 %): 13,85
Precios IVA incluido`,
    want: { base: 6595, vat: 1385, total: 7980, closure: "none", trusted: true },
  },
  {
    name: "a ticket's tax row whose base OCR lost ('10% ⇥ 0,21 ⇥ 2,33'): base = row total − quota, confirmed by the total",
    text: `TOTAL                    31,88 €
B.Imponible      %IVA      Cuota      Total
24,42      21%      5,13      29,55
= EER      10%      0,21      2,33`,
    want: {
      base: 2654,
      vat: 534,
      total: 3188,
      lines: [{ rateBp: 2100, baseCents: 2442, vatCents: 513 }, { rateBp: 1000, baseCents: 212, vatCents: 21 }],
      closure: "labelled",
      trusted: true,
    },
  },
  {
    name: "a taxi receipt: 'I.V.A. INCLUIDO (10%)' and no quota printed: base and quota the total implies, for review",
    text: `Importe carrera      23,95
Suplemento maletas      5,50
TOTAL      29,45 €
I.V.A. INCLUIDO (10%)`,
    want: { base: 2677, vat: 268, total: 2945, closure: "none", trusted: false },
  },
  {
    name: "a quota in brackets beside 'IVA 10% INCLUIDO (1,76)' is not negative",
    text: `1 CALAMARES ROMANA      13,30      13,30
TOTAL A PAGAR      19,31
IVA 10% INCLUIDO (1,76)`,
    want: { base: 1755, vat: 176, total: 1931, closure: "none", trusted: true },
  },
  {
    name: "a total OCR misread under a base and quota that check each other: not replaced by item amounts that happen to add up",
    text: t(`
Foco LED 50W ⇥ 20 ⇥ 3,31 ⇥ 66,20
Regleta 5 tomas ⇥ 1 ⇥ 68,85 ⇥ 68,85
Cable ⇥ 1 ⇥ 2,65 ⇥ 2,65
Importe neto ⇥ 6.088,46 €
IVA 21 % ⇥ 1.278,58 €
Total a pagar ⇥ 7.307,04 €`),
    want: { base: 608846, vat: 127858, total: 736704, closure: "none", trusted: false },
  },
  {
    name: "a restaurant's ticket with 'IMPUESTOS INCLUIDOS' and no rate: table service at 10 %, for review",
    text: `MESA: 30      COMENSALES: 3
1      ENTRECOT AÑOJO      26,40      26,40
TOTAL (€)      78,50
IMPUESTOS INCLUIDOS`,
    want: { base: 7136, vat: 714, total: 7850, closure: "none", trusted: false },
  },
  {
    name: "a shop's ticket with 'IMPUESTOS INCLUIDOS' and no rate: no rate to assume",
    text: `1      CUADERNO A4      26,40      26,40
TOTAL (€)      78,50
IMPUESTOS INCLUIDOS`,
    want: { base: null, vat: null, total: 7850, closure: "none", trusted: false },
  },
  {
    name: "quotas per rate only, item rows with net and gross: the bases are the items' sums per rate, not quota ÷ rate",
    text: t(`
Descripción ⇥ Cant. ⇥ Precio ud. (sin IVA) ⇥ IVA % ⇥ Total (sin IVA) ⇥ Total (IVA incl.)
Lámpara de escritorio LED ⇥ 3 ⇥ 118,79 ⇥ 21% ⇥ 356,37 ⇥ 431,21
Café en cápsulas (pack 50) ⇥ 4 ⇥ 31,75 ⇥ 10% ⇥ 127,00 ⇥ 139,70
Gastos de envío ⇥ 1 ⇥ 5,90 ⇥ 21% ⇥ 5,90 ⇥ 7,14
Total sin IVA ⇥ 489,27 €
IVA 21% ⇥ 76,08 €
IVA 10% ⇥ 12,70 €
Total a pagar ⇥ 578,05 €`),
    want: {
      base: 48927,
      vat: 8878,
      total: 57805,
      lines: [
        { rateBp: 2100, baseCents: 36227, vatCents: 7608 },
        { rateBp: 1000, baseCents: 12700, vatCents: 1270 },
      ],
      closure: "labelled",
      trusted: true,
    },
  },
  {
    name: "a quota per rate OCR read without its decimal comma ('IVA 4% 224€'): the items at 4 % say 2,24",
    text: t(`
Agenda 2026 (libro) ⇥ 1 ⇥ 17.67 ⇥ 4% ⇥ 17.67 ⇥ 18.38
Cable USB-C 2 m ⇥ 3 ⇥ 138,49 ⇥ 21% ⇥ 415,47 ⇥ 502,72
Libro: Guía de fotografía digital ⇥ 1 ⇥ 38.23 ⇥ 4% ⇥ 38,23 ⇥ 39.76
Shipping ⇥ 1 ⇥ 5,90 ⇥ 21% ⇥ 5.90 ⇥ 7.14
Total sin IVA / Total excl. VAT ⇥ 477,27 €
VAT 21% ⇥ 88.49 €
IVA / VAT 4% ⇥ 224€
Total payable ⇥ 568,00 €`),
    want: {
      base: 47727,
      vat: 9073,
      total: 56800,
      lines: [
        { rateBp: 2100, baseCents: 42137, vatCents: 8849 },
        { rateBp: 400, baseCents: 5590, vatCents: 224 },
      ],
      closure: "labelled",
      trusted: true,
    },
  },
  {
    name: "a labelled total OCR misread by one digit: the labelled base and quota check at their rate, the total is theirs",
    ocr: true,
    text: t(`
Importe neto ⇥ 6.318,93 €
Cuota IVA (21 %) ⇥ 1.326,98 €
TOTAL FACTURA ⇥ 7.045,91 €`),
    want: { base: 631893, vat: 132698, total: 764591, closure: "none", trusted: false },
  },
  {
    name: "a labelled quota OCR misread by one digit: base × rate is what the total leaves",
    ocr: true,
    text: t(`
Importe neto ⇥ 5918,76 €
IVA 21 % ⇥ 1242,91 €
TOTAL ⇥ 7161,70 €`),
    want: { base: 591876, vat: 124294, total: 716170, lines: [{ rateBp: 2100, baseCents: 591876, vatCents: 124294 }], closure: "none", trusted: false },
  },
  {
    name: "a labelled base OCR misread by one digit: what the total leaves of the quota is the base",
    ocr: true,
    text: t(`
Base imponible ⇥ 1.280,00 €
IVA 21 % ⇥ 264,60 €
TOTAL ⇥ 1.524,60 €`),
    want: { base: 126000, vat: 26460, total: 152460, closure: "none", trusted: false },
  },
  {
    name: "every figure OCR read without its decimal comma: only as cents does the base at the printed rate give the quota",
    text: t(`
Viaje Preferente x 3 ⇥ 13455€
Importe sin IVA ⇥ 12232€
VA10% ⇥ 1223€
Total billete ⇥ 13455€`),
    want: { base: 12232, vat: 1223, total: 13455, closure: "none", trusted: false },
  },
  {
    name: "whole euros that check at their rate stay euros",
    text: t(`
Importe sin IVA ⇥ 1200€
IVA 10% ⇥ 120€
Total ⇥ 1320€`),
    want: { base: 120000, vat: 12000, total: 132000, closure: "labelled", trusted: true },
  },
  {
    name: "a credit note's quota per rate whose minus sign OCR lost: signed as its base",
    text: t(`
Base imponible 21 % ⇥ -1951,83 €
Cuota IVA 21 % ⇥ -409,88 €
Base imponible 10 % ⇥ -466,06 €
Cuota IVA 10 % ⇥ 46,61 €
TOTAL RECTIFICATIVA ⇥ -2874,38 €`),
    want: {
      base: -241789,
      vat: -45649,
      total: -287438,
      lines: [
        { rateBp: 2100, baseCents: -195183, vatCents: -40988 },
        { rateBp: 1000, baseCents: -46606, vatCents: -4661 },
      ],
      closure: "labelled",
      trusted: true,
    },
  },
  {
    name: "rates printed without '%' under a heading, one row's amounts OCR broke ('1.798.28'): the total confirms the reading",
    text: `Base imponible      % IVA      Cuota IVA      TOTAL FACTURA
39.201,99      21      8.232,42      49.412,52 €
1.798.28      10      179.83`,
    want: {
      base: 4100027,
      vat: 841225,
      total: 4941252,
      lines: [
        { rateBp: 2100, baseCents: 3920199, vatCents: 823242 },
        { rateBp: 1000, baseCents: 179828, vatCents: 17983 },
      ],
      closure: "searched",
      trusted: true,
    },
  },
  {
    name: "nothing adds up: no search result, the figures stay as labelled",
    text: t(`
Base imponible ⇥ 100,00
IVA 21% ⇥ 25,00
Total ⇥ 130,00`),
    want: { base: 10000, vat: 2500, total: 13000, closure: "none", trusted: false },
  },
];

describe("findFigures", () => {
  for (const c of cases) {
    it(c.name, () => {
      const f = figuresOf(c.text, { ocr: c.ocr });
      expect({ base: f.baseCents, vat: f.vatCents, total: f.totalCents }).toEqual({ base: c.want.base, vat: c.want.vat, total: c.want.total });
      if (c.want.irpf !== undefined) expect(f.irpfCents).toBe(c.want.irpf);
      if (c.want.recargo !== undefined) expect(f.recargoCents).toBe(c.want.recargo);
      if (c.want.lines) expect(f.vatLines).toEqual(c.want.lines);
      expect(f.closure).toBe(c.want.closure);
    });
  }
});

describe("splitByRates", () => {
  it.each([
    ["21 % and 4 %, a base and a quota printed", 35297, 5764, [9697, 388], [{ rateBp: 2100, baseCents: 25600, vatCents: 5376 }, { rateBp: 400, baseCents: 9697, vatCents: 388 }]],
    ["21 % and 10 %, both bases printed", 30000, 4100, [10000, 20000], [{ rateBp: 2100, baseCents: 10000, vatCents: 2100 }, { rateBp: 1000, baseCents: 20000, vatCents: 2000 }]],
    ["nothing of the split printed", 35297, 5764, [], null],
  ])("%s", (_n, base, vat, seen, want) => {
    expect(splitByRates(base, vat, new Set(seen))).toEqual(want);
  });
});

describe("parseInvoice figures and the status", () => {
  const head = t(`
Ferretería Ejemplo S.L. ⇥ CIF B12345674
Factura nº ⇥ F-2025-001
Fecha de emisión ⇥ 15/03/2025
`);
  // (Cases read by OCR need a layout with word confidences: see index.test.ts, parseDocument.)
  for (const c of cases.filter((x) => !x.ocr)) {
    it(`${c.name}: ${c.want.trusted ? "may be green" : "needs review"}`, () => {
      const p = parseInvoice(head + c.text);
      expect({ base: p.baseCents, vat: p.vatCents, total: p.totalCents }).toEqual({ base: c.want.base, vat: c.want.vat, total: c.want.total });
      const figureDoubts = assessTrust(p).doubts.filter((d) => ["baseCents", "vatCents", "totalCents"].includes(d.field));
      expect(figureDoubts.length === 0).toBe(c.want.trusted);
    });
  }
});

describe("findAmounts", () => {
  // Thousands grouped by a space (plain, no-break U+00A0, narrow U+202F) are one amount in one cell; a column gap
  // (a tab, 3+ spaces) separates amounts, and a quantity before a price stays a quantity where the line shows it.
  it.each([
    ["a total with a space-grouped thousand", "Total 15 934,66 EUR", [1593466]],
    ["a net amount in its own cell", "Net amount\t10 847,26 EUR", [1084726]],
    ["a subtotal without currency", "Subtotal 2 035,40", [203540]],
    ["a narrow no-break space", "Total 1\u202f234,56 €", [123456]],
    ["a no-break space, English decimals", "Total\u00a01 234.56", [123456]],
    ["several groups", "Base 1 234 567,89", [123456789]],
    ["a grouped price and amount in an item row", "Technical support\t2\t1 925,00\t3 850,00", [200, 192500, 385000]],
    ["quantity 1, a grouped price and amount", "Data processing fee      1      15 934,66      15 934,66", [100, 1593466, 1593466]],
    ["a grouped amount printed twice", "Total 1 500,00 1 500,00", [150000, 150000]],
    ["a column gap is not a thousands separator", "Total   15   934,66", [1500, 93466]],
    ["quantity × price", "Tornillos 2 x 100,00 200,00", [10000, 20000]],
    ["quantity then price, the amount their product", "Tornillos 2 100,00 200,00", [200, 10000, 20000]],
    ["quantity 1 then price, the amount the price", "Cuadro CUAB499     1 674,83    0%    674,83", [100, 67483, 67483]],
    ["a negative quantity on a credit note", "REVs276 Revisión anual    21%    -12 327,65    -3.931,80", [-1200, 32765, -393180]],
    ["the line groups thousands with dots", "Licencia anual     12 506,74     6.080,88", [1200, 50674, 608088]],
    ["a room number before the price", "Habitación 101 150,00 150,00", [10100, 15000, 15000]],
    ["a time before the amount", "08/03/2026 13:42 100,00", [10000]],
    ["a rate whose \"%\" OCR lost", "IVA 21 210,00", [2100, 21000]],
    ["a large quota after its rate", "IVA 21 % 3 346,28", [334628]],
  ])("%s", (_n, line, want) => {
    expect(findAmounts(line).map((x) => x.cents)).toEqual(want);
  });

  it("offers the readings of amounts OCR broke, for the arithmetic to choose from", () => {
    expect(findSplitAmounts("3.182 62  21%  668 35  -477 39  €3.373.58").map((x) => x.cents)).toEqual([318262, 66835, -47739, 337358]);
    expect(findSplitAmounts("Total 3. 464,68 €").map((x) => x.cents)).toEqual([346468]);
    expect(findSplitAmounts("Fecha 12 05 2025")).toEqual([]);
    expect(findSplitAmounts("Habitación 101 150,00").map((x) => x.cents)).toContain(15000);
  });

  it("leaves a currency that opens the next amount to that amount (\"-512,86 €2.753,24\")", () => {
    const a = findAmounts("566,84   -512,86 €2.753,24");
    expect(a.map((x) => x.cents)).toEqual([56684, -51286, 275324]);
    expect(a[2].currency).toBe(true);
  });
});

describe("total labels", () => {
  it.each([
    ["IVA incluido (21 %): 13,85", "vat"],
    ["Precios IVA incluido", null],
    ["TOTAL (IVA incluido) 27,18", "total"],
  ])("%s: %s", (line, field) => {
    const hits = labelHits(toLines(line)[0].fold).filter((h) => h.field === "vat" || h.field === "total");
    expect(hits[0]?.field ?? null).toBe(field);
  });
  it.each([["TOTAL FACTURA"], ["TOTAL, FACTURA"], ["Total: a pagar"]])("%s is a strong total label (OCR's punctuation inside it)", (label) => {
    const hits = labelHits(toLines(label)[0].fold);
    expect(hits.map((h) => [h.field, h.strength])).toEqual([["total", 3]]);
  });
});

describe("includedRates", () => {
  it.each([
    ["i.v.a. incluido (10%)", [1000]],
    ["iva 21% incluido", [2100]],
    ["10% iva incluido", [1000]],
    ["impuestos incluidos", []],
    ["precios con iva incluido", []],
    ["iva incluido (10%) · iva incluido 21 %", [1000, 2100]],
  ])("%s → %j", (fold, want) => expect(includedRates(fold)).toEqual(want));
});

describe("oneDigitOff", () => {
  it.each([
    [764591, 704591, true],
    [124294, 124291, true],
    [124294, 124294, false],
    [124294, 124219, false], // two digits swapped: two positions
    [99999, 100000, false], // different lengths
  ])("%i and %i: %s", (a, b, want) => {
    expect(oneDigitOff(a, b)).toBe(want);
  });
});
