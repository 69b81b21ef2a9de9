/**
 * An e-invoice as the extractor's record (`ParsedInvoice`): every field read from the XML has confidence 1,
 * and the same checks as any other document decide whether it goes to review (`lib/invoices/checks.ts`): an
 * e-invoice whose arithmetic or tax id fails is reviewed like a scan would be.
 */
import type { ParsedInvoice } from "@/lib/documents/parse";
import { checkInvoice } from "@/lib/invoices/checks";
import { isValidTaxId, normalizeTaxId } from "@/lib/tax-id";
import type { EInvoiceRead } from "@/lib/documents/einvoice/model";

/** Check codes that mean "the figures do not add up" (the parser's `arithmeticOk`). */
const ARITHMETIC_CODES = new Set<string>([
  "lines_missing",
  "line_incomplete",
  "line_vat_mismatch",
  "irpf_incomplete",
  "irpf_mismatch",
  "total_missing",
  "total_mismatch",
]);

const FORMAT_LABEL = { facturae: "Facturae", ubl: "UBL", cii: "CII (Factur-X/ZUGFeRD)" } as const;

/** "Facturae 3.2.2", "UBL 2.1", "CII (Factur-X/ZUGFeRD) EN 16931". */
export function formatLabel(e: Pick<EInvoiceRead, "format" | "version" | "profile">): string {
  return e.format === "cii" ? `${FORMAT_LABEL.cii}${e.profile ? ` ${e.profile}` : ""}` : `${FORMAT_LABEL[e.format]} ${e.version}`;
}

/** Which party is the book's counterparty: the seller, unless the book itself is the seller (an issued invoice). */
function orient(e: EInvoiceRead, ownTaxId: string | null | undefined) {
  const own = ownTaxId ? normalizeTaxId(ownTaxId) : null;
  const sellerId = e.seller.taxId ? normalizeTaxId(e.seller.taxId) : null;
  const buyerId = e.buyer.taxId ? normalizeTaxId(e.buyer.taxId) : null;
  const issued = own !== null && sellerId === own;
  return issued
    ? { counterparty: { ...e.buyer, taxId: buyerId }, other: { ...e.seller, taxId: sellerId }, issued }
    : { counterparty: { ...e.seller, taxId: sellerId }, other: { ...e.buyer, taxId: buyerId }, issued };
}

/** The XML's percentage (a decimal number) as basis points, the unit of `lib/tax/vat.ts`. */
const toBp = (percent: number) => Math.round(percent * 100);

export function einvoiceFields(e: EInvoiceRead, opts: { ownTaxId?: string | null; today?: string } = {}): ParsedInvoice {
  const { counterparty, other } = orient(e, opts.ownTaxId);
  const issues = checkInvoice(
    {
      direction: "received",
      docType: e.docType,
      counterpartyName: counterparty.name,
      counterpartyTaxId: counterparty.taxId,
      number: e.number,
      issueDate: e.issueDate,
      lines: e.vatLines.map((l) => ({
        rateBp: toBp(l.rate),
        baseCents: l.baseCents,
        vatCents: l.vatCents,
        recargoCents: l.recargoCents,
      })),
      irpfRateBp: e.irpfRate === null ? null : toBp(e.irpfRate),
      irpfCents: e.irpfCents,
      totalCents: e.totalCents,
    },
    { today: opts.today ?? new Date().toISOString().slice(0, 10) },
  );
  const arithmeticOk = !issues.some((i) => ARITHMETIC_CODES.has(i.code));
  const vendorTaxIdValid = counterparty.taxId !== null && isValidTaxId(counterparty.taxId);

  const values = {
    docType: e.docType,
    vendorName: counterparty.name,
    vendorTaxId: counterparty.taxId,
    customerTaxId: other.taxId,
    invoiceNumber: e.number,
    issueDate: e.issueDate,
    currency: e.currency,
    baseCents: e.baseCents,
    vatCents: e.vatCents,
    irpfRateBp: e.irpfRate === null ? null : toBp(e.irpfRate),
    irpfCents: e.irpfCents,
    recargoCents: e.recargoCents,
    totalCents: e.totalCents,
  };
  // Read from the data, not guessed: 1 where the XML has the field, 0 where it has not.
  const fieldConfidence: Record<string, number> = Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, v === null ? 0 : 1]),
  );
  fieldConfidence.vatLines = e.vatLines.length ? 1 : 0;
  const key = ["issueDate", "invoiceNumber", "vendorTaxId", "baseCents", "vatCents", "totalCents"];
  const confidence = key.reduce((s, k) => s + fieldConfidence[k], 0) / key.length;

  return {
    ...values,
    language: e.format === "facturae" || /^ES/.test(counterparty.country ?? "") ? "es" : "en",
    vatLines: e.vatLines.map((l) => ({ rateBp: toBp(l.rate), baseCents: l.baseCents, vatCents: l.vatCents })),
    fieldConfidence,
    checks: { vendorTaxIdValid, arithmeticOk },
    confidence: Math.round(confidence * 1000) / 1000,
    boxes: {},
  };
}

