/**
 * The invoice number: candidates scored by label (positive: "Nº factura", "Número", "Invoice no."; negative: order,
 * customer, contract, meter, policy, delivery-note numbers), shape (not a date, amount, phone, IBAN or tax id) and
 * position (the header, near the title, a header row with the value below its label). Pure.
 */
import { isPlausibleVatId, isValidTaxId, normalizeTaxId, validateSpanishTaxId } from "@/lib/tax-id";
import { findDates, type DateToken } from "@/lib/documents/parse/dates";
import type { LabelHit } from "@/lib/documents/parse/labels";
import { citesAnotherDocument } from "@/lib/documents/parse/cross-checks";
import { cellAt, cellInColumn, foldText, nextContentLine, type Geo, type Line } from "@/lib/documents/parse/text";

type Span = { line: number; start: number; end: number };
export type NumberInfo = { hits: LabelHit[]; dates: DateToken[] };
/**
 * `misreadMark`: the only label is OCR's misreading of a bare "Nº" ("ne", "n9", "n?") standing apart from the value
 * (a column gap, or another line): "ne     12025" for "Nº 044/2025", where the gap is what OCR lost.
 */
export type NumberPick = { value: string; score: number; span: Span; labelled: boolean; rivals: number; misreadMark?: boolean };
/** A tax id printed on the page (`findTaxIds`): a token equal to a labelled one is never the number. */
export type TaxIdRef = { id: string; labelled: boolean; repaired?: boolean };

