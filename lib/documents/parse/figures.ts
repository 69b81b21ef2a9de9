/**
 * The figures of an invoice (base imponible, IVA per rate, IRPF, recargo de equivalencia, total) from its lines.
 * Pure: no I/O. One entry point, `findFigures`:
 *
 * 1. Candidates under labels, and the rows of a tax summary table (base × rate = quota per row; rows OCR misread
 *    are kept only when, with them, the rows add up to a printed total or to the table's own sum row).
 * 2. The labelled candidates that add up (base + IVA − IRPF + recargo = total) win: closure "labelled".
 * 3. When none do, every amount printed on the page (and the readings of amounts OCR broke) is searched for the set
 *    the tax arithmetic explains (`searchFigures`): labels raise or lower a candidate's score, they do not gate it.
 *    Closure "searched"; figures chosen only by the arithmetic (two or more unlabelled) are `guessed`, and the
 *    parser keeps such a document out of green.
 */
import { findSplitAmounts, pickAmount, type AmountToken, type findRates } from "@/lib/documents/parse/amounts";
import { AMOUNT_FIELDS, type LabelHit } from "@/lib/documents/parse/labels";
import { inferTaxRow, matchTaxRow, readings, rowsConfirmed, type TaxRowMatch } from "@/lib/documents/parse/arithmetic";
import { cellAt, cellInColumn, nextCellInColumn, nextContentLine, type Geo, type Line } from "@/lib/documents/parse/text";
import { IRPF_RATES_BP, RECARGO_RATES_BP, SPANISH_VAT_RATES_BP, baseFromCuota, cuota, figuresAddUp, irpfRateOf, isKnownVatRate, near, type RateBp } from "@/lib/tax/vat";

export type VatLine = { rateBp: RateBp; baseCents: number; vatCents: number };

/** What the figures need to know of a line: its labels, amounts and percentages. */
export type FigureInfo = { hits: LabelHit[]; amounts: AmountToken[]; rates: ReturnType<typeof findRates> };

/** A piece of a line the parser read a field from. */
export type Span = { line: number; start: number; end: number };

// ───────────────────────────────────────────── candidates ─────────────────────────────────────────────

export type Candidate = { cents: number; score: number; source: string; line: number; rateBp?: RateBp; spans?: Span[] };

type AmountField = "total" | "base" | "vat" | "irpf" | "recargo";

function emptyCandidates(): Record<AmountField, Candidate[]> {
  return { total: [], base: [], vat: [], irpf: [], recargo: [] };
}

type RateHit = { rateBp: RateBp; cents: number; line: number };