/**
 * What the e-invoice adds to the record beyond the extractor's fields, as review fields (value + confidence 1):
 * format, the other party's name, series, the corrected invoice, the signature.
 */
export function einvoiceExtraFields(e: EInvoiceRead, opts: { ownTaxId?: string | null } = {}) {
  const { other } = orient(e, opts.ownTaxId);
  const field = (value: string | null) => ({ value, confidence: value === null ? 0 : 1 });
  return {
    einvoiceFormat: field(formatLabel(e)),
    customerName: field(other.name),
    series: field(e.series),
    correctedInvoiceNumber: field(e.corrects?.number ?? null),
    correctionReason: field(e.corrects?.reason ?? null),
    signer: field(e.signature ? (e.signature.signer ?? "firma sin certificado legible") : null),
    signingTime: field(e.signature?.signingTime ?? null),
  };
}

const euros = (c: number | null) => (c === null ? "—" : (c / 100).toFixed(2));

/** A plain-text account of the e-invoice (the extraction's raw text, searchable and shown on review). */
export function describeEInvoice(e: EInvoiceRead): string {
  const party = (p: EInvoiceRead["seller"]) => `${p.name ?? "—"}${p.taxId ? ` (${p.taxId})` : ""}`;
  const lines = [
    `Factura electrónica ${formatLabel(e)}${e.container === "pdf" ? ` adjunta al PDF (${e.attachment})` : ""}`,
    e.signature
      ? `Firma ${e.signature.kind === "xades" ? "XAdES" : "XML-DSig"} de ${e.signature.signer ?? "firmante desconocido"}${e.signature.signingTime ? ` el ${e.signature.signingTime}` : ""} (no verificada)`
      : e.format === "facturae"
        ? "Sin firma electrónica"
        : "",
    `Emisor: ${party(e.seller)}`,
    `Receptor: ${party(e.buyer)}`,
    `${e.docType === "credit_note" ? "Factura rectificativa" : e.docType === "simplified" ? "Factura simplificada" : "Factura"} nº ${e.number ?? "—"} · fecha ${e.issueDate ?? "—"}`,
    e.corrects ? `Rectifica la factura ${e.corrects.number ?? "—"}${e.corrects.reason ? `: ${e.corrects.reason}` : ""}` : "",
    ...e.vatLines.map(
      (l) => `IVA ${l.rate} %: base ${euros(l.baseCents)} · cuota ${euros(l.vatCents)}${l.recargoCents ? ` · recargo ${euros(l.recargoCents)}` : ""}`,
    ),
    e.irpfCents !== null ? `Retención IRPF${e.irpfRate !== null ? ` ${e.irpfRate} %` : ""}: ${euros(e.irpfCents)}` : "",
    `Base imponible ${euros(e.baseCents)} · IVA ${euros(e.vatCents)} · Total ${euros(e.totalCents)} ${e.currency}`,
    e.invoicesInFile > 1 ? `El archivo contiene ${e.invoicesInFile} facturas; se ha leído la primera.` : "",
  ];
  return lines.filter(Boolean).join("\n");
}
