import { describe, expect, it } from "vitest";
import type { ParsedInvoice } from "@/lib/documents/parse";
import type { DocumentLayout, LayoutLine } from "@/lib/documents/layout";
import {
  applyVendorMemory,
  candidateTaxIds,
  fitShape,
  learnVendorMemory,
  numberShape,
  rememberedVendorId,
  signatureSimilarity,
  layoutSignature,
  type ReviewedRecord,
  type VendorMemory,
} from "@/lib/documents/parse/vendor-memory";

const VENDOR = "B12345674";
const CUSTOMER = "12345678Z";

/**
 * A layout made in the test: each row is a list of cells at page x positions (fractions); rows are 3 % of the page
 * apart. Cells are joined by tabs, as a PDF text layer gives them.
 */
type Row = [number, string][];
function layoutOf(rows: Row[], top = 0.05): DocumentLayout {
  const lines: LayoutLine[] = rows.map((cells, i) => {
    let t = "";
    const w: LayoutLine["w"] = [];
    cells.forEach(([x, text], k) => {
      if (k > 0) t += "\t";
      w.push({ s: t.length, e: t.length + text.length, x, y: top + i * 0.03, w: text.length * 0.008, h: 0.012 });
      t += text;
    });
    return { p: 1, t, w };
  });
  return { lines };
}

/** The same vendor's template, filled with one document's values. */
function vendorDoc(v: { number: string; date: string; due: string; order: string; base: string; vat: string; irpf: string; total: string }) {
  return layoutOf([
    [[0.06, "LOGO"]],
    [[0.06, "Calle Mayor 12, 28001 Madrid"]],
    [[0.06, `CIF: ${VENDOR}`]],
    [[0.06, "FACTURA"]],
    [[0.06, "Pedido"], [0.3, "Nº factura"], [0.55, "Fecha"]],
    [[0.06, v.order], [0.3, v.number], [0.55, v.date]],
    [[0.06, `Cliente: Ana Gil · NIF ${CUSTOMER}`]],
    [[0.06, "Servicios de diseño"], [0.8, v.base]],
    [[0.55, "Base imponible"], [0.8, v.base]],
    [[0.55, "IVA 21%"], [0.8, v.vat]],
    [[0.55, "Retención IRPF 15%"], [0.8, `-${v.irpf}`]],
    [[0.55, "Total"], [0.8, v.total]],
    [[0.06, `Vencimiento: ${v.due}`]],
  ]);
}

const DOC1 = vendorDoc({ number: "FV26-00041", date: "15/01/2026", due: "15/02/2026", order: "P-7781", base: "1.000,00", vat: "210,00", irpf: "150,00", total: "1.060,00" });
const DOC2 = vendorDoc({ number: "FV26-00112", date: "14/02/2026", due: "16/03/2026", order: "P-9120", base: "2.000,00", vat: "420,00", irpf: "300,00", total: "2.120,00" });

const TRUTH1: ReviewedRecord = {
  documentId: "doc-1",
  vendorTaxId: VENDOR,
  vendorName: "Estudio Creativo Norte S.L.",
  invoiceNumber: "FV26-00041",
  issueDate: "2026-01-15",
  vatRatesBp: [2100],
  irpfRateBp: 1500,
};

/** A parser's record for DOC2 with the mistakes each case sets. */
function parsed(over: Partial<ParsedInvoice> = {}): ParsedInvoice {
  return {
    docType: "invoice",
    language: "es",
    vendorName: "Calle Mayor 12",
    vendorTaxId: VENDOR,
    customerTaxId: CUSTOMER,
    invoiceNumber: "FV26-00112",
    issueDate: "2026-02-14",
    currency: "EUR",
    vatLines: [{ rateBp: 2100, baseCents: 200_000, vatCents: 42_000 }],
    baseCents: 200_000,
    vatCents: 42_000,
    irpfRateBp: 1500,
    irpfCents: 30_000,
    recargoCents: null,
    totalCents: 212_000,
    fieldConfidence: {
      vendorName: 0.5,
      vendorTaxId: 0.8,
      customerTaxId: 0.8,
      invoiceNumber: 0.6,
      issueDate: 0.6,
      baseCents: 0.8,
      vatCents: 0.8,
      totalCents: 0.8,
      irpfRateBp: 0.8,
      irpfCents: 0.8,
    },
    checks: { vendorTaxIdValid: true, arithmeticOk: true },
    confidence: 0.7,
    boxes: {},
    ...over,
  };
}

