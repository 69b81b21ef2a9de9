/** NIF, CIF, NIE (with check digits) and EU VAT ids in lines, repairing OCR's digit/letter confusions next to a label. */
import { isPlausibleVatId, normalizeTaxId, validateSpanishTaxId } from "@/lib/tax-id";
import { labelHits } from "@/lib/documents/parse/labels";
import type { Line } from "@/lib/documents/parse/text";

export type TaxIdHit = {
  id: string;
  line: number;
  start: number;
  end: number;
  labelled: boolean;
  spanish: boolean;
  /** Read without a label, its control letter repaired from a look-alike OCR gave ("46285464-8"): a guess the check digit only narrows. */
  repaired?: boolean;
};

export const EU_PREFIX = "AT|BE|BG|CY|CZ|DE|DK|EE|EL|GR|FI|FR|HR|HU|IE|IT|LT|LU|LV|MT|NL|PL|PT|RO|SE|SI|SK|XI|GB|EU|CHE";
/** A NIE's seven digits may be grouped like a DNI's ("Y-67.575.10D"); the control letter guards every shape. */
export const SPANISH_ID_RE =
  /(?<![\p{L}\d])(?:ES[ \-]?)?(?:[A-Z][ .\-]?\d{2}\.\d{3}\.\d{3}|[XYZ][ .\-]?\d{2}\.\d{3}\.\d{2}[ .\-]?[A-Z]|[A-Z][ .\-]?\d{7}[ .\-]?[A-Z0-9]|\d{2}\.\d{3}\.\d{3}[ .\-]?[A-Z]|\d{8}[ .\-]?[A-Z])(?![\p{L}\d])/gu;
/** OCR confusions in digit positions of a labelled id ("B4825O319", "IEQ393948P"). */
export const DIGIT_LOOKALIKES: Record<string, string> = { O: "0", Q: "0", D: "0", U: "0", I: "1", L: "1", T: "1", Z: "2", S: "5", G: "6", B: "8" };
export const EU_VAT_RE = new RegExp(`(?<![\\p{L}\\d])(?:${EU_PREFIX})[\\s\\-]?[0-9A-Z][0-9A-Z .+*\\-]{1,16}`, "gu");

/**
 * What may stand between a tax-id label and the id: "Reg. No.:", "-IVA", a party word ("cliente"), "nº" as OCR reads it ("n?",
 * "n£", "n®"), a short scrap of OCR noise before a colon ("er:").
 */
const LABEL_TAIL =
  /^(?:[\s\-\/]*(?:iva|vat)\b)?(?:\s*(?:del?\s+)?(?:cliente|proveedor|emisor|customer|vendedor)\b)?(?:[\s.]*(?:n\s?[^\p{L}\d\s]\.?|num\.?|numero|no\.|[a-z]{1,3}:)(?=[\s:.]))?[\s:.]*/u;

