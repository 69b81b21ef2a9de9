/**
 * Spanish (and English) invoice fields from plain text: labels in both languages, es/en numbers and dates,
 * tax ids with check digits, and an arithmetic check that chooses between candidate figures
 * (base + IVA − IRPF + recargo = total). Pure: no I/O.
 *
 * Text comes from a PDF text layer (cells separated by tabs) or OCR (cells separated by runs of spaces); both
 * are read as lines of cells. With a layout (`parseDocument`), columns are matched by position and every field
 * gets the box it was read from. The pieces live in `parse/`: text model, amounts, labels, dates, tax ids and
 * the arithmetic that chooses between readings; this module finds the candidates and resolves them.
 */
import { isPlausibleVatId, isValidTaxId, normalizeTaxId } from "@/lib/tax-id";
import { findAmounts, findRates, type AmountToken } from "@/lib/documents/parse/amounts";
import { findDates, type DateToken } from "@/lib/documents/parse/dates";
import { labelHits, type LabelHit } from "@/lib/documents/parse/labels";
import { findVendorName, partyZones, pickParties } from "@/lib/documents/parse/parties";
import { findInvoiceNumber, seriesMayBeMisread } from "@/lib/documents/parse/number";
import { TRUST_THRESHOLD, type DoubtReason } from "@/lib/documents/parse/trust";
import { findIssueDate } from "@/lib/documents/parse/issue-date";
import { findTaxIds, type TaxIdHit } from "@/lib/documents/parse/tax-ids";
import { toLines, type Geo, type Line } from "@/lib/documents/parse/text";
import { findFigures, type Candidate, type Span, type VatLine } from "@/lib/documents/parse/figures";
import { amountContinuesLeft, citesAnotherDocument, continuesPastSpan, legalFormContradictsCif, lostHeadBeforeSpan } from "@/lib/documents/parse/cross-checks";

export { findAmounts } from "@/lib/documents/parse/amounts";
export { findDates } from "@/lib/documents/parse/dates";
export { foldText } from "@/lib/documents/parse/text";
import type { RateBp } from "@/lib/tax/vat";
import { layoutText, spanBox, spanConfidence, xExtent, type DocumentLayout, type FieldBox } from "@/lib/documents/layout";

export type { DocumentLayout, FieldBox } from "@/lib/documents/layout";

export type { VatLine } from "@/lib/documents/parse/figures";

export type ParsedInvoice = {
  docType: "invoice" | "simplified" | "credit_note";
  /** Language the document is written in (labels and words), "es" or "en". */
  language: "es" | "en";
  vendorName: string | null;
  vendorTaxId: string | null;
  customerTaxId: string | null;
  invoiceNumber: string | null;
  /** yyyy-mm-dd */
  issueDate: string | null;
  currency: string;
  vatLines: VatLine[];
  baseCents: number | null;
  vatCents: number | null;
  irpfRateBp: RateBp | null;
  irpfCents: number | null;
  recargoCents: number | null;
  totalCents: number | null;
  /** Per field (keys as above), 0..1. */
  fieldConfidence: Record<string, number>;
  checks: { vendorTaxIdValid: boolean; arithmeticOk: boolean };
  /** Why a field's confidence was lowered (keys as in fieldConfidence), for the reviewer and `assessTrust`. */
  fieldReasons?: Partial<Record<string, DoubtReason>>;
  /** 0..1 */
  confidence: number;
  /** Where each field was read (keys as in fieldConfidence), when the text came with a layout. */
  boxes: Record<string, FieldBox>;
};

/** `layout`: the text's lines with word boxes; when given, its text is parsed and fields get boxes. */
export type ParseOptions = { ownTaxId?: string | null; layout?: DocumentLayout | null };

type LineInfo = { hits: LabelHit[]; amounts: AmountToken[]; rates: ReturnType<typeof findRates>; dates: DateToken[] };

function lineInfo(line: Line): LineInfo {
  const dates = findDates(line.fold);
  const amounts = findAmounts(line.raw).filter((a) => !dates.some((d) => a.start < d.end && d.start < a.end));
  return { hits: labelHits(line.fold), amounts, rates: findRates(line.raw), dates };
}

// ───────────────────────────────────────────── main ─────────────────────────────────────────────