const memory1 = learnVendorMemory(null, TRUTH1, { text: "", layout: DOC1 });

describe("learnVendorMemory", () => {
  it("remembers the name, the rates, and where and under which label the number and date were", () => {
    expect(memory1).toMatchObject({
      vendorTaxId: VENDOR,
      vendorName: "Estudio Creativo Norte S.L.",
      documents: 1,
      rateSets: { "2100": 1 },
      irpfRates: { "1500": 1 },
      number: { label: "n factura", below: true, shape: "FV99-99999" },
      date: { label: "fecha", below: true },
      sources: ["doc-1"],
    });
    expect(memory1.number?.at).toMatchObject({ page: 1, x: 0.3 });
    expect(memory1.date?.at?.x).toBeCloseTo(0.55, 3);
    expect(memory1.signature).toContain("factura");
  });

  it("counts a document once however often it is saved, and each new one", () => {
    const again = learnVendorMemory(memory1, { ...TRUTH1, vendorName: "Estudio Creativo Norte, S.L." }, { text: "", layout: DOC1 });
    expect(again.documents).toBe(1);
    expect(again.rateSets).toEqual({ "2100": 1 });
    expect(again.vendorName).toBe("Estudio Creativo Norte, S.L.");
    const next = learnVendorMemory(again, { ...TRUTH1, documentId: "doc-2", invoiceNumber: "FV26-00112", issueDate: "2026-02-14" }, { text: "", layout: DOC2 });
    expect(next.documents).toBe(2);
    expect(next.rateSets).toEqual({ "2100": 2 });
    expect(next.sources).toEqual(["doc-2", "doc-1"]);
  });

  it.each([
    ["label to the right in the same cell", "Factura nº: A-2026/7\tFecha: 03/03/2026", "A-2026/7", "2026-03-03", { label: "factura n", below: false }, { label: "fecha", below: false }],
    ["label in the cell before", "Número de factura\t2026-0042\tFecha de expedición\t3 de marzo de 2026", "2026-0042", "2026-03-03", { label: "numero de factura", below: false }, { label: "fecha de expedicion", below: false }],
    ["no label at all", "INV 88213     03.03.2026", "INV 88213", "2026-03-03", { label: null }, { label: null }],
  ])("learns from plain text: %s", (_name, text, number, date, numberHint, dateHint) => {
    const m = learnVendorMemory(null, { ...TRUTH1, invoiceNumber: number, issueDate: date }, { text, layout: null });
    expect(m.number).toMatchObject({ ...numberHint, at: null });
    expect(m.date).toMatchObject({ ...dateHint, at: null });
  });

  it("keeps where the number was when a page does not show it legibly, and learns its shape", () => {
    const next = learnVendorMemory(memory1, { ...TRUTH1, documentId: "doc-3", invoiceNumber: "FV26-00190" }, { text: "", layout: DOC2 });
    expect(next.number).toEqual({ ...memory1.number, shape: "FV99-99999" });
    const unreadable = learnVendorMemory(memory1, { ...TRUTH1, documentId: "doc-4", invoiceNumber: "FV-7" }, { text: "", layout: DOC2 });
    expect(unreadable.number).toMatchObject({ label: "n factura", below: true, shape: "FV-9" });
  });

  it("prefers the occurrence under a number label when the number is printed twice", () => {
    const text = "Pedido FV-1\nNº factura: FV-1";
    expect(learnVendorMemory(null, { ...TRUTH1, invoiceNumber: "FV-1" }, { text, layout: null }).number?.label).toBe("n factura");
  });
});