function collectAmountCandidates(lines: Line[], infos: FigureInfo[], geo: Geo = null): {
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
          // A column that goes on with amounts below holds one figure per row ("Total" heading a tax table's
          // rows, or an item list): none of them is the document's figure on its own.
          const further = nextCellInColumn(geo, lines, below.index, line, cell!.start, cell!.end);
          const column = further !== null && infos[further.line.index].amounts.some((a) => a.start >= further.cell.start && a.start < further.cell.end);
          if (tokens.length === 1 && !column) {
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
  /** A recargo read only with a lost decimal point ("52%" → 5,2 %): taken when the totals confirm it. */
  lossyRecargo?: { cents: number; span: Span };
  /** Its rate printed without "%" (`bareRateRow`). */
  bare?: boolean;
};

/**
 * Rows of a tax summary table: a rate and, among the amounts after it, a base and a quota with
 * base × rate = quota (± 1 cent), optionally a recargo rate and amount (see `matchTaxRow`). Next to such rows,
 * a row whose rate OCR lost is read from its base and row total (`inferTaxRow`).
 */
function findVatTableRows(lines: Line[], infos: FigureInfo[], repeats: TableRow[] = []): TableRow[] {
  const rows: TableRow[] = [];
  const toRow = (i: number, m: TaxRowMatch, a: AmountToken[] = infos[i].amounts): TableRow => {
    // Spans in order base, quota, recargo; a row whose base was lost (read from its quota and total) has none.
    const spans: Span[] = m.base < 0 ? [] : [m.base, m.vat, m.recargo].filter((k) => k >= 0).map((k) => ({ line: i, start: a[k].start, end: a[k].end }));
    const lossyRecargo = m.lossyRecargo ? { cents: m.lossyRecargo.cents, span: { line: i, start: a[m.lossyRecargo.index].start, end: a[m.lossyRecargo.index].end } } : undefined;
    return { rateBp: m.rateBp, baseCents: m.baseCents, vatCents: m.vatCents, recargoCents: m.recargoCents, line: i, spans, tentative: m.tentative, lossyRecargo };
  };
  // A row with the same figures as one above is kept aside (`repeats`): the same table printed twice, or several
  // equal items (the nights of a stay) — the totals decide (`chooseRows`).
  const add = (row: TableRow) => {
    if (!rows.some((x) => x.rateBp === row.rateBp && x.baseCents === row.baseCents && x.vatCents === row.vatCents)) rows.push(row);
    else repeats.push(row);
  };
  for (let i = 0; i < lines.length; i++) {
    const info = infos[i];
    if (info.hits.some((h) => h.field === "irpf")) continue;
    if (info.amounts.length < 2) continue;
    if (info.rates.length) {
      const m = matchTaxRow(info.amounts, info.rates.map((r) => r.rateBp));
      if (m) {
        add(toRow(i, m));
        continue;
      }
      // With the readings of amounts OCR broke ("1.356.61" for 1.356,61), tentative: the totals decide.
      const all = withBrokenReadings(lines[i], info);
      if (!all) continue;
      const r = matchTaxRow(all, info.rates.map((x) => x.rateBp), { misread: false });
      if (r) add({ ...toRow(i, r, all), tentative: true });
      continue;
    }
    // A rate printed without its sign, under a "% IVA" heading ("13.837,90 ⇥ 21 ⇥ 2.905,96", "1360,37 ⇥ 21,00 ⇥
    // 285,68"). Tentative: kept only when the rows add up to a printed total.
    const m = bareRateRow(info.amounts);
    if (m) {
      add({ ...toRow(i, m), tentative: true, bare: true });
      continue;
    }
    // With the readings of amounts OCR broke ("1.798.28 ⇥ 10 ⇥ 179.83").
    const all = withBrokenReadings(lines[i], info);
    if (!all) continue;
    const mb = bareRateRow(all);
    if (mb) add({ ...toRow(i, mb, all), tentative: true, bare: true });
  }
  // Rows the arithmetic could not read as printed: next to rows that matched, or with a rate printed on them.
  // A row read this way makes its neighbours rows too ("A 21% …", "B rex …", "C ax …"): until nothing new is read.
  const rowLines = new Set([...rows, ...repeats].map((r) => r.line));
  for (let grew = true; grew; ) {
    grew = false;
    for (let i = 0; i < lines.length; i++) {
      if (rowLines.has(i)) continue;
      const info = infos[i];
      const printed = info.rates.map((r) => r.rateBp).filter(isKnownVatRate);
      if (!printed.length && ![...rowLines].some((l) => Math.abs(l - i) <= 3)) continue;
      if (info.amounts.length < 2 || info.hits.some((h) => AMOUNT_FIELDS.has(h.field) || h.field === "item")) continue;
      const m = inferTaxRow(info.amounts, printed);
      if (m && !rows.some((r) => r.rateBp === m.rateBp)) {
        add(toRow(i, m));
        rowLines.add(i);
        grew = true;
      } else if (m && printed.includes(m.rateBp) && rows.some((r) => r.rateBp === m.rateBp && r.baseCents === m.baseCents && r.vatCents === m.vatCents)) {
        // The same row again at its printed rate (one more night of a stay): for the totals to decide.
        add(toRow(i, m));
        rowLines.add(i);
      }
    }
  }
  // Rows at 0 % beside the taxed ones ("No sujeto ⇥ 8,80 ⇥ 0,00 ⇥ 8,80", "Exento ⇥ 120,00 ⇥ 0,00"): part of the
  // table's base, tentative (kept only when, with them, the rows add up to a printed total).
  if (rows.length) {
    for (let i = 0; i < lines.length; i++) {
      if ([...rows, ...repeats].some((r) => r.line === i) || ![...rowLines].some((l) => Math.abs(l - i) <= 3)) continue;
      const row = zeroRateRow(lines[i], infos[i]);
      if (row && !rows.some((r) => r.rateBp === 0)) add({ rateBp: 0, baseCents: row.cents, vatCents: 0, recargoCents: 0, line: i, spans: [row.span(i)], tentative: true });
    }
  }
  return reconcileWithSumRow(rows, infos).sort((a, b) => a.line - b.line);
}

/** A line's amounts with the readings of those OCR broke ("1.356.61") where no amount was read; null when none broke. */
function withBrokenReadings(line: Line, info: FigureInfo): AmountToken[] | null {
  const broken = findSplitAmounts(line.raw).filter((b) => !info.amounts.some((a) => a.start < b.end && b.start < a.end));
  return broken.length ? [...info.amounts, ...broken].sort((a, b) => a.start - b.start) : null;
}

/** Words of a tax table's row at 0 %: not subject to IVA, exempt, or 0 %. */
const ZERO_RATE_ROW = /^(?:\W*)(?:no\s+sujet[oa]s?|exent[oa]s?|exenta|n\/s|iva\s+0\s?%|0\s?%|tipo\s+0)\b/;

/**
 * A tax table's row at 0 %: its words first, then a base and only zeros or the base again (quota 0, row total = base).
 */
function zeroRateRow(line: Line, info: FigureInfo): { cents: number; span: (i: number) => Span } | null {
  if (!ZERO_RATE_ROW.test(line.fold) || info.hits.some((h) => AMOUNT_FIELDS.has(h.field) || h.field === "item")) return null;
  if (info.rates.some((r) => r.rateBp !== 0)) return null;
  const amounts = info.amounts.filter((a) => a.decimals);
  const base = amounts[0];
  if (!base || base.cents <= 0 || amounts.length < 2) return null;
  if (!amounts.slice(1).every((a) => a.cents === 0 || a.cents === base.cents)) return null;
  return { cents: base.cents, span: (i) => ({ line: i, start: base.start, end: base.end }) };
}

/** A base and quota read under their labels with base × the rate printed beside the quota = quota (± 1 cent). */
function pairChecks(combo: Combo): boolean {
  const { base, vat } = combo;
  if (!base || !vat || base.source !== "label" || vat.source !== "label" || vat.rateBp === undefined || !isKnownVatRate(vat.rateBp)) return false;
  return base.cents !== 0 && vat.cents !== 0 && near(cuota(Math.abs(base.cents), vat.rateBp), Math.abs(vat.cents));
}

/** Two amounts printed with the same digits but one ("7.045,91" and "7.645,91"): an OCR misreading of a digit. */
export function oneDigitOff(a: number, b: number): boolean {
  const x = String(a);
  const y = String(b);
  if (x.length !== y.length || x === y) return false;
  let diff = 0;
  for (let k = 0; k < x.length; k++) if (x[k] !== y[k]) diff++;
  return diff === 1;
}

/** `combo` without the one labelled figure that is one digit off what the other two imply, or a base that fits neither (see findFigures). */
function dropMisreadFigure(combo: Combo, ocrRead: (spans: Span[]) => boolean): Combo {
  const { base, vat, total } = combo;
  const misread = (c: Candidate) => ocrRead(c.spans ?? []);
  if (!base || !vat || !total || combo.irpf || combo.recargo) return combo;
  if (base.source !== "label" || vat.source !== "label" || total.source !== "label") return combo;
  const rateBp = vat.rateBp;
  if (rateBp === undefined || !isKnownVatRate(rateBp) || rateBp === 0) return combo;
  const [b, v, t] = [base.cents, vat.cents, total.cents].map(Math.abs);
  if (near(cuota(b, rateBp), v) && oneDigitOff(b + v, t) && misread(total)) return { ...combo, total: null };
  if (near(cuota(b, rateBp), t - b) && oneDigitOff(t - b, v) && misread(vat)) return { ...combo, vat: null };
  if (t > v && near(cuota(t - v, rateBp), v) && oneDigitOff(t - v, b) && misread(base)) return { ...combo, base: null };
  // The quota at its printed rate and the total check each other, the base taken does not fit either ("Base
  // imponible 7.11580 €" unread, an item "Base enchufe schuko … 95,76" taken instead): the base they imply.
  if (t > v && near(cuota(t - v, rateBp), v) && !near(cuota(b, rateBp), v) && !near(b + v, t) && misread(base) && misread(vat) && misread(total) && vat.score >= 2.5)
    return { ...combo, base: null };
  return combo;
}

/** A page saying its prices include the tax, without a rate. */
const TAX_INCLUDED = /\b(?:impuestos?|iva|i\.v\.a\.?)\s+incl(?:uidos?|\.)/;
/** Words of a restaurant's or bar's ticket for table service. */
const TABLE_SERVICE = /\b(?:mesa|comensales|camarer[oa]|le\s+atendio|atendid[oa]\s+por|pax)\b/;

/** The usual IVA rates a page says its prices include ("I.V.A. INCLUIDO (10%)", "IVA 21% incl.", "10% IVA incluido"). */
export function includedRates(fold: string): RateBp[] {
  const out = new Set<RateBp>();
  const iva = String.raw`(?:\bi\.?\s?v\.?\s?a\b\.?|\bimpuestos?)`;
  const rate = String.raw`(\d{1,2}(?:[.,]\d{1,2})?)\s?%`;
  const res = [
    new RegExp(String.raw`${iva}\s*\(?\s*${rate}\s*\)?\s*incl`, "g"),
    new RegExp(String.raw`${iva}\s*incl\w*\.?\s*\(?\s*(?:al\s+)?${rate}`, "g"),
    new RegExp(String.raw`${rate}\s*\)?\s*(?:de\s+)?${iva}\s*incl`, "g"),
  ];
  for (const re of res)
    for (const m of fold.matchAll(re)) {
      const bp = Math.round(Number(m[1].replace(",", ".")) * 100);
      if (SPANISH_VAT_RATES_BP.includes(bp)) out.add(bp);
    }
  return [...out];
}

/**
 * A tax row whose rates are printed without "%": numbers after the row's first amount whose value is a usual IVA rate
 * ("21", "21,00") or, beside one, a recargo rate ("5,20"); a number as a rate is not also an amount. A discount
 * column reads the same way ("1431,97 ⇥ 5,00 ⇥ 71,60 ⇥ 1360,37 ⇥ 21,00 ⇥ 285,68"): the tax comes after the discount,
 * so of the rates that match, the one whose quota is printed last.
 */
function bareRateRow(amounts: AmountToken[]): TaxRowMatch | null {
  const rateOf = (a: AmountToken, k: number) => (k > 0 && !a.currency && a.digits <= 4 && a.cents > 0 && a.cents % (a.decimals ? 1 : 100) === 0 ? a.cents : null);
  const vatAt = amounts.flatMap((a, k) => (rateOf(a, k) !== null && SPANISH_VAT_RATES_BP.includes(rateOf(a, k)!) ? [k] : []));
  if (!vatAt.length) return null;
  const recargo = amounts.flatMap((a, k) => (rateOf(a, k) !== null && RECARGO_RATES_BP.includes(rateOf(a, k)!) && !vatAt.includes(k) ? [rateOf(a, k)!] : []));
  const asRates = new Set(amounts.flatMap((a, k) => (rateOf(a, k) !== null && (vatAt.includes(k) || recargo.includes(a.cents)) ? [k] : [])));
  // Rates are not amounts: a zero without decimals is never read as one.
  const masked = amounts.map((a, k) => (asRates.has(k) ? { cents: 0, decimals: false, digits: 1 } : a));
  let best: TaxRowMatch | null = null;
  for (const k of vatAt) {
    const m = matchTaxRow(masked, [amounts[k].cents, ...recargo], { misread: false });
    if (m && m.rateBp === amounts[k].cents && (!best || m.vat > best.vat)) best = m;
  }
  return best;
}

/**
 * A tax table's sum row ("Total ⇥ 35,61 ⇥ 2,45 ⇥ 38,06": Σ base + Σ quota = Σ total) checks the rows read above it.
 * When they do not add up to it, the one row OCR garbled beyond reading (missing, or inferred at a wrong rate) is the
 * sums less the other rows, at a usual rate none of them has. Such a row is tentative: kept only when the rows then
 * add up to a printed total.
 */
function reconcileWithSumRow(rows: TableRow[], infos: FigureInfo[]): TableRow[] {
  if (!rows.length) return rows;
  const first = Math.min(...rows.map((r) => r.line));
  const last = Math.max(...rows.map((r) => r.line));
  const sum = (rs: TableRow[], k: "baseCents" | "vatCents") => rs.reduce((s, r) => s + r[k], 0);
  for (let i = first + 1; i < Math.min(infos.length, last + 4); i++) {
    if (rows.some((r) => r.line === i)) continue;
    const a = infos[i].amounts.filter((x) => x.decimals).map((x) => x.cents);
    for (let p = 0; p + 2 < a.length; p++) {
      const [base, vat, total] = a.slice(p, p + 3);
      if (!near(base + vat, total) || vat <= 0 || vat >= base) continue;
      if (near(sum(rows, "baseCents"), base, rows.length) && near(sum(rows, "vatCents"), vat, rows.length)) return rows;
      for (const drop of [null, ...rows.filter((r) => r.tentative)]) {
        const kept = rows.filter((r) => r !== drop);
        const b = base - sum(kept, "baseCents");
        const v = vat - sum(kept, "vatCents");
        if (v <= 0 || v >= b) continue;
        const rateBp = SPANISH_VAT_RATES_BP.find((r) => r > 0 && !kept.some((x) => x.rateBp === r) && near(cuota(b, r), v));
        if (rateBp !== undefined) return [...kept, { rateBp, baseCents: b, vatCents: v, recargoCents: 0, line: i, spans: [], tentative: true }];
      }
    }
  }
  return rows;
}

/**
 * Which tax rows are the document's: an invoice whose item rows each carry their rate and quota (the nights of a hotel
 * stay, extras) may also print a summary per rate ("Base imponible 10 %: 839,71 ⇥ IVA 10 %: 83,97") — itself a row.
 * The readings, in order: the labelled summary rows (with the rows at rates the summary does not list); per rate, a
 * row that is the sum of the others at its rate (a summary without labels) instead of them; every row, equal ones
 * included (several equal nights); each distinct row once (the same table printed twice). The first whose sums the page confirms (a printed total, with or without
 * an amount charged outside the tax base, or a labelled base) wins; none confirmed: each distinct row once.
 */
function chooseRows(rows: TableRow[], repeats: TableRow[], infos: FigureInfo[], confirmed: (rows: TableRow[]) => boolean): TableRow[] {
  if (!rows.length) return rows;
  const all = [...rows, ...repeats].sort((a, b) => a.line - b.line);
  const labelled = (r: TableRow) => infos[r.line]?.hits.some((h) => h.field === "base" || h.field === "total") ?? false;
  const summary = all.filter((r) => r.spans.length > 0 && labelled(r));
  const summed = (rs: TableRow[]) => {
    const out: TableRow[] = [];
    for (const rate of new Set(rs.map((r) => r.rateBp))) {
      const at = rs.filter((r) => r.rateBp === rate);
      const sum = at.find((r) => at.length >= 3 && near(r.baseCents * 2, at.reduce((s, x) => s + x.baseCents, 0), at.length) && near(r.vatCents * 2, at.reduce((s, x) => s + x.vatCents, 0), at.length));
      out.push(...(sum ? [sum] : at));
    }
    return out.sort((a, b) => a.line - b.line);
  };
  const distinct = (rs: TableRow[]) => rs.filter((r, k) => !rs.slice(0, k).some((x) => x.rateBp === r.rateBp && x.baseCents === r.baseCents && x.vatCents === r.vatCents));
  const readings = [
    ...(summary.length && summary.length < all.length
      ? [[...distinct(summary), ...all.filter((r) => !summary.some((x) => x.rateBp === r.rateBp))].sort((a, b) => a.line - b.line)]
      : []),
    ...(all.length >= 3 ? [summed(all)] : []),
    ...(repeats.length ? [all] : []),
    rows,
  ];
  return readings.find((rs) => confirmed(rs)) ?? rows;
}

/**
 * Item rows that print their rate, a net amount and the gross (net × (1 + rate), ± 1 cent) — "Lámpara ⇥ 3 ⇥ 118,79 ⇥
 * 21% ⇥ 356,37 ⇥ 431,21" —, summed per rate: the bases of an invoice that prints only a quota per rate
 * ("IVA 21% 76,08"), exact where the quota divided by the rate is only near. Lines under an amount label are not items.
 */
function itemBasesPerRate(infos: FigureInfo[]): Map<RateBp, { cents: number; rows: number }> {
  const out = new Map<RateBp, { cents: number; rows: number }>();
  for (const info of infos) {
    if (info.rates.length !== 1 || info.hits.some((h) => AMOUNT_FIELDS.has(h.field))) continue;
    const rateBp = info.rates[0].rateBp;
    if (!isKnownVatRate(rateBp) || rateBp === 0) continue;
    const a = info.amounts.filter((x) => x.decimals).map((x) => x.cents);
    let net: number | null = null;
    for (let k = 0; k + 1 < a.length && net === null; k++) {
      if (a[k] !== 0 && near(a[k] + cuota(a[k], rateBp), a[k + 1], 1)) net = a[k];
    }
    if (net === null) continue;
    const cur = out.get(rateBp) ?? { cents: 0, rows: 0 };
    out.set(rateBp, { cents: cur.cents + net, rows: cur.rows + 1 });
  }
  return out;
}

/** Per rate, the sum of the rows at that rate (one tax line per rate). */
function linesPerRate(rows: TableRow[]): VatLine[] {
  const out: VatLine[] = [];
  for (const r of rows) {
    const l = out.find((x) => x.rateBp === r.rateBp);
    if (l) {
      l.baseCents += r.baseCents;
      l.vatCents += r.vatCents;
    } else out.push({ rateBp: r.rateBp, baseCents: r.baseCents, vatCents: r.vatCents });
  }
  return out;
}

export type Combo = { base: Candidate | null; vat: Candidate | null; irpf: Candidate | null; recargo: Candidate | null; total: Candidate | null };

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

// ───────────────────────────────────────────── search ─────────────────────────────────────────────

/** The usual IVA rates the search pairs a base and a quota with (0 % apart: see `zeroVat`). */
const SEARCH_RATES: readonly RateBp[] = [2100, 1000, 500, 400];

/** Outside amounts the law keeps out of the IVA base: a tourist tax (not subject to IVA), disbursements (suplidos). */
const TAX_FREE_WORDS = /\b(?:suplidos?|(?:impuesto|tasa|taxa)\s+(?:(?:de|sobre)\s+(?:las\s+)?)?(?:turistic[oa]|estancias?)|ecotasa|tourist\s+tax|city\s+tax)\b/;

/** Words of a line whose amount is charged outside the tax base: shipping, deposits, and the tax-free ones above. */
const OUTSIDE_WORDS = new RegExp(`\\b(?:portes|gastos\\s+de\\s+envio|envio|shipping|fianza|deposito|deposit|envases?)\\b|${TAX_FREE_WORDS.source}`);

/**
 * Amounts of lines that charge something outside the tax base (shipping, deposits, suplidos, a tourist tax): lines
 * with such words and no rate other than 0 %.
 */
function outsideAmounts(lines: Line[], infos: FigureInfo[]): Candidate[] {
  const out: Candidate[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!OUTSIDE_WORDS.test(lines[i].fold) || infos[i].rates.some((r) => r.rateBp !== 0)) continue;
    for (const a of infos[i].amounts) {
      if (a.decimals && a.cents > 0) out.push({ cents: a.cents, score: -0.5, source: "outside", line: i, spans: [{ line: i, start: a.start, end: a.end }] });
    }
  }
  return out;
}

