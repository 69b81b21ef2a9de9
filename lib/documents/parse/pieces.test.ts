import { describe, expect, it } from "vitest";
import { findRates, pickAmount, findAmounts } from "@/lib/documents/parse/amounts";
import { labelHits } from "@/lib/documents/parse/labels";
import { findTaxIds, repairTaxId } from "@/lib/documents/parse/tax-ids";
import { cellInColumn, foldText, toLines } from "@/lib/documents/parse/text";

describe("toLines", () => {
  it.each([
    ["Base imponible\t100,00 €", ["Base imponible", "100,00 €"]],
    ["TOTAL        121,00", ["TOTAL", "121,00"]],
    ["IVA 21%  21,00", ["IVA 21%  21,00"]],
    ["Importe 19, 43", ["Importe 19,43"]], // OCR split decimals
  ])("%j → cells %j", (text, cells) => {
    expect(toLines(text)[0].cells.map((c) => c.raw)).toEqual(cells);
  });

  it("folds without moving characters", () => {
    const [line] = toLines("Fecha emisión: N.I.F. Nº");
    expect(line.fold).toHaveLength(line.raw.length);
    expect(line.fold).toBe(foldText("Fecha emisión: N.I.F. Nº"));
    expect(line.fold.startsWith("fecha emision: nif")).toBe(true);
  });
});

describe("cellInColumn", () => {
  const [header, values] = toLines("Nº factura\tVencimiento\tFecha\nF-1\t(copia)\t15/04/2026\t15/03/2026");
  const x: Record<string, [number, number]> = {
    "0:Nº factura": [0.05, 0.2], "0:Vencimiento": [0.4, 0.55], "0:Fecha": [0.7, 0.78],
    "1:F-1": [0.05, 0.1], "1:(copia)": [0.2, 0.28], "1:15/04/2026": [0.4, 0.5], "1:15/03/2026": [0.7, 0.8],
  };
  const geo = (line: number, start: number, end: number) => {
    const text = (line === 0 ? header : values).raw.slice(start, end);
    const e = x[`${line}:${text}`];
    return e ? { x0: e[0], x1: e[1] } : null;
  };
  it.each([
    ["Fecha", "15/03/2026"],
    ["Vencimiento", "15/04/2026"],
    ["Nº factura", "F-1"],
  ])("with positions: under %s is %s", (label, want) => {
    const cell = header.cells.find((c) => c.raw === label)!;
    expect(cellInColumn(geo, header, cell.start, cell.end, values)?.raw).toBe(want);
  });
  it("without positions, only when both lines have as many cells", () => {
    const cell = header.cells[2];
    expect(cellInColumn(null, header, cell.start, cell.end, values)).toBeNull();
  });
});

describe("labelHits", () => {
  const fields = (s: string) => labelHits(foldText(s)).map((h) => h.field);
  it.each([
    ["TOTAL A PAGAR", ["total"]],
    ["Subtotal", ["base"]],
    ["Total IVA", ["vat"]],
    ["Cuota IVA 21%", ["vat"]],
    ["Retención IRPF -15%", ["irpf"]],
    ["Recargo de equivalencia 5,2%", ["recargo"]],
    ["Amount due", ["total"]],
    ["Nº Factura", ["number"]],
    ["Fecha de vencimiento", ["date", "due"]],
    ["N.LF.: B12345674", ["taxid"]],
    ["VAT ID", ["taxid"]],
    ["Invoice no. INV/2025/0798", ["number"]],
    ["INVOICE\tNordlicht Consulting BV", []], // a title, then a name in the next cell that opens with "No"
    ["SUPERMERCADOS MONTERO Y NIETO S.A.", []], // a surname starting with "nie" is no NIE label
    ["Cifuentes y Nieves S.L.", []],
    ["NIFIVA: B12345674", ["taxid"]], // "NIF-IVA" glued by OCR
    ["CIF:B12345674", ["taxid"]],
    ["NF. B12345674", ["taxid"]], // OCR's "NIF" without its I, an id after it
    ["NF 2025", []],
    ["Nº IVA intracomunitario: ESB12345674", ["taxid"]],
    ["IVA intracomunitario 0 %", ["vat"]], // a tax row, no id after it
  ])("%s → %j", (s, want) => expect(fields(s)).toEqual(want));
});

