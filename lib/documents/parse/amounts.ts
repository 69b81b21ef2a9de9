/** Money amounts (es and en formats, currencies, negative and parenthesised) and percentages in a line. */
import { parseAmount } from "@/lib/money";
import { percentToBp, type RateBp } from "@/lib/tax/vat";

export type AmountToken = { cents: number; start: number; end: number; decimals: boolean; currency: boolean; digits: number };

export const AMOUNT_RE =
  /(\(\s?)?([-−–]\s?)?((?:[€$£]|eur|usd|gbp)\s?)?([-−–])?(\d{1,3}(?:([.,])\d{3})(?:\6\d{3})*(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)(?!\d)(\s?(?:€|eur|euros?|usd|\$|£|gbp)(?![a-z]))?(\s?\))?(-(?![\d\w]))?/giu;

/** A 1–3 digit group, then groups of exactly 3 digits each after one space (plain, no-break or narrow), then decimals. */
const SPACED_RE = /(?<![\d.,])(\d{1,3})((?:[ \u00a0\u202f\u2007]\d{3})+)([.,]\d{2})(?![\d%]|[.,]\d)/g;

/** Words that point a label at the amount after them (the grouped reading is then the likelier one). */
const AMOUNT_LABEL_BEFORE = /\b(?:total\w*|base\w*|imponible|net[oa]?|neto|subtotal|importe|amount|due|iva|vat|cuota|suma|sum)\b[^\d\t]{0,12}?\s*$/i;

/**
 * Amounts printed with their thousands grouped by a space ("15 934,66", "1 234.56", also with a no-break or
 * narrow space), written back with a thousands separator ("15.934,66") so that `findAmounts` reads them whole; the
 * string keeps its length. A run of spaces or a tab is a column gap, never a separator. The leading group is a
 * separate number (a quantity, a room or reference number, a rate) when it is clear: preceded by a date, time or
 * code, or a usual rate right after a tax label;
 * the line prints its other amounts with "." or "," thousands; or another amount of the line is the leading
 * number × the rest (quantity × price) or the rest alone (quantity 1) — unless a label points at the amount and
 * the line gives no such product.
 */
export function joinSpacedThousands(s: string): string {
  SPACED_RE.lastIndex = 0;
  const found = [...s.matchAll(SPACED_RE)];
  if (!found.length) return s;
  const plainAmount = (x: RegExpMatchArray) => parseAmount(x[0].replace(/[ \u00a0\u202f\u2007]/g, "")) ?? 0;
  let out = s;
  for (const m of found) {
    const start = m.index!;
    const end = start + m[0].length;
    const before = s.slice(0, start);
    // "13:42 100,00", "12/03 172,73", "x1 674,83": a time, a date or a code glued to the lead.
    if (/[\p{L}\d_]$/u.test(before) || /\d[\/:.,\-]$/.test(before) || /\d[\/:.\-]\s$/.test(before)) continue;
    // "IVA 21 210,00" (OCR lost the "%"): the lead is the rate.
    if (/\b(?:iva|i\.v\.a\.|vat|igic|tax|irpf|retenci[oó]n|recargo)\s*\(?$/i.test(before) && [4, 5, 7, 10, 15, 19, 21].includes(Number(m[1]))) continue;
    const rest = s.slice(0, start) + " ".repeat(m[0].length) + s.slice(end);
    // Other amounts of the line, each space-grouped one read whole.
    const others: number[] = [];
    const styleDotted = /(?<![\d.,])\d{1,3}(?:[.,]\d{3})+[.,]\d{2}(?!\d)/.test(rest);
    for (const o of found) if (o !== m) others.push(Math.abs(plainAmount(o)));
    const masked = found.reduce((acc, o) => acc.slice(0, o.index!) + " ".repeat(o[0].length) + acc.slice(o.index! + o[0].length), s);
    for (const t of masked.matchAll(/(?<![\d.,])\d+(?:[.,]\d{3})*[.,]\d{2}(?!\d)/g)) others.push(Math.abs(parseAmount(t[0]) ?? 0));
    const lead = Number(m[1]);
    const tail = Math.abs(parseAmount(m[2].replace(/[ \u00a0\u202f\u2007]/g, "") + m[3]) ?? 0);
    const whole = Math.abs(plainAmount(m));
    const product = others.some((o) => Math.abs(o - lead * tail) <= 1) && !others.includes(whole);
    const tailAlone = others.includes(tail) && !others.includes(whole);
    const labelled = AMOUNT_LABEL_BEFORE.test(before);
    if (product) continue;
    if (!labelled && (tailAlone || styleDotted)) continue;
    const sep = m[3][0] === "," ? "." : ",";
    out = out.slice(0, start) + m[0].replace(/[ \u00a0\u202f\u2007]/g, sep) + out.slice(end);
  }
  return out;
}

/** Amount tokens in `s` (a whole line), skipping dates, times, percentages, ids and measures. */
export function findAmounts(line: string, from = 0, to = line.length): AmountToken[] {
  const s = joinSpacedThousands(line);
  const out: AmountToken[] = [];
  AMOUNT_RE.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = AMOUNT_RE.exec(s)) && m.index < to) {
    let start = m.index;
    let end = start + m[0].length;
    const [, open, minus1, cur1, minus2, num, , cur, close, minus3] = m;
    if (!num) continue;
    let cur2: string | undefined = cur;
    // "-512,86 €2.753,24": the currency after the number opens the next amount; leave it to that one.
    if (cur2 && !close && !minus3 && /^\d/.test(s.slice(end))) {
      end -= cur2.length;
      cur2 = undefined;
      AMOUNT_RE.lastIndex = end;
    }
    // The regex may have swallowed a minus that belongs to an id ("A-9719"): decide on the context.
    const before = s.slice(0, start);
    const prev = before.slice(-1);
    const prev2 = before.slice(-2, -1);
    if (/[\p{L}\d_]/u.test(prev)) continue;
    if (/[\/.,:]/.test(prev) && /[\p{L}\d]/u.test(prev2)) continue;
    if (minus1 && !open && /[\p{L}\d]/u.test(prev)) continue;
    const after = s.slice(end);
    if (/^\s?%/.test(after) || /^[\p{L}\d_]/u.test(after)) continue;
    if (/^[\/.,:\-][\p{L}\d]/u.test(after)) continue;
    if (/^[ºª°]/.test(after)) continue;
    // "2,5 mm", "800 g", "1 L": a number followed by a unit is a measure, not money.
    if (!cur1 && !cur2 && /^\s(?:mm|cm|m|km|kg|g|gr|l|ml|cl|w|kw|kwh|h|uds?|unid|x|gb|mb|tb)\b/i.test(after)) continue;
    // "3 x 11,73": the quantity is not an amount.
    if (/^\s?[x×]\s?\d/i.test(after)) continue;
    if (end > to) end = to;
    let negative = Boolean(minus1 || minus2 || minus3 || (open && close));
    if (open && !close) {
      start += open.length;
      negative = Boolean(minus1 || minus2 || minus3);
    }
    const cents = parseAmount(num);
    if (cents === null) continue;
    const decimals = /[.,]\d{1,2}$/.test(num) && !/^\d{1,3}[.,]\d{3}$/.test(num);
    out.push({
      cents: negative ? -cents : cents,
      start,
      end,
      decimals,
      currency: Boolean(cur1 || cur2),
      digits: num.replace(/\D/g, "").length,
    });
  }
  return out;
}