function detectCurrency(text: string): string {
  const count = (re: RegExp) => (text.match(re) ?? []).length;
  const eur = count(/€|\bEUR\b|\beuros?\b/gi);
  const usd = count(/\bUSD\b|US\$|\$\s?\d/g);
  const gbp = count(/£|\bGBP\b/g);
  if (usd > eur && usd >= gbp) return "USD";
  if (gbp > eur && gbp > usd) return "GBP";
  return "EUR";
}

const ES_WORDS =
  /\b(?:factura|fecha|importe|base|imponible|cuota|iva|total|cliente|de|del|la|el|los|las|y|con|por|para|forma|pago|vencimiento|numero|descripcion|cantidad|precio|euros?|gracias|direccion|calle|domicilio|rectificativa|simplificada|concepto|retencion|recargo)\b/g;
const EN_WORDS =
  /\b(?:invoice|date|amount|due|bill|to|from|the|of|and|for|with|by|description|quantity|qty|price|unit|subtotal|tax|vat|payment|paid|thank|you|number|customer|reverse|charge|terms|net|balance|receipt|credit|note|issued|period)\b/g;

/** "es" or "en" by counting common words of each language (ties and empty text: Spanish). */
export function detectLanguage(fold: string): "es" | "en" {
  const es = (fold.match(ES_WORDS) ?? []).length;
  const en = (fold.match(EN_WORDS) ?? []).length;
  return en > es * 1.2 ? "en" : "es";
}

function detectDocType(fold: string, totalCents: number | null, customerTaxId: string | null): ParsedInvoice["docType"] {
  if (
    /\b(?:factura\s+rectificativa|rectificativa|nota\s+de\s+(?:credito|abono)|credit\s+note|factura\s+de\s+abono|abono\s+n[º°o]|refund\s+receipt)\b/.test(fold) ||
    /^\s*abono\b/m.test(fold) ||
    (totalCents !== null && totalCents < 0)
  ) {
    return "credit_note";
  }
  if (/\b(?:factura|fra\.?|fact\.)\s+simplificada\b|\bsimplified\s+invoice\b/.test(fold)) return "simplified";
  if (/\b(?:ticket|tiquet|iva\s+incluido|iva\s+incl\.|impuestos\s+incluidos)\b/.test(fold) && !customerTaxId) return "simplified";
  return "invoice";
}


/**
 * Fields of an invoice from its text. With `opts.layout` the layout's own text is read (see `parseDocument`).
 */
export function parseInvoice(text: string, opts: ParseOptions = {}): ParsedInvoice {
  if (opts.layout?.lines.length) return parseDocument(opts.layout, opts);
  return parseText(text ?? "", null, opts);
}

/**
 * Fields of an invoice from its layout (PDF text layer or OCR words): the same reading as `parseInvoice`, plus a
 * box per field (page fractions) and confidences lowered where OCR was unsure of the words a field came from.
 */
export function parseDocument(layout: DocumentLayout, opts: Omit<ParseOptions, "layout"> = {}): ParsedInvoice {
  return parseText(layoutText(layout), layout, opts);
}

