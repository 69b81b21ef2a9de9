/** Dates in numeric, ISO and written forms (Spanish, Catalan, Galician and English), on folded text. */

export const MONTHS: Record<string, number> = {
  enero: 1, ene: 1, january: 1, jan: 1,
  febrero: 2, feb: 2, february: 2,
  marzo: 3, mar: 3, march: 3,
  abril: 4, abr: 4, april: 4, apr: 4,
  mayo: 5, may: 5,
  junio: 6, jun: 6, june: 6,
  julio: 7, jul: 7, july: 7,
  agosto: 8, ago: 8, august: 8, aug: 8,
  septiembre: 9, setiembre: 9, sept: 9, sep: 9, september: 9,
  octubre: 10, oct: 10, october: 10,
  noviembre: 11, nov: 11, november: 11,
  diciembre: 12, dic: 12, december: 12, dec: 12,
  // Catalan ("1 de maig de 2025", "5 d'agost de 2025") and Galician ("3 de xullo de 2025"), folded.
  gener: 1, febrer: 2, marc: 3, maig: 5, juny: 6, juliol: 7, agost: 8, setembre: 9, novembre: 11, desembre: 12,
  xaneiro: 1, febreiro: 2, maio: 5, xuno: 6, xullo: 7, setembro: 9, outubro: 10, novembro: 11, decembro: 12,
};
export const MONTH_RE = Object.keys(MONTHS).sort((a, b) => b.length - a.length).join("|");

export type DateToken = { iso: string; start: number; end: number };

export function isoDate(y: number, m: number, d: number): string | null {
  if (y < 100) y += 2000;
  if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

export const DATE_PATTERNS: { re: RegExp; read: (m: RegExpExecArray) => string | null }[] = [
  // 2026-03-15, 2026/03/15
  { re: /(?<![\d\/.-])(\d{4})[-\/.](\d{1,2})[-\/.](\d{1,2})(?![\d\/.-]?\d)/g, read: (m) => isoDate(+m[1], +m[2], +m[3]) },
  // 15/03/2026, 15-03-26, 15.03.2026 (day first; month first only when the day cannot be a month)
  {
    re: /(?<![\d\/.-])(\d{1,2})\s?([-\/.])\s?(\d{1,2})\s?\2\s?(\d{4}|\d{2})(?![\d\/.-]?\d)/g,
    read: (m) => isoDate(+m[4], +m[3], +m[1]) ?? isoDate(+m[4], +m[1], +m[3]),
  },
  // 15 de marzo de 2026, 15 March 2026, 15-mar-2026, 1st March, 2026, OCR's "6jun. 2025"
  {
    re: new RegExp(`(?<!\\d)(\\d{1,2})(?:º|st|nd|rd|th)?\\s*(?:de\\s*|d['’]\\s*|[-/.]\\s*)?(${MONTH_RE})\\.?(?!(?!del?\\s*\\d)[a-z])\\s*(?:de(?:l)?\\s*|[-/.,]\\s*)?(\\d{4})(?!\\d)`, "g"),
    read: (m) => isoDate(+m[3], MONTHS[m[2]], +m[1]),
  },
  // March 15, 2026; OCR's "April 1,2025", "May 4.2025"
  {
    re: new RegExp(`(?<![a-z])(${MONTH_RE})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:[,.]\\s*|\\s+)(\\d{4})(?!\\d)`, "g"),
    read: (m) => isoDate(+m[3], MONTHS[m[1]], +m[2]),
  },
];

/** Date tokens of a folded line. */
export function findDates(fold: string): DateToken[] {
  const out: DateToken[] = [];
  for (const { re, read } of DATE_PATTERNS) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(fold))) {
      const iso = read(m);
      const start = m.index;
      const end = m.index + m[0].length;
      if (iso && !out.some((d) => start < d.end && d.start < end)) out.push({ iso, start, end });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
