/**
 * UN/CEFACT Cross Industry Invoice (CII D16B), the XML inside Factur-X and ZUGFeRD 2.x (and XRechnung's CII
 * syntax). Every profile is read; MINIMUM and BASIC WL carry no IVA breakdown per rate, so their records go to
 * review for the missing lines. A credit note (381) writes positive amounts; the record keeps it negative.
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

const NS_CII = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";
const CREDIT_CODES = new Set(["381", "396"]);
const CORRECTED_CODES = new Set(["384"]);

export function isCii(doc: XmlDocument): boolean {
  return doc.rootName === "CrossIndustryInvoice" && doc.rootNamespace === NS_CII;
}

/** Factur-X / ZUGFeRD profile from the guideline id (`urn:…#compliant#urn:factur-x.eu:1p0:basic` → "BASIC"). */
export function ciiProfile(guideline: string | null): string | null {
  if (!guideline) return null;
  const g = guideline.toLowerCase();
  if (g.includes("xrechnung")) return "XRECHNUNG";
  if (g.endsWith(":minimum")) return "MINIMUM";
  if (g.endsWith(":basicwl")) return "BASIC WL";
  if (g.endsWith(":basic")) return "BASIC";
  if (g.endsWith(":extended") || g.includes("#conformant#urn:factur-x.eu:1p0:extended")) return "EXTENDED";
  if (g.startsWith("urn:cen.eu:en16931:2017")) return "EN 16931";
  return guideline;
}

function party(node: XmlNode | undefined): EInvoiceParty {
  const regs = all(node, "SpecifiedTaxRegistration").map((r) => at(r, "ID"));
  const vat = regs.find((id) => attrOf(id, "schemeID") === "VA") ?? regs.find((id) => attrOf(id, "schemeID") === "FC") ?? regs[0];
  return {
    name: textAt(node, "Name"),
    taxId: textOf(vat),
    country: textAt(node, "PostalTradeAddress", "CountryID"),
  };
}

export function readCii(doc: XmlDocument): EInvoice {
  const root = doc.root;
  const exchanged = at(root, "ExchangedDocument");
  const typeCode = textAt(exchanged, "TypeCode");
  const credit = typeCode !== null && CREDIT_CODES.has(typeCode);
  const corrected = typeCode !== null && CORRECTED_CODES.has(typeCode);
  const sign = credit ? -1 : 1;
  const neg = (c: number | null) => (c === null ? null : c === 0 ? 0 : sign * c);

  const trade = at(root, "SupplyChainTradeTransaction");
  const agreement = at(trade, "ApplicableHeaderTradeAgreement");
  const settlement = at(trade, "ApplicableHeaderTradeSettlement");
  const sums = at(settlement, "SpecifiedTradeSettlementHeaderMonetarySummation");
  const currency = textAt(settlement, "InvoiceCurrencyCode") ?? "EUR";

  const vatLines: EInvoiceVatLine[] = mergeByRate(
    all(settlement, "ApplicableTradeTax").flatMap((t) => {
      if ((textAt(t, "TypeCode") ?? "VAT").toUpperCase() !== "VAT") return [];
      const rate = percentOf(textAt(t, "RateApplicablePercent")) ?? (textAt(t, "CategoryCode") === "Z" ? 0 : null);
      const base = decimalToCents(textAt(t, "BasisAmount"));
      if (rate === null || base === null) return [];
      return [{ rate, baseCents: neg(base)!, vatCents: neg(decimalToCents(textAt(t, "CalculatedAmount")) ?? 0)!, recargoCents: 0 }];
    }),
  );
  // TaxTotalAmount may be given twice (invoice currency and tax currency): take the invoice currency's.
  const taxTotals = all(sums, "TaxTotalAmount");
  const vatTotal = decimalToCents(textOf(taxTotals.find((n) => (attrOf(n, "currencyID") ?? currency) === currency) ?? taxTotals[0]));

  const ref = at(settlement, "InvoiceReferencedDocument");
  const guideline = textAt(root, "ExchangedDocumentContext", "GuidelineSpecifiedDocumentContextParameter", "ID");
  const baseCents = decimalToCents(textAt(sums, "TaxBasisTotalAmount"));

  return {
    format: "cii",
    version: "D16B",
    profile: ciiProfile(guideline),
    docType: credit || corrected ? "credit_note" : "invoice",
    number: textAt(exchanged, "ID"),
    series: null,
    issueDate: isoDate(textAt(exchanged, "IssueDateTime", "DateTimeString")),
    currency,
    seller: party(at(agreement, "SellerTradeParty")),
    buyer: party(at(agreement, "BuyerTradeParty")),
    vatLines,
    irpfRate: null,
    irpfCents: null,
    baseCents: baseCents !== null ? neg(baseCents) : vatLines.length ? sumCents(vatLines.map((l) => l.baseCents)) : null,
    vatCents: vatTotal !== null ? neg(vatTotal) : vatLines.length ? sumCents(vatLines.map((l) => l.vatCents)) : null,
    recargoCents: null,
    totalCents: neg(decimalToCents(textAt(sums, "GrandTotalAmount"))),
    corrects: credit || corrected ? { number: textAt(ref, "IssuerAssignedID"), reason: textAt(exchanged, "IncludedNote", "Content") } : null,
    signature: null,
    invoicesInFile: 1,
  };
}
