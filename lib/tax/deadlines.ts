/**
 * Filing deadlines of the quarterly returns, moved off weekends and Spanish national holidays. Pure, ISO dates.
 *
 * Rules and sources:
 * - 303 and 130: 1–20 April, 1–20 July, 1–20 October, 1–30 January (Q4). RIVA art. 71.4 (Real Decreto 1624/1992)
 *   and RIRPF art. 109.1 (Real Decreto 439/2007): "en los veinte primeros días naturales de los meses de abril,
 *   julio, octubre y enero", the Q4 period extended to 30 January by the Orden EHA/3786/2008 (303) and the
 *   Orden EHA/672/2007 (130).
 * - 111 and 115: the first 20 days of April, July, October and January (RIRPF art. 108.1 and RIS art. 69): the
 *   Q4 return is due 20 January, not 30.
 * - A last day that is not a working day moves to the next working day: Ley 58/2003 General Tributaria art. 48.3
 *   → Ley 39/2015 art. 30.5 ("cuando el último día del plazo sea inhábil, se entenderá prorrogado al primer día
 *   hábil siguiente"); Saturdays are non-working days since Ley 39/2015 art. 30.2.
 * - National holidays: computed, not tabled. The ten days every region keeps (Estatuto de los Trabajadores art.
 *   37.2, Real Decreto 2001/1983 art. 45, and the yearly resolution of the Dirección General de Trabajo in the BOE):
 *   1 and 6 January, Good Friday (Easter-based, computed below), 1 May, 15 August, 12 October, 1 November, 6, 8 and
 *   25 December. Regional and local holidays (Holy Thursday, Easter Monday, a region moving a Sunday holiday to
 *   Monday) are not applied: the AEAT's electronic office keeps the national calendar. Of these only Good Friday
 *   can ever land on a deadline (20 April, e.g. in 2057).
 */
import type { Quarter } from "@/lib/tax/quarters";

export type TaxModel = "303" | "130" | "111" | "115";
export const TAX_MODELS: readonly TaxModel[] = ["303", "130", "111", "115"];

const pad = (n: number) => String(n).padStart(2, "0");
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(year, month, day);
}

function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split("-").map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return iso(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** The national holidays of a year, ISO, sorted. */
export function nationalHolidays(year: number): string[] {
  const fixed = ["01-01", "01-06", "05-01", "08-15", "10-12", "11-01", "12-06", "12-08", "12-25"].map((md) => `${year}-${md}`);
  return [...fixed, addDays(easterSunday(year), -2)].sort();
}

/** Saturday, Sunday or a national holiday. */
export function isNonWorkingDay(isoDate: string): boolean {
  const [y, m, d] = isoDate.split("-").map(Number);
  const dow = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return dow === 0 || dow === 6 || nationalHolidays(y).includes(isoDate);
}

/** The day itself when it is a working day, else the next working day. */
export function nextWorkingDay(isoDate: string): string {
  let d = isoDate;
  while (isNonWorkingDay(d)) d = addDays(d, 1);
  return d;
}

/** The last day of the legal period, before any move off a non-working day. */
export function nominalDeadline(model: TaxModel, { year, q }: Quarter): string {
  if (q === 4) return iso(year + 1, 1, model === "303" || model === "130" ? 30 : 20);
  return iso(year, [4, 7, 10][q - 1], 20);
}

/** The last day to file `model` for the quarter. */
export function filingDeadlineFor(model: TaxModel, quarter: Quarter): string {
  return nextWorkingDay(nominalDeadline(model, quarter));
}

/** Every model's deadline for the quarter. */
export function quarterDeadlines(quarter: Quarter): Record<TaxModel, string> {
  return {
    "303": filingDeadlineFor("303", quarter),
    "130": filingDeadlineFor("130", quarter),
    "111": filingDeadlineFor("111", quarter),
    "115": filingDeadlineFor("115", quarter),
  };
}

/** Whole days from `today` to `deadline` (ISO both); negative once past. */
export function daysUntil(deadline: string, today: string): number {
  const t = (s: string) => {
    const [y, m, d] = s.split("-").map(Number);
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((t(deadline) - t(today)) / 86_400_000);
}
