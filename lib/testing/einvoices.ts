/**
 * Test e-invoices built from a plain description: Facturae 3.2 / 3.2.1 / 3.2.2 (optionally signed), UBL 2.1
 * Invoice / CreditNote, CII (Factur-X / ZUGFeRD) and PDF/A-3-style PDFs with the XML attached. The tests own
 * these files; nothing is downloaded. Amounts are decimal strings, as XML writes them.
 */
import { AFRelationship, PDFDocument, StandardFonts } from "pdf-lib";

export type SampleLine = { rate: string; base: string; vat: string; recargo?: string; recargoRate?: string };
export type SampleParty = { name: string; taxId: string; country?: string; person?: boolean };

export type SampleInvoice = {
  number: string;
  series?: string;
  issueDate: string;
  currency?: string;
  seller: SampleParty;
  buyer: SampleParty;
  lines: SampleLine[];
  irpf?: { rate: string; amount: string };
  base: string;
  vat: string;
  total: string;
  /** Credit note / rectificativa of this invoice number. */
  corrects?: { number: string; series?: string; reason?: string };
};

export const SELLER: SampleParty = { name: "Proveedor de Pruebas SL", taxId: "B12345674" };
export const BUYER: SampleParty = { name: "Ana García López", taxId: "12345678Z", person: true };

/** A self-signed test certificate (EC P-256): subject CN=PROVEEDOR DE PRUEBAS SL, serialNumber=VATES-B12345674. */
export const TEST_CERTIFICATE_B64 =
  "MIICKzCCAdGgAwIBAgIUcUpgFSve+3JP4fy0aRhTZ8d8cocwCgYIKoZIzj0EAwIwazELMAkGA1UEBhMCRVMxIDAeBgNVBAoMF1Byb3ZlZWRvciBkZSBQcnVlYmFzIFNMMRgwFgYDVQQFEw9WQVRFUy1CMTIzNDU2NzQxIDAeBgNVBAMMF1BST1ZFRURPUiBERSBQUlVFQkFTIFNMMB4XDTI2MTIwMTA1NDUxOFoXDTM2MTEyODA1NDUxOFowazELMAkGA1UEBhMCRVMxIDAeBgNVBAoMF1Byb3ZlZWRvciBkZSBQcnVlYmFzIFNMMRgwFgYDVQQFEw9WQVRFUy1CMTIzNDU2NzQxIDAeBgNVBAMMF1BST1ZFRURPUiBERSBQUlVFQkFTIFNMMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEFOjss2zPKihXKsYX1L3actVbHzXaaRFkdQjPRfYZ4vBUdb5mkI1TWoxysZxPFGVfKVAhesrff4kWCiBm8TRzZKNTMFEwHQYDVR0OBBYEFMt5iqb8Hc4+8iAn8Pk8dziG5fmgMB8GA1UdIwQYMBaAFMt5iqb8Hc4+8iAn8Pk8dziG5fmgMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSAAwRQIgQveVxRMC0WWYRg//cG8lQXtWzwyhoVlLQ3cDQr+EgUACIQCv+Iu/F9u3VxyBF9CBnH2+KlTMtVl6QhjDiFKKYtnAtg==";

/** 100 € at 21 % less 15 % IRPF: the autónomo's usual professional invoice. */
export const BASIC_INVOICE: SampleInvoice = {
  number: "0042",
  series: "A",
  issueDate: "2026-10-15",
  seller: SELLER,
  buyer: BUYER,
  lines: [{ rate: "21.00", base: "100.00", vat: "21.00" }],
  irpf: { rate: "15.00", amount: "15.00" },
  base: "100.00",
  vat: "21.00",
  total: "106.00",
};

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const FACTURAE_NS = {
  "3.2": "http://www.facturae.es/Facturae/2009/v3.2/Facturae",
  "3.2.1": "http://www.facturae.gob.es/formato/Versiones/Facturaev3_2_1.xml",
  "3.2.2": "http://www.facturae.gob.es/formato/Versiones/Facturaev3_2_2.xml",
} as const;

