import { describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors";
import {
  describeEInvoice,
  einvoiceExtraFields,
  einvoiceFields,
  looksLikeEInvoiceXml,
  readEInvoiceFromPdf,
  readEInvoiceXml,
} from "@/lib/documents/einvoice";
import { decimalToCents, isoDate } from "@/lib/documents/einvoice/model";
import { MAX_XML_BYTES, MAX_XML_DEPTH } from "@/lib/documents/einvoice/xml";
import {
  BASIC_INVOICE,
  BUYER,
  SELLER,
  bytesOf,
  ciiXml,
  facturaeXml,
  pdfWithAttachment,
  ublXml,
  type SampleInvoice,
} from "@/lib/testing/einvoices";

const TODAY = "2026-11-20";

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isAppError(e)) return e.code;
    throw e;
  }
  throw new Error("not refused");
}

/** 21 % with recargo 5,2 % and 10 % with recargo 1,4 %: a shop under recargo de equivalencia buying goods. */
const MULTI_RATE: SampleInvoice = {
  number: "2026-117",
  issueDate: "2026-11-03",
  seller: SELLER,
  buyer: BUYER,
  lines: [
    { rate: "21.00", base: "100.00", vat: "21.00", recargo: "5.20", recargoRate: "5.20" },
    { rate: "10.00", base: "50.00", vat: "5.00", recargo: "0.70", recargoRate: "1.40" },
  ],
  base: "150.00",
  vat: "26.00",
  total: "181.90",
};

/** The rectificativa of A-0041, written with negative amounts (as Facturae does). */
const CREDIT: SampleInvoice = {
  ...BASIC_INVOICE,
  number: "R-0003",
  series: undefined,
  lines: [{ rate: "21.00", base: "-100.00", vat: "-21.00" }],
  irpf: { rate: "15.00", amount: "-15.00" },
  base: "-100.00",
  vat: "-21.00",
  total: "-106.00",
  corrects: { number: "0041", series: "A", reason: "Error en el precio" },
};