export function findTaxIds(lines: Line[]): TaxIdHit[] {
  const hits: TaxIdHit[] = [];
  for (const line of lines) {
    const upper = line.raw.toUpperCase();
    const hitsOnLine = labelHits(line.fold);
    const labels = hitsOnLine.filter((h) => h.field === "taxid");
    // "Factura nº PT202594407": a series shaped like an EU VAT id right after the number's label is the number.
    const afterNumberLabel = (pos: number) => hitsOnLine.some((h) => h.field === "number" && h.end <= pos && /^[\s:.#º°]*$/.test(line.fold.slice(h.end, pos)));
    const labelledAt = (pos: number) => labels.some((l) => l.end <= pos && (pos - l.end <= 6 || LABEL_TAIL.exec(line.fold.slice(l.end, pos))?.[0].length === pos - l.end));
    SPANISH_ID_RE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = SPANISH_ID_RE.exec(upper))) {
      const id = normalizeTaxId(m[0]);
      if (validateSpanishTaxId(id).valid) {
        hits.push({ id, line: line.index, start: m.index, end: m.index + m[0].length, labelled: labelledAt(m.index), spanish: true });
      }
    }
    EU_VAT_RE.lastIndex = 0;
    while ((m = EU_VAT_RE.exec(upper))) {
      if (m[0].startsWith("ES")) continue;
      // A country prefix is printed in capitals: "Fra 01-049257" is an abbreviation, not a French VAT id.
      if (line.raw.slice(m.index, m.index + 2) !== m[0].slice(0, 2)) continue;
      // A bank account ("IBAN BE11 8062 2414 3144 4725 68"): country, two check digits, groups of four.
      if (/\bIBAN\b[\s:.]*$/.test(upper.slice(0, m.index)) || /^[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){3,}/.test(upper.slice(m.index))) continue;
      // Take the longest plausible prefix ("DE 976475920 ⇥ VAT ID" → "DE976475920").
      const raw = m[0];
      for (let len = raw.length; len >= 4; len--) {
        const candidate = raw.slice(0, len);
        if (/[\s\-]$/.test(candidate)) continue;
        const next = raw[len];
        if (next && /[0-9A-Z]/.test(next) && raw[len - 1] !== " ") continue;
        const compact = candidate.replace(/[\s.\-]/g, "");
        if (isPlausibleVatId(compact)) {
          if (!hits.some((h) => h.line === line.index && h.start === m!.index) && !afterNumberLabel(m.index)) {
            hits.push({ id: compact, line: line.index, start: m.index, end: m.index + len, labelled: labelledAt(m.index), spanish: false });
          }
          break;
        }
      }
    }
    // A labelled id that fails only because OCR read a digit as a letter.
    for (const label of labels) {
      // A dotted label ("N.I.F.") is folded to "nif" plus padding: start reading after the padding.
      let from = label.end;
      while (from < line.fold.length && line.fold[from] === " " && line.raw[from] !== " ") from++;
      // "CIF nº: …", "NIF núm.: …", "NIF-IVA: …", "NIF cliente: …", OCR's "CIF n?", "CIF er:"
      const tail = LABEL_TAIL.exec(line.fold.slice(from));
      if (tail) from += tail[0].length;
      const rest = upper.slice(from);
      // The id as one token, nine characters OCR split with a space ("B2596 7852"), or nine with a stray symbol OCR
      // put among them ("X07€63679X"); the check digit guards each reading.
      const STRAY = /[^A-Z0-9\s.\-]/;
      for (const re of [
        /^[\s:.\-]*((?:[A-Z]{2}[ \-]?)?[A-Z0-9][A-Z0-9.\-]{6,14}[)\]}€]?)(?![A-Z0-9])/,
        /^[\s:.\-]*((?:ES[ \-]?)?[A-Z0-9](?:[ .\-]?[A-Z0-9]){8})(?![A-Z0-9])/,
        /^[\s:.\-]*((?=(?:[^\s]*[A-Z0-9]){9}(?![^\s]*[A-Z0-9]))[A-Z0-9]{1,8}[^A-Z0-9\s.\-][A-Z0-9]{1,8})(?![^\s])/,
      ]) {
        const m2 = re.exec(rest);
        if (!m2) continue;
        const at = from + m2[0].length - m2[1].length;
        if (hits.some((h) => h.line === line.index && Math.abs(h.start - at) <= 3)) break;
        const token = m2[1].length === 10 && STRAY.test(m2[1].slice(1, -1)) ? m2[1].replace(STRAY, "") : m2[1];
        const repaired = repairTaxId(token);
        if (repaired) {
          hits.push({ id: repaired.id, line: line.index, start: at, end: at + m2[1].length, labelled: true, spanish: repaired.spanish });
          break;
        }
      }
    }
    // An unlabelled DNI alone in its cell whose control letter OCR read as a look-alike ("46285464-8", "ES40548438)",
    // "134629267" for "…Z"): the freelancer's id under a name, with no label. Nine bare digits that may be a phone
    // (opening 6, 7, 8 or 9) are left alone; the check digit decides between the look-alikes.
    DNI_CELL_RE.lastIndex = 0;
    while ((m = DNI_CELL_RE.exec(upper))) {
      const start = m.index + m[1].length;
      const token = m[2];
      if (hits.some((h) => h.line === line.index && h.start < start + token.length && start < h.end)) continue;
      if (/^\d{9}$/.test(token) && /^[6789]/.test(token)) continue;
      if (/\b(?:tel[eé]?f?\w*|tlfn?o?|m[oó]vil|phone|fax)\b/i.test(line.fold)) continue;
      const es = token.replace(/^ES[ \-]?/, "");
      const digits = es.slice(0, 8);
      for (const letter of CONTROL_LOOKALIKES[es[es.length - 1]] ?? []) {
        if (validateSpanishTaxId(digits + letter).valid) {
          hits.push({ id: digits + letter, line: line.index, start, end: start + token.length, labelled: false, spanish: true, repaired: true });
          break;
        }
      }
    }
  }
  return hits.sort((a, b) => a.line - b.line || a.start - b.start);
}

/** A cell (line start or a gap of two spaces or a tab on each side) holding eight digits and one more character. */
const DNI_CELL_RE = /(^|\t|\s{2,})((?:ES[ \-]?)?\d{8}[ \-]?[0-9)\]}€])(?=\s{2,}|\t|\s*$)/g;

/** OCR confusions in the letter position of a CIF/NIE ("831342884" for "B31342884"). */
export const LETTER_LOOKALIKES: Record<string, string> = { "8": "B", "6": "G", "5": "S", "4": "A", "2": "Z", "0": "Q" };
/** OCR confusions in a DNI/NIE's control letter ("291011500" for "…D", "74775704)" for "…J"); the number decides
 * which single letter is right, so only look-alikes are tried. */