function facturaeParty(p: SampleParty): string {
  const foreign = p.country && p.country !== "ESP";
  const address = foreign
    ? `<OverseasAddress><Address>1 Rue de Test</Address><PostCodeAndTown>75001 Paris</PostCodeAndTown><Province>Paris</Province><CountryCode>${p.country}</CountryCode></OverseasAddress>`
    : `<AddressInSpain><Address>Calle Mayor 1</Address><PostCode>28001</PostCode><Town>Madrid</Town><Province>Madrid</Province><CountryCode>ESP</CountryCode></AddressInSpain>`;
  const entity = p.person
    ? `<Individual><Name>${esc(p.name.split(" ")[0])}</Name><FirstSurname>${esc(p.name.split(" ")[1] ?? "")}</FirstSurname><SecondSurname>${esc(p.name.split(" ").slice(2).join(" "))}</SecondSurname>${address}</Individual>`
    : `<LegalEntity><CorporateName>${esc(p.name)}</CorporateName>${address}</LegalEntity>`;
  return `<TaxIdentification><PersonTypeCode>${p.person ? "F" : "J"}</PersonTypeCode><ResidenceTypeCode>${foreign ? "U" : "R"}</ResidenceTypeCode><TaxIdentificationNumber>${esc(p.taxId)}</TaxIdentificationNumber></TaxIdentification>${entity}`;
}

export function facturaeXml(
  inv: SampleInvoice,
  opts: { version?: "3.2" | "3.2.1" | "3.2.2"; signed?: boolean; simplified?: boolean; encoding?: "UTF-8" | "ISO-8859-1" } = {},
): string {
  const version = opts.version ?? "3.2.2";
  const currency = inv.currency ?? "EUR";
  const taxes = inv.lines
    .map(
      (l) =>
        `<Tax><TaxTypeCode>01</TaxTypeCode><TaxRate>${l.rate}</TaxRate><TaxableBase><TotalAmount>${l.base}</TotalAmount></TaxableBase><TaxAmount><TotalAmount>${l.vat}</TotalAmount></TaxAmount>${
          l.recargo ? `<EquivalenceSurcharge>${l.recargoRate ?? "5.20"}</EquivalenceSurcharge><EquivalenceSurchargeAmount><TotalAmount>${l.recargo}</TotalAmount></EquivalenceSurchargeAmount>` : ""
        }</Tax>`,
    )
    .join("");
  const withheld = inv.irpf
    ? `<TaxesWithheld><Tax><TaxTypeCode>04</TaxTypeCode><TaxRate>${inv.irpf.rate}</TaxRate><TaxableBase><TotalAmount>${inv.base}</TotalAmount></TaxableBase><TaxAmount><TotalAmount>${inv.irpf.amount}</TotalAmount></TaxAmount></Tax></TaxesWithheld>`
    : "";
  const corrective = inv.corrects
    ? `<Corrective><InvoiceNumber>${esc(inv.corrects.number)}</InvoiceNumber>${inv.corrects.series ? `<InvoiceSeriesCode>${esc(inv.corrects.series)}</InvoiceSeriesCode>` : ""}<ReasonCode>01</ReasonCode><ReasonDescription>${esc(inv.corrects.reason ?? "Número de la factura")}</ReasonDescription><TaxPeriod><StartDate>2026-10-01</StartDate><EndDate>2026-12-31</EndDate></TaxPeriod><CorrectionMethod>01</CorrectionMethod><CorrectionMethodDescription>Rectificación íntegra</CorrectionMethodDescription></Corrective>`
    : "";
  const signature = opts.signed
    ? `<ds:Signature Id="Signature1"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/><ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"/><ds:Reference URI=""><ds:DigestValue>AAAA</ds:DigestValue></ds:Reference></ds:SignedInfo><ds:SignatureValue>AAAA</ds:SignatureValue><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${TEST_CERTIFICATE_B64}</ds:X509Certificate></ds:X509Data></ds:KeyInfo><ds:Object><xades:QualifyingProperties Target="#Signature1"><xades:SignedProperties><xades:SignedSignatureProperties><xades:SigningTime>2026-10-15T10:20:30+02:00</xades:SigningTime></xades:SignedSignatureProperties></xades:SignedProperties></xades:QualifyingProperties></ds:Object></ds:Signature>`
    : "";
  return `<?xml version="1.0" encoding="${opts.encoding ?? "UTF-8"}"?>
<fe:Facturae xmlns:fe="${FACTURAE_NS[version]}" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" xmlns:xades="http://uri.etsi.org/01903/v1.3.2#">
  <FileHeader><SchemaVersion>${version}</SchemaVersion><Modality>I</Modality><InvoiceIssuerType>EM</InvoiceIssuerType>
    <Batch><BatchIdentifier>${esc(inv.seller.taxId + inv.number)}</BatchIdentifier><InvoicesCount>1</InvoicesCount>
      <TotalInvoicesAmount><TotalAmount>${inv.total}</TotalAmount></TotalInvoicesAmount><TotalOutstandingAmount><TotalAmount>${inv.total}</TotalAmount></TotalOutstandingAmount><TotalExecutableAmount><TotalAmount>${inv.total}</TotalAmount></TotalExecutableAmount>
      <InvoiceCurrencyCode>${currency}</InvoiceCurrencyCode></Batch></FileHeader>
  <Parties><SellerParty>${facturaeParty(inv.seller)}</SellerParty><BuyerParty>${facturaeParty(inv.buyer)}</BuyerParty></Parties>
  <Invoices><Invoice>
    <InvoiceHeader><InvoiceNumber>${esc(inv.number)}</InvoiceNumber>${inv.series ? `<InvoiceSeriesCode>${esc(inv.series)}</InvoiceSeriesCode>` : ""}<InvoiceDocumentType>${opts.simplified ? "FA" : "FC"}</InvoiceDocumentType><InvoiceClass>${inv.corrects ? "OR" : "OO"}</InvoiceClass>${corrective}</InvoiceHeader>
    <InvoiceIssueData><IssueDate>${inv.issueDate}</IssueDate><InvoiceCurrencyCode>${currency}</InvoiceCurrencyCode><TaxCurrencyCode>EUR</TaxCurrencyCode><LanguageName>es</LanguageName></InvoiceIssueData>
    <TaxesOutputs>${taxes}</TaxesOutputs>${withheld}
    <InvoiceTotals><TotalGrossAmount>${inv.base}</TotalGrossAmount><TotalGrossAmountBeforeTaxes>${inv.base}</TotalGrossAmountBeforeTaxes><TotalTaxOutputs>${inv.vat}</TotalTaxOutputs><TotalTaxesWithheld>${inv.irpf?.amount ?? "0.00"}</TotalTaxesWithheld><InvoiceTotal>${inv.total}</InvoiceTotal><TotalOutstandingAmount>${inv.total}</TotalOutstandingAmount><TotalExecutableAmount>${inv.total}</TotalExecutableAmount></InvoiceTotals>
    <Items><InvoiceLine><ItemDescription>Servicios profesionales</ItemDescription><Quantity>1</Quantity><UnitOfMeasure>01</UnitOfMeasure><UnitPriceWithoutTax>${inv.base}</UnitPriceWithoutTax><TotalCost>${inv.base}</TotalCost><GrossAmount>${inv.base}</GrossAmount></InvoiceLine></Items>
  </Invoice></Invoices>${signature}
</fe:Facturae>`;
}