describe("Facturae", () => {
  it.each(["3.2", "3.2.1", "3.2.2"] as const)("reads version %s into the extractor's record", (version) => {
    const e = readEInvoiceXml(bytesOf(facturaeXml(BASIC_INVOICE, { version })));
    expect(e).toMatchObject({ format: "facturae", version, container: "xml", signature: null, invoicesInFile: 1 });
    const p = einvoiceFields(e, { today: TODAY });
    expect(p).toMatchObject({
      docType: "invoice",
      vendorName: "Proveedor de Pruebas SL",
      vendorTaxId: "B12345674",
      customerTaxId: "12345678Z",
      invoiceNumber: "A-0042",
      issueDate: "2026-10-15",
      currency: "EUR",
      vatLines: [{ rateBp: 2100, baseCents: 10000, vatCents: 2100 }],
      baseCents: 10000,
      vatCents: 2100,
      irpfRateBp: 1500,
      irpfCents: 1500,
      recargoCents: null,
      totalCents: 10600,
      checks: { vendorTaxIdValid: true, arithmeticOk: true },
      confidence: 1,
    });
    for (const k of ["vendorTaxId", "invoiceNumber", "issueDate", "baseCents", "vatCents", "irpfCents", "totalCents", "vatLines"]) {
      expect(p.fieldConfidence[k], k).toBe(1);
    }
    expect(p.fieldConfidence.recargoCents).toBe(0);
  });

  it("records a XAdES signature's presence, signer and signing time", () => {
    const e = readEInvoiceXml(bytesOf(facturaeXml(BASIC_INVOICE, { signed: true })));
    expect(e.signature).toEqual({
      signer: "PROVEEDOR DE PRUEBAS SL",
      signerId: "VATES-B12345674",
      signingTime: "2026-10-15T10:20:30+02:00",
      kind: "xades",
    });
    expect(einvoiceExtraFields(e).signer).toEqual({ value: "PROVEEDOR DE PRUEBAS SL", confidence: 1 });
    expect(describeEInvoice(e)).toContain("Firma XAdES de PROVEEDOR DE PRUEBAS SL");
    expect(einvoiceExtraFields(readEInvoiceXml(bytesOf(facturaeXml(BASIC_INVOICE)))).signer.value).toBeNull();
  });

  it("reads a factura rectificativa with the corrected invoice's number", () => {
    const e = readEInvoiceXml(bytesOf(facturaeXml(CREDIT)));
    expect(e.corrects).toEqual({ number: "A-0041", reason: "Error en el precio" });
    const p = einvoiceFields(e, { today: TODAY });
    expect(p).toMatchObject({
      docType: "credit_note",
      invoiceNumber: "R-0003",
      totalCents: -10600,
      irpfCents: -1500,
      vatLines: [{ rateBp: 2100, baseCents: -10000, vatCents: -2100 }],
      checks: { arithmeticOk: true, vendorTaxIdValid: true },
    });
    expect(einvoiceExtraFields(e).correctedInvoiceNumber.value).toBe("A-0041");
  });

  it("reads several IVA rates with recargo de equivalencia", () => {
    const p = einvoiceFields(readEInvoiceXml(bytesOf(facturaeXml(MULTI_RATE, { version: "3.2.1" }))), { today: TODAY });
    expect(p.vatLines).toEqual([
      { rateBp: 2100, baseCents: 10000, vatCents: 2100 },
      { rateBp: 1000, baseCents: 5000, vatCents: 500 },
    ]);
    expect(p).toMatchObject({ recargoCents: 590, totalCents: 18190, irpfCents: null, checks: { arithmeticOk: true } });
  });

  it("reads a simplified invoice and a person's name, in ISO-8859-1", () => {
    const inv = { ...BASIC_INVOICE, irpf: undefined, total: "121.00", seller: { name: "José Peñas & Cía", taxId: "12345678Z", person: true }, buyer: { ...SELLER } };
    const xml = facturaeXml(inv, { simplified: true, encoding: "ISO-8859-1" });
    const p = einvoiceFields(readEInvoiceXml(bytesOf(xml, "latin1")), { today: TODAY });
    expect(p).toMatchObject({ docType: "simplified", vendorName: "José Peñas & Cía", vendorTaxId: "12345678Z", totalCents: 12100 });
  });

  it("sends an e-invoice whose figures or tax id fail the checks to review, like any other", () => {
    const wrongTotal = einvoiceFields(readEInvoiceXml(bytesOf(facturaeXml({ ...BASIC_INVOICE, total: "107.00" }))), { today: TODAY });
    expect(wrongTotal.checks).toEqual({ vendorTaxIdValid: true, arithmeticOk: false });
    expect(wrongTotal.totalCents).toBe(10700);
    const badNif = einvoiceFields(readEInvoiceXml(bytesOf(facturaeXml({ ...BASIC_INVOICE, seller: { ...SELLER, taxId: "B12345675" } }))), { today: TODAY });
    expect(badNif.checks).toEqual({ vendorTaxIdValid: false, arithmeticOk: true });
  });

  it("takes the buyer as counterparty when the book is the seller (an issued invoice)", () => {
    const p = einvoiceFields(readEInvoiceXml(bytesOf(facturaeXml(BASIC_INVOICE))), { ownTaxId: "B12345674", today: TODAY });
    expect(p).toMatchObject({ vendorName: "Ana García López", vendorTaxId: "12345678Z", customerTaxId: "B12345674" });
  });
});

