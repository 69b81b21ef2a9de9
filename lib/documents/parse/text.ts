/**
 * The parser's text model: lines of cells (a PDF text layer separates cells by tabs, OCR by runs of spaces),
 * folded (lower case, no accents) with indexes kept, and columns across lines by position when there is a layout.
 */
export type Cell = { raw: string; fold: string; start: number; end: number };
export type Line = { index: number; raw: string; fold: string; cells: Cell[] };

/**
 * Lower-case, accents removed, "i.v.a." → "iva  " — character by character, so that indexes in the folded
 * string are indexes in the original line.
 */
export function foldText(s: string): string {
  let out = "";
  for (const ch of s) {
    const base = ch.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
    out += base.length === ch.length ? base : ch.length === 1 ? (base[0] ?? " ") : ch;
  }
  // Dotted abbreviations (N.I.F., I.V.A., R.E.) → plain words padded with spaces to keep the length.
  return out.replace(/\b(?:[a-z]\.\s?){2,}/g, (m) => {
    const letters = m.replace(/[.\s]/g, "");
    return letters + " ".repeat(m.length - letters.length);
  });
}

export function toLines(text: string): Line[] {
  return text
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((raw, index) => {
      const line = raw
        .replace(/[\u00a0\u2007\u202f]/g, " ")
        .replace(/\s+$/, "")
        // OCR splits decimals: "19, 43" → "19,43"
        .replace(/(?<=\d)([,.]) (?=\d{2}(?!\d))/g, "$1");
      const fold = foldText(line);
      const cells: Cell[] = [];
      const re = /[^\t]+?(?=\t| {3,}|$)/g;
      let m: RegExpExecArray | null;
      while ((m = re.exec(line))) {
        const lead = m[0].length - m[0].trimStart().length;
        const text = m[0].trim();
        if (text) {
          const start = m.index + lead;
          cells.push({ raw: text, fold: fold.slice(start, start + text.length), start, end: start + text.length });
        }
        if (m[0].length === 0) re.lastIndex++;
      }
      return { index, raw: line, fold, cells };
    });
}

/** Horizontal extent (page fraction) of characters of a line; null without a layout or without words there. */
export type Geo = ((line: number, start: number, end: number) => { x0: number; x1: number } | null) | null;

/**
 * The cell of `other` in the same column as characters [start, end) of `line`: the one overlapping them most
 * horizontally when the text came with a layout; otherwise (or when nothing overlaps) the cell with the same
 * index, when both lines have as many cells.
 */
export function cellInColumn(geo: Geo, line: Line, start: number, end: number, other: Line): Cell | null {
  const a = geo?.(line.index, start, end);
  if (geo && a) {
    const best = mostOverlapping(a, other.cells, (c) => geo(other.index, c.start, c.end));
    if (best) return best;
  }
  return other.cells.length === line.cells.length ? other.cells[cellAt(line, start)] : null;
}

/** The item whose horizontal extent overlaps `a` most; null when none overlaps. */
export function mostOverlapping<T>(a: { x0: number; x1: number }, items: T[], extent: (item: T) => { x0: number; x1: number } | null): T | null {
  let best: T | null = null;
  let bestOverlap = 0;
  for (const item of items) {
    const b = extent(item);
    if (!b) continue;
    const overlap = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
    if (overlap > bestOverlap) {
      bestOverlap = overlap;
      best = item;
    }
  }
  return best;
}

export function cellAt(line: Line, pos: number): number {
  const i = line.cells.findIndex((c) => pos >= c.start && pos < c.end);
  if (i >= 0) return i;
  const j = line.cells.findIndex((c) => c.start > pos);
  return j < 0 ? line.cells.length - 1 : j;
}

/**
 * On the next line with content after line `after` (within two lines), the cell in the same column as characters
 * [start, end) of `line` (`cellInColumn`): what a heading has below it, or whether its column goes on.
 */
export function nextCellInColumn(geo: Geo, lines: Line[], after: number, line: Line, start: number, end: number): { line: Line; cell: Cell } | null {
  const next = nextContentLine(lines, after);
  const cell = next ? cellInColumn(geo, line, start, end, next) : null;
  return next && cell ? { line: next, cell } : null;
}

/** The next line with content, if it comes within two lines. */
export function nextContentLine(lines: Line[], i: number): Line | null {
  for (let j = i + 1; j < Math.min(lines.length, i + 3); j++) if (lines[j].raw.trim()) return lines[j];
  return null;
}