/** The set the search chose; `rateBp` of the base and quota (null: the sums of a tax table), and the amount outside. */
type SearchResult = { combo: Combo; score: number; rateBp: RateBp | null; outside: Candidate | null };

/** How the figures were chosen: labelled candidates that add up, a search of every amount that adds up, or neither. */
export type Closure = "labelled" | "searched" | "none";

/**
 * Every amount printed with decimals or a currency on the page, as a candidate for `field`: scored by the labels that
 * point at it (its own field's label raises it, another field's lowers it), or 0 when nothing labels it.
 */
function pagePool(lines: Line[], infos: FigureInfo[], cands: Record<AmountField, Candidate[]>, field: AmountField): Candidate[] {
  const best = new Map<number, Candidate>();
  const offer = (c: Candidate) => {
    const prev = best.get(Math.abs(c.cents));
    if (!prev || c.score > prev.score) best.set(Math.abs(c.cents), c);
  };
  for (const c of cands[field]) offer(c);
  const elsewhere = new Set<number>();
  for (const f of Object.keys(cands) as AmountField[]) {
    if (f !== field) for (const c of cands[f]) if (c.source === "label" || c.source === "column") elsewhere.add(Math.abs(c.cents));
  }
  for (let i = 0; i < lines.length; i++) {
    for (const a of infos[i].amounts) {
      if (!a.decimals && !a.currency) continue;
      const cents = Math.abs(a.cents);
      if (best.has(cents)) continue;
      offer({ cents: a.cents, score: elsewhere.has(cents) ? -1 : 0, source: "page", line: i, spans: [{ line: i, start: a.start, end: a.end }] });
    }
  }
  // Readings of amounts OCR broke ("937 80", "3. 464,68"), below every amount as printed.
  for (let i = 0; i < lines.length; i++) {
    for (const a of findSplitAmounts(lines[i].raw)) {
      if (!best.has(Math.abs(a.cents))) offer({ cents: a.cents, score: -0.5, source: "page", line: i, spans: [{ line: i, start: a.start, end: a.end }] });
    }
  }
  return [...best.values()];
}