describe("UBL 2.1", () => {
  it("reads a Peppol BIS 3.0 invoice (ES-prefixed VAT ids become NIFs)", () => {
    const inv = { ...BASIC_INVOICE, irpf: undefined, total: "121.00" };
    const e = readEInvoiceXml(bytesOf(ublXml(inv, { peppol: true })));
    expect(e).toMatchObject({ format: "ubl", version: "2.1", profile: expect.stringContaining("peppol") });
    expect(einvoiceFields(e, { today: TODAY })).toMatchObject({
      docType: "invoice",
      vendorTaxId: "B12345674",
      customerTaxId: "12345678Z",
      invoiceNumber: "A-0042",
      issueDate: "2026-10-15",
      vatLines: [{ rateBp: 2100, baseCents: 10000, vatCents: 2100 }],
      totalCents: 12100,
      checks: { vendorTaxIdValid: true, arithmeticOk: true },
      confidence: 1,
    });
  });

  it("reads an IRPF withholding (WithholdingTaxTotal): total is what is owed", () => {
    const p = einvoiceFields(readEInvoiceXml(bytesOf(ublXml(BASIC_INVOICE))), { today: TODAY });
    expect(p).toMatchObject({ irpfRateBp: 1500, irpfCents: 1500, totalCents: 10600, checks: { arithmeticOk: true } });
  });

  it("reads a CreditNote as a negative rectificativa with its billing reference", () => {
    const e = readEInvoiceXml(bytesOf(ublXml({ ...CREDIT, irpf: undefined, total: "-121.00" })));
    expect(e.corrects?.number).toBe("0041");
    expect(einvoiceFields(e, { today: TODAY })).toMatchObject({
      docType: "credit_note",
      baseCents: -10000,
      vatCents: -2100,
      totalCents: -12100,
      vatLines: [{ rateBp: 2100, baseCents: -10000, vatCents: -2100 }],
      checks: { arithmeticOk: true },
    });
  });

  it("keeps a foreign currency and its amounts (the tax-currency TaxTotal is not mixed in)", () => {
    const inv: SampleInvoice = {
      ...BASIC_INVOICE,
      currency: "USD",
      irpf: undefined,
      seller: { name: "Acme Inc", taxId: "DE123456789", country: "DE" },
      lines: [{ rate: "21.00", base: "250.00", vat: "52.50" }],
      base: "250.00",
      vat: "52.50",
      total: "302.50",
    };
    const p = einvoiceFields(readEInvoiceXml(bytesOf(ublXml(inv))), { today: TODAY });
    expect(p).toMatchObject({ currency: "USD", vatCents: 5250, totalCents: 30250, vendorTaxId: "DE123456789", language: "en" });
    expect(p.checks).toEqual({ vendorTaxIdValid: true, arithmeticOk: true });
  });
});

describe("CII (Factur-X / ZUGFeRD)", () => {
  it.each([
    ["basic", "BASIC"],
    ["en16931", "EN 16931"],
    ["extended", "EXTENDED"],
  ] as const)("reads profile %s", (profile, label) => {
    const e = readEInvoiceXml(bytesOf(ciiXml(MULTI_RATE, { profile })));
    expect(e).toMatchObject({ format: "cii", version: "D16B", profile: label });
    expect(einvoiceFields(e, { today: TODAY })).toMatchObject({
      invoiceNumber: "2026-117",
      issueDate: "2026-11-03",
      vendorTaxId: "B12345674",
      vatLines: [
        { rateBp: 2100, baseCents: 10000, vatCents: 2100 },
        { rateBp: 1000, baseCents: 5000, vatCents: 500 },
      ],
      baseCents: 15000,
      vatCents: 2600,
    });
  });

  it("reads a MINIMUM profile but sends it to review: it has no IVA lines", () => {
    const p = einvoiceFields(readEInvoiceXml(bytesOf(ciiXml({ ...BASIC_INVOICE, irpf: undefined, total: "121.00" }, { profile: "minimum" }))), { today: TODAY });
    expect(p.vatLines).toEqual([]);
    expect(p.totalCents).toBe(12100);
    expect(p.checks.arithmeticOk).toBe(false);
  });

  it("reads a credit note (381) as negative, with the referenced invoice", () => {
    const e = readEInvoiceXml(bytesOf(ciiXml({ ...CREDIT, irpf: undefined, total: "-121.00" })));
    expect(e.corrects?.number).toBe("0041");
    expect(einvoiceFields(e, { today: TODAY })).toMatchObject({ docType: "credit_note", totalCents: -12100, vatCents: -2100 });
  });
});

describe("PDF/A-3 with an embedded e-invoice", () => {
  it("reads the attached CII and keeps the PDF as the document", async () => {
    const pdf = await pdfWithAttachment(ciiXml({ ...BASIC_INVOICE, irpf: undefined, total: "121.00" }, { profile: "basic" }));
    const e = await readEInvoiceFromPdf(pdf);
    expect(e).toMatchObject({ container: "pdf", attachment: "factur-x.xml", format: "cii", number: "A-0042", totalCents: 12100 });
  });

  it("reads an attached UBL under any name", async () => {
    const e = await readEInvoiceFromPdf(await pdfWithAttachment(ublXml(BASIC_INVOICE), "invoice-A-0042.xml"));
    expect(e).toMatchObject({ format: "ubl", attachment: "invoice-A-0042.xml", totalCents: 10600 });
  });

  it("ignores a PDF with no e-invoice, or with a hostile one (the PDF is then read as usual)", async () => {
    expect(await readEInvoiceFromPdf(await pdfWithAttachment("<nota>hola</nota>", "nota.xml"))).toBeNull();
    const laughs = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100">&a;</rsm:CrossIndustryInvoice>`;
    expect(await readEInvoiceFromPdf(await pdfWithAttachment(laughs))).toBeNull();
  });
});

