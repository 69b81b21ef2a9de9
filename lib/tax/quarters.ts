/**
 * Calendar quarters of the Spanish quarterly returns (303 / 130 / 111). Pure. The ISO-date basics (range, filing
 * deadline, keys, today in Madrid) live in lib/invoices/quarter.ts and are re-exported here, so tax code has one
 * import; this module adds what the assistant and tax summaries need: the current and previous quarter, and a
 * lenient parser for the ways people and models write a quarter ("2026-T1", "1T 2026", "2026-Q1", "T1 2026").
 */
import { quarterOf, quarterRange, todayInMadrid, type Quarter } from "@/lib/invoices/quarter";

export {
  filingDeadline,
  isInClosedQuarter,
  parseQuarterKey,
  quarterKey,
  quarterLabel,
  quarterOf,
  quarterRange,
  todayInMadrid,
  type Quarter,
} from "@/lib/invoices/quarter";

/** The quarter containing today in Spain. */
export function currentQuarter(now: Date = new Date()): Quarter {
  return quarterOf(todayInMadrid(now))!;
}

export function previousQuarter({ year, q }: Quarter): Quarter {
  return q === 1 ? { year: year - 1, q: 4 } : { year, q: (q - 1) as Quarter["q"] };
}

/** Parses "2026-T1", "2026-Q1", "1T 2026", "T1 2026", "Q1/2026"; null when it is not a quarter. */
export function parseQuarter(s: string): Quarter | null {
  const t = s.trim().toUpperCase();
  let year: number;
  let q: number;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})\s*[-/ ]?\s*[TQ]([1-4])$/.exec(t))) [year, q] = [Number(m[1]), Number(m[2])];
  else if ((m = /^(?:([1-4])\s*[TQ]|[TQ]([1-4]))\s*[-/ ]?\s*(\d{4})$/.exec(t)))
    [year, q] = [Number(m[3]), Number(m[1] ?? m[2])];
  else return null;
  if (year < 1900 || year > 2999) return null;
  return { year, q: q as Quarter["q"] };
}

/** True when `iso` (yyyy-mm-dd) falls inside the quarter. */
export function inQuarter(iso: string, quarter: Quarter): boolean {
  const { from, to } = quarterRange(quarter);
  return iso >= from && iso <= to;
}
