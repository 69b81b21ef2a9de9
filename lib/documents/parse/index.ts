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
import { findAmounts, findRates, pickAmount, type AmountToken } from "@/lib/documents/parse/amounts";
import { findDates, type DateToken } from "@/lib/documents/parse/dates";
import { AMOUNT_FIELDS, labelHits, type LabelHit } from "@/lib/documents/parse/labels";
import { findVendorName, partyZones, pickParties } from "@/lib/documents/parse/parties";
import { findInvoiceNumber } from "@/lib/documents/parse/number";
import { TRUST_THRESHOLD, type DoubtReason } from "@/lib/documents/parse/trust";
import { findIssueDate } from "@/lib/documents/parse/issue-date";
import { nextContentLine } from "@/lib/documents/parse/text";
import { findTaxIds, type TaxIdHit } from "@/lib/documents/parse/tax-ids";
import { cellAt, cellInColumn, foldText, toLines, type Geo, type Line } from "@/lib/documents/parse/text";

export { findAmounts } from "@/lib/documents/parse/amounts";
export { findDates } from "@/lib/documents/parse/dates";
export { foldText } from "@/lib/documents/parse/text";
import { inferTaxRow, matchTaxRow, rowsConfirmed, type TaxRowMatch } from "@/lib/documents/parse/arithmetic";
import { baseFromCuota, cuota, figuresAddUp, irpfRateOf, isKnownVatRate, near, type RateBp } from "@/lib/tax/vat";
import { layoutText, spanBox, spanConfidence, xExtent, type DocumentLayout, type FieldBox } from "@/lib/documents/layout";

export type { DocumentLayout, FieldBox } from "@/lib/documents/layout";

export type VatLine = { rateBp: RateBp; baseCents: number; vatCents: number };

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

/** A piece of a line the parser read a field from. */
type Span = { line: number; start: number; end: number };

// ───────────────────────────────────────────── candidates ─────────────────────────────────────────────

type Candidate = { cents: number; score: number; source: string; line: number; rateBp?: RateBp; spans?: Span[] };

type AmountField = "total" | "base" | "vat" | "irpf" | "recargo";

function emptyCandidates(): Record<AmountField, Candidate[]> {
  return { total: [], base: [], vat: [], irpf: [], recargo: [] };
}

type RateHit = { rateBp: RateBp; cents: number; line: number };
type LineInfo = { hits: LabelHit[]; amounts: AmountToken[]; rates: ReturnType<typeof findRates>; dates: DateToken[] };

function lineInfo(line: Line): LineInfo {
  const dates = findDates(line.fold);
  const amounts = findAmounts(line.raw).filter((a) => !dates.some((d) => a.start < d.end && d.start < a.end));
  return { hits: labelHits(line.fold), amounts, rates: findRates(line.raw), dates };
}

