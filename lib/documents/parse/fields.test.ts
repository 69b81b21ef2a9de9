import { describe, expect, it } from "vitest";
import { findDates } from "@/lib/documents/parse/dates";
import { findIssueDate } from "@/lib/documents/parse/issue-date";
import { labelHits } from "@/lib/documents/parse/labels";
import { findInvoiceNumber, seriesMayBeMisread } from "@/lib/documents/parse/number";
import { foldText, toLines } from "@/lib/documents/parse/text";

/** Cells separated by " ⇥ " as a PDF text layer separates them by tabs. */
function read(text: string) {
  const lines = toLines(text.replace(/ ⇥ /g, "\t").replace(/^\n/, ""));
  const infos = lines.map((l) => ({ hits: labelHits(l.fold), dates: findDates(l.fold) }));
  return { number: findInvoiceNumber(lines, infos), date: findIssueDate(lines, infos) };
}

describe("seriesMayBeMisread", () => {
  it.each([
    ["a series letter read as a digit", "825/1000", "2025-05-02", true],
    ["a letter after a leading 0", "0A-12", "2025-05-02", true],
    ["a sequence closed by the issue year (yy)", "1658/25", "2025-05-02", false],
    ["a sequence closed by the issue year (yyyy)", "061-2026", "2026-01-20", false],
    ["closed by another year than the issue date's", "1658/24", "2025-05-02", true],
    ["'8' + the year before the slash, a sequence after it", "825/0579", "2025-05-02", true],
    ["no issue date to tell", "1658/25", null, true],
    ["a head that reads as a letter and the year, whatever follows", "825/2025", "2025-05-02", true],
    ["three groups of digits alone: a till's numbering", "039-007-879356", "2025-04-05", false],
    ["two groups: still a possible series", "125-039088", "2025-04-05", true],
    ["not opening with a digit OCR confuses with a letter", "2025/0142", "2025-05-02", false],
    ["digits, then a letter: the first may be a series letter OCR read as a digit", "2878N15433593", "2025-05-02", true],
    ["a letter after a 3 or 9 (no letter looks like them)", "9A-0042", "2025-05-02", false],
  ])("%s: %s", (_name, value, date, want) => {
    expect(seriesMayBeMisread(value, date)).toBe(want);
  });
});

describe("findInvoiceNumber with a layout", () => {
  it("OCR ran a row of headings into one cell: the label's own words place the column of its value", () => {
    const lines = toLines("Serie/Numero Fecha expedición Nº cliente\n25/86160\t10-03-2025\t29892");
    const infos = lines.map((l) => ({ hits: labelHits(l.fold), dates: findDates(l.fold) }));
    // Headings one hundredth of the page per character; the values' cells placed under their headings.
    const below: Record<number, [number, number]> = { 0: [0, 0.08], 9: [0.13, 0.23], 20: [0.3, 0.36] };
    const geo = (line: number, start: number, end: number) => {
      if (line === 0) return { x0: start / 100, x1: end / 100 };
      const cell = Object.entries(below).filter(([at]) => Number(at) < end).at(-1);
      return cell ? { x0: cell[1][0], x1: cell[1][1] } : null;
    };
    expect(findInvoiceNumber(lines, infos, geo)).toMatchObject({ value: "25/86160", labelled: true });
  });

  it("OCR ran a row of values into one cell: the date's own words place it under its heading", () => {
    const lines = toLines("Número\tFecha\tCód. cliente\nA-2025/2763 23/09/2025\t55026");
    const infos = lines.map((l) => ({ hits: labelHits(l.fold), dates: findDates(l.fold) }));
    // Headings at 0, 0.2, 0.4; on the values' row, one hundredth of the page per character, from 0.
    const head: Record<number, [number, number]> = { 0: [0, 0.06], 7: [0.2, 0.25], 13: [0.4, 0.52] };
    const geo = (line: number, start: number, end: number) => {
      if (line === 1) return start >= 23 ? { x0: 0.4, x1: 0.45 } : { x0: start / 100, x1: end / 100 };
      const cell = Object.entries(head).filter(([at]) => Number(at) < end).at(-1);
      return cell ? { x0: cell[1][0], x1: cell[1][1] } : null;
    };
    expect(findIssueDate(lines, infos, geo)).toMatchObject({ value: "2025-09-23", score: 2.5 });
  });

  it.each([
    ["a date inside a sentence below is not a column of dates", "Albarán 25-98929 de 05/09/2025 - Su pedido 7851067", 2.5],
    ["a date in the column below makes it a table's column of line dates", "Entrega parcial ⇥ 06/09/2025", 0.5],
  ])("a 'Fecha' heading over the date: %s", (_name, below, score) => {
    const lines = toLines(`Número\tFecha\tCliente\nA-1\t23/09/2025\t55026\n${below.replace(/ ⇥ /g, "\t")}`);
    const infos = lines.map((l) => ({ hits: labelHits(l.fold), dates: findDates(l.fold) }));
    // One hundredth of the page per character: "Fecha" and the dates under it share columns 16–26.
    const x: Record<string, number> = { "0:Número": 0, "0:Fecha": 16, "0:Cliente": 40, "1:A-1": 0, "1:23/09/2025": 16, "1:55026": 40 };
    const geo = (line: number, start: number, end: number) => {
      const raw = lines[line].raw;
      if (line === 2) return { x0: start / 100, x1: end / 100 };
      const cell = lines[line].cells.find((c) => c.start <= start && end <= c.end);
      const at = cell ? x[`${line}:${raw.slice(cell.start, cell.end)}`] : undefined;
      return at === undefined || !cell ? null : { x0: (at + start - cell.start) / 100, x1: (at + end - cell.start) / 100 };
    };
    expect(findIssueDate(lines, infos, geo)).toMatchObject({ value: "2025-09-23", score });
  });
});