const CONTROL_LOOKALIKES: Record<string, string[]> = { "8": ["B"], "6": ["G"], "5": ["S"], "4": ["A"], "2": ["Z"], "0": ["D", "Q"], "1": ["L"], "7": ["T", "Z"], ")": ["J"], "]": ["J"], "}": ["J"], "€": ["E"] };

/** OCR confusions in the letters of a VAT id's country prefix ("17" for "IT"). */
const PREFIX_LOOKALIKES: Record<string, string[]> = { "1": ["I", "L"], "7": ["T"], "0": ["O", "D"], "8": ["B"], "6": ["G"], "5": ["S"], "4": ["A"], "2": ["Z"] };

export function toDigits(s: string): string {
  return s.replace(/[A-Z]/g, (c) => DIGIT_LOOKALIKES[c] ?? c);
}

/** Tries digit look-alike substitutions on a token next to a tax-id label; the check digit guards the result. */
export function repairTaxId(token: string): { id: string; spanish: boolean } | null {
  const compact = token.replace(/[\s.\-]/g, "");
  const es = compact.replace(/^ES(?=.{9}$)/, "");
  if (es.length === 9) {
    const mid = toDigits(es.slice(1, 8));
    const firsts = [es[0], LETTER_LOOKALIKES[es[0]]].filter(Boolean) as string[];
    // A DNI/NIE whose control letter OCR read as a digit ("37379519-8" for "…B").
    const lastAsLetter = CONTROL_LOOKALIKES[es[8]] ?? [];
    // "2-7398458-F": a NIE's shape (letter, 7 digits, letter) whose letter OCR read as a digit; a DNI prints 8 digits
    // together. Both readings pass the check ("Z" counts as 2), so the shape decides.
    // Its seven digits may be grouped too ("2-73.932.23Q" for "Z-73.932.23Q").
    if (/^\d[\s.\-](?:\d[.\s]?){6}\d[\s.\-]?[A-Z0-9]$/.test(token.trim())) firsts.reverse();
    const tries = [
      ...firsts.map((f) => f + mid + es[8]),
      toDigits(es.slice(0, 8)) + es[8],
      ...lastAsLetter.map((l) => toDigits(es.slice(0, 8)) + l),
    ];
    for (const t of tries) if (validateSpanishTaxId(t).valid) return { id: t, spanish: true };
  }
  // Letters OCR added before a Spanish id ("CIF FSB25967852"): the id is the last nine characters when the check
  // digit agrees.
  const noise = /^[A-Z]{1,2}(?=[A-Z]\d{7}[A-Z0-9]$|\d{8}[A-Z]$)/.exec(compact);
  if (noise && !/^ES/.test(compact) && !isPlausibleVatId(compact)) {
    const core = repairTaxId(compact.slice(noise[0].length));
    if (core?.spanish) return core;
  }
  // A country prefix OCR read as digits ("1767894200319" for "IT67894200319"): taken when exactly one EU country's
  // letters fit the digits and its format fits the rest.
  // One of the two letters may be read right ("1T08873926256", "N1468221787B02").
  const prefixFits = (ch: string, letter: string) => ch === letter || (PREFIX_LOOKALIKES[ch]?.includes(letter) ?? false);
  if (/^[A-Z0-9]{2}(?:\d{8,12}|\d{9}B\d{2})$/.test(compact) && /\d/.test(compact.slice(0, 2))) {
    const fits = EU_PREFIX.split("|")
      .filter((c) => c.length === 2 && prefixFits(compact[0], c[0]) && prefixFits(compact[1], c[1]))
      .map((c) => c + compact.slice(2))
      .filter((c) => isPlausibleVatId(c));
    if (fits.length === 1) return { id: fits[0], spanish: false };
  }
  const country = compact.slice(0, 2);
  if (/^[A-Z]{2}$/.test(country) && country !== "ES" && compact.length >= 8) {
    const rest = compact.slice(2);
    const candidates = [country + toDigits(rest), country + toDigits(rest.slice(0, -1)) + rest.slice(-1), country + toDigits(rest.slice(0, -2)) + rest.slice(-2)];
    for (const c of candidates) if (isPlausibleVatId(c)) return { id: c, spanish: false };
    // A letter of the id's format read as a digit ("NL263029360802" for "…B02").
    for (let k = 0; k < rest.length; k++) {
      const letter = LETTER_LOOKALIKES[rest[k]] ?? CONTROL_LOOKALIKES[rest[k]]?.[0];
      const c = letter ? country + rest.slice(0, k) + letter + rest.slice(k + 1) : null;
      if (c && isPlausibleVatId(c)) return { id: c, spanish: false };
    }
  }
  return null;
}
