/**
 * UBL 2.1 Invoice and CreditNote (OASIS; Peppol BIS Billing 3.0 / EN 16931 are profiles of it). A UBL credit
 * note writes positive amounts; the record keeps credit notes negative, so they are negated here. A Spanish
 * IRPF withholding is read from `WithholdingTaxTotal` (UBL 2.1) when present.
 */
import {
  decimalToCents,
  isoDate,
  mergeByRate,
  percentOf,
  sumCents,
  type EInvoice,
  type EInvoiceParty,
  type EInvoiceVatLine,
} from "@/lib/documents/einvoice/model";
import { all, at, attrOf, textAt, textOf, type XmlDocument, type XmlNode } from "@/lib/documents/einvoice/xml";

const NS_INVOICE = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
const NS_CREDIT_NOTE = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";

/** UNTDID 1001 codes read as credit notes (381 credit note, 384 corrected invoice, 396 factored credit note). */
const CREDIT_CODES = new Set(["381", "396"]);
const CORRECTED_CODES = new Set(["384"]);

export function isUbl(doc: XmlDocument): boolean {
  return (
    (doc.rootName === "Invoice" && doc.rootNamespace === NS_INVOICE) ||
    (doc.rootName === "CreditNote" && doc.rootNamespace === NS_CREDIT_NOTE)
  );
}

function party(node: XmlNode | undefined): EInvoiceParty {
  const p = at(node, "Party");
  const schemes = all(p, "PartyTaxScheme");
  const vat = schemes.find((s) => (textAt(s, "TaxScheme", "ID") ?? "VAT").toUpperCase() === "VAT") ?? schemes[0];
  const taxId = textAt(vat, "CompanyID") ?? textAt(p, "PartyLegalEntity", "CompanyID") ?? textAt(p, "PartyIdentification", "ID");
  const name = textAt(p, "PartyLegalEntity", "RegistrationName") ?? textAt(p, "PartyName", "Name") ?? textAt(vat, "RegistrationName");
  return { name, taxId, country: textAt(p, "PostalAddress", "Country", "IdentificationCode") };
}

/** The amount elements in the document currency (a TaxTotal may be repeated in the tax currency). */
function inCurrency(nodes: XmlNode[], currency: string, amountPath: string[]): XmlNode | undefined {
  return nodes.find((n) => attrOf(at(n, ...amountPath), "currencyID") === currency) ?? nodes[0];
}

export function readUbl(doc: XmlDocument): EInvoice {
  const root = doc.root;
  const isCreditNote = doc.rootName === "CreditNote";
  const typeCode = textAt(root, isCreditNote ? "CreditNoteTypeCode" : "InvoiceTypeCode");
  const credit = isCreditNote || (typeCode !== null && CREDIT_CODES.has(typeCode));
  const corrected = typeCode !== null && CORRECTED_CODES.has(typeCode);
  const sign = credit ? -1 : 1;
  const neg = (c: number | null) => (c === null ? null : c === 0 ? 0 : sign * c);

  const currency = textAt(root, "DocumentCurrencyCode") ?? "EUR";
  const taxTotal = inCurrency(all(root, "TaxTotal"), currency, ["TaxAmount"]);
  const subtotals = all(taxTotal, "TaxSubtotal");
  const vatLines: EInvoiceVatLine[] = mergeByRate(
    subtotals.flatMap((s) => {
      const scheme = (textAt(s, "TaxCategory", "TaxScheme", "ID") ?? "VAT").toUpperCase();
      const rate = percentOf(textAt(s, "TaxCategory", "Percent")) ?? (textAt(s, "TaxCategory", "ID") === "Z" ? 0 : null);
      const base = decimalToCents(textAt(s, "TaxableAmount"));
      if (scheme !== "VAT" || rate === null || base === null) return [];
      return [{ rate, baseCents: neg(base)!, vatCents: neg(decimalToCents(textAt(s, "TaxAmount")) ?? 0)!, recargoCents: 0 }];
    }),
  );

  const withholding = all(root, "WithholdingTaxTotal");
  const wSubtotals = withholding.flatMap((w) => all(w, "TaxSubtotal"));
  const irpfAbs = withholding.length ? sumCents(withholding.map((w) => decimalToCents(textAt(w, "TaxAmount")) ?? 0)) : null;
  const irpfRates = [...new Set(wSubtotals.map((s) => percentOf(textAt(s, "TaxCategory", "Percent") ?? textAt(s, "Percent"))).filter((r): r is number => r !== null))];

  const totals = at(root, "LegalMonetaryTotal");
  const taxExclusive = decimalToCents(textAt(totals, "TaxExclusiveAmount"));
  const taxInclusive = decimalToCents(textAt(totals, "TaxInclusiveAmount"));
  const vatTotal = decimalToCents(textOf(at(taxTotal, "TaxAmount")));
  // What is owed after the withholding: TaxInclusiveAmount − IRPF (PayableAmount may also net prepayments).
  const total = taxInclusive === null ? decimalToCents(textAt(totals, "PayableAmount")) : taxInclusive - (irpfAbs ?? 0);

  const ref = at(root, "BillingReference", "InvoiceDocumentReference");
  const refNumber = textAt(ref, "ID");
  const reason = textAt(root, "DiscrepancyResponse", "Description") ?? textAt(root, "Note");

  return {
    format: "ubl",
    version: textAt(root, "UBLVersionID") ?? "2.1",
    profile: textAt(root, "CustomizationID"),
    docType: credit || corrected ? "credit_note" : "invoice",
    number: textAt(root, "ID"),
    series: null,
    issueDate: isoDate(textAt(root, "IssueDate")),
    currency,
    seller: party(at(root, "AccountingSupplierParty")),
    buyer: party(at(root, "AccountingCustomerParty")),
    vatLines,
    irpfRate: irpfRates.length === 1 ? irpfRates[0] : null,
    irpfCents: neg(irpfAbs),
    baseCents: taxExclusive !== null ? neg(taxExclusive) : vatLines.length ? sumCents(vatLines.map((l) => l.baseCents)) : null,
    vatCents: vatTotal !== null ? neg(vatTotal) : vatLines.length ? sumCents(vatLines.map((l) => l.vatCents)) : null,
    recargoCents: null,
    totalCents: neg(total),
    corrects: credit || corrected ? { number: refNumber, reason } : null,
    signature: null,
    invoicesInFile: 1,
  };
}