function collectAmountCandidates(lines: Line[], infos: LineInfo[], geo: Geo = null): {
  cands: Record<AmountField, Candidate[]>;
  irpfRates: RateBp[];
  vatRateHits: RateHit[];
  baseRateHits: RateHit[];
  recargoRateHits: RateHit[];
} {
  const cands = emptyCandidates();
  const irpfRates: RateBp[] = [];
  const vatRateHits: RateHit[] = [];
  const baseRateHits: RateHit[] = [];
  const recargoRateHits: RateHit[] = [];

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const info = infos[i];
    const hits = info.hits;
    const isItemHeader = hits.some((h) => h.field === "item");
    const amountHits = hits.filter((h) => AMOUNT_FIELDS.has(h.field));
    if (!amountHits.length) continue;

    for (let k = 0; k < hits.length; k++) {
      const h = hits[k];
      if (!AMOUNT_FIELDS.has(h.field)) continue;
      const field = h.field as AmountField;
      const regionEnd = hits[k + 1]?.start ?? line.raw.length;
      // A currency the label ends with ("TOTAL EUR 39.56") may open the amount token too.
      const tokens = info.amounts.filter((a) => a.start >= h.start && a.end > h.end && a.start < regionEnd);
      const rateInRegion = info.rates.find((r) => r.start >= h.end && r.start < regionEnd) ??
        info.rates.find((r) => r.end <= h.start && h.start - r.end <= 3);
      let picked = pickAmount(tokens);
      let score = h.strength;
      let sourceLine = i;
      if (!picked) {
        // Label alone on its line ("TOTAL" / "1.234,56 €" below it).
        const rest = line.fold
          .slice(h.end)
          .replace(/\(?\s*[-−]?\d{1,2}(?:[.,]\d{1,2})?\s?%\s*\)?/g, "")
          .replace(/[\s:.()€]|eur(?:os)?/g, "");
        const before = line.fold.slice(0, h.start).replace(/[\s:.]/g, "");
        const alone = line.cells.length === 1 && amountHits.length === 1 && !isItemHeader && rest.length <= 2 && before.length <= 12;
        const next = alone ? nextContentLine(lines, i) : null;
        if (next) {
          const ni = infos[next.index];
          if (!ni.hits.some((x) => AMOUNT_FIELDS.has(x.field)) && ni.amounts.length >= 1 && ni.amounts.length <= 2) {
            picked = pickAmount(ni.amounts);
            score -= 0.5;
            sourceLine = next.index;
          }
        }
        // With positions: the label alone in its cell (other columns beside it), the value right below it.
        const cell = line.cells[cellAt(line, h.start)];
        const cellRest = cell ? line.fold.slice(h.end, cell.end).replace(/\(?\s*[-−]?\d{1,2}(?:[.,]\d{1,2})?\s?%\s*\)?/g, "").replace(/[\s:.()€]|eur(?:os)?/g, "") : "x";
        const below = !picked && geo && !isItemHeader && cell && cellRest.length <= 2 ? nextContentLine(lines, i) : null;
        if (below) {
          const under = cellInColumn(geo, line, cell!.start, cell!.end, below);
          const ni = infos[below.index];
          const labelled = under && ni.hits.some((x) => AMOUNT_FIELDS.has(x.field) && x.start < under.end && under.start < x.end);
          const tokens = under && !labelled ? ni.amounts.filter((a) => a.start >= under.start && a.start < under.end) : [];
          if (tokens.length === 1) {
            picked = tokens[0];
            score -= 0.5;
            sourceLine = below.index;
          }
        }
      }
      if (!picked) continue;
      const cents = picked.cents;
      const span: Span = { line: sourceLine, start: picked.start, end: picked.end };
      if (field === "irpf") {
        if (rateInRegion) irpfRates.push(rateInRegion.rateBp);
        // "IRPF 15%" without amount and a percentage read as the amount are not amounts.
        cands.irpf.push({ cents: Math.abs(cents), score, source: "label", line: sourceLine, rateBp: rateInRegion?.rateBp, spans: [span] });
        continue;
      }
      cands[field].push({ cents, score, source: "label", line: sourceLine, rateBp: rateInRegion?.rateBp, spans: [span] });
      if (rateInRegion) {
        if (field === "vat") vatRateHits.push({ rateBp: rateInRegion.rateBp, cents, line: i });
        if (field === "base") baseRateHits.push({ rateBp: rateInRegion.rateBp, cents, line: i });
        if (field === "recargo") recargoRateHits.push({ rateBp: rateInRegion.rateBp, cents, line: i });
      }
      // OCR drops decimal separators ("142048 EUR"): offer the /100 reading as a weak alternative.
      if (!picked.decimals && picked.digits >= 3) {
        cands[field].push({ cents: Math.round(cents / 100), score: score - 1.5, source: "ocr-decimal", line: sourceLine, spans: [span] });
      }
    }

    // Header row of labels with a row of values below ("Base imponible ⇥ IVA 21% ⇥ Total" / "100,00 ⇥ 21,00 ⇥ 121,00").
    if (!isItemHeader && amountHits.length >= 2 && info.amounts.length === 0) {
      const next = nextContentLine(lines, i);
      if (next) {
        const ni = infos[next.index];
        const labelCells = line.cells.map((c) => amountHits.find((h) => h.start >= c.start && h.start < c.end) ?? null);
        const after = nextContentLine(lines, next.index);
        const multiRow = after !== null && infos[after.index].amounts.length >= 2 && !infos[after.index].hits.length;
        if (!multiRow && !ni.hits.some((x) => AMOUNT_FIELDS.has(x.field)) && (geo || next.cells.length === line.cells.length)) {
          line.cells.forEach((labelCell, ci) => {
            const h = labelCells[ci];
            if (!h) return;
            const cell = cellInColumn(geo, line, labelCell.start, labelCell.end, next);
            if (!cell) return;
            const tokens = ni.amounts.filter((a) => a.start >= cell.start && a.start < cell.end);
            const picked = pickAmount(tokens);
            if (!picked) return;
            const field = h.field as AmountField;
            cands[field].push({
              cents: field === "irpf" ? Math.abs(picked.cents) : picked.cents,
              score: 1.5,
              source: "column",
              line: next.index,
              spans: [{ line: next.index, start: picked.start, end: picked.end }],
            });
          });
        }
      }
    }
  }
  return { cands, irpfRates, vatRateHits, baseRateHits, recargoRateHits };
}