// Leading punctuation OCR scatters after a "Nº" ("n9%:", "nº*:", "n”", "n°;") and table rules ("| 02106 |") are skipped;
// "€25/1533" is OCR's "C25/1533".
const NUMBER_TOKEN = /^[\s:;.#º°*%'"”“‘’\-–—|\[({]*(?:n[º°o]\.?\s*)?([A-Z0-9€][A-Z0-9\-\/.]*[A-Z0-9]|[A-Z0-9])(?![A-Z0-9])/i;
const NOT_A_NUMBER = /^(?:de|del|la|el|fecha|date|pedido|order|cliente|customer|albaran|ref)$/i;
/** Words that, just before a number label or its value, make it another document's number. */
export const OTHER_NUMBER =
  /\b(?:rectifica(?!tiv)\w*|anula\w*|correspond\w*\s+a|relativ[ao]\s+a|original\s+de\s+(?:la\s+)?|pedido|order|albaran|cliente|customer|client|abonada|sustituye|contrato|contract|poliza|policy|contador|meter|cups|suministro|supply|localizador|reserva|booking|locator|telefono|phone|tel|movil|cuenta|account|iban|mandato|mandate|operacion|autorizacion|tarjeta|card|expediente|presupuesto|quote|socio|member|matricula|licencia|serie\s+del\s+contador|horas|mesa|table|referencia\s+catastral|ref\.?\s+catastral|afiliacion|colegiad[oa]|registro|tomo|folio|hoja)\b/;

/** A bare "Nº" as OCR misreads it ("ne", "n9", "n?", "n*"): the label itself is OCR's guess. */
const MISREAD_MARK = /^\s*n\s?[2?*e9®¢%"”“]\.?\s*[:.]?\s*$/;

/** A code read right after (or below) a label; null when what follows is not an invoice number's shape. */
export function readNumberAfter(raw: string, from: number, to = raw.length): { value: string; start: number; end: number } | null {
  const m = NUMBER_TOKEN.exec(raw.slice(from, to));
  if (!m) return null;
  let start = from + m[0].length - m[1].length;
  let end = start + m[1].length;
  let token = m[1];
  // A '#' joined to the value after its label ("Nº ⇥ #040") is printed as part of it; one ending the label
  // ("Invoice #123") was read with the label. OCR reads that '#' as '*' too ("*167").
  const hash = start - 1 >= from && /[#*]/.test(raw[start - 1]) && (start - 1 === from || /[\s:|]/.test(raw[start - 2]));
  // A number printed in pieces ("F26 000381", "A - 2026/0142") is taken whole.
  const more = continuation(raw, end, to, token);
  if (more) {
    token = more.value;
    end = more.end;
  }
  if (!/\d/.test(token) || NOT_A_NUMBER.test(token) || token.length > 30) return null;
  // A phone printed in groups of three ("946 270 303"): nine digits opening with 6–9.
  if (/^[6789]\d{2} \d{3} \d{3}$/.test(raw.slice(start, end))) return null;
  if (findDates(foldText(token)).length) return null;
  // An amount ("2119,71", "12,50 €", "1.204,00").
  if (/^\d{1,3}(?:\.\d{3})*$|^\d+$/.test(token) && /^[.,]\d{2}(?!\d)/.test(raw.slice(end))) return null;
  if (/^\d{1,3}(?:\.\d{3})*,\d{2}$|^\d{1,2}[.,]\d{2}$/.test(token)) return null;
  // A percentage or a quantity with a unit ("21 %", "20 h").
  if (/^\s?(?:%|h\b|horas|uds?\b|kg\b|km\b|l\b)/i.test(raw.slice(end))) return null;
  token = token.replace(/^n[º°o]\.?/i, "");
  // OCR reads a leading "I" as "1" ("1NV-2025-0001", "i1NV-…") and a "C" as "€".
  token = token.replace(/^[il|]?1(?=[A-Z]{2})/, "I").replace(/^€(?=\d)/, "C");
  if (/€/.test(token)) return null;
  if (token && hash) {
    token = `#${token}`;
    start--;
  }
  return token ? { value: token, start, end } : null;
}

const PIECE = /^( ?[-\/] ?| )([A-Z0-9][A-Z0-9\-\/]*[A-Z0-9]|\d)(?![A-Z0-9.,:%'’])/i;

/**
 * The pieces after a number's first token that belong to it: separated by one space or a spaced dash or slash,
 * each carrying digits and none a date, amount, tax id or quantity; a series before a number ("A 0142",
 * "F26 000381", "2026 - 0142"). "Nº 0142 15/03/2026" stays "0142".
 */
function continuation(raw: string, at: number, to: number, first: string): { value: string; end: number } | null {
  if (!/^[A-Z0-9][A-Z0-9\-\/]*$/i.test(first)) return null;
  let value = first;
  let pieces = 0;
  while (pieces < 2) {
    const m = PIECE.exec(raw.slice(at, to));
    if (!m) break;
    const [whole, sep, piece] = m;
    const after = raw.slice(at + whole.length);
    if (!/\d/.test(piece) || findDates(foldText(raw.slice(at + whole.length - piece.length, at + whole.length + 8))).some((d) => d.start === 0)) break;
    if (/^\s?(?:%|h\b|horas|uds?\b|kg\b|km\b|l\b|€|eur)/i.test(after)) break;
    if (isValidTaxId(normalizeTaxId(piece)) || isPlausibleVatId(piece)) break;
    const head = value.replace(/[\-\/]/g, "");
    const series = /^[A-Z]{1,4}$/i.test(head);
    const digitGroup = /^\d{3,}$/.test(piece) && head.length <= 6 && /\d$/.test(head);
    const separated = sep.trim() !== "" && head.length <= 8;
    if (!series && !digitGroup && !separated) break;
    if (value.length + piece.length > 24) break;
    value += sep.trim() + piece;
    at += whole.length;
    pieces++;
  }
  return pieces ? { value, end: at } : null;
}

/**
 * Tokens that are something else: phones, IBANs, tax ids. A Spanish id is recognised by its check digit; a token
 * merely shaped like an EU VAT id ("PT202544220", "DE202532650": series that carry a country and year) only when the
 * page prints it as a tax id, a tax-id label stands before it, or nothing labels it as a number (`strict`).
 */
function looksLikeOther(token: string, context: string, taxIds: readonly TaxIdRef[] = [], strict = true): boolean {
  const compact = token.replace(/[\s.\-]/g, "");
  // A tax id is printed with spaces, dots or dashes, never a slash: "A-2025/2763" is a series and a number even
  // when its digits pass a CIF check digit.
  if (!token.includes("/") && validateSpanishTaxId(normalizeTaxId(token)).valid) return true;
  if (taxIds.some((t) => t.labelled && t.id === compact.toUpperCase())) return true;
  // An id read with its control letter repaired ("46285464-8" for 46285464B) is the id as printed.
  if (taxIds.some((t) => t.repaired && compact.length === 9 && t.id.slice(0, 8) === compact.slice(0, 8))) return true;
  if (isPlausibleVatId(compact) && (strict || /\b(?:nif|cif|vat|iva|tax)\b/.test(context))) return true;
  if (/^(?:\+?34)?[6789]\d{8}$/.test(compact) && /\b(?:tel|telefono|movil|phone|fax)\b|\+34/.test(context)) return true;
  if (/^ES\d{2}/i.test(compact) && compact.length >= 20) return true;
  return false;
}

/** The line above ends, in this label's column, with the first half of a number label ("Número de", "Nº de"). */
function splitLabelAbove(lines: Line[], i: number, line: Line, at: number, geo: Geo): boolean {
  const prev = lines.slice(Math.max(0, i - 2), i).reverse().find((l) => l.raw.trim());
  const cell = prev ? cellInColumn(geo, line, at, at + 1, prev) ?? prev.cells[0] : null;
  return !!cell && /(?:^|\s)(?:n[uú]mero|num\.?|n[º°o]\.?)\s+de$/.test(cell.fold);
}

/**
 * A header grid whose rows line up: a date heading on the label's row ("Fecha de factura") has, in its column on
 * the value row, a cell holding a date. Only with a layout, which places the columns.
 */
function gridConfirmed(infos: NumberInfo[], geo: Geo, labelLine: Line, hits: LabelHit[], valueLine: Line): boolean {
  if (!geo) return false;
  return hits.some((h) => {
    if (h.field !== "date") return false;
    const cell = cellInColumn(geo, labelLine, h.start, h.end, valueLine);
    return !!cell && infos[valueLine.index].dates.some((d) => d.start >= cell.start && d.end <= cell.end);
  });
}

export function findInvoiceNumber(lines: Line[], infos: NumberInfo[], geo: Geo = null, taxIds: readonly TaxIdRef[] = []): NumberPick | null {
  const found: { value: string; score: number; line: number; span: Span; labelled: boolean; misreadMark: boolean }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const hits = infos[i].hits;
    for (let k = 0; k < hits.length; k++) {
      const h = hits[k];
      if (h.field !== "number") continue;
      const cell = line.cells[cellAt(line, h.start)];
      const before = line.fold.slice(Math.max(cell?.start ?? 0, h.start - 25), h.start);
      if (OTHER_NUMBER.test(before)) continue;
      // "Importe de la factura 2119,71", "Fecha factura …": the word "factura" names the document, not a number.
      if (/\b(?:importe|total|base|fecha|date|amount|pago|periodo|concepto)\b[^\t]*$/.test(before)) continue;
      // What follows in the label's own cell ("Nº de pedido"); the next cell of a header row ("Número ⇥ Cliente")
      // is another heading.
      const after = line.fold.slice(h.end, Math.min(h.end + 16, Math.max(h.end, cell?.end ?? Infinity)));
      if (/^\s*(?:de\s+|del\s+|n[º°o]\.?\s*)?(?:pedido|order|cliente|customer|albaran|rectificada|original|contrato|presupuesto|poliza|contador|suministro|reserva|operacion|horas|serie\s+del)/.test(after)) continue;
      const regionEnd = hits[k + 1]?.start ?? line.raw.length;
      let read = readNumberAfter(line.raw, h.end, regionEnd);
      let readLine = i;
      let score = h.strength;
      // A bare word ("Factura") names only a code in its own cell: past a column gap stands another column's value
      // ("FACTURA ⇥ 951 132 575", a title beside a phone) — unless the word ends a label split over two lines
      // ("Número de" above "factura ⇥ 01358").
      if (read && h.strength < 2 && cellAt(line, read.start) !== cellAt(line, h.start)) {
        if (splitLabelAbove(lines, i, line, h.start, geo)) score = 2.5;
        else read = null;
      }
      // A weak label in a header of item columns ("Número ⇥ Descripción ⇥ Importe") heads item rows.
      if (!read && h.strength <= 2 && hits.some((x) => x.field === "item")) continue;
      if (!read) {
        // Header row: the value sits below the label, in the same column (or alone on the next line); OCR may put
        // a line of noise (a table rule read as text) between them.
        // With a layout, the label's own words place the column: OCR may run a row of headings into one cell
        // ("Serie/Numero Fecha expedición Nº cliente").
        const labelCell = line.cells[cellAt(line, h.start)];
        const [from, to] = geo || !labelCell ? [h.start, h.end] : [labelCell.start, labelCell.end];
        let next = nextContentLine(lines, i);
        for (let step = 0; step < 2 && next && !read; step++) {
          const below =
            (labelCell && cellInColumn(geo, line, from, to, next)) ?? (next.cells.length === 1 ? next.cells[0] : null);
          if (below) read = readNumberAfter(next.raw, below.start, below.end);
          // A postcode opening an address line below ("07001 Palma (Illes Balears)") is not the value.
          if (read && /^\d{5}$/.test(read.value) && /^\s+\p{Lu}\p{Ll}/u.test(next.raw.slice(read.end))) read = null;
          if (read && infos[next.index].hits.some((x) => x.start < read!.end && read!.start < x.end)) read = null;
          readLine = next.index;
          if (!read) next = geo ? nextContentLine(lines, next.index) : null;
        }
        // In a header grid whose rows line up (a date heading of the label's row has a date below it, on the
        // value's line) the label over its value is as good as a label before it.
        if (read && !gridConfirmed(infos, geo, line, hits, lines[readLine])) score -= readLine - i > 1 && !lines.slice(i + 1, readLine).every((l) => !l.raw.trim()) ? 0.7 : 0.5;
      }
      if (!read) continue;
      // A value that is an amount or a phone is never the number; a tax id only when strongly labelled.
      // A number printed in pieces ("F26 000109") is not a tax id even when its digits pass a check digit by chance.
      const inPieces = /\s/.test(lines[readLine].raw.slice(read.start, read.end).replace(/^[A-Z]\s/i, ""));
      if (h.strength < 3 && !inPieces && looksLikeOther(read.value, line.fold, taxIds, false)) continue;
      const misreadMark =
        MISREAD_MARK.test(line.fold.slice(h.start, h.end)) && (readLine !== i || /\t|\s{3}/.test(line.raw.slice(h.end, read.start)));
      found.push({ value: read.value, score, line: i, span: { line: readLine, start: read.start, end: read.end }, labelled: true, misreadMark });
    }
  }
  if (!found.length) {
    // Header values whose labels did not survive OCR ("F2026-2058   16/04/2026   P-72718   01/05/2026"): the
    // first code-like token on an early line that also holds a date; failing that, on one of the first lines.
    // Never a tax id, phone or IBAN, nor a code whose own label says it is something else ("Albarán ALB-1").
    // A series may come in several groups of letters ("MKP-ES-2026-5817722").
    // A year and a sequence joined by a dot ("2025.51"), alone in its cell, is a freelancer's numbering.
    const re =
      /(?<![\p{L}\d\/\-])((?:[A-Z]{1,4}[-\/]){0,2}(?:[A-Z]{1,4}[-\/]?)?\d{2,}(?:[-\/][A-Z0-9]+)+|[A-Z]{1,4}\d{4,}|(?<=^\s*|\t|\s{3})20\d{2}\.\d{2,4}(?=\s*$|\t|\s{3}))(?![\p{L}\d\/\-])/gu;
    const codeOn = (i: number) => {
      const raw = lines[i].raw;
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(raw))) {
        const token = m[1];
        const at = m.index;
        if (infos[i].dates.some((d) => at < d.end && d.start < at + token.length)) continue;
        if ((token.match(/\d/g) ?? []).length < 3) continue;
        const cell = lines[i].cells[cellAt(lines[i], at)];
        const ctx = lines[i].fold.slice(cell ? cell.start : Math.max(0, at - 20), at);
        // The header above it (a row of labels), in its column, says what it is ("Pedido nº", "NIF").
        const prev = lines.slice(Math.max(0, i - 2), i).reverse().find((l) => l.raw.trim());
        const above = prev && cell ? cellInColumn(geo, lines[i], cell.start, cell.end, prev) : null;
        const header = above && prev!.cells.length > 1 && !/\d/.test(above.raw) ? above.fold : "";
        // On a row of header values (it holds a date) a code shaped like an EU VAT id is the number unless labelled.
        if (looksLikeOther(token, `${ctx} ${header}`, taxIds, !header && !infos[i].dates.length)) continue;
        if (OTHER_NUMBER.test(ctx) || /\b(?:ref|n[º°o]\s+de|nif|cif|nie|dni|vat)\b|(?:albar|pedido|order|client|ref)\S*\s*$/.test(ctx)) continue;
        if (OTHER_NUMBER.test(header) || /\b(?:albar\w*|pedido|order|client\w*|ref\w*|nif|cif|vat)\b/.test(header)) continue;
        const span = { line: i, start: at, end: at + token.length };
        // "Factura original nº F26-04790 emitida el …": the invoice a credit note rectifies.
        if (citesAnotherDocument(lines, span)) continue;
        return { value: token, span };
      }
      return null;
    };
    for (let i = 0; i < Math.min(lines.length, 20); i++) {
      if (!infos[i].dates.length) continue;
      const code = codeOn(i);
      if (code) return { ...code, score: 0.5, labelled: false, rivals: 0 };
    }
    for (let i = 0; i < Math.min(lines.length, 8); i++) {
      const code = codeOn(i);
      if (code) return { ...code, score: 0.4, labelled: false, rivals: 0 };
    }
    return null;
  }
  found.sort((a, b) => b.score - a.score || a.line - b.line);
  const best = found[0];
  const norm = (v: string) => v.toUpperCase().replace(/[\s.\-]/g, "");
  const rivals = new Set(found.filter((f) => f.score >= best.score - 0.5 && norm(f.value) !== norm(best.value)).map((f) => norm(f.value))).size;
  return { value: best.value, score: best.score, span: best.span, labelled: true, rivals, misreadMark: best.misreadMark };
}

/**
 * OCR may have read a series letter as a digit ("825/1000" for "B25/1000", "0A-12" for "OA-12"): the value opens with
 * a digit OCR confuses with a letter (0 O, 1 I, 5 S, 6 G, 8 B) and a short head. Not when the value ends with the
 * issue date's year ("1658/25", "061-2026" issued in 2025 or 2026): the year closes it, so its head is a sequence of
 * digits, not a series — unless that head is itself a letter and the year ("825/2025"). Nor when it is three or more
 * groups of digits alone.
 */
export function seriesMayBeMisread(value: string, issueDate: string | null): boolean {
  // Digits, then a letter ("2878N15433593" for "Z878N…"): series open with letters, and each of these digits is one
  // OCR reads for a letter (0 O, 1 I, 2 Z, 4 A, 5 S, 6 G, 7 T, 8 B).
  if (/^[0124-8]\d*[A-Z]/.test(value)) return true;
  if (!/^[01568][\dA-Z]{1,3}[\/\-]/.test(value)) return false;
  // Three or more groups of digits alone ("039-007-879356": shop, till, sequence) are a till's numbering, not a
  // series and a number.
  if (/^\d+(?:[\/\-]\d+){2,}$/.test(value)) return false;
  const year = issueDate?.slice(0, 4);
  if (!year || !/^\d+[\/\-]/.test(value)) return true;
  // A head that reads as a letter and the year ("825/2025": "B25/2025") keeps the doubt whatever follows.
  if (new RegExp(`^\\d${year.slice(2)}[\\/\\-]`).test(value)) return true;
  return !new RegExp(`^\\d+[\\/\\-](?:.*[\\/\\-])?(?:${year}|${year.slice(2)})$`).test(value);
}