const abs = (s: string) => s.replace(/^-/, "");

/** UBL 2.1 Invoice, or CreditNote when `corrects` is set (UBL credit notes write positive amounts). */
export function ublXml(inv: SampleInvoice, opts: { peppol?: boolean } = {}): string {
  const credit = !!inv.corrects;
  const root = credit ? "CreditNote" : "Invoice";
  const cur = inv.currency ?? "EUR";
  const party = (p: SampleParty) =>
    `<cac:Party><cac:PartyName><cbc:Name>${esc(p.name)}</cbc:Name></cac:PartyName><cac:PostalAddress><cac:Country><cbc:IdentificationCode>${p.country ?? "ES"}</cbc:IdentificationCode></cac:Country></cac:PostalAddress><cac:PartyTaxScheme><cbc:CompanyID>${esc(/^[A-Z]{2}/.test(p.taxId) ? p.taxId : `ES${p.taxId}`)}</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme><cac:PartyLegalEntity><cbc:RegistrationName>${esc(p.name)}</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party>`;
  const subtotals = inv.lines
    .map(
      (l) =>
        `<cac:TaxSubtotal><cbc:TaxableAmount currencyID="${cur}">${abs(l.base)}</cbc:TaxableAmount><cbc:TaxAmount currencyID="${cur}">${abs(l.vat)}</cbc:TaxAmount><cac:TaxCategory><cbc:ID>${l.rate === "0.00" ? "Z" : "S"}</cbc:ID><cbc:Percent>${l.rate}</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal>`,
    )
    .join("");
  const inclusive = (Math.round(Number(abs(inv.base)) * 100) + Math.round(Number(abs(inv.vat)) * 100)) / 100;
  const withholding = inv.irpf
    ? `<cac:WithholdingTaxTotal><cbc:TaxAmount currencyID="${cur}">${abs(inv.irpf.amount)}</cbc:TaxAmount><cac:TaxSubtotal><cbc:TaxableAmount currencyID="${cur}">${abs(inv.base)}</cbc:TaxableAmount><cbc:TaxAmount currencyID="${cur}">${abs(inv.irpf.amount)}</cbc:TaxAmount><cac:TaxCategory><cbc:Percent>${inv.irpf.rate}</cbc:Percent><cac:TaxScheme><cbc:ID>IRPF</cbc:ID></cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal></cac:WithholdingTaxTotal>`
    : "";
  const lineTag = credit ? "CreditNoteLine" : "InvoiceLine";
  const qtyTag = credit ? "CreditedQuantity" : "InvoicedQuantity";
  return `<?xml version="1.0" encoding="UTF-8"?>
<${root} xmlns="urn:oasis:names:specification:ubl:schema:xsd:${root}-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:UBLVersionID>2.1</cbc:UBLVersionID>
  ${opts.peppol ? "<cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID><cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>" : ""}
  <cbc:ID>${esc(inv.series ? `${inv.series}-${inv.number}` : inv.number)}</cbc:ID>
  <cbc:IssueDate>${inv.issueDate}</cbc:IssueDate>
  <cbc:${credit ? "CreditNoteTypeCode" : "InvoiceTypeCode"}>${credit ? "381" : "380"}</cbc:${credit ? "CreditNoteTypeCode" : "InvoiceTypeCode"}>
  <cbc:DocumentCurrencyCode>${cur}</cbc:DocumentCurrencyCode>
  ${inv.corrects ? `<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>${esc(inv.corrects.number)}</cbc:ID></cac:InvoiceDocumentReference></cac:BillingReference>` : ""}
  <cac:AccountingSupplierParty>${party(inv.seller)}</cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty>${party(inv.buyer)}</cac:AccountingCustomerParty>
  <cac:TaxTotal><cbc:TaxAmount currencyID="${cur}">${abs(inv.vat)}</cbc:TaxAmount>${subtotals}</cac:TaxTotal>${withholding}
  ${cur !== "EUR" ? `<cac:TaxTotal><cbc:TaxAmount currencyID="EUR">999.99</cbc:TaxAmount></cac:TaxTotal>` : ""}
  <cac:LegalMonetaryTotal><cbc:LineExtensionAmount currencyID="${cur}">${abs(inv.base)}</cbc:LineExtensionAmount><cbc:TaxExclusiveAmount currencyID="${cur}">${abs(inv.base)}</cbc:TaxExclusiveAmount><cbc:TaxInclusiveAmount currencyID="${cur}">${inclusive.toFixed(2)}</cbc:TaxInclusiveAmount><cbc:PayableAmount currencyID="${cur}">${abs(inv.total)}</cbc:PayableAmount></cac:LegalMonetaryTotal>
  <cac:${lineTag}><cbc:ID>1</cbc:ID><cbc:${qtyTag} unitCode="C62">1</cbc:${qtyTag}><cbc:LineExtensionAmount currencyID="${cur}">${abs(inv.base)}</cbc:LineExtensionAmount><cac:Item><cbc:Name>Servicios</cbc:Name></cac:Item><cac:Price><cbc:PriceAmount currencyID="${cur}">${abs(inv.base)}</cbc:PriceAmount></cac:Price></cac:${lineTag}>
</${root}>`;
}

