/**
 * The one IVA module: the unit rates are kept in, the rate lists, cuota and totals. The parser (to choose between
 * readings), the review checks and the tax returns all use these functions. Pure; no I/O.
 *
 * Units: amounts are integer cents; rates are basis points, hundredths of a percent (21 % = 2100, 5,2 % = 520), so
 * that no float ever touches money. Percentages appear only at the edges: text as printed (`percentToBp`), the
 * database's numeric(5,2) strings (`numericToBp`, `bpToNumeric`), the CLI's JSON (`bpToPercent`) and display
 * (`formatRate`).
 */
import { formatPercent } from "@/lib/money";

/** A rate in basis points (hundredths of a percent): 21 % = 2100. */
export type RateBp = number;

/** IVA rates in force in Spain: general 21 %, reduced 10 %, 5 % (some foods and energy), super-reduced 4 %, 0 %. */
export const SPANISH_VAT_RATES_BP: readonly RateBp[] = [2100, 1000, 500, 400, 0];

/**
 * Rates an invoice from Spain or another EU country may print (0 excluded: a 0 % row proves nothing in the
 * arithmetic). Spanish first, then other member states' standard and reduced rates.
 */
export const VAT_RATES_BP: readonly RateBp[] = [
  2100, 1000, 400, 500, 200, 700, 750, 1200, 1300, 1500, 1600, 1700, 1800, 1900, 2000, 2200, 2300, 2400, 2500, 2700,
];

/** Recargo de equivalencia rates (current: 5,2 / 1,4 / 0,5 / 1,75; and older ones still seen on invoices). */
export const RECARGO_RATES_BP: readonly RateBp[] = [520, 140, 50, 175, 62, 26, 400, 100];

/** The recargo de equivalencia that goes with each IVA rate (LIVA art. 161): 21 → 5,2; 10 → 1,4; 5 → 0,62; 4 → 0,5; 2 → 0,26. */
export const RECARGO_FOR_VAT_BP: Readonly<Record<RateBp, RateBp>> = { 2100: 520, 1000: 140, 500: 62, 400: 50, 200: 26 };

/**
 * A line's recargo rate: the one that goes with its IVA rate, unless the amount charged is that of another recargo
 * rate (tobacco: IVA 21 %, recargo 1,75 %). Read from the arithmetic, within a cent; null when the line charges none
 * or the amount matches no rate and its IVA rate has none.
 */
export function recargoRateOf(line: { rateBp: RateBp; baseCents: number; recargoCents: number }): RateBp | null {
  if (line.recargoCents === 0) return null;
  const usual = RECARGO_FOR_VAT_BP[line.rateBp] ?? null;
  if (usual !== null && near(cuota(line.baseCents, usual), line.recargoCents)) return usual;
  return RECARGO_RATES_BP.find((r) => near(cuota(line.baseCents, r), line.recargoCents)) ?? usual;
}

/**
 * IRPF withholding rates seen on Spanish invoices: 15 % professionals (7 % the first years), 19 % rent and capital,
 * 1 % and 2 % some activities in módulos, 20/21/24 % for others and non-residents.
 */
export const IRPF_RATES_BP: readonly RateBp[] = [1500, 700, 1900, 100, 200, 2000, 2100, 2400];

/** Cents of tolerance in every arithmetic comparison (rounding per line on the printed invoice). */
export const TOLERANCE_CENTS = 1;

export const isUsualSpanishRate = (rateBp: RateBp) => SPANISH_VAT_RATES_BP.includes(rateBp);
export const isKnownVatRate = (rateBp: RateBp) => VAT_RATES_BP.includes(rateBp);
export const isRecargoRate = (rateBp: RateBp) => RECARGO_RATES_BP.includes(rateBp);

/** |a − b| within `tol` cents. */
export function near(a: number, b: number, tol = TOLERANCE_CENTS): boolean {
  return Math.abs(a - b) <= tol;
}