/**
 * The figures as the tax arithmetic explains them, searched among every amount on the page (labelled or not):
 * a base and a quota with base × rate = quota for a usual rate (or the sums of a tax table), optionally an IRPF
 * withholding at a usual rate and a recargo, and a printed total with base + IVA − IRPF + recargo = total.
 * Labels raise or lower a candidate's score; they do not gate it. Null when no set of printed amounts adds up.
 */
export function searchFigures(
  lines: Line[],
  infos: FigureInfo[],
  cands: Record<AmountField, Candidate[]>,
  opts: { zeroVat: boolean; rowFigures?: Set<number> } = { zeroVat: false },
): SearchResult | null {
  // One row's figures of a tax table with several rows are not the document's (see `findFigures`).
  const notRow = (c: Candidate) => !opts.rowFigures?.has(Math.abs(c.cents));
  const pool = {
    base: pagePool(lines, infos, cands, "base").filter((c) => c.cents !== 0 && notRow(c)),
    vat: pagePool(lines, infos, cands, "vat").filter((c) => c.cents === 0 || notRow(c)),
    irpf: pagePool(lines, infos, cands, "irpf").filter((c) => c.cents !== 0),
    total: pagePool(lines, infos, cands, "total").filter((c) => c.cents !== 0 && notRow(c)),
  };
  const byCents = (xs: Candidate[]) => {
    const m = new Map<number, Candidate[]>();
    for (const c of xs) m.set(Math.abs(c.cents), [...(m.get(Math.abs(c.cents)) ?? []), c]);
    return m;
  };
  const vatBy = byCents(pool.vat);
  const irpfBy = byCents(pool.irpf);
  const totalBy = byCents(pool.total);
  const near1 = (m: Map<number, Candidate[]>, cents: number) => [...(m.get(cents) ?? []), ...(m.get(cents - 1) ?? []), ...(m.get(cents + 1) ?? [])];
  const same = (a: Candidate | null, b: Candidate | null) => Boolean(a?.spans?.[0] && b?.spans?.[0] && a.spans[0].line === b.spans[0].line && a.spans[0].start === b.spans[0].start);
  const zero: Candidate | null = opts.zeroVat ? (vatBy.get(0)?.[0] ?? { cents: 0, score: 0, source: "zero", line: -1 }) : null;
  const recargos: (Candidate | null)[] = [null, ...top(cands.recargo, 3)];
  // Amounts outside the tax table (shipping, deposits, disbursements, tourist tax): in the total, not in the taxed base.
  const outside: (Candidate | null)[] = [null, ...outsideAmounts(lines, infos)];

  let best: SearchResult | null = null;
  for (const base of pool.base) {
    const b = Math.abs(base.cents);
    const vats: { vat: Candidate; rateBp: RateBp | null }[] = [];
    if (cands.base.some((c) => c.source === "vat-lines" && Math.abs(c.cents) === b)) {
      for (const vat of cands.vat.filter((c) => c.source === "vat-lines")) vats.push({ vat, rateBp: null });
    }
    for (const r of SEARCH_RATES) for (const vat of near1(vatBy, cuota(b, r))) if (vat.cents !== 0) vats.push({ vat, rateBp: r });
    if (zero) vats.push({ vat: zero, rateBp: 0 });
    for (const { vat, rateBp } of vats) {
      const v = Math.abs(vat.cents);
      if (v >= b || same(base, vat)) continue;
      const irpfs: Candidate[] = [...cands.irpf];
      for (const r of IRPF_RATES_BP) for (const w of near1(irpfBy, cuota(b, r))) irpfs.push({ ...w, rateBp: r });
      for (const irpf of [null, ...irpfs]) {
        const w = irpf ? Math.abs(irpf.cents) : 0;
        if (irpf && (irpfRateOf(b, w) === null || same(irpf, base) || same(irpf, vat))) continue;
        for (const recargo of recargos) {
          for (const extra of outside) {
            if (extra && [base, vat, irpf, recargo].some((c) => same(c, extra))) continue;
            const t = b + v - w + (recargo ? Math.abs(recargo.cents) : 0) + (extra?.cents ?? 0);
            for (const total of totalBy.get(t) ?? []) {
              // The same printed amount as base and total only when there is no tax at all (exempt, intra-EU).
              if (same(total, vat) || same(total, irpf) || same(total, extra) || (same(total, base) && (v !== 0 || w !== 0 || extra))) continue;
              let score = base.score + vat.score + total.score + (irpf?.score ?? 0) + (recargo?.score ?? 0) + (extra?.score ?? 0);
              if (same(total, base)) score -= 1;
              // Later totals first (the total closes the page), larger figures break ties over small coincidences.
              score += total.line / 1000 + b / 1e9;
              if (!best || score > best.score) best = { combo: { base, vat, irpf, recargo, total }, score, rateBp, outside: extra };
            }
          }
        }
      }
    }
  }
  return best;
}