describe("findInvoiceNumber", () => {
  it.each([
    ["plain label", "Factura nº: F2025-0713", "F2025-0713"],
    ["'Número' alone at the start of a line", "FACTURA\nNúmero 01975\nFecha 24/01/2025", "01975"],
    ["compound label 'Nº Fact.'", "Nº Fact. ⇥ A26/1973", "A26/1973"],
    ["OCR's 'N2 Fact.'", "FACTURA (ORIGINAL) N2 Fact. R-25/001", "R-25/001"],
    ["'Serie y número'", "Serie y número: B25/0686", "B25/0686"],
    ["header row with the value below its label", "Nº de factura ⇥ Fecha ⇥ Plazo de pago\nC25/2207 ⇥ 22/10/2025 ⇥ 06/11/2025", "C25/2207"],
    ["OCR's 'N9 transacción' on a fuel receipt", "GASOLINERA\nN9 transacción: FS25044458", "FS25044458"],
    ["'Invoice ID'", "Invoice ID ⇥ INV-2025-01171", "INV-2025-01171"],
    ["'Recibo n?:' as OCR reads 'Recibo nº:'", "Recibo n?: FS26027762", "FS26027762"],
    ["'Documento nº' on a ticket", "Documento nº FS25040106\n12/03/2025", "FS25040106"],
    ["order number beside it is not taken", "Nº de pedido: 686-3157229\nNº factura: EU07-FUA6DW", "EU07-FUA6DW"],
    ["customer and contract numbers are not taken", "Nº cliente: 445566\nNº contrato: 998877\nFactura nº 2025-A012", "2025-A012"],
    ["'Importe de la factura 2119,71' is an amount, not a number", "Factura nº 2025-A012\nImporte de la factura 2119,71 €", "2025-A012"],
    ["OCR's 'i1NV' for 'INV'", "Invoice number i1NV-2025-01394", "INV-2025-01394"],
    ["OCR's ';' for ':' after 'Factura nº'", "Factura n°; FR26/060", "FR26/060"],
    ["a number in pieces whose digits happen to pass a CIF check digit", "Número ⇥ F26 000109", "F26000109"],
    ["a CIF as one token after a weak label is still not the number", "Número ⇥ F26000109", null],
    ["a postcode below a label is not the number", "Factura nº\n07001 Palma (Illes Balears)", null],
    ["a phone printed in groups below a label is not the number", "Ne factura:\n946 270 303 - marcos.marquez@gmail.com", null],
    ["OCR's '€' for a series 'C'", "Nº factura €25/1533", "C25/1533"],
    ["no label: a code on a header line with a date", "Talleres S.L.\nF2026-2058   16/04/2026   P-72718", "F2026-2058"],
    ["no label: a series in several groups of letters", "Vendido por: Transportes S.L.\nMKP-ES-2026-5817722   2026-02-24   019-5256584-0079972", "MKP-ES-2026-5817722"],
    ["series and number printed with a space", "Factura nº F26 000381 ⇥ Fecha 12/03/2026", "F26000381"],
    ["series letter apart from its number", "Nº factura: A 2026/0142", "A2026/0142"],
    ["series and number with a spaced dash", "Factura nº: FV - 00731", "FV-00731"],
    ["a date after the number is not part of it", "Factura nº 0142 15/03/2026", "0142"],
    ["an amount after the number is not part of it", "Factura nº 0142 1.204,50 €", "0142"],
    ["a tax id after the number is not part of it", "Nº factura: 2025-118 B12345674", "2025-118"],
    ["a table rule OCR read as '|' before the value below its label", "N? Fact. ⇥ Fecha factura\n| 02106 | ⇥ 24/02/2025", "02106"],
    ["'Número' alone in a header cell, the value below it", "Número ⇥ Fecha de la factura ⇥ Mes\n6/2025 ⇥ 06-06-2025 ⇥ junio de 2025", "6/2025"],
    ["a header grid: 'FECHA FACTURA' and 'NÚMERO' are two headings, each over its value", "FECHA FACTURA ⇥ NÚMERO ⇥ CLIENTE ⇥ PÁGINA\n25.04.2025 ⇥ 20252767 ⇥ 39822 ⇥ 1/1", "20252767"],
    ["a header grid OCR read with runs of spaces: 'FECHA' and 'FACTURA N*' are two headings", "FECHA          FACTURA N*          COD. CLIENTE          PAGINA\n11-02-2026          20260053          570284          1/1", "20260053"],
    ["'Número' heading a column of items is not the number's label", "Número ⇥ Descripción ⇥ Importe\n1 ⇥ Tornillos ⇥ 10,00", null],
    ["a number shaped like an EU VAT id, below its label", "Invoice code ⇥ Invoice date\nDE202532650 ⇥ Apr 20, 2025", "DE202532650"],
    ["no label: a code shaped like an EU VAT id on the row of header values", "Metalúrgica Sousa Lda.\nRue de la Gare 71 - 4700-001 Braga\nPT202544220   2025-03-08   81857", "PT202544220"],
    ["no label: an EU VAT id printed as one is not a number", "VAT No.: DE202532650\nFecha 20/04/2025", null],
    ["no label: a code below an order-number header is not the number", "Pedido nº ⇥ Fecha\n428-2536733-1711518 ⇥ 28-02-2026", null],
    ["no label: a tax id OCR misread is not the number", "Café Bar S.L.\nCIF: BO2984680 ⇥ 10/08/2025", null],
    ["OCR's 'N.” factura' (º read as a quote)", "N.” factura ⇥ 004\nFecha de factura 31/05/2025", "004"],
    ["'Nº Fra.' abbreviation", "Nº Fra.: 26/0142 ⇥ Fecha 02/03/2026", "26/0142"],
    ["'Fra. nº' abbreviation", "Fra. nº A-0142", "A-0142"],
    ["'Nº' before a series joined to the digits by a hyphen: the series is not 'Fra.'", "Nº FRA-00675", "FRA-00675"],
    ["'Nº Fra.' with the series after it", "Nº Fra. FRA-00675", "FRA-00675"],
    ["'Nº doc.' on a ticket", "Nº doc. T-000381 ⇥ 12/03/2026", "T-000381"],
    ["'Documento:' at the start of a cell", "Documento: FS-0012 ⇥ Caja 2", "FS-0012"],
    ["a bilingual heading 'Nº / No.' over its value; the '#' printed with the value is kept", "Fecha / Date ⇥ Vencimiento / Due ⇥ Nº / No.\n13.04.2025 ⇥ 27.04.2025 ⇥ #040", "#040"],
    ["OCR's 'Ne?' for 'Nº' before 'rectificativa', the cited invoice below", "Ne? rectificativa: R20268953558 ⇥ Construcciones Lozano S.L.\nFecha de emision: 02/03/2026\nRef. factura A-2026/07174 de fecha 11/02/2026", "R20268953558"],
    ["a grid's 'FACTURA Nº' heading, OCR's 'Ne' for 'Nº'", "FECHA ⇥ FACTURA Ne ⇥ COD CLIENTE ⇥ PAG\n15/09/2025 ⇥ FV-069937 ⇥ 993539 ⇥ 1", "FV-069937"],
    ["a grid's 'FACTURA Nº' heading, OCR's 'º' lost", "FACTURA N ⇥ FECHA FACTURA ⇥ CLIENTE\nFV-082092 ⇥ 26-10-2025 ⇥ 381086", "FV-082092"],
    ["'Invoice #' heading its cell, OCR's '4' for '#'", "Bill to ⇥ Invoice 4 ⇥ 2025092221\nClimatización del Sur S.L. ⇥ Invoice date ⇥ 09.09.2025", "2025092221"],
    ["'Invoice #' heading its cell", "Invoice # ⇥ INV-0042 ⇥ Date ⇥ 09.09.2025", "INV-0042"],
    ["a bilingual heading 'Nº · No.' (a middle dot between)", "Fecha · Date ⇥ Vencimiento · Due ⇥ Nº · No.\n18/11/2025 ⇥ 18/12/2025 ⇥ #080", "#080"],
    ["OCR's bilingual heading 'N° No' (its slash lost)", "Fecha Date ⇥ Vencimiento - Due ⇥ N° No\n05/07/2025 ⇥ 20/07/2025 ⇥ #117", "#117"],
    ["OCR's bilingual heading 'No / NY'", "Date / Fecha      Due / Vencimiento      No / NY\n2025-11-28      2025-12-13      #245", "#245"],
    ["a '#' ending the label is the label's", "Invoice #123", "123"],
    ["OCR's '*' for the '#' printed with the value", "Date / Fecha      Due / Vencimiento      No /N?\n25 de abril de 2025      25 de mayo de 2025      *167", "#167"],
    ["no label: a year and a sequence joined by a dot at the top of the page", "2025.51\n12/09/2025\nAdrián Parra Romero ⇥ Gutiérrez e Hijos S.A.", "2025.51"],
    ["no label: an amount with a dot is not a year and a sequence", "Total 2025.51 EUR\n12/09/2025", null],
    ["OCR's bilingual heading 'N¢/ No,'", "Fecha / Date      Vencimiento / Due      N¢/ No,\n24.12.2025      07.01.2026      #012", "#012"],
    ["a bilingual heading 'Ne - No' over its value past a blank line", "Fecha - Date      Vencimiento - Due      Ne - No\n\n29/08/2025      28/09/2025      2508-13", "2508-13"],
    ["'Número' before a series apart from its digits (Catalan)", "Passeig de Gràcia, 191\nNúmero A 81163 ⇥ 43216 Reus (Tarragona)", "A81163"],
    ["OCR's 'N2:' for 'Nº:' in a right-hand block", "CIF B16599896          N2: T25/6716\nFecha factura: 09/07/2025", "T25/6716"],
    ["OCR's 'FRA. Ne:' for 'Fra. Nº:'", "FACTURA COMPLETA\nFRA. Ne: FA-2025-661466\nFecha: 14-08-2025", "FA-2025-661466"],
    ["'DOC.:' on a supermarket ticket", "FRA. SIMPLIFICADA\nDOC.: 2972003697067\n29/08/25 17:39   Ne Op.: 428989", "2972003697067"],
    ["a photo's edge read as a mark before OCR's 'Ne:'", "TICKET - FRA. SIMPLIFICADA\n| Ne: 57/061465            De\nFECHA: 10/02/26", "57/061465"],
    ["a photo's background read as '©' before OCR's 'Ne:'", "FACTURA SIMPLIFICADA\n© Ne: 2161547063     fe\nFecha: 14/09/25", "2161547063"],
    ["a word before 'Nº:' is no photo's edge", "Pedido Nº: 445566", null],
    ["policy number before the invoice number", "Nº de póliza: 0098877665\nNº factura: F-2026-0001", "F-2026-0001"],
    ["a credit note's reference to the invoice it corrects", "Rectifica a la factura nº 2025-001 de 03/02/2025\nFactura rectificativa nº R-2025-004", "R-2025-004"],
    ["no 'nº': a credit note's own number after its title", "FACTURA RECTIFICATIVA R-2025-004\nFecha 03/03/2025", "R-2025-004"],
    ["the invoice a credit note cancels", "Anula la factura nº F-0099 del 02/01/2026\nNº abono: AB-0012", "AB-0012"],
    ["the invoice a credit note corresponds to", "Corresponde a la factura nº F-0099\nNº abono: AB-0012", "AB-0012"],
    ["'Original de la factura nº' names the original invoice", "Original de la factura nº F-0099\nNº abono: AB-0012", "AB-0012"],
    ["'Factura rectificada' names the original invoice", "Factura rectificada: A-0099\nNúmero: R-0012", "R-0012"],
    ["meter and contract numbers on a utility bill", "Nº de contador: 77889911\nNº contrato: 123456789\nNº factura: FE26-000381", "FE26-000381"],
    ["customer reference beside the number", "Su referencia: PED-5541 ⇥ Factura nº 2026/0142", "2026/0142"],
    ["only a phone and a customer code: no number", "Teléfono: 912 345 678\nCódigo de cliente: 4812", null],
    ["no label: a phone and a tax id are not codes", "Talleres S.L.  B12345674\nTel. 912 345 678  16/04/2026", null],
    ["a simplified invoice's 'Fra.Simpl.:'", "FACTURA SIMPLIFICADA\nFra.Simpl.: 64876890\n23-09-2025 18:42 ⇥ CAJA 4 OP.81", "64876890"],
    ["a simplified invoice's 'Nº Fra. Simpl.'", "Nº Fra. Simpl. 0042 ⇥ 23-09-2025", "0042"],
    ["a simplified invoice's 'F. simpl. nº'", "F. simpl. nº T-123 ⇥ Caja 2", "T-123"],
    ["'Factura simplificada' before a count is no label", "FACTURA SIMPLIFICADA 4 artículos", null],
    ["'Rectificativa nº' below the rectified invoice", "Factura rectificada nº F-0099\nRectificativa nº R-0012", "R-0012"],
    ["a credit note's own 'Nº rectificativa', printed in pieces", "Factura rectificada: F25-01527\nN? rectificativa: RA 2026 000026", "RA2026000026"],
    ["OCR's two marks for 'Nº' ('N?2 abono') below the rectified invoice", "Factura original n* F26-04790 emitida el 18/01/2026\nN?2 abono: AB26-0064", "AB26-0064"],
    ["OCR's 'N?9 de factura'", "Resumen de la factura   N?9 de factura:   F25 540254\nFecha de factura: 16/05/2025", "F25540254"],
    ["OCR's 'NS Factura' heading a header row", "NS Factura   Fecha Factura   Cliente\nF25 185379   31/08/2025   62069\nMT6805   Rodamiento   2,00", "F25185379"],
    ["OCR's 'Ne' for a bare 'Nº' opening its line", "Redacción de contenidos\nNe F25 000815", "F25000815"],
    ["a series and number with a slash is not a tax id, though its digits pass a CIF check", "Número ⇥ A-2025/2763", "A-2025/2763"],
    ["a title beside a phone in another column is not the number", "FACTURA ⇥ 951 132 575\nbeatriz.vazquez@correo.es", null],
    ["'Factura:' in a right-hand block of labels and values, over the delivery notes it bills", "Bebidas S.L.U. ⇥ FACTURA\nPlaza de España, 86 ⇥ Factura: ⇥ F-0665837\nC.I.F.: B49841497 ⇥ Fecha: ⇥ 05/08/25\nAlbarán ⇥ Código ⇥ Descripción ⇥ Importe\nAlb. AL25-41006 del 12/07/25\nAL25-41006 ⇥ 60159 ⇥ Tomate rama ⇥ 9,04", "F-0665837"],
    ["'Factura:' apart from its value by a column gap", "Calle Doctor Fleming, 48      Factura:         F-0376481\nAlbarán nº 25-22209 de 26-01-2025", "F-0376481"],
    ["'Factura:' before an amount is no label", "Importes ⇥ Factura: 2119,71 €", null],
    ["a customer heading in the next cell of the header row is not 'Número cliente'", "Número ⇥ Cliente\n6/2025 ⇥ 72568", "6/2025"],
    ["'Número de' above 'factura': a label split over two lines", "Número de\nfactura ⇥ 01358 ⇥ CLIENTE", "01358"],
    ["no label: the invoice a credit note rectifies is not its number", "Factura original n* F26-04790 emitida el 18/01/2026", null],
    ["'Factura (original)' is the copy, not another invoice", "FACTURA (ORIGINAL) N2 Fact. R-25/001", "R-25/001"],
  ])("%s", (_name, text, want) => {
    expect(read(text).number?.value ?? null).toBe(want);
  });

  it.each([
    ["'Nº de minuta' on a fee note", "Nº de minuta: 2025/031", "2025/031", 3],
    ["OCR's 'N2 de minuta'", "N2 de minuta: 2025/031", "2025/031", 3],
    ["'Minuta n?:' as OCR reads 'Minuta nº:'", "Minuta n?: 118-2025", "118-2025", 2],
    ["'Nº de abono' on a credit note", "Nº de abono ⇥ AB25-0062", "AB25-0062", 3],
    ["a bare 'Nº' opening its line", "Ilustración editorial\nNº 056/25", "056/25", 2],
    ["OCR's 'FRA. Ne:' keeps the compound label strong", "FRA. Ne: FA-2025-661466", "FA-2025-661466", 3],
    ["OCR's bare 'N2' opening its line", "Formación en marketing\nN2 2025-076", "2025-076", 2],
    ["a title run into the label: 'Factura Número de factura'", "Factura Número de factura 12/2025\nMes: 12/2025", "12/2025", 3],
    ["a title run into the label: 'FACTURA Núm. factura'", "FACTURA Núm. factura 2025-A001\nPeriodo: enero de 2025", "2025-A001", 3],
  ])("labelled: %s", (_name, text, want, score) => {
    const n = read(text).number;
    expect(n?.value).toBe(want);
    expect(n?.score).toBe(score);
  });

  it("OCR's quote for 'º' keeps the label strong", () => {
    expect(read("N.” factura ⇥ 004").number?.score).toBe(3);
  });

  it.each([
    ["apart from the value by a column gap", "Calle Mayor, 139 ⇥ ne     12025", true],
    ["next to the value", "Redacción de contenidos\nNe F25 000815", false],
    ["next to the value, after a colon", "Ne: A25-0146", false],
    ["a printed 'Nº', not a misreading", "Calle Mayor, 139 ⇥ Nº     044/2025", false],
  ])("OCR's misread bare 'Nº' %s", (_name, text, want) => {
    expect(read(text).number?.misreadMark ?? false).toBe(want);
  });

  it("counts rival values with a label as strong as the chosen one's", () => {
    expect(read("Factura nº: A-1\nNº factura: B-2").number?.rivals).toBe(1);
    expect(read("Factura nº: A-1").number?.rivals).toBe(0);
  });
});