/**
 * Rows of a tax summary table: a rate and, among the amounts after it, a base and a quota with
 * base × rate = quota (± 1 cent), optionally a recargo rate and amount.
 */
type TableRow = {
  rateBp: RateBp;
  baseCents: number;
  vatCents: number;
  recargoCents: number;
  line: number;
  spans: Span[];
  /** Read with a lost decimal comma or without its rate: kept only when the totals confirm it. */
  tentative: boolean;
};

/**
 * Rows of a tax summary table: a rate and, among the amounts after it, a base and a quota with
 * base × rate = quota (± 1 cent), optionally a recargo rate and amount (see `matchTaxRow`). Next to such rows,
 * a row whose rate OCR lost is read from its base and row total (`inferTaxRow`).
 */
function findVatTableRows(lines: Line[], infos: LineInfo[]): TableRow[] {
  const rows: TableRow[] = [];
  const toRow = (i: number, m: TaxRowMatch): TableRow => {
    const a = infos[i].amounts;
    const spans: Span[] = [m.base, m.vat, m.recargo].filter((k) => k >= 0).map((k) => ({ line: i, start: a[k].start, end: a[k].end }));
    return { rateBp: m.rateBp, baseCents: m.baseCents, vatCents: m.vatCents, recargoCents: m.recargoCents, line: i, spans, tentative: m.tentative };
  };
  const add = (row: TableRow) => {
    if (!rows.some((x) => x.rateBp === row.rateBp && x.baseCents === row.baseCents && x.vatCents === row.vatCents)) rows.push(row);
  };
  for (let i = 0; i < lines.length; i++) {
    const info = infos[i];
    if (info.hits.some((h) => h.field === "irpf")) continue;
    if (!info.rates.length || info.amounts.length < 2) continue;
    const m = matchTaxRow(info.amounts, info.rates.map((r) => r.rateBp));
    if (m) add(toRow(i, m));
  }
  // Rows the arithmetic could not read as printed: next to rows that matched, or with a rate printed on them.
  const rowLines = new Set(rows.map((r) => r.line));
  for (let i = 0; i < lines.length; i++) {
    if (rowLines.has(i)) continue;
    const info = infos[i];
    const printed = info.rates.map((r) => r.rateBp).filter(isKnownVatRate);
    if (!printed.length && ![...rowLines].some((l) => Math.abs(l - i) <= 3)) continue;
    if (info.amounts.length < 2 || info.hits.some((h) => AMOUNT_FIELDS.has(h.field) || h.field === "item")) continue;
    const m = inferTaxRow(info.amounts, printed);
    if (m && !rows.some((r) => r.rateBp === m.rateBp)) add(toRow(i, m));
  }
  return rows.sort((a, b) => a.line - b.line);
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

type Combo = { base: Candidate | null; vat: Candidate | null; irpf: Candidate | null; recargo: Candidate | null; total: Candidate | null };

function top(cands: Candidate[], n: number): Candidate[] {
  const best = new Map<number, Candidate>();
  for (const c of cands) {
    const prev = best.get(c.cents);
    if (!prev || c.score > prev.score) best.set(c.cents, c);
  }
  return [...best.values()].sort((a, b) => b.score - a.score || b.line - a.line).slice(0, n);
}

/** Chooses one candidate per figure, preferring combinations where base + vat − irpf + recargo = total. */
function resolveFigures(c: Record<AmountField, Candidate[]>): { combo: Combo; consistent: boolean } {
  const opts = <T>(xs: T[]): (T | null)[] => [...xs, null];
  let best: { combo: Combo; score: number; consistent: boolean } | null = null;
  for (const total of opts(top(c.total, 4)))
    for (const base of opts(top(c.base, 4)))
      for (const vat of opts(top(c.vat, 4)))
        for (const irpf of opts(top(c.irpf, 3)))
          for (const recargo of opts(top(c.recargo, 3))) {
            let score = (total?.score ?? 0) + (base?.score ?? 0) + (vat?.score ?? 0) + (irpf?.score ?? 0) + (recargo?.score ?? 0);
            let consistent = false;
            if (total && base && vat) {
              consistent = figuresAddUp({ base: base.cents, vat: vat.cents, irpf: irpf?.cents ?? 0, recargo: recargo?.cents ?? 0, total: total.cents });
              if (consistent) score += 6;
            }
            if (!best || score > best.score) best = { combo: { base, vat, irpf, recargo, total }, score, consistent };
          }
  return best ? { combo: best.combo, consistent: best.consistent } : { combo: { base: null, vat: null, irpf: null, recargo: null, total: null }, consistent: false };
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
  const { cands, irpfRates, vatRateHits, baseRateHits, recargoRateHits } = collectAmountCandidates(lines, infos, geo);
  // Rows read with a lost decimal comma or without their rate stay only if they add up to a printed total.
  let tableRows = findVatTableRows(lines, infos);
  if (tableRows.some((r) => r.tentative)) {
    const totals = cands.total.map((c) => c.cents);
    const irpf = cands.irpf.map((c) => c.cents);
    const sure = tableRows.filter((r) => !r.tentative);
    const doubtful = tableRows.filter((r) => r.tentative).slice(0, 8);
    // The largest set of doubtful rows that, with the sure ones, adds up to a printed total; none if no set does.
    let kept: TableRow[] = [];
    for (let mask = (1 << doubtful.length) - 1; mask > 0; mask--) {
      const subset = doubtful.filter((_, k) => mask & (1 << k));
      if (subset.length > kept.length && rowsConfirmed([...sure, ...subset], totals, irpf)) kept = subset;
    }
    tableRows = [...sure, ...kept].sort((a, b) => a.line - b.line);
  }

  let vatLines: VatLine[] = [];
  let tableRecargo = 0;
  if (tableRows.length) {
    vatLines = tableRows.map((r) => ({ rateBp: r.rateBp, baseCents: r.baseCents, vatCents: r.vatCents }));
    tableRecargo = tableRows.reduce((s, r) => s + r.recargoCents, 0);
  } else {
    // "IVA 21% 113,33" (and "IVA 10% …" on other lines), with bases per rate when printed.
    const byRate = new Map<RateBp, { vat: number; base: number | null }>();
    for (const v of vatRateHits) {
      if (!byRate.has(v.rateBp)) {
        const base = baseRateHits.find((b) => b.rateBp === v.rateBp)?.cents ?? null;
        byRate.set(v.rateBp, { vat: v.cents, base });
      }
    }
    if (byRate.size > 1) {
      for (const [rateBp, v] of byRate) {
        const base = v.base ?? baseFromCuota(v.vat, rateBp);
        if (base !== null) vatLines.push({ rateBp, baseCents: base, vatCents: v.vat });
      }
    }
  }
  const sumBase = vatLines.reduce((s, l) => s + l.baseCents, 0);
  const sumVat = vatLines.reduce((s, l) => s + l.vatCents, 0);
  const tableSpans = (k: 0 | 1 | 2) => tableRows.flatMap((r) => (r.spans[k] ? [r.spans[k]] : []));
  if (vatLines.length) {
    const w = vatLines.length > 1 ? 2.8 : 2.2;
    cands.base.push({ cents: sumBase, score: w, source: "vat-lines", line: -1, spans: tableSpans(0) });
    cands.vat.push({ cents: sumVat, score: w, source: "vat-lines", line: -1, spans: tableSpans(1) });
  }
  if (tableRecargo) cands.recargo.push({ cents: tableRecargo, score: 2.8, source: "vat-lines", line: -1, spans: tableSpans(2) });
  if (recargoRateHits.length > 1) {
    const sum = recargoRateHits.reduce((s, r) => s + r.cents, 0);
    cands.recargo.push({ cents: sum, score: 2.5, source: "recargo-lines", line: -1 });
  }
  if (vatRateHits.length > 1 && !tableRows.length) {
    const uniq = new Map(vatRateHits.map((v) => [v.rateBp, v.cents]));
    const sum = [...uniq.values()].reduce((s, x) => s + x, 0);
    cands.vat.push({ cents: sum, score: 2.6, source: "vat-rate-lines", line: -1 });
  }

  const { combo, consistent } = resolveFigures(cands);
  let baseCents = combo.base?.cents ?? null;
  let vatCents = combo.vat?.cents ?? null;
  let irpfCents = combo.irpf ? Math.abs(combo.irpf.cents) : null;
  let recargoCents = combo.recargo?.cents ?? null;
  let totalCents = combo.total?.cents ?? null;
  let irpfRateBp: RateBp | null = combo.irpf?.rateBp ?? irpfRates[0] ?? null;
  const derived = new Set<string>();

  // ── derive what is missing
  const signOf = (n: number | null) => (n === null ? 1 : Math.sign(n) || 1);
  if (irpfCents === null && irpfRateBp !== null && irpfRateBp > 0 && baseCents !== null) {
    irpfCents = cuota(Math.abs(baseCents), irpfRateBp);
    derived.add("irpfCents");
  }
  const irpfSigned = () => signOf(baseCents ?? totalCents) * (irpfCents ?? 0);
  if (totalCents === null && baseCents !== null && vatCents !== null) {
    totalCents = baseCents + vatCents - irpfSigned() + (recargoCents ?? 0);
    derived.add("totalCents");
  } else if (vatCents === null && baseCents !== null && totalCents !== null) {
    const v = totalCents - baseCents + irpfSigned() - (recargoCents ?? 0);
    if (signOf(v) === signOf(totalCents) || v === 0) {
      vatCents = v;
      derived.add("vatCents");
    }
  } else if (baseCents === null && vatCents !== null && totalCents !== null && irpfCents === null) {
    baseCents = totalCents - vatCents - (recargoCents ?? 0);
    derived.add("baseCents");
  }
  // Reverse charge / exempt with only a total printed: the whole amount is the base, VAT 0.
  const noVat =
    /\b(?:reverse\s+charge|inversion\s+del\s+sujeto\s+pasivo|exent[oa]\s+de(?:l)?\s+iva|vat\s+exempt|iva\s+exento|exenta|exento|no\s+sujet[oa]|entrega\s+intracomunitaria|adquisicion\s+intracomunitaria|intra-?community|non\s+imponibile|steuerfrei|exonere)\b/.test(fold);
  if (noVat && totalCents !== null && baseCents === null && vatCents === null && irpfCents === null) {
    baseCents = totalCents;
    vatCents = 0;
    derived.add("baseCents");
    derived.add("vatCents");
  }
  // A figure derived from the others is confirmed when the page prints it somewhere (labelled or not), and an
  // IVA of 0 when the document says why (exempt, reverse charge, intra-EU) and prints base = total.
  const printed = new Set(infos.flatMap((x) => x.amounts.filter((a) => a.decimals || a.currency).map((a) => Math.abs(a.cents))));
  for (const [k, v] of [["totalCents", totalCents], ["baseCents", baseCents], ["vatCents", vatCents]] as const) {
    if (!derived.has(k) || v === null) continue;
    if (v !== 0 ? printed.has(Math.abs(v)) : k === "vatCents" && noVat && printed.has(0)) derived.delete(k);
  }
  if (irpfRateBp === null && irpfCents && baseCents) irpfRateBp = irpfRateOf(Math.abs(baseCents), Math.abs(irpfCents));
  // Single rate without a table: one VAT line from the figures.
  if (!vatLines.length && baseCents !== null && vatCents !== null) {
    const rateBp =
      vatRateHits[0]?.rateBp ??
      cands.vat.find((c) => c.rateBp !== undefined)?.rateBp ??
      (baseCents !== 0 ? Math.round((vatCents * 1000) / baseCents) * 10 : null);
    if (rateBp !== null && isKnownVatRate(rateBp) && near(cuota(Math.abs(baseCents), rateBp), Math.abs(vatCents), 2)) {
      vatLines = [{ rateBp, baseCents, vatCents }];
    } else if (vatCents === 0) {
      vatLines = [{ rateBp: 0, baseCents, vatCents: 0 }];
    }
  }

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
  const name = findVendorName(lines, vendorHit, zones, geo);
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
  }
  const amountConf = (key: string, cand: Candidate | null, value: number | null) => {
    if (value === null) return 0;
    if (arithmeticOk) return 0.97;
    reasons[key] = "arithmetic";
    if (derived.has(key)) return 0.5;
    return Math.min(0.8, fromScore(cand?.score) + (consistent ? 0.15 : 0));
  };
  // A larger total printed under a strong label that the chosen figures leave unexplained ("TOTAL (IVA incluido)
  // 27,18" while one tax row adds up to 25,00): the figures are not the document's.
  const unexplainedTotal =
    totalCents !== null && cands.total.some((c) => c.source === "label" && c.score >= 2 && Math.abs(c.cents) > Math.abs(totalCents!));
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
    if (vendorTaxIdValid) confirmed.add("vendorTaxId");
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
        if (k === "invoiceNumber" && number && /^[01568][\dA-Z]{1,3}[\/\-]/.test(number.value)) fieldConfidence[k] = Math.min(fieldConfidence[k], 0.8);
        if (before >= TRUST_THRESHOLD && fieldConfidence[k] < TRUST_THRESHOLD) reasons[k] ??= "ocr_unsure";
      }
    }
  }

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