/**
 * The rows of a two-rate invoice from its totals alone: for a pair of usual rates r1 > r2, the base split b1 + b2 = Σ
 * base with cuota(b1, r1) + cuota(b2, r2) = Σ quota (± 1 cent). Taken only when exactly one pair of rates fits
 * and at least two of its four figures are printed on the page (`seen`, magnitudes in cents); null otherwise.
 */
export function splitByRates(baseCents: number, vatCents: number, seen: Set<number>): VatLine[] | null {
  const sign = Math.sign(baseCents) || 1;
  const B = Math.abs(baseCents);
  const V = Math.abs(vatCents);
  const fits: VatLine[][] = [];
  for (const r1 of SEARCH_RATES) {
    for (const r2 of SEARCH_RATES) {
      if (r2 >= r1) continue;
      const exact = Math.round(((V - (r2 * B) / 10_000) * 10_000) / (r1 - r2));
      for (let b1 = exact - 3; b1 <= exact + 3; b1++) {
        const b2 = B - b1;
        if (b1 <= 0 || b2 <= 0) continue;
        const v1 = cuota(b1, r1);
        const v2 = cuota(b2, r2);
        if (!near(v1 + v2, V)) continue;
        if ([b1, b2, v1, v2].filter((x) => seen.has(x)).length < 2) continue;
        fits.push([
          { rateBp: r1, baseCents: sign * b1, vatCents: sign * v1 },
          { rateBp: r2, baseCents: sign * b2, vatCents: sign * (V - v1) },
        ]);
        break;
      }
    }
  }
  return fits.length === 1 ? fits[0] : null;
}

