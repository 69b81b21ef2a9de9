/**
 * Calendar quarters of the Spanish quarterly returns (303 / 130 / 111), on ISO dates (yyyy-mm-dd).
 * A quarter is *closed* once its filing period has ended: 20 April, 20 July, 20 October and 30 January.
 * Also: the current and previous quarter, and the "2026-T1" key used in URLs. All pure except `todayInMadrid` and
 * `currentQuarter`, which read the clock unless they are given `now`.
 */

export type Quarter = { year: number; q: 1 | 2 | 3 | 4 };

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function quarterOf(iso: string): Quarter | null {
  const m = ISO.exec(iso);
  if (!m) return null;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  return { year: Number(m[1]), q: (Math.floor((month - 1) / 3) + 1) as Quarter["q"] };
}

/** First and last day of a quarter, ISO. */
export function quarterRange({ year, q }: Quarter): { from: string; to: string } {
  const startMonth = (q - 1) * 3 + 1;
  const endMonth = startMonth + 2;
  const lastDay = new Date(Date.UTC(year, endMonth, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, "0");
  return { from: `${year}-${pad(startMonth)}-01`, to: `${year}-${pad(endMonth)}-${pad(lastDay)}` };
}

/** The last day to file the quarter's returns. */
export function filingDeadline({ year, q }: Quarter): string {
  return q === 4 ? `${year + 1}-01-30` : `${year}-${["04", "07", "10"][q - 1]}-20`;
}

/** True when the quarter containing `iso` was closed (its filing period over) on `today`. */
export function isInClosedQuarter(iso: string, today: string): boolean {
  const q = quarterOf(iso);
  return q !== null && filingDeadline(q) < today;
}

/** "2026-T1" style key used in URLs, and its parser. */
export function quarterKey({ year, q }: Quarter): string {
  return `${year}-T${q}`;
}
export function parseQuarterKey(s: string | null | undefined): Quarter | null {
  const m = /^(\d{4})-T([1-4])$/.exec(s ?? "");
  return m ? { year: Number(m[1]), q: Number(m[2]) as Quarter["q"] } : null;
}
export function quarterLabel({ year, q }: Quarter): string {
  return `${q}T ${year}`;
}

/** Today's date in Spain (ISO), the reference for "future" and "closed quarter". */
export function todayInMadrid(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Madrid", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** The quarter containing today in Spain. */
export function currentQuarter(now: Date = new Date()): Quarter {
  return quarterOf(todayInMadrid(now))!;
}

export function previousQuarter({ year, q }: Quarter): Quarter {
  return q === 1 ? { year: year - 1, q: 4 } : { year, q: (q - 1) as Quarter["q"] };
}