describe("malformed and hostile XML", () => {
  it("refuses billion laughs (entity expansion) before parsing", () => {
    const lol = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<fe:Facturae xmlns:fe="http://www.facturae.gob.es/formato/Versiones/Facturaev3_2_2.xml"><FileHeader><SchemaVersion>&lol3;</SchemaVersion></FileHeader></fe:Facturae>`;
    expect(refusal(() => readEInvoiceXml(bytesOf(lol)))).toBe("einvoice:dtd_forbidden");
  });

  it("refuses XXE (an external entity), whatever its case", () => {
    const xxe = facturaeXml(BASIC_INVOICE).replace(
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<?xml version="1.0" encoding="UTF-8"?><!doctype fe:Facturae [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    ).replace("<InvoiceNumber>0042", "<InvoiceNumber>&xxe;");
    expect(refusal(() => readEInvoiceXml(bytesOf(xxe)))).toBe("einvoice:dtd_forbidden");
  });

  it("refuses nesting deeper than the limit", () => {
    const deep = `<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">${"<a>".repeat(MAX_XML_DEPTH)}x${"</a>".repeat(MAX_XML_DEPTH)}</Invoice>`;
    expect(refusal(() => readEInvoiceXml(bytesOf(deep)))).toBe("einvoice:too_deep");
    // At the limit it still reads (then fails for what it is: an invoice with nothing in it).
    const ok = `<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">${"<a>".repeat(MAX_XML_DEPTH - 1)}x${"</a>".repeat(MAX_XML_DEPTH - 1)}</Invoice>`;
    expect(refusal(() => readEInvoiceXml(bytesOf(ok)))).toBe("einvoice:invalid");
  });

  it("refuses a file over the size limit without parsing it", () => {
    const big = facturaeXml(BASIC_INVOICE).replace("<FileHeader>", `<!--${"x".repeat(MAX_XML_BYTES)}--><FileHeader>`);
    expect(refusal(() => readEInvoiceXml(bytesOf(big)))).toBe("einvoice:too_large");
  });

  it("refuses XML that is not well formed", () => {
    const broken = facturaeXml(BASIC_INVOICE).replace("</InvoiceHeader>", "");
    expect(refusal(() => readEInvoiceXml(bytesOf(broken)))).toBe("einvoice:malformed");
    expect(refusal(() => readEInvoiceXml(bytesOf("<?xml version=\"1.0\"?>")))).toBe("einvoice:malformed");
  });

  it("refuses XML that is no e-invoice, or a UBL-looking root in another namespace", () => {
    expect(refusal(() => readEInvoiceXml(bytesOf("<note><to>Ana</to></note>")))).toBe("einvoice:unknown_format");
    expect(refusal(() => readEInvoiceXml(bytesOf('<Invoice xmlns="urn:example:other"><ID>1</ID></Invoice>')))).toBe("einvoice:unknown_format");
  });
});

describe("sniffing and small pieces", () => {
  it("recognises e-invoice XML by content only", () => {
    expect(looksLikeEInvoiceXml(bytesOf(facturaeXml(BASIC_INVOICE)))).toBe(true);
    expect(looksLikeEInvoiceXml(bytesOf(ublXml(BASIC_INVOICE)))).toBe(true);
    expect(looksLikeEInvoiceXml(bytesOf(ciiXml(BASIC_INVOICE)))).toBe(true);
    expect(looksLikeEInvoiceXml(bytesOf("<!-- c --><html><body>Invoice</body></html>"))).toBe(false);
    expect(looksLikeEInvoiceXml(bytesOf("%PDF-1.7 Invoice Facturae xxxxxxxxxxxxxxxxx"))).toBe(false);
  });

  it("turns XML decimals into cents exactly, rounding half away from zero", () => {
    expect([decimalToCents("1234.56"), decimalToCents("-0.005"), decimalToCents("10.125"), decimalToCents("7"), decimalToCents("1.2.3")]).toEqual([
      123456, -1, 1013, 700, null,
    ]);
    expect([isoDate("20261015"), isoDate("2026-10-15T10:00:00"), isoDate("2026-02-30")]).toEqual(["2026-10-15", "2026-10-15", null]);
  });
});
