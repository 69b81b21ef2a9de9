/**
 * The issue date: every date on the page is a candidate, scored by its label (positive: "Fecha de emisión",
 * "Fecha factura", "Invoice date"; negative: due, order, delivery, contract, travel, arrival/departure, charge and
 * billing-period dates), its place (a header row above it, the header of the page) and consistency (not inside
 * a "del … al …" range, not after the due date). Pure.
 */
import type { DateToken } from "@/lib/documents/parse/dates";
import type { LabelHit } from "@/lib/documents/parse/labels";
import { cellAt, cellInColumn, foldText, nextCellInColumn, type Geo, type Line } from "@/lib/documents/parse/text";

type Span = { line: number; start: number; end: number };
export type DateInfo = { hits: LabelHit[]; dates: DateToken[] };
/** `rivals`: other values about as strongly supported; `only`: no other date on the page at all. */
export type DatePick = { value: string; score: number; span: Span; rivals: number; afterDue: boolean; only: boolean };

/** Words that make a date another date than the issue date. */
export const ISSUE_NEGATIVE =
  /(?:original|rectific\w*)|\b(?:vencimiento|venc\.|vto\.?|vencen?|due|mes|pedido|order|entrega|delivery|albaran|periodo|period|valid\w*|validez|caducidad|hasta|desde|until|contrato|contract|nacimiento|billing|llegada|arrival|salida|departure|check[\s-]?in|check[\s-]?out|entrada|cargo|adeudo|charge|debit|cobro|lectura|reading|viaje|travel|trayecto|curso|impartido|inicio|alta|baja|servicio|service|consumo|suministro|pago|payment|paid|limite|renovacion|expira|expiry|reserva|booking|ref|alb|compra|purchase|venciment|lliurament|comanda|pagament|periode|albara)\b/;
const DUE = /\b(?:vencimiento|venciment|venc\.|vto\.?|vencen?|due|fecha\s+(?:limite\s+)?de\s+pago|plazo\s+de\s+pago|payment\s+due|pagar\s+antes|limite)\b/;

const WEEKDAY = /\b(?:lunes|martes|miercoles|jueves|viernes|sabado|domingo|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)\b\.?/g;