/** The amount a label points at: the last money-looking token (decimals or currency) in the range. */
export function pickAmount(tokens: AmountToken[]): AmountToken | null {
  const money = tokens.filter((t) => t.decimals || t.currency);
  if (money.length) return money[money.length - 1];
  const plain = tokens.filter((t) => t.digits <= 7);
  return plain.length ? plain[plain.length - 1] : null;
}

/** Percentages in a line, as basis points (`lib/tax/vat.ts`): "21%" → 2100, "5,2 %" → 520. */
export function findRates(s: string, from = 0, to = s.length): { rateBp: RateBp; start: number; end: number }[] {
  const out: { rateBp: RateBp; start: number; end: number }[] = [];
  const re = /(?<![\d.,])(\d{1,2}(?:[.,]\d{1,2})?)\s?%/g;
  re.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) && m.index < to) {
    const rateBp = percentToBp(m[1]);
    if (rateBp !== null && rateBp <= 10_000) out.push({ rateBp, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/**
 * Other readings of amounts OCR broke, for the arithmetic to choose from (never taken on their own): the decimal
 * separator read as a space ("937 80" → 937,80; "3.182 62" → 3.182,62), the thousands separator followed by a space
 * or read as one ("3. 464,68", "3 464,68" → 3.464,68; the leading digits otherwise read as a separate number), and
 * the thousands separator repeated as the decimal one ("3.373.58" → 3.373,58); and the price alone after a number
 * `findAmounts` joined to it as a thousands group ("101 150,00" → 150,00).
 */
export function findSplitAmounts(s: string): AmountToken[] {
  const out: AmountToken[] = [];
  const push = (m: RegExpExecArray, intDigits: string, cents: string) => {
    const value = Number(intDigits.replace(/\D/g, "")) * 100 + Number(cents);
    const minus = /[-−–]\s?€?\s?$/.test(s.slice(0, m.index));
    out.push({ cents: minus ? -value : value, start: m.index, end: m.index + m[0].length, decimals: true, currency: false, digits: intDigits.replace(/\D/g, "").length + 2 });
  };
  const patterns: [RegExp, (m: RegExpExecArray) => void][] = [
    [/(?<![\d.,])(\d{1,3}(?:[.,]\d{3})+|\d{1,6}) (\d{2})(?![\d%.,]| ?\d)/g, (m) => push(m, m[1], m[2])],
    [/(?<![\d.,])(\d{1,3})(?: ?[.,] | [.,]? ?)(\d{3})[.,](\d{2})(?![\d%])/g, (m) => push(m, m[1] + m[2], m[3])],
    [/(?<![\d.,])(\d{1,3}(?:([.,])\d{3})+)\2(\d{2})(?![\d%])/g, (m) => push(m, m[1], m[3])],
    // The other way round: a number before a price ("Habitación 101 150,00") that `findAmounts` read as one amount.
    [/(?<=(?<![\d.,])\d{1,3}[ \u00a0\u202f\u2007])(\d{3})[.,](\d{2})(?![\d%]|[.,]\d)/g, (m) => push(m, m[1], m[2])],
  ];
  for (const [re, on] of patterns) {
    let m: RegExpExecArray | null;
    while ((m = re.exec(s))) on(m);
  }
  return out;
}