describe("findIssueDate", () => {
  it.each([
    ["labelled issue date", "Fecha de emisión: 15/03/2026", "2026-03-15"],
    ["'Fec. emisión' with a Spanish month", "Fec. emisión 24 ene. 2025", "2025-01-24"],
    ["due date first, issue date after", "Vencimiento: 30/04/2026\nFecha factura: 31/03/2026", "2026-03-31"],
    ["billing period 'del … al …' is not the issue date", "Periodo de facturación: del 01/02/2026 al 28/02/2026\nFecha: 03/03/2026", "2026-03-03"],
    ["an unlabelled range is not the issue date", "01/02/2026 – 28/02/2026\nEmitida 03/03/2026", "2026-03-03"],
    ["order date before the issue date", "Fecha del pedido: 17/05/2025\nFecha de emisión: 18/05/2025", "2025-05-18"],
    ["arrival and departure on a hotel folio", "Llegada 10/06/2025  Salida 12/06/2025\nFecha 12/06/2025", "2025-06-12"],
    ["charge date on a utility bill", "Fecha de cargo: 20/07/2025\nFecha de factura: 05/07/2025", "2025-07-05"],
    ["header row: the date under 'Fecha'", "Nº ⇥ Fecha ⇥ Vencimiento\nA-1 ⇥ 05/03/2026 ⇥ 20/03/2026", "2026-03-05"],
    ["English issue date", "Invoice issued on ⇥ 17th April 2025\nDate due ⇥ 1st May 2025", "2025-04-17"],
    ["'Emitida el' with a written date", "Nota de honorarios nº 12\nEmitida el 5 de marzo de 2026\nA pagar antes del 20 de marzo de 2026", "2026-03-05"],
    ["a utility bill: billing period with a dash, charge date, issue date", "Periodo de facturación: 01/02/2026 - 28/02/2026\nFecha de cargo: 10/03/2026\nFecha de emisión: 03/03/2026", "2026-03-03"],
    ["a hotel folio: arrival, departure and the folio's date", "Fecha de llegada: 10/06/2025 ⇥ Fecha de salida: 12/06/2025\nFecha: 12/06/2025", "2025-06-12"],
    ["delivery date beside the invoice date", "Fecha de entrega 02/03/2026 ⇥ Fecha 05/03/2026", "2026-03-05"],
    ["'Fecha del documento' beside an order date", "Fecha pedido 01/03/2026 ⇥ Fecha del documento 04/03/2026", "2026-03-04"],
    ["a weekday before the date in the cell after its label", "Fecha de emisión ⇥ jueves, 23 de enero de 2025\nPedido realizado el martes, 21 de enero de 2025", "2025-01-23"],
    ["a due date written 'Vence el'", "Fecha 6 jun. 2025\nVence el: 20 jun. 2025", "2025-06-06"],
    ["OCR glues the day to the month", "Fecha 6jun. 2025", "2025-06-06"],
    ["OCR's 'Focha factura' for 'Fecha factura'", "Llegada: 26/02/26 ⇥ Salida: 01/03/26\nFocha factura: 01/03/26", "2026-03-01"],
    ["OCR drops the space after the comma", "Date of issue April 1,2025\nPayment due: May 1, 2025", "2025-04-01"],
    ["a billing month 'Mes: 1 al 31 de …' is a period", "Mes: 1 al 31 de agosto de 2025\nEn Barcelona, a 4 de agosto de 2025", "2025-08-04"],
    ["OCR's '1al30 de junio' is a period", "Número 202506\nAlquiler 1al30 de junio de 2025", null],
    ["a day range '1-30 junio'", "Alquiler 1-30 junio 2025\n02/07/2025", "2025-07-02"],
    ["a due date in a 'Plazo de pago' cell", "Fecha factura 2025/02/20\nForma de pago transferencia - Plazo de pago 2025/08/22", "2025-02-20"],
  ])("%s", (_name, text, want) => {
    expect(read(text).date?.value ?? null).toBe(want);
  });

  it("reads the label in the cell before a date that opens with its weekday", () => {
    expect(read("Fecha de emisión ⇥ miércoles, 7 de mayo de 2025").date?.score).toBe(3);
  });

  it.each([
    ["En Valencia, a 4 de diciembre de 2025", 2.5],
    ["En Córdoba, a miércoles, 5 de marzo de 2025", 2.5],
    ["Madrid, a 5 de marzo de 2026", 2.5],
    ["Alquiler 4 de diciembre de 2025", 0.5],
    ["En Madrid, a 1 de enero de 2020 se firmó el contrato", 0.5],
  ])("a letter's place and date dates the document: %s", (text, score) => {
    expect(read(`Contrato de fecha 10/09/2022\n${text}`).date?.score).toBe(score);
  });

  it("a 'Fecha' column of line dates (nights, deliveries) is not the document's date", () => {
    const folio = read(
      "Número: A26941525\nF#cha f@ctura: 01/03/26\nFecha ⇥ Concepto ⇥ Importe\n26/02/26 ⇥ Alojamiento ⇥ 228,00\n27/02/26 ⇥ Alojamiento ⇥ 228,00",
    ).date;
    // The first night is not labelled by the column's heading: no date here is labelled, so none can be trusted.
    expect(folio?.score).toBeLessThan(1);
    // OCR's "Focha factura" is read as the label it is.
    const read2 = read("Número: A26941525\nFocha factura: 01/03/26\nFecha ⇥ Concepto ⇥ Importe\n26/02/26 ⇥ Alojamiento ⇥ 228,00").date;
    expect(read2).toMatchObject({ value: "2026-03-01", score: 3 });
    // A single row under the heading is still the header row's date.
    expect(read("Nº ⇥ Fecha ⇥ Total\nA-1 ⇥ 05/03/2026 ⇥ 121,00\nGracias por su compra").date?.score).toBe(2.5);
  });

  it("flags an issue date later than the due date", () => {
    expect(read("Fecha: 20/03/2026\nVencimiento: 10/03/2026").date?.afterDue).toBe(true);
    expect(read("Fecha: 05/03/2026\nVencimiento: 20/03/2026").date?.afterDue).toBe(false);
  });
});