// ───────────────────────────────────────────── figures ─────────────────────────────────────────────

export type Figures = {
  baseCents: number | null;
  vatCents: number | null;
  irpfCents: number | null;
  irpfRateBp: RateBp | null;
  recargoCents: number | null;
  totalCents: number | null;
  vatLines: VatLine[];
  /** Figures derived from the others (keys as in ParsedInvoice: "baseCents", "vatCents", …), not read. */
  derived: Set<string>;
  /** The candidates chosen, and whether they add up. */
  combo: Combo;
  consistent: boolean;
  /** Every candidate found, per figure. */
  cands: Record<AmountField, Candidate[]>;
  /** Rows of a tax summary table, with where they were read. */
  tableRows: TableRow[];
    /** How the figures were chosen: labelled candidates that add up, a search of every printed amount, or neither. */
  closure: Closure;
  /** Figures (keys as in `derived`) read from an amount no label of theirs points at: a guess, even when it adds up. */
  guessed: Set<string>;
  /** A larger total printed under a strong label that the figures leave unexplained: they may not be the document's. */
  unexplainedTotal: boolean;
  /** Base, quota and total read without their decimal commas, and read back as cents (see findFigures). */
  rescaled: boolean;
};

export type FigureOptions = {
  /** Whether OCR read the words under some spans (a digit it may have misread); absent: a text layer, read exactly. */
  ocrRead?: (spans: Span[]) => boolean;
};