/** CII D16B as Factur-X / ZUGFeRD 2 embed it; `profile` picks the guideline id. */
export function ciiXml(inv: SampleInvoice, opts: { profile?: "minimum" | "basic" | "en16931" | "extended" } = {}): string {
  const credit = !!inv.corrects;
  const cur = inv.currency ?? "EUR";
  const profile = opts.profile ?? "en16931";
  const guideline =
    profile === "en16931" ? "urn:cen.eu:en16931:2017" : profile === "extended" ? "urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended" : profile === "basic" ? "urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic" : "urn:factur-x.eu:1p0:minimum";
  const party = (tag: string, p: SampleParty) =>
    `<ram:${tag}><ram:Name>${esc(p.name)}</ram:Name><ram:PostalTradeAddress><ram:CountryID>${p.country ?? "ES"}</ram:CountryID></ram:PostalTradeAddress><ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">${esc(/^[A-Z]{2}/.test(p.taxId) ? p.taxId : `ES${p.taxId}`)}</ram:ID></ram:SpecifiedTaxRegistration></ram:${tag}>`;
  const taxes =
    profile === "minimum"
      ? ""
      : inv.lines
          .map(
            (l) =>
              `<ram:ApplicableTradeTax><ram:CalculatedAmount>${abs(l.vat)}</ram:CalculatedAmount><ram:TypeCode>VAT</ram:TypeCode><ram:BasisAmount>${abs(l.base)}</ram:BasisAmount><ram:CategoryCode>${l.rate === "0.00" ? "Z" : "S"}</ram:CategoryCode><ram:RateApplicablePercent>${l.rate}</ram:RateApplicablePercent></ram:ApplicableTradeTax>`,
          )
          .join("");
  return `<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100" xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100" xmlns:qdt="urn:un:unece:uncefact:data:standard:QualifiedDataType:100">
  <rsm:ExchangedDocumentContext><ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>${guideline}</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter></rsm:ExchangedDocumentContext>
  <rsm:ExchangedDocument><ram:ID>${esc(inv.series ? `${inv.series}-${inv.number}` : inv.number)}</ram:ID><ram:TypeCode>${credit ? "381" : "380"}</ram:TypeCode><ram:IssueDateTime><udt:DateTimeString format="102">${inv.issueDate.replace(/-/g, "")}</udt:DateTimeString></ram:IssueDateTime></rsm:ExchangedDocument>
  <rsm:SupplyChainTradeTransaction>
    <ram:ApplicableHeaderTradeAgreement>${party("SellerTradeParty", inv.seller)}${party("BuyerTradeParty", inv.buyer)}</ram:ApplicableHeaderTradeAgreement>
    <ram:ApplicableHeaderTradeDelivery/>
    <ram:ApplicableHeaderTradeSettlement><ram:InvoiceCurrencyCode>${cur}</ram:InvoiceCurrencyCode>${taxes}
      ${inv.corrects ? `<ram:InvoiceReferencedDocument><ram:IssuerAssignedID>${esc(inv.corrects.number)}</ram:IssuerAssignedID></ram:InvoiceReferencedDocument>` : ""}
      <ram:SpecifiedTradeSettlementHeaderMonetarySummation><ram:LineTotalAmount>${abs(inv.base)}</ram:LineTotalAmount><ram:TaxBasisTotalAmount>${abs(inv.base)}</ram:TaxBasisTotalAmount><ram:TaxTotalAmount currencyID="${cur}">${abs(inv.vat)}</ram:TaxTotalAmount><ram:GrandTotalAmount>${abs(inv.total)}</ram:GrandTotalAmount><ram:DuePayableAmount>${abs(inv.total)}</ram:DuePayableAmount></ram:SpecifiedTradeSettlementHeaderMonetarySummation>
    </ram:ApplicableHeaderTradeSettlement>
  </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>`;
}

/** A one-page PDF showing the invoice, with `xml` attached under `attachmentName` (as Factur-X does). */
export async function pdfWithAttachment(xml: string | Uint8Array, attachmentName = "factur-x.xml", visibleText = "FACTURA 0042 Total 121,00 EUR"): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595, 842]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  page.drawText(visibleText, { x: 50, y: 780, size: 14, font });
  page.drawText("Proveedor de Pruebas SL  NIF B12345674", { x: 50, y: 750, size: 11, font });
  const bytes = typeof xml === "string" ? new TextEncoder().encode(xml) : xml;
  await pdf.attach(bytes, attachmentName, {
    mimeType: "text/xml",
    description: "Factur-X invoice",
    afRelationship: AFRelationship.Alternative,
  });
  return pdf.save();
}

export const bytesOf = (s: string, encoding: "utf-8" | "latin1" = "utf-8"): Uint8Array =>
  encoding === "latin1" ? new Uint8Array(Buffer.from(s, "latin1")) : new TextEncoder().encode(s);