describe("findDates in Catalan and Galician", () => {
  it.each([
    ["Data: 1 de maig de 2025", "2025-05-01"],
    ["Data de venciment: 5 d'agost de 2025", "2025-08-05"],
    ["Data: 12 de març de 2026", "2026-03-12"],
    ["Data: 31 de desembre de 2025", "2025-12-31"],
    ["Data: 3 de xullo de 2025", "2025-07-03"],
    ["Marc 2025", null],
  ])("%s → %s", (text, iso) => {
    expect(findDates(foldText(text))[0]?.iso ?? null).toBe(iso);
  });
});

describe("findIssueDate: another document's date below the issue date", () => {
  it.each([
    [
      "a labelled date above is a value, not the heading of the date below",
      `Factura rectificativa nº R-2025/05570 ⇥ Comercial Soler S.L.
Fecha: 19/06/2025 ⇥ Avda. Blasco Ibáñez, 116
Ref. factura F25-003659 del 27/05/2025 ⇥ 48024 Bilbao`,
      "2025-06-19",
    ],
    ["a heading row over a row of values still labels its column", `Nº factura ⇥ Fecha factura ⇥ Cliente\nF-102 ⇥ 14/03/2025 ⇥ 4471`, "2025-03-14"],
  ])("%s", (_name, text, iso) => {
    expect(read(text).date?.value).toBe(iso);
  });
});

describe("findIssueDate: the cited document's date on the next line, and Catalan due dates", () => {
  it.each([
    ["Nº Abono: RS097-350181\nFECHA: 11/04/26 ⇥ 20:42\nTicket original: FS097-510956\nde fecha 28/03/26", "2026-04-11", 0],
    ["Núm. factura 2025/0029\nData: 1 de maig de 2025\nNúm. comanda 15691 · Data de venciment: 30 de juny de 2025", "2025-05-01", 0],
    ["Nº: R26-034906\nFecha: 16/03/2026 ⇥ 08:35\nRectifica a: 950-12-692427\nFecha compra 13/03/2026", "2026-03-16", 0],
    ["Nº Factura: 09-076078 ⇥ Fecha: 05.04.2025\nAlb. 075934 fecha 09.03.2025", "2025-04-05", 0],
  ])("%s", (text, iso, rivals) => {
    const got = read(text).date;
    expect(got?.value).toBe(iso);
    expect(got?.rivals).toBe(rivals);
  });
});