/** The figures of a document from its lines (`infos[i]` describes `lines[i]`; `fold` is the whole folded text). */
export function findFigures(lines: Line[], infos: FigureInfo[], geo: Geo, fold: string, opts: FigureOptions = {}): Figures {
  const { cands, irpfRates, vatRateHits, baseRateHits, recargoRateHits } = collectAmountCandidates(lines, infos, geo);
  // A total also printed in pesetas or another currency ("Total pesetas 20.132", "Total USD 131,89") is not the
  // invoice's total when one in euros is printed too.
  const foreign = (c: Candidate) => {
    const f = lines[c.line]?.fold ?? "";
    return /\b(?:pts|ptas|pesetas|usd|gbp|chf)\b|[$£]/.test(f) && !/€|\beur(?:os?)?\b/.test(f);
  };
  const count = (re: RegExp) => (fold.match(re) ?? []).length;
  const inEuros = count(/€|\beur(?:os?)?\b/g) >= count(/\b(?:usd|gbp|chf)\b|[$£]/g);
  if (inEuros && cands.total.some((c) => !foreign(c))) cands.total = cands.total.filter((c) => !foreign(c));
  // Rows read with a lost decimal comma or without their rate stay only if they add up to a printed total.
  const repeats: TableRow[] = [];
  let tableRows = findVatTableRows(lines, infos, repeats);
  if (tableRows.some((r) => r.tentative || r.lossyRecargo)) {
    const totals = cands.total.map((c) => c.cents);
    const irpf = cands.irpf.map((c) => c.cents);
    // Recargos read with a lost decimal point count only when, with them, the rows add up to a printed total.
    const withLossy = (r: TableRow): TableRow =>
      r.lossyRecargo ? { ...r, recargoCents: r.lossyRecargo.cents, spans: [...r.spans, r.lossyRecargo.span], lossyRecargo: undefined } : r;
    // Rows with the rows that repeat them on other lines (several equal nights).
    const withRepeats = (rs: TableRow[]) => [...rs, ...repeats.filter((x) => rs.some((r) => r.rateBp === x.rateBp && r.baseCents === x.baseCents && r.vatCents === x.vatCents))];
    // The sure rows and the largest set of doubtful rows that, with them, add up to a printed total; null if none does.
    const confirm = (rows: TableRow[], totals: number[]): TableRow[] | null => {
      const sure = rows.filter((r) => !r.tentative);
      const doubtful = rows.filter((r) => r.tentative).slice(0, 8);
      let kept: TableRow[] | null = null;
      for (let mask = (1 << doubtful.length) - 1; mask >= 0; mask--) {
        const subset = doubtful.filter((_, k) => mask & (1 << k));
        if (subset.length > (kept?.length ?? -1) && (rowsConfirmed([...sure, ...subset], totals, irpf) || rowsConfirmed(withRepeats([...sure, ...subset]), totals, irpf))) kept = subset;
      }
      return kept ? [...sure, ...kept].sort((a, b) => a.line - b.line) : null;
    };
    // Two or more rows read without their "%" whose sum the page prints (no label of the total read): that sum.
    const printedSums = infos.flatMap((x) => x.amounts.filter((a) => a.decimals).map((a) => a.cents));
    const bareRows = tableRows.filter((r) => r.bare);
    tableRows =
      confirm(tableRows, totals) ??
      (tableRows.some((r) => r.lossyRecargo) ? confirm(tableRows.map(withLossy), totals) : null) ??
      (bareRows.length >= 2 && rowsConfirmed(bareRows, printedSums, irpf) ? [...tableRows.filter((r) => !r.tentative), ...bareRows].sort((a, b) => a.line - b.line) : null) ??
      tableRows.filter((r) => !r.tentative);
    tableRows = tableRows.map((r) => (r.lossyRecargo ? { ...r, lossyRecargo: undefined } : r));
  }

  {
    const totals = cands.total.map((c) => c.cents);
    const irpf = cands.irpf.map((c) => c.cents);
    const outside = outsideAmounts(lines, infos).map((c) => c.cents);
    const bases = cands.base.filter((c) => c.source === "label" && c.score >= 2).map((c) => Math.abs(c.cents));
    const rowsWith = (rs: TableRow[]) =>
      rowsConfirmed(rs, totals, irpf) ||
      outside.some((o) => rowsConfirmed(rs, totals.map((t) => Math.abs(t) - o), irpf)) ||
      bases.some((b) => near(Math.abs(rs.reduce((s, r) => s + r.baseCents, 0)), b, rs.length));
    tableRows = chooseRows(tableRows, repeats.filter((r) => !tableRows.some((x) => x.line === r.line)), infos, rowsWith);
  }

  // With two or more rows in the tax table, one row's base, quota or row total is not the document's figure (a
  // "Base ⇥ Cuota ⇥ Total" heading over the rows labels the first row's cells): the sums of the rows are.
  const rowFigures = new Set<number>();
  if (tableRows.length >= 2) {
    for (const r of tableRows) for (const x of [r.baseCents, r.vatCents, r.baseCents + r.vatCents + r.recargoCents]) rowFigures.add(Math.abs(x));
    for (const f of ["base", "vat", "total"] as const) cands[f] = cands[f].filter((c) => !rowFigures.has(Math.abs(c.cents)));
  }
  let vatLines: VatLine[] = [];
  let tableRecargo = 0;
  if (tableRows.length) {
    vatLines = linesPerRate(tableRows);
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
      const items = itemBasesPerRate(infos);
      for (const [rateBp, v] of byRate) {
        // A base not printed per rate: the sum of the item rows at that rate when its quota checks, else the quota's.
        const fromItems = items.get(rateBp);
        const fits = (vat: number) => fromItems !== undefined && near(cuota(fromItems.cents, rateBp), vat, fromItems.rows);
        // A quota OCR read without its decimal comma ("IVA 4% 224€" for 2,24) when the items' sum at its rate says so.
        let vat = v.base === null && !fits(v.vat) && v.vat % 100 === 0 && fits(v.vat / 100) ? v.vat / 100 : v.vat;
        // A credit note's quota whose minus sign OCR lost ("Base imponible 10 % -466,06 € / Cuota IVA 10 % 46,61 €"):
        // the quota of its base at its rate, signed as the base.
        if (v.base !== null && v.base !== 0 && Math.sign(vat) === -Math.sign(v.base) && near(cuota(Math.abs(v.base), rateBp), Math.abs(vat))) vat = -vat;
        const base = v.base ?? (fits(vat) ? fromItems!.cents : baseFromCuota(vat, rateBp));
        if (base !== null) vatLines.push({ rateBp, baseCents: base, vatCents: vat });
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

  const noVat =
    /\b(?:reverse\s+charge|inversion\s+del\s+sujeto\s+pasivo|exent[oa]\s+de(?:l)?\s+iva|vat\s+exempt|iva\s+exento|exenta|exento|no\s+sujet[oa]|entrega\s+intracomunitaria|adquisicion\s+intracomunitaria|intra-?community|non\s+imponibile|steuerfrei|exonere)\b/.test(fold);
  const resolved = resolveFigures(cands);
  let { combo, consistent } = resolved;
  let closure: Closure = consistent ? "labelled" : "none";
  // An amount outside the base that the law keeps out of IVA (a tourist tax, a suplido), added to a base, quota and
  // total read under their labels.
  let outsideTaxFree = false;
  // Labelled candidates that do not add up: search every amount on the page for the set the arithmetic explains.
  if (!consistent) {
    let found = searchFigures(lines, infos, cands, { zeroVat: noVat, rowFigures });
    // A base and quota read under their labels that check each other (base × the rate printed with the quota) outweigh
    // a set of amounts no label points at: the total is then the one misread, and is derived from them.
    const pageRead = (c: Candidate | null) => c?.source === "page";
    if (found && [found.combo.base, found.combo.vat, found.combo.total].filter(pageRead).length >= 2 && pairChecks(combo)) {
      found = null;
      combo = { ...combo, total: null };
    }
    if (found) {
      combo = found.combo;
      consistent = true;
      closure = "searched";
      // Tax lines that the chosen base does not come from are not the document's.
      const linesBase = vatLines.reduce((sum, l) => sum + l.baseCents, 0);
      if (vatLines.length && Math.abs(linesBase) !== Math.abs(combo.base!.cents)) vatLines = [];
      // An amount outside the tax table: a 0 % line of its own, part of the base so that the figures add up.
      if (found.outside) {
        const b = combo.base!;
        const v = combo.vat!;
        const read = (c: Candidate | null) => c !== null && (c.source === "label" || c.source === "column" || c.source === "vat-lines");
        outsideTaxFree = TAX_FREE_WORDS.test(lines[found.outside.line]?.fold ?? "") && read(b) && read(v) && combo.total?.source === "label";
        if (!vatLines.length && found.rateBp !== null) vatLines = [{ rateBp: found.rateBp, baseCents: b.cents, vatCents: v.cents }];
        const extra = (Math.sign(b.cents) || 1) * found.outside.cents;
        if (vatLines.length) vatLines = [...vatLines, { rateBp: 0, baseCents: extra, vatCents: 0 }];
        combo = { ...combo, base: { ...b, cents: b.cents + extra, source: "outside", spans: [...(b.spans ?? []), ...(found.outside.spans ?? [])] } };
      }
    }
  }
  // One of a labelled base, quota (its rate printed) and total that OCR read, misread by one digit, the other two checking each
  // other at that rate ("TOTAL FACTURA 7.045,91" beside 6.318,93 + 1.326,98; "IVA 21 % 1242,91" between 5918,76 and
  // 7161,70): the figure the other two imply, derived (for the reviewer).
  if (!consistent && opts.ocrRead) combo = dropMisreadFigure(combo, opts.ocrRead);
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
    // A quota printed in brackets beside its label ("IVA 10% INCLUIDO (1,76)") is not a negative one.
    if (vatCents !== 0 && Math.sign(vatCents) === -Math.sign(totalCents)) vatCents = -vatCents;
    baseCents = totalCents - vatCents - (recargoCents ?? 0);
    derived.add("baseCents");
  }
  // Reverse charge / exempt with only a total printed: the whole amount is the base, VAT 0.
  if (noVat && totalCents !== null && baseCents === null && vatCents === null && irpfCents === null) {
    baseCents = totalCents;
    vatCents = 0;
    derived.add("baseCents");
    derived.add("vatCents");
  }
  // IVA included at one rate the page prints, its quota not printed ("TOTAL 29,45 € / I.V.A. INCLUIDO (10%)"): the base
  // and quota the total implies, derived (for the reviewer to confirm).
  if (totalCents !== null && baseCents === null && vatCents === null && irpfCents === null && !noVat) {
    const printedRates = includedRates(fold);
    // No rate printed on a restaurant's or bar's ticket ("IMPUESTOS INCLUIDOS"): table service is taxed at 10 %
    // (hostelería, art. 91.Uno.2.2º LIVA), drinks included.
    const rates = printedRates.length ? printedRates : TAX_INCLUDED.test(fold) && TABLE_SERVICE.test(fold) ? [1000] : [];
    if (rates.length === 1 && rates[0] > 0) {
      baseCents = Math.round((totalCents * 10_000) / (10_000 + rates[0]));
      vatCents = totalCents - baseCents;
      derived.add("baseCents");
      derived.add("vatCents");
    }
  }
  // A figure derived from the others is confirmed when the page prints it somewhere (labelled or not), and an
  // IVA of 0 when the document says why (exempt, reverse charge, intra-EU) and prints base = total.
  const printed = new Set(infos.flatMap((x) => x.amounts.filter((a) => a.decimals || a.currency).map((a) => Math.abs(a.cents))));
  for (const [k, v] of [["totalCents", totalCents], ["baseCents", baseCents], ["vatCents", vatCents]] as const) {
    if (!derived.has(k) || v === null) continue;
    if (v !== 0 ? printed.has(Math.abs(v)) : k === "vatCents" && noVat && printed.has(0)) derived.delete(k);
  }
  // A base the page does not print ("TOTAL 13,50 / IVA 10% incluido 1,23"): confirmed when the quota is that base at
  // the rate printed beside the quota's label, both the total and the quota read under labels of their own.
  const printedRate = combo.vat?.source === "label" ? combo.vat.rateBp : undefined;
  if (
    derived.has("baseCents") &&
    baseCents !== null &&
    vatCents !== null &&
    printedRate !== undefined &&
    isKnownVatRate(printedRate) &&
    combo.total?.source === "label" &&
    combo.total.score >= 2 &&
    combo.vat!.score >= 2 &&
    vatCents !== 0 &&
    near(cuota(Math.abs(baseCents), printedRate), Math.abs(vatCents))
  ) {
    derived.delete("baseCents");
  }
  // Every figure OCR read without its decimal comma ("Importe sin IVA 12232€ / IVA 10% 1223€ / Total 13455€"): they
  // add up at either scale, but only read as cents does the base at the printed rate give the quota. Read as cents,
  // and doubted (OCR lost the commas).
  let rescaled = false;
  {
    // Each figure printed somewhere as an amount without decimals; the rate, the one printed beside the quota.
    const printedWhole = (n: number | null) =>
      n !== null && n !== 0 && n % 100 === 0 ? infos.findIndex((x) => x.amounts.some((a) => !a.decimals && a.cents === Math.abs(n))) : -1;
    const [bl, vl, tl] = [baseCents, vatCents, totalCents].map(printedWhole);
    const rateBp = combo.vat?.rateBp ?? (vl >= 0 ? infos[vl].rates[0]?.rateBp : undefined);
    if (
      bl >= 0 && vl >= 0 && tl >= 0 && !irpfCents && !recargoCents && baseCents! + vatCents! === totalCents &&
      rateBp !== undefined && isKnownVatRate(rateBp) && rateBp > 0 &&
      !near(cuota(Math.abs(baseCents!), rateBp), Math.abs(vatCents!)) &&
      near(cuota(Math.abs(baseCents!) / 100, rateBp), Math.abs(vatCents!) / 100)
    ) {
      baseCents = baseCents! / 100;
      vatCents = vatCents! / 100;
      totalCents = totalCents! / 100;
      vatLines = vatLines.map((l) => ({ ...l, baseCents: l.baseCents / 100, vatCents: l.vatCents / 100 }));
      if (vatLines.some((l) => !Number.isInteger(l.baseCents) || !Number.isInteger(l.vatCents))) vatLines = [];
      rescaled = true;
    }
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
    } else if (consistent) {
      // Two rates whose rows OCR lost: the split of the base the quota allows, when the page prints parts of it.
      const seen = new Set(infos.flatMap((x) => x.amounts.flatMap((t) => [Math.abs(t.cents), ...readings(t).map((r) => Math.abs(r.cents))])));
      vatLines = splitByRates(baseCents, vatCents, seen) ?? [];
    }
  }

  const guessed = new Set<string>();
  const unlabelled = (c: Candidate | null) => c !== null && (c.source === "page" || c.source === "zero");
  if (unlabelled(combo.base)) guessed.add("baseCents");
  if (unlabelled(combo.vat)) guessed.add("vatCents");
  if (unlabelled(combo.irpf)) guessed.add("irpfCents");
  if (unlabelled(combo.recargo)) guessed.add("recargoCents");
  if (unlabelled(combo.total)) guessed.add("totalCents");
  // One figure unlabelled among labelled ones that add up is what the others imply (as a derived figure the page
  // prints): not a guess. Two or more: the arithmetic alone chose them.
  if (guessed.size === 1) guessed.clear();
  // A base that adds an amount outside the tax table is printed nowhere: the reviewer confirms it — unless the amount
  // is one the law keeps out of IVA (a tourist tax, a suplido) added to labelled figures. Shipping is not: by law it
  // belongs to the taxed base, so a shipping line outside it is doubtful.
  if (combo.base?.source === "outside" && !outsideTaxFree) guessed.add("baseCents");
  // A larger total printed under a strong label ("TOTAL (IVA incluido) 27,18" while one tax row adds up to 25,00) is
  // unexplained unless it is the total before the IRPF withholding (base + IVA + recargo).
  const beforeWithholding = Math.abs(baseCents ?? 0) + Math.abs(vatCents ?? 0) + Math.abs(recargoCents ?? 0);
  const unexplainedTotal =
    totalCents !== null &&
    cands.total.some(
      (c) => c.source === "label" && c.score >= 2 && Math.abs(c.cents) > Math.abs(totalCents!) && !(irpfCents && Math.abs(c.cents) === beforeWithholding),
    );
  return { baseCents, vatCents, irpfCents, irpfRateBp, recargoCents, totalCents, vatLines, derived, combo, consistent, cands, tableRows, closure, guessed, unexplainedTotal, rescaled };
}