function parseText(text: string, layout: DocumentLayout | null, opts: ParseOptions): ParsedInvoice {
  const lines = toLines(text);
  const infos = lines.map(lineInfo);
  const fold = lines.map((l) => l.fold).join("\n");
  const own = opts.ownTaxId ? normalizeTaxId(opts.ownTaxId) : null;

  // ── tax ids and parties
  const geo: Geo = layout ? (l, s, e) => xExtent(layout, l, s, e) : null;
  const taxIds = findTaxIds(lines);
  const zones = partyZones(lines, geo, taxIds);
  const parties = pickParties(lines, taxIds, zones, own, geo);
  const vendorHit = parties.vendor;
  const vendorTaxId = vendorHit?.id ?? null;
  const customerHit = parties.customer;
  const customerTaxId = customerHit?.id ?? null;

  // ── figures
  const ocrRead = layout ? (spans: Span[]) => spans.length > 0 && spanConfidence(layout, spans) !== null : undefined;
  const figures = findFigures(lines, infos, geo, fold, { ocrRead });
  let { baseCents, vatCents, irpfCents, recargoCents, totalCents, vatLines } = figures;
  const { irpfRateBp, derived, combo, consistent, tableRows } = figures;
  const signOf = (n: number | null) => (n === null ? 1 : Math.sign(n) || 1);

  // ── document type and signs
  let docType = detectDocType(fold, totalCents, customerTaxId);
  if (docType === "credit_note") {
    const neg = (n: number | null) => (n === null ? null : -Math.abs(n));
    baseCents = neg(baseCents);
    vatCents = neg(vatCents);
    totalCents = neg(totalCents);
    recargoCents = recargoCents ? neg(recargoCents) : recargoCents;
    irpfCents = irpfCents ? neg(irpfCents) : irpfCents;
    vatLines = vatLines.map((l) => ({ rateBp: l.rateBp, baseCents: -Math.abs(l.baseCents), vatCents: -Math.abs(l.vatCents) }));
  }
  if (docType === "invoice" && totalCents !== null && totalCents < 0) docType = "credit_note";

  // ── the rest
  const number = findInvoiceNumber(lines, infos, geo, taxIds);
  const date = findIssueDate(lines, infos, geo);
  const ocrConfidence = layout ? (line: number, start: number, end: number) => spanConfidence(layout, [{ line, start, end }]) : null;
  const name = findVendorName(lines, vendorHit, [...zones, ...parties.zones], geo, taxIds, ocrConfidence);
  const currency = detectCurrency(text ?? "");

  const irpfAbs = Math.abs(irpfCents ?? 0);
  const arithmeticOk =
    baseCents !== null &&
    vatCents !== null &&
    totalCents !== null &&
    !derived.has("totalCents") &&
    !derived.has("vatCents") &&
    !derived.has("baseCents") &&
    baseCents + vatCents - signOf(baseCents) * irpfAbs + (recargoCents ?? 0) === totalCents;
  const vendorTaxIdValid = vendorTaxId !== null && isValidTaxId(vendorTaxId);

  // ── confidences
  const fromScore = (s: number | undefined) => (s === undefined ? 0 : Math.max(0.3, Math.min(0.9, 0.45 + s * 0.15)));
  // Calibrated: a key field at or above TRUST_THRESHOLD is right on ≥ 98 % of held-out documents. Labels, rivals,
  // the check digit, who-is-who certainty and the arithmetic decide; OCR's word confidence lowers it below.
  const reasons: Partial<Record<string, DoubtReason>> = {};
  const byLabel = (s: number) => (s >= 3 ? 0.95 : s >= 2.5 ? 0.92 : s >= 2 ? 0.9 : s >= 1.5 ? 0.8 : 0.7);
  let numberConf = 0;
  if (number) {
    numberConf = number.labelled ? byLabel(number.score) : 0.5;
    if (!number.labelled) reasons.invoiceNumber = "unlabelled";
    else if (number.score < 2) reasons.invoiceNumber = "unsure";
    if (number.rivals) {
      numberConf *= 0.8;
      reasons.invoiceNumber = "ambiguous";
    }
    // Labelled only by OCR's misreading of "Nº" ("ne     12025" for "Nº 044/2025"): OCR garbled the label, and
    // nothing says it read the value any better.
    // OCR's '*' read back as the '#' printed before the value ("*167"): a repair nothing checks.
    if (lines[number.span.line]?.raw[number.span.start] === "*") numberConf = Math.min(numberConf, 0.8);
    if (number.misreadMark && numberConf >= TRUST_THRESHOLD) {
      numberConf = 0.8;
      reasons.invoiceNumber = "ocr_unsure";
    }
  }
  let dateConf = 0;
  if (date) {
    dateConf = date.score >= 2 ? byLabel(date.score) + 0.01 : date.rivals ? 0.5 : date.only ? 0.9 : 0.75;
    if (date.score < 2 && !date.only) reasons.issueDate = "unlabelled";
    if (date.rivals) {
      dateConf *= 0.8;
      reasons.issueDate = "ambiguous";
    }
    if (date.afterDue) {
      dateConf = Math.min(dateConf, 0.3);
      reasons.issueDate = "date_after_due";
    }
  }
  let vendorIdConf = 0;
  if (vendorHit) {
    vendorIdConf = parties.vendorCertainty * (vendorHit.labelled ? 0.97 : 0.9);
    if (parties.vendorCertainty < 0.9) reasons.vendorTaxId = "ambiguous";
    if (!vendorTaxIdValid) {
      vendorIdConf *= 0.5;
      reasons.vendorTaxId = "invalid_tax_id";
    }
    // An unlabelled id whose control letter was repaired: the check digit chose among OCR's look-alikes, no label says it is an id.
    if (vendorHit.repaired && vendorIdConf >= TRUST_THRESHOLD) {
      vendorIdConf = 0.8;
      reasons.vendorTaxId = "ocr_unsure";
    }
  }
  const amountConf = (key: string, cand: Candidate | null, value: number | null) => {
    if (value === null) return 0;
    if (arithmeticOk && figures.guessed.has(key)) {
      // The arithmetic closes, but with an amount no label of this field points at: a guess, not green.
      reasons[key] = "unlabelled";
      return 0.8;
    }
    if (arithmeticOk) return 0.97;
    reasons[key] = "arithmetic";
    if (derived.has(key)) return 0.5;
    return Math.min(0.8, fromScore(cand?.score) + (consistent ? 0.15 : 0));
  };
  const unexplainedTotal = figures.unexplainedTotal;
  const fieldConfidence: Record<string, number> = {
    docType: docType === "invoice" ? 0.8 : 0.9,
    vendorName: name ? Math.max(0.3, Math.min(0.9, 0.4 + name.score * 0.1)) : 0,
    vendorTaxId: vendorIdConf,
    customerTaxId: customerHit ? (customerHit.labelled ? 0.9 : 0.75) : 0,
    invoiceNumber: numberConf,
    issueDate: dateConf,
    currency: 0.9,
    baseCents: amountConf("baseCents", combo.base, baseCents),
    vatCents: amountConf("vatCents", combo.vat, vatCents),
    irpfRateBp: irpfRateBp === null ? 0 : 0.8,
    irpfCents: irpfCents === null ? 0 : amountConf("irpfCents", combo.irpf, irpfCents),
    recargoCents: recargoCents === null ? 0 : amountConf("recargoCents", combo.recargo, recargoCents),
    totalCents: amountConf("totalCents", combo.total, totalCents),
    vatLines: vatLines.length ? (arithmeticOk ? 0.9 : consistent ? 0.85 : 0.6) : 0,
  };
  if (unexplainedTotal) {
    for (const k of ["baseCents", "vatCents", "totalCents"]) fieldConfidence[k] = Math.min(fieldConfidence[k], 0.6);
    reasons.totalCents = "ambiguous";
  }
  // ── where each field was read: boxes for the review page, and OCR's confidence in those words
  const sources: Record<string, Span[] | undefined> = {
    vendorName: name ? [name.span] : undefined,
    vendorTaxId: vendorHit ? [vendorHit] : undefined,
    customerTaxId: customerHit ? [customerHit] : undefined,
    invoiceNumber: number ? [number.span] : undefined,
    issueDate: date ? [date.span] : undefined,
    baseCents: derived.has("baseCents") ? undefined : combo.base?.spans,
    vatCents: derived.has("vatCents") ? undefined : combo.vat?.spans,
    irpfCents: derived.has("irpfCents") ? undefined : combo.irpf?.spans,
    recargoCents: combo.recargo?.spans,
    totalCents: derived.has("totalCents") ? undefined : combo.total?.spans,
    vatLines: tableRows.length ? tableRows.flatMap((r) => r.spans) : undefined,
  };
  const boxes: Record<string, FieldBox> = {};
  if (layout) {
    // Figures the arithmetic confirms and ids whose check digit holds are trusted even when OCR hesitated.
    const confirmed = new Set<string>();
    if (arithmeticOk) for (const k of ["baseCents", "vatCents", "irpfCents", "recargoCents", "totalCents", "vatLines"]) confirmed.add(k);
    // An id whose first letter the parser supplied or changed ("639175328" → "G39175328") is not confirmed by its
    // check digit: a CIF's first letter is outside the check (repaired digits and control letters are inside it).
    const letterAsPrinted = (hit: TaxIdHit) => {
      const printed = normalizeTaxId(lines[hit.line]?.raw.slice(hit.start, hit.end) ?? "").replace(/^ES/, "");
      const id = hit.id.replace(/^ES/, "");
      return printed.endsWith(id) || (printed.length === id.length && printed[0] === id[0]);
    };
    // A DNI OCR read with a leading 2 may be a NIE whose Z OCR read as 2 ("25538004T" for "Z5538004T"): the NIE's Z
    // counts as 2 in its check, so both readings pass it and the check digit confirms neither.
    const nieAlike = (hit: TaxIdHit) => /^2\d{7}[A-Z]$/.test(hit.id);
    if (vendorTaxIdValid && vendorHit && letterAsPrinted(vendorHit) && !nieAlike(vendorHit)) confirmed.add("vendorTaxId");
    if (customerTaxId && isValidTaxId(customerTaxId)) confirmed.add("customerTaxId");
    for (const [k, spans] of Object.entries(sources)) {
      if (!spans?.length) continue;
      const box = spanBox(layout, spans);
      if (box) boxes[k] = box;
      const ocr = spanConfidence(layout, spans);
      if (ocr !== null && fieldConfidence[k] !== undefined) {
        const factor = confirmed.has(k) ? Math.max(0.95, 0.7 + 0.3 * ocr) : 0.7 + 0.3 * ocr;
        const before = fieldConfidence[k];
        fieldConfidence[k] = Math.round(before * factor * 1000) / 1000;
        // A number or date nothing can check: OCR's hesitation on its characters is enough to doubt it.
        const unverifiable = k === "invoiceNumber" ? 0.8 : k === "issueDate" ? 0.7 : 0;
        if (ocr < unverifiable) fieldConfidence[k] = Math.min(fieldConfidence[k], 0.8);
        // A series letter OCR may have read as a digit ("825/1000" for "B25/1000", "0A-12" for "OA-12").
        if (k === "invoiceNumber" && number && seriesMayBeMisread(number.value, date?.value ?? null)) fieldConfidence[k] = Math.min(fieldConfidence[k], 0.8);
        // An NIE's "Z" OCR reads as "2" ("Z5538004T" → "25538004T"): its check letter counts Z as 2, so a DNI that
        // opens with 2 passes the same check and nothing tells the two apart.
        if (k === "vendorTaxId" && vendorTaxId && /^2\d{7}[A-Z]$/.test(vendorTaxId)) fieldConfidence[k] = Math.min(fieldConfidence[k], 0.8);
        // OCR'd CIF whose first letter the vendor's legal form contradicts (an S.L. with a "G…" id).
        if (k === "vendorTaxId" && legalFormContradictsCif(name?.value ?? null, vendorTaxId)) fieldConfidence[k] = Math.min(fieldConfidence[k], 0.8);
        // Letters and digits OCR confuses where a series meets the digits ("T025…" for "TO25…"), or letters in
        // both cases (OCR's noise glued to a series: "bdNV-2025-…"): nothing checks which was printed.
        if (k === "invoiceNumber" && number && (/[A-Z][0O]\d|[A-Z]{2}[1I]\d/.test(number.value) || (/[a-z]/.test(number.value) && /[A-Z]/.test(number.value))))
          fieldConfidence[k] = Math.min(fieldConfidence[k], 0.8);
        if (before >= TRUST_THRESHOLD && fieldConfidence[k] < TRUST_THRESHOLD) reasons[k] ??= "ocr_unsure";
      }
    }
  }

  // ── cross-checks: each value read back in the words around it (only ever lowers trust)
  const doubt = (k: string, reason: DoubtReason) => {
    fieldConfidence[k] = Math.min(fieldConfidence[k], 0.6);
    reasons[k] = reason;
  };
  if (number && (continuesPastSpan(lines, number.span) || lostHeadBeforeSpan(lines, number.span))) doubt("invoiceNumber", "unsure");
  if (number && citesAnotherDocument(lines, number.span)) doubt("invoiceNumber", "ambiguous");
  for (const [k, cand] of [["baseCents", combo.base], ["vatCents", combo.vat], ["totalCents", combo.total]] as const)
    if (cand?.spans?.some((s) => amountContinuesLeft(lines, s))) doubt(k, "ocr_unsure");
  if (figures.rescaled) for (const k of ["baseCents", "vatCents", "totalCents"]) doubt(k, "ocr_unsure");

  const key = ["issueDate", "invoiceNumber", "vendorTaxId", "baseCents", "vatCents", "totalCents"];
  let confidence = key.reduce((s, k) => s + fieldConfidence[k], 0) / key.length;
  if (!arithmeticOk) confidence *= 0.85;
  if (!vendorTaxIdValid) confidence *= 0.9;

  return {
    docType,
    language: detectLanguage(fold),
    vendorName: name?.value ?? null,
    vendorTaxId,
    customerTaxId,
    invoiceNumber: number?.value ?? null,
    issueDate: date?.value ?? null,
    currency,
    vatLines,
    baseCents,
    vatCents,
    irpfRateBp,
    irpfCents,
    recargoCents,
    totalCents,
    fieldConfidence,
    checks: { vendorTaxIdValid, arithmeticOk },
    fieldReasons: reasons,
    confidence: Math.round(confidence * 1000) / 1000,
    boxes,
  };
}