describe("applyVendorMemory", () => {
  type Case = [name: string, record: Partial<ParsedInvoice>, layout: DocumentLayout, memory: VendorMemory | null, expected: Partial<ParsedInvoice>];
  const noRates = { ...memory1, rateSets: {}, irpfRates: {} };
  const cases: Case[] = [
    ["takes the remembered name when the tax id matches", {}, DOC2, memory1, { vendorName: "Estudio Creativo Norte S.L." }],
    ["re-picks the number under the remembered label (the parser took the order number)", { invoiceNumber: "P-9120" }, DOC2, memory1, { invoiceNumber: "FV26-00112" }],
    ["re-picks the date under the remembered label (the parser took the due date)", { issueDate: "2026-03-16" }, DOC2, memory1, { issueDate: "2026-02-14" }],
    [
      "takes the remembered vendor when the parser took the customer",
      { vendorTaxId: CUSTOMER, customerTaxId: null },
      DOC2,
      memory1,
      { vendorTaxId: VENDOR, customerTaxId: CUSTOMER },
    ],
    [
      "leaves another valid vendor alone when the page is not laid out like the remembered vendor's",
      { vendorTaxId: "A11815933", vendorName: "Grupo Cantábrico S.A." },
      layoutOf([[[0.1, "GRUPO CANTÁBRICO · CIF A11815933"]], [[0.1, `Pedido vía plataforma ${VENDOR}`]], [[0.1, "Total 10,00"]]]),
      memory1,
      { vendorTaxId: "A11815933", vendorName: "Grupo Cantábrico S.A." },
    ],
    ["takes the remembered vendor when the parser found no tax id", { vendorTaxId: null, checks: { vendorTaxIdValid: false, arithmeticOk: true } }, DOC2, memory1, { vendorTaxId: VENDOR, checks: { vendorTaxIdValid: true, arithmeticOk: true } }],
    [
      "re-resolves figures that did not add up with the vendor's IVA and IRPF",
      { baseCents: 200_000, vatCents: 42_000, irpfCents: null, irpfRateBp: null, totalCents: 242_000, checks: { vendorTaxIdValid: true, arithmeticOk: false } },
      DOC2,
      memory1,
      { baseCents: 200_000, vatCents: 42_000, irpfRateBp: 1500, irpfCents: 30_000, totalCents: 212_000, vatLines: [{ rateBp: 2100, baseCents: 200_000, vatCents: 42_000 }], checks: { vendorTaxIdValid: true, arithmeticOk: true } },
    ],
    [
      "keeps the figures when no set on the page fits the vendor's rates",
      { baseCents: 1, totalCents: 5, checks: { vendorTaxIdValid: true, arithmeticOk: false } },
      layoutOf([[[0.1, "Total 12,00"]]]),
      memory1,
      { baseCents: 1, totalCents: 5 },
    ],
    ["keeps the figures when the memory has no rates", { totalCents: 5, checks: { vendorTaxIdValid: true, arithmeticOk: false } }, DOC2, noRates, { totalCents: 5 }],
    [
      "keeps the parser's number when the remembered label is not on the page and nothing has the shape",
      { invoiceNumber: "77" },
      layoutOf([[[0.1, "Documento 77"]]]),
      memory1,
      { invoiceNumber: "77" },
    ],
    ["changes nothing without a memory", { vendorName: "Calle Mayor 12", invoiceNumber: "P-9120" }, DOC2, null, { vendorName: "Calle Mayor 12", invoiceNumber: "P-9120" }],
  ];
  it.each(cases)("%s", (_name, over, layout, memory, expected) => {
    const out = applyVendorMemory(parsed(over), layout, memory);
    expect(out).toMatchObject(expected);
  });

  it("finds the number by its shape near the remembered place when the label did not survive", () => {
    const unlabelled = { ...memory1, number: { ...memory1.number!, label: null } };
    const out = applyVendorMemory(parsed({ invoiceNumber: "P-9120" }), DOC2, unlabelled);
    expect(out.invoiceNumber).toBe("FV26-00112");
  });

  it("reads OCR's look-alike letters back into digits where the remembered shape has digits", () => {
    const memory = { ...memory1, signature: ["hotel", "ribera", "habitacion"], number: { label: null, below: false, at: { page: 1, x: 0.72, y: 0.05 }, shape: "H999999" } };
    const layout = layoutOf([[[0.08, "HOTEL RIBERA"], [0.72, "HO88194"]], [[0.08, "Habitación 204"]]]);
    expect(applyVendorMemory(parsed({ invoiceNumber: "HO88194" }), layout, memory).invoiceNumber).toBe("H088194");
  });

  it.each([
    ["H999999", "H088194", "H088194"],
    ["H999999", "HO88I94", "H088194"],
    ["FV99-99999", "FV26-1234", "FV26-1234"],
    ["FV99-99999", "FX26-12345", null],
    ["9999/999", "2026/O12", "2026/012"],
    ["A 99", "A 7", "A 7"],
    ["A 99", "B 12", null],
  ])("fitShape(%s, %s) = %s", (shape, value, expected) => expect(fitShape(shape, value)).toBe(expected));

  it("does not apply a label that is only the start of another one", () => {
    // "Fecha" must not read "Fecha vencimiento: …".
    const memory = { ...memory1, date: { label: "fecha", below: false, at: null, shape: null } };
    const layout = layoutOf([[[0.1, "Fecha vencimiento: 16/03/2026"]], [[0.1, "Fecha: 14/02/2026"]]]);
    expect(applyVendorMemory(parsed({ issueDate: "2026-03-16" }), layout, memory).issueDate).toBe("2026-02-14");
    const onlyDue = layoutOf([[[0.1, "Fecha vencimiento: 16/03/2026"]]]);
    expect(applyVendorMemory(parsed({ issueDate: "2026-03-16" }), onlyDue, memory).issueDate).toBe("2026-03-16");
  });

  it("drops the parser's doubts about the fields it settles, keeps the others", () => {
    const record = { ...parsed({ invoiceNumber: "P-9120" }), fieldReasons: { invoiceNumber: "ambiguous", customerTaxId: "ambiguous" } };
    const out = applyVendorMemory(record, DOC2, memory1);
    expect(out.fieldReasons).toEqual({ customerTaxId: "ambiguous" });
  });

  it("negates re-resolved figures on a credit note", () => {
    const out = applyVendorMemory(parsed({ docType: "credit_note", totalCents: -1, checks: { vendorTaxIdValid: true, arithmeticOk: false } }), DOC2, memory1);
    expect(out).toMatchObject({ baseCents: -200_000, vatCents: -42_000, irpfCents: -30_000, totalCents: -212_000 });
  });

  it("raises the confidence of what the memory confirms and points the boxes at what it re-picked", () => {
    const record = parsed({ invoiceNumber: "P-9120" });
    const out = applyVendorMemory(record, DOC2, memory1);
    expect(out.fieldConfidence.vendorName).toBeGreaterThanOrEqual(0.95);
    expect(out.fieldConfidence.issueDate).toBeGreaterThan(record.fieldConfidence.issueDate);
    expect(out.fieldConfidence.invoiceNumber).toBeGreaterThan(record.fieldConfidence.invoiceNumber);
    expect(out.confidence).toBeGreaterThan(record.confidence);
    expect(out.boxes.invoiceNumber).toMatchObject({ page: 1, x: 0.3 });
    // The input is not modified.
    expect(record.invoiceNumber).toBe("P-9120");
  });
});

