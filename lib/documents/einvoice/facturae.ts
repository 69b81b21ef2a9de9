/**
 * Facturae 3.2, 3.2.1 and 3.2.2 (Orden HAP/1650/2015 and earlier; the format Spanish public administrations
 * require through FACe). One file may hold a batch; the first invoice is read. Amounts are taken as written:
 * a factura rectificativa carries its own (usually negative) amounts. The XAdES signature, when present, is
 * recorded (signer and signing time) but not verified.
 */
import { X509Certificate } from "node:crypto";
import {
  decimalToCents,
  isoDate,
  joinSeries,
  mergeByRate,
  percentOf,
  sumCents,
  type EInvoice,
  type EInvoiceParty,
  type EInvoiceSignature,
  type EInvoiceVatLine,
} from "@/lib/documents/einvoice/model";
import { all, at, textAt, textOf, type XmlDocument, type XmlNode } from "@/lib/documents/einvoice/xml";

export const FACTURAE_VERSIONS = ["3.2", "3.2.1", "3.2.2"] as const;

/** Facturae's namespace URIs per version (the root element declares one of them). */
const NAMESPACES: Record<string, (typeof FACTURAE_VERSIONS)[number]> = {
  "http://www.facturae.es/Facturae/2009/v3.2/Facturae": "3.2",
  "http://www.facturae.gob.es/formato/Versiones/Facturaev3_2_1.xml": "3.2.1",
  "http://www.facturae.gob.es/formato/Versiones/Facturaev3_2_2.xml": "3.2.2",
};

/** Tax type codes (Facturae's TaxTypeCode): 01 IVA, 02 IPSI, 03 IGIC, 04 IRPF. */
const VAT_LIKE = new Set(["01", "02", "03"]);
const IRPF = "04";

export function isFacturae(doc: XmlDocument): boolean {
  return doc.rootName === "Facturae" && (doc.rootNamespace === null || /facturae/i.test(doc.rootNamespace));
}

function versionOf(doc: XmlDocument): string {
  const declared = textAt(doc.root, "FileHeader", "SchemaVersion");
  if (declared && (FACTURAE_VERSIONS as readonly string[]).includes(declared)) return declared;
  return (doc.rootNamespace && NAMESPACES[doc.rootNamespace]) || declared || "3.2";
}

function party(node: XmlNode | undefined): EInvoiceParty {
  const taxId = textAt(node, "TaxIdentification", "TaxIdentificationNumber");
  const legal = at(node, "LegalEntity");
  const person = at(node, "Individual");
  let name: string | null = null;
  if (legal) name = textAt(legal, "CorporateName") ?? textAt(legal, "TradeName");
  else if (person) {
    name = [textAt(person, "Name"), textAt(person, "FirstSurname"), textAt(person, "SecondSurname")].filter(Boolean).join(" ") || null;
  }
  const address = legal ?? person;
  const country = at(address, "AddressInSpain") ? "ESP" : textAt(address, "OverseasAddress", "CountryCode");
  return { name, taxId, country };
}

/** Amount of a Facturae `AmountType` (TotalAmount inside) or of a plain decimal element. */
function amount(node: XmlNode | undefined): number | null {
  if (node === undefined) return null;
  return decimalToCents(textAt(node, "TotalAmount") ?? textOf(node));
}

function taxes(invoice: XmlNode, group: "TaxesOutputs" | "TaxesWithheld") {
  return all(at(invoice, group), "Tax").map((t) => ({
    type: textAt(t, "TaxTypeCode"),
    rate: percentOf(textAt(t, "TaxRate")),
    base: amount(at(t, "TaxableBase")),
    tax: amount(at(t, "TaxAmount")),
    recargo: amount(at(t, "EquivalenceSurchargeAmount")),
  }));
}