/** A letter's place and date, which dates the document: "En Valencia, a 4 de diciembre de 2025", "Madrid, a jueves, 5 …". */
const PLACE_AND_DATE = /^\s*(?:en\s+)?\p{L}[\p{L} .'\-]{1,30},\s*a\s+(?:(?:lunes|martes|miercoles|jueves|viernes|sabado|domingo),?\s+)?$/u;

/** Dates joined as a range ("del 1/3 al 31/3", "01/03/2025 – 31/03/2025", "1 Mar – 31 Mar 2025"). */
function inRange(line: Line, dates: DateToken[], d: number): boolean {
  const date = dates[d];
  const prev = dates[d - 1];
  const next = dates[d + 1];
  const joint = /^\s*(?:[-–—~]|al|a|hasta|to|until|y)\s*$/;
  if (next && joint.test(line.fold.slice(date.end, next.start))) return true;
  if (prev && joint.test(line.fold.slice(prev.end, date.start))) return true;
  // "del 1 al 31 de marzo de 2025", "1 al 30 de junio", OCR's "1al30 de junio": a day, then the date ending the range.
  if (/(?:^|[^\d\/.,:])\d{1,2}(?:\s*(?:al|a|hasta|to)\s*|[-–—])$/.test(line.fold.slice(Math.max(0, date.start - 20), date.start))) return true;
  return false;
}

/**
 * The next line with content has a date in the same column as characters [start, end) of line `i` (the date, or
 * its cell without a layout). A date inside a sentence below ("Albarán 26-26927 de 27/03/2026 - Su pedido …"), words
 * before it in its cell, is not a column of dates.
 */
function dateColumnGoesOn(lines: Line[], infos: DateInfo[], i: number, start: number, end: number, geo: Geo): boolean {
  const below = nextCellInColumn(geo, lines, i, lines[i], start, end);
  if (!below) return false;
  const { line, cell } = below;
  return infos[line.index].dates.some((d) => d.start < cell.end && d.end > cell.start && !/\p{L}{2,}/u.test(line.fold.slice(cell.start, d.start).replace(WEEKDAY, "")));
}

export function findIssueDate(lines: Line[], infos: DateInfo[], geo: Geo = null): DatePick | null {
  const found: { value: string; score: number; line: number; pos: number; span: Span }[] = [];
  const dueDates: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const { dates, hits } = infos[i];
    for (let d = 0; d < dates.length; d++) {
      const date = dates[d];
      // The label is in the date's own cell ("Fecha: 15/03/2026") or, when the date opens its cell,
      // in the cell before it ("Fecha emisión ⇥ 23/04/2025").
      const ci = cellAt(line, date.start);
      const cell = line.cells[ci];
      // A weekday is part of the date ("Fecha emisión ⇥ jueves, 23 de enero de 2025").
      const opensCell = cell && !line.fold.slice(cell.start, date.start).replace(WEEKDAY, "").replace(/[\s:,—–\-]/g, "");
      const cellStart = (opensCell && ci > 0 ? line.cells[ci - 1]?.start : cell?.start) ?? 0;
      const prevDateEnd = d > 0 ? dates[d - 1].end : 0;
      const from = Math.max(prevDateEnd, cellStart);
      const context = line.fold.slice(from, date.start);
      const labels = hits.filter((h) => h.start >= from && h.end <= date.start && (h.field === "date" || h.field === "due"));
      const last = labels[labels.length - 1];
      let score = 0.5; // an unlabelled date
      if (last?.field === "date" && last.strength >= 3 && !ISSUE_NEGATIVE.test(line.fold.slice(last.end, date.start))) score = last.strength;
      else if (ISSUE_NEGATIVE.test(context) || last?.field === "due") score = -1;
      else if (last?.field === "date") score = last.strength;
      else if (!labels.length && PLACE_AND_DATE.test(line.fold.slice(0, date.start)) && !ISSUE_NEGATIVE.test(line.fold.slice(date.end))) score = 2.5;
      else if (!labels.length) {
        // Label in the header row above, same column.
        const prev = i > 0 ? lines[i - 1] : null;
        // With a layout the date's own words place its column: OCR may run a row of values into one cell
        // ("A-2025/2763 23/09/2025").
        const [from, to] = geo ? [date.start, date.end] : [cell?.start ?? 0, cell?.end ?? 0];
        const found = prev && prev.cells.length > 1 && cell ? cellInColumn(geo, line, from, to, prev) : null;
        // A cell above that holds a date of its own ("Fecha: 19/06/2025") is a labelled value, not a column heading.
        const header = found && !infos[i - 1].dates.some((x) => x.start < found.end && x.end > found.start) ? found : null;
        if (prev && header) {
          const hf = foldText(header.raw);
          if (/\b(?:fecha\s+(?:de\s+)?(?:emision|expedicion|factura)|invoice\s+date|issue\s+date|fec\.?\s+emision)\b/.test(hf)) score = 2.8;
          else if (ISSUE_NEGATIVE.test(hf)) score = -1;
          // A bare "Fecha" heading a column that goes on with dates below is a table's column of line dates
          // (nights of a stay, deliveries, calls), not the document's date.
          else if (/\b(?:fecha|date)\b/.test(hf)) score = dateColumnGoesOn(lines, infos, i, from, to, geo) ? 0.5 : 2.5;
          if (DUE.test(hf)) dueDates.push(date.iso);
        } else if (prev && prev.cells.length === 1 && line.cells.length === 1) {
          const hf = prev.fold;
          if (/^\s*(?:fecha|date)[\w\s]*:?\s*$/.test(hf)) score = ISSUE_NEGATIVE.test(hf) ? -1 : 2;
        }
      }
      if (DUE.test(context)) dueDates.push(date.iso);
      if (score > 0 && inRange(line, dates, d)) score = -1;
      // "Ticket original: FS097-510956 / de fecha 28/03/26": a date that goes on from the line above takes its words.
      if (score > 0 && i > 0 && /^\s*(?:de|del|con)\s+(?:fecha|data)\b[\s:]*$/.test(line.fold.slice(0, date.start)) && ISSUE_NEGATIVE.test(lines[i - 1].fold)) score = -1;
      found.push({ value: date.iso, score, line: i, pos: date.start, span: { line: i, start: date.start, end: date.end } });
    }
  }
  const usable = found.filter((f) => f.score > 0);
  if (!usable.length) return null;
  usable.sort((a, b) => b.score - a.score || a.line - b.line || a.pos - b.pos);
  const best = usable[0];
  const rivals = new Set(usable.filter((f) => f.score >= best.score - 0.5 && f.value !== best.value).map((f) => f.value)).size;
  const afterDue = dueDates.some((due) => best.value > due);
  const only = new Set(found.map((f) => f.value)).size === 1;
  return { value: best.value, score: best.score, span: best.span, rivals, afterDue, only };
}