describe("findTaxIds", () => {
  const ids = (s: string) => findTaxIds(toLines(s)).map((h) => [h.id, h.labelled]);
  it.each([
    ["CIF: B-12345674", [["B12345674", true]]],
    ["NIF 12.345.678-Z", [["12345678Z", true]]],
    ["VAT ID: DE136695976", [["DE136695976", true]]],
    ["N.LF. 812345674", [["B12345674", true]]], // OCR: label misread, letter read as 8
    ["NIF: B12345675", []], // wrong check digit, no repair fits
    ["Tel. 912345678", []],
    ["NIF-IVA: 812345674", [["B12345674", true]]], // compound label, letter read as 8
    ["CIF n? 812345674", [["B12345674", true]]], // OCR's "nº"
    ["CIF er: 812345674", [["B12345674", true]]], // a scrap of OCR noise before the colon
    ["NIF cliente: 213051951", [["21305195L", true]]], // a party word after the label, L read as 1
    ["NIF: 74775704)", [["74775704J", true]]], // J read as ")"
    ["NIF 74.775.704-]", [["74775704J", true]]], // J read as "]"
    ["NIF núm.: 123456780", []], // 0 is a look-alike of D and Q, but 12345678's letter is Z
    ["VAT: NL263029360802", [["NL263029360B02", true]]], // the B of a Dutch VAT id read as 8
    ["S.L. - CIF FSB25967852 - Calle Doctor Fleming", [["B25967852", true]]], // letters OCR added before the id
    ["CIF FSB25967853", []], // …only when the check digit agrees
    ["CIF: B2596 7852 - Burgos", [["B25967852", true]]], // a space OCR put inside the id
    ["VAT No.: ATU12345678", [["ATU12345678", true]]], // a real country prefix is not OCR noise
    ["CIF ESAS 2345675 - C/ Sant Antoni", [["A52345675", true]]], // the ES prefix, then an id OCR split (S read for 5)
    ["Bank details: IBAN BE11 8062 2414 3144 4725 68", []], // a bank account is no VAT id
    ["Cuenta: DE89 3704 0044 0532 0130 00", []],
    ["DNI X07€63679X\tCIF B12345674", [["X0763679X", true], ["B12345674", true]]], // a stray symbol OCR put inside the id
    ["DNI X07€63679A", []], // …only when the check letter agrees
    ["VAT Reg. No.: FR12345678901", [["FR12345678901", true]]], // "Reg. No.:" between the label and the id
    ["NF. B12345674 - Calle Mayor, 106", [["B12345674", true]]], // OCR lost the I of "NIF"
    ["Fra 01-049257 01/02/26 Pascual e Hijos SL", []], // "Fra" (factura) in mixed case is no French VAT prefix
    ["FR12345678901 ⇥ Paris", [["FR12345678901", false]]],
    ["VAT ID: N1.468221787B02", [["NL468221787B02", true]]], // the L of the prefix read as "1."
    ["VAT Reg. No.: 1T08873926256", [["IT08873926256", true]]], // the I of the prefix read as 1
    // Unlabelled DNIs alone in their cell, the control letter read as a look-alike: repaired when the check agrees.
    ["46285464-8      B55503585", [["46285464B", false], ["B55503585", false]]],
    ["ES40548438)      830118129", [["40548438J", false]]],
    ["Teléfono      46285464-8", []], // a phone's label: not an id
    ["612345678      Calle Mayor, 106", []], // nine bare digits opening with 6: a phone, not an id
    ["Pedido 134629267 enviado", []], // not alone in its cell
  ])("%s → %j", (s, want) => expect(ids(s)).toEqual(want));

  it.each([
    ["B4825O319", null],
    ["812345674", "B12345674"],
    ["1234567B2", "12345678Z"], // digit read as B and letter read as 2: the control letter still decides
    ["1234567B3", null],
    ["12345678-2", "12345678Z"],
    ["2-7398458-F", "Z7398458F"], // a NIE's shape whose Z OCR read as 2 (the DNI 27398458F passes the check too)
    ["2-73.932.23Q", "Z7393223Q"], // the same, its seven digits grouped with dots
    ["27398458F", "27398458F"],
    ["291011500", "29101150D"], // control letter D read as 0
    ["38880372€", "38880372E"], // control letter E read as "€"
    ["IE4633455)", "IE4633455J"], // an Irish VAT id's letter read as ")"
    ["74775704)", "74775704J"], // control letter J read as ")"
    ["74775704]", "74775704J"], // control letter J read as "]"
    ["1767894200319", "IT67894200319"], // an Italian VAT id's prefix read as digits ("17" for "IT")
    ["1T08873926256", "IT08873926256"], // one letter of the prefix read as a digit
    ["N1468221787B02", "NL468221787B02"], // the L of a Dutch prefix read as 1
    ["12345678901", null], // no EU country's letters fit "12"
    ["213051951", "21305195L"], // control letter L read as 1
  ])("repairTaxId(%s) → %s", (s, want) => expect(repairTaxId(s)?.id ?? null).toBe(want));
});

describe("amounts and rates", () => {
  it.each([
    ["IVA 21% 21,00", [2100], 2100],
    ["Recargo 5,2 % 5,20 €", [520], 520],
    ["Total 1.234,56 EUR (IVA incl.)", [], 123456],
  ])("%s → rates %j (bp), amount %s", (s, rates, cents) => {
    expect(findRates(s).map((r) => r.rateBp)).toEqual(rates);
    expect(pickAmount(findAmounts(s))?.cents).toBe(cents);
  });
});