/** Subject of the signing certificate, and the signer's id (serialNumber) when the certificate has one. */
function signatureOf(root: XmlNode): EInvoiceSignature | null {
  const sig = at(root, "Signature");
  if (!sig) return null;
  const x509 = at(sig, "KeyInfo", "X509Data");
  let signer: string | null = null;
  let signerId: string | null = null;
  const b64 = textAt(x509, "X509Certificate");
  if (b64) {
    try {
      const cert = new X509Certificate(Buffer.from(b64.replace(/\s+/g, ""), "base64"));
      const parts = cert.subject.split("\n");
      const cn = parts.find((p) => p.startsWith("CN="));
      signer = cn ? cn.slice(3) : parts.join(", ");
      signerId = parts.find((p) => p.startsWith("serialNumber="))?.slice("serialNumber=".length) ?? null;
    } catch {
      // An unreadable certificate: fall back to the subject name written beside it.
    }
  }
  signer ??= textAt(x509, "X509SubjectName");
  const qualifying = at(sig, "Object", "QualifyingProperties");
  const signingTime = textAt(qualifying, "SignedProperties", "SignedSignatureProperties", "SigningTime");
  return { signer, signerId, signingTime, kind: qualifying ? "xades" : "xmldsig" };
}

export function readFacturae(doc: XmlDocument): EInvoice {
  const root = doc.root;
  const invoices = all(at(root, "Invoices"), "Invoice");
  const invoice = invoices[0];
  const header = at(invoice, "InvoiceHeader");
  const issue = at(invoice, "InvoiceIssueData");
  const totals = at(invoice, "InvoiceTotals");

  const outputs = taxes(invoice, "TaxesOutputs").filter((t) => t.type === null || VAT_LIKE.has(t.type));
  const withheld = taxes(invoice, "TaxesWithheld").filter((t) => t.type === IRPF || t.type === null);
  const vatLines: EInvoiceVatLine[] = mergeByRate(
    outputs.flatMap((t) =>
      t.rate !== null && t.base !== null
        ? [{ rate: t.rate, baseCents: t.base, vatCents: t.tax ?? 0, recargoCents: t.recargo ?? 0 }]
        : [],
    ),
  );

  const irpfCents = withheld.length ? sumCents(withheld.map((t) => t.tax ?? 0)) : null;
  const irpfRates = [...new Set(withheld.map((t) => t.rate).filter((r): r is number => r !== null))];
  const recargo = sumCents(vatLines.map((l) => l.recargoCents));

  const series = textAt(header, "InvoiceSeriesCode");
  const number = textAt(header, "InvoiceNumber");
  const corrective = at(header, "Corrective");
  const invoiceClass = textAt(header, "InvoiceClass") ?? "OO";
  const isCorrective = corrective !== undefined || /^(OR|CR)$/.test(invoiceClass);
  const docKind = textAt(header, "InvoiceDocumentType");

  const baseCents = decimalToCents(textAt(totals, "TotalGrossAmountBeforeTaxes")) ?? (vatLines.length ? sumCents(vatLines.map((l) => l.baseCents)) : null);
  const vatCents = decimalToCents(textAt(totals, "TotalTaxOutputs")) ?? (vatLines.length ? sumCents(vatLines.map((l) => l.vatCents)) : null);

  return {
    format: "facturae",
    version: versionOf(doc),
    profile: null,
    docType: isCorrective ? "credit_note" : docKind === "FA" ? "simplified" : "invoice",
    number: joinSeries(series, number),
    series,
    issueDate: isoDate(textAt(issue, "IssueDate")),
    currency: textAt(issue, "InvoiceCurrencyCode") ?? textAt(root, "FileHeader", "Batch", "InvoiceCurrencyCode") ?? "EUR",
    seller: party(at(root, "Parties", "SellerParty")),
    buyer: party(at(root, "Parties", "BuyerParty")),
    vatLines,
    irpfRate: irpfRates.length === 1 ? irpfRates[0] : null,
    irpfCents,
    baseCents,
    vatCents,
    recargoCents: recargo ? recargo : null,
    totalCents: decimalToCents(textAt(totals, "InvoiceTotal")),
    corrects: isCorrective
      ? {
          number: joinSeries(textAt(corrective, "InvoiceSeriesCode"), textAt(corrective, "InvoiceNumber")),
          reason: textAt(corrective, "ReasonDescription") ?? textAt(corrective, "ReasonCode"),
        }
      : null,
    signature: signatureOf(root),
    invoicesInFile: invoices.length,
  };
}