describe("which memory applies", () => {
  it.each([
    ["the parsed vendor when remembered", VENDOR, `CIF ${VENDOR}`, [VENDOR], null, VENDOR],
    ["a remembered id printed with dashes when the parse found none", null, "CIF: B-1234567-4", [VENDOR], null, VENDOR],
    ["a remembered id when the parse took another party", CUSTOMER, `NIF ${CUSTOMER}  CIF ${VENDOR}`, [VENDOR], null, VENDOR],
    ["never the book's own id", null, `NIF ${CUSTOMER}`, [CUSTOMER], CUSTOMER, null],
    ["nothing when no remembered id is printed", null, "CIF A11815933", [VENDOR], null, null],
  ])("%s", (_n, vendorTaxId, text, known, own, expected) => {
    expect(rememberedVendorId({ vendorTaxId }, text, known, own)).toBe(expected);
  });

  it("lists the valid tax ids of a text as lookup candidates", () => {
    expect(candidateTaxIds({ vendorTaxId: null }, `CIF: B-1234567-4 · NIF ${CUSTOMER} · Tel 912345678 · FV26-00112`).sort()).toEqual([CUSTOMER, VENDOR].sort());
  });
});

describe("shapes and signatures", () => {
  it.each([
    ["FV26-00112", "FV99-99999"],
    ["2026/7", "9999/9"],
    ["A 12", "A 99"],
  ])("numberShape(%s) = %s", (v, shape) => expect(numberShape(v)).toBe(shape));

  it("tells the same template from another vendor's", () => {
    const other = layoutOf([[[0.1, "RECIBO DE ALQUILER"]], [[0.1, "Arrendador: Luis Prieto"]], [[0.1, "Mensualidad marzo"]]]);
    const text = (l: DocumentLayout) => l.lines.map((x) => x.t).join("\n");
    expect(signatureSimilarity(layoutSignature(text(DOC1)), layoutSignature(text(DOC2)))).toBeGreaterThan(0.9);
    expect(signatureSimilarity(layoutSignature(text(DOC1)), layoutSignature(text(other)))).toBeLessThan(0.3);
  });
});