/** Rounds to the cent, half away from zero (the rounding the AEAT forms and invoices use). */
export function roundHalfAwayFromZero(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

/** The cuota of a base at a rate (IVA, recargo or IRPF): base × rate, rounded half away from zero, in cents. */
export function cuota(baseCents: number, rateBp: RateBp): number {
  return roundHalfAwayFromZero((baseCents * rateBp) / 10_000);
}

/** The base a cuota comes from at a rate (cuota ÷ rate), rounded to the cent; null for a 0 % rate. */
export function baseFromCuota(vatCents: number, rateBp: RateBp): number | null {
  return rateBp === 0 ? null : roundHalfAwayFromZero((vatCents * 10_000) / rateBp);
}

/** One IVA line of an invoice: a rate with its base and cuota, and recargo de equivalencia when charged. */
export type TaxLine = { baseCents: number; vatCents: number; recargoCents?: number | null };

export type Totals = { baseCents: number; vatCents: number; recargoCents: number };

/** Σ base, Σ IVA and Σ recargo of some lines. */
export function totalsOf(lines: readonly { baseCents: number | null; vatCents: number | null; recargoCents?: number | null }[]): Totals {
  return lines.reduce<Totals>(
    (t, l) => ({
      baseCents: t.baseCents + (l.baseCents ?? 0),
      vatCents: t.vatCents + (l.vatCents ?? 0),
      recargoCents: t.recargoCents + (l.recargoCents ?? 0),
    }),
    { baseCents: 0, vatCents: 0, recargoCents: 0 },
  );
}

/** What an invoice's total must be: base + IVA − IRPF + recargo. */
export function invoiceTotal(f: { baseCents: number; vatCents: number; irpfCents?: number | null; recargoCents?: number | null }): number {
  return f.baseCents + f.vatCents - (f.irpfCents ?? 0) + (f.recargoCents ?? 0);
}

/** The total some lines and a withholding add up to (incomplete lines count as zero). */
export function expectedTotal(input: { lines: readonly { baseCents: number | null; vatCents: number | null; recargoCents?: number | null }[]; irpfCents: number | null }): number {
  return invoiceTotal({ ...totalsOf(input.lines), irpfCents: input.irpfCents });
}

/**
 * base + IVA − IRPF + recargo = total, exactly; with signs as printed or, failing that, all taken as magnitudes
 * (credit notes print signs inconsistently: "Subtotal -3,51 / IVA 0,74 / Total 4,25").
 */
export function figuresAddUp(f: { base: number; vat: number; irpf: number; recargo: number; total: number }): boolean {
  const sign = Math.sign(f.base) || 1;
  if (f.base + f.vat - sign * Math.abs(f.irpf) + f.recargo === f.total) return true;
  const mixed = [f.base, f.vat, f.total, f.recargo].some((x) => x < 0);
  return mixed && Math.abs(f.base) + Math.abs(f.vat) - Math.abs(f.irpf) + Math.abs(f.recargo) === Math.abs(f.total);
}

/**
 * The IRPF rate a withholding on a base comes from, when it is one of the usual rates (± 0,15 points: the printed
 * withholding is rounded); null otherwise. Both amounts as magnitudes.
 */
export function irpfRateOf(baseCents: number, irpfCents: number): RateBp | null {
  if (baseCents === 0) return null;
  const bp = (Math.abs(irpfCents) * 10_000) / Math.abs(baseCents);
  return IRPF_RATES_BP.find((r) => Math.abs(r - bp) < 15) ?? null;
}

// ───────────────────────────────────────────── units at the edges ─────────────────────────────────────────────

/**
 * A percentage as printed or typed ("21", "5,2", "5.20", 10.5) → basis points, read from its digits (no float
 * multiplication); null when it is not a percentage with at most two decimals.
 */
export function percentToBp(p: string | number): RateBp | null {
  const s = (typeof p === "number" ? String(p) : p).trim().replace(",", ".");
  const m = /^(-)?(\d{1,3})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const bp = Number(m[2]) * 100 + Number(((m[3] ?? "") + "00").slice(0, 2));
  return m[1] ? -bp : bp;
}

/** Basis points → a percentage number (2100 → 21, 520 → 5.2), for JSON records. */
export function bpToPercent(bp: RateBp): number {
  return bp / 100;
}

/** A numeric(5,2) string from the database ("21.00", "5.20") → basis points (2100, 520). */
export function numericToBp(s: string | null | undefined): RateBp | null {
  if (s === null || s === undefined || s === "") return null;
  return percentToBp(s);
}

/** Basis points → the database's numeric(5,2) string (520 → "5.20"). */
export function bpToNumeric(bp: RateBp): string {
  const sign = bp < 0 ? "-" : "";
  const a = Math.abs(bp);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, "0")}`;
}

/** A rate for Spanish readers: 2100 → "21 %", 520 → "5,2 %". */
export function formatRate(bp: RateBp): string {
  return formatPercent(bpToPercent(bp));
}
