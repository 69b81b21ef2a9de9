/**
 * Choosing between readings of OCR'd tax rows with the arithmetic of Spanish invoices (the maths itself — rates,
 * cuota, totals — is `lib/tax/vat.ts`): per IVA rate, base × rate = cuota (± 1 cent); recargo de equivalencia
 * likewise; and Σ base + Σ IVA − IRPF + Σ recargo = total. Pure functions on cents and basis points.
 */
import { SPANISH_VAT_RATES_BP, VAT_RATES_BP, cuota, isKnownVatRate, isRecargoRate, near, type RateBp } from "@/lib/tax/vat";

/** An amount as the parser found it: `cents` as printed, whether it had decimals, how many digits. */
export type RowAmount = { cents: number; decimals: boolean; digits: number };
export type Reading = { cents: number; lossy: boolean };

/**
 * Ways to read an amount: as printed when it has decimals; when it has none but at least three digits, also as a
 * figure whose decimal comma OCR lost ("2354" → 23,54). A whole number as printed is not offered: in a tax row it
 * is more often a quantity or a misread than whole euros.
 */
export function readings(a: RowAmount): Reading[] {
  const out: Reading[] = [];
  if (a.decimals) out.push({ cents: a.cents, lossy: false });
  else if (a.digits >= 3 && a.cents % 100 === 0) out.push({ cents: a.cents / 100, lossy: true });
  return out;
}

/** A rate as printed, and (for recargo) the rate whose decimal point OCR lost ("52%" → 5,2 %, "05%" → 0,5 %). */
function recargoRates(printed: RateBp): { rateBp: RateBp; lossy: boolean }[] {
  const out: { rateBp: RateBp; lossy: boolean }[] = [];
  if (isRecargoRate(printed)) out.push({ rateBp: printed, lossy: false });
  if (printed % 100 === 0 && isRecargoRate(printed / 10)) out.push({ rateBp: printed / 10, lossy: true });
  return out;
}

export type TaxRowMatch = {
  rateBp: RateBp;
  baseCents: number;
  vatCents: number;
  recargoCents: number;
  /** Indexes (into the amounts given) of the base, the quota and the recargo (−1: none). */
  base: number;
  vat: number;
  recargo: number;
  /** True when a reading had to assume a lost decimal comma: keep the row only if the totals confirm it. */
  tentative: boolean;
  /** A recargo found only by reading a lost decimal point or comma ("52%" → 5,2 %), for the totals to confirm. */
  lossyRecargo?: { cents: number; index: number };
};

/**
 * A row of a tax summary table: among the row's amounts (in reading order), a base and a later quota with
 * base × rate = quota for one of the row's printed rates; then, after the quota, a recargo amount for another
 * printed rate. Readings as printed are tried before lossy ones; then (unless `misread: false`) a usual rate in
 * place of a printed one OCR may have misread.
 */
export function matchTaxRow(amounts: RowAmount[], rates: RateBp[], opts: { misread?: boolean } = {}): TaxRowMatch | null {
  const m = matchRow(amounts, rates);
  if (m || !rates.length || opts.misread === false) return m;
  // The printed rate misread ("16%" for 10 %, "ax" for 4 %): a usual Spanish rate, tentative (the totals decide).
  const usual = SPANISH_VAT_RATES_BP.filter((r) => r > 0 && !rates.includes(r));
  const f = matchRow(amounts, [...usual, ...rates]);
  return f ? { ...f, tentative: true } : null;
}

function matchRow(amounts: RowAmount[], rates: RateBp[]): TaxRowMatch | null {
  const all = amounts.map(readings);
  for (const allowLossy of [false, true]) {
    for (let ri = 0; ri < rates.length; ri++) {
      const rate = rates[ri];
      if (!isKnownVatRate(rate)) continue;
      for (let a = 0; a < amounts.length; a++) {
        for (let b = a + 1; b < amounts.length; b++) {
          for (const ra of all[a]) {
            for (const rb of all[b]) {
              if (!allowLossy && (ra.lossy || rb.lossy)) continue;
              const base = ra.cents;
              const vat = rb.cents;
              if (base === 0 || Math.abs(vat) >= Math.abs(base)) continue;
              if (!near(cuota(base, rate), vat)) continue;
              const findRecargo = (lossy: boolean) => {
                for (let rj = 0; rj < rates.length; rj++) {
                  if (rj === ri) continue;
                  for (const r2 of recargoRates(rates[rj])) {
                    if (r2.lossy && !lossy) continue;
                    for (let c = b + 1; c < amounts.length; c++) {
                      const rc = all[c].find((x) => (lossy || !x.lossy) && near(cuota(base, r2.rateBp), x.cents));
                      if (rc) return { cents: rc.cents, index: c, lossy: rc.lossy || r2.lossy };
                    }
                  }
                }
                return null;
              };
              const rec = findRecargo(allowLossy);
              const lossyRec = rec || allowLossy ? null : findRecargo(true);
              return {
                rateBp: rate,
                baseCents: base,
                vatCents: vat,
                recargoCents: rec?.cents ?? 0,
                base: a,
                vat: b,
                recargo: rec?.index ?? -1,
                tentative: ra.lossy || rb.lossy || Boolean(rec?.lossy),
                ...(lossyRec ? { lossyRecargo: { cents: lossyRec.cents, index: lossyRec.index } } : {}),
              };
            }
          }
        }
      }
    }
  }
  return null;
}

/**
 * A tax row read from its base and its row total, total − base = base × r (or, its base lost, from its quota and row
 * total at a rate printed on it): for a rate printed on the row when
 * there is one (the quota misread: "239,44 ⇥ 10% ⇥ 23,04 ⇥ 263,38"), else for a usual rate (the rate lost:
 * "53,79 ⇥ ~ ⇥ 53,79 ⇥ 2l8 ⇥ 55,94" → 4 %). Always tentative.
 */
export function inferTaxRow(amounts: RowAmount[], printedRates: RateBp[] = []): TaxRowMatch | null {
  const all = amounts.map(readings);
  // Rates printed on the row first (a misread quota, the row total intact), then any usual rate (rate lost).
  const printed = printedRates.filter(isKnownVatRate);
  // A printed rate may itself be misread ("18%" for 10 %): the usual rates after it.
  const candidates = printed.length ? [...printed, ...SPANISH_VAT_RATES_BP.filter((r) => r > 0 && !printed.includes(r))] : VAT_RATES_BP;
  for (let a = 0; a < amounts.length; a++) {
    for (let t = amounts.length - 1; t > a; t--) {
      for (const ra of all[a]) {
        for (const rt of all[t]) {
          const base = ra.cents;
          const vat = rt.cents - base;
          if (base === 0 || Math.sign(vat) !== Math.sign(base) || Math.abs(vat) >= Math.abs(base)) continue;
          const rate = candidates.find((r) => near(cuota(base, r), vat));
          if (rate !== undefined) return { rateBp: rate, baseCents: base, vatCents: vat, recargoCents: 0, base: a, vat: t, recargo: -1, tentative: true };
        }
      }
    }
  }
  // The base lost, the quota and the row total left ("10% ⇥ 0,21 ⇥ 2,33"): base = total − quota, at a rate printed on
  // the row (without one, two amounts fit some rate too easily).
  for (let q = 0; q < amounts.length && printed.length; q++) {
    for (let t = amounts.length - 1; t > q; t--) {
      for (const rq of all[q]) {
        for (const rt of all[t]) {
          const vat = rq.cents;
          const base = rt.cents - vat;
          if (vat <= 0 || base <= vat) continue;
          const rate = printed.find((r) => near(cuota(base, r), vat));
          if (rate !== undefined) return { rateBp: rate, baseCents: base, vatCents: vat, recargoCents: 0, base: -1, vat: q, recargo: -1, tentative: true };
        }
      }
    }
  }
  return null;
}

/** Σ base + Σ IVA + Σ recargo of some rows. */
export function rowsTotal(rows: { baseCents: number; vatCents: number; recargoCents: number }[]): number {
  return rows.reduce((s, r) => s + r.baseCents + r.vatCents + r.recargoCents, 0);
}

/**
 * Whether some rows add up to one of the printed totals (sign ignored: credit notes print signs inconsistently),
 * with or without one of the printed IRPF withholdings; ± 1 cent per row for rounding.
 */
export function rowsConfirmed(
  rows: { baseCents: number; vatCents: number; recargoCents: number }[],
  totals: number[],
  irpf: number[] = [],
): boolean {
  if (!rows.length) return false;
  const sum = Math.abs(rowsTotal(rows));
  return totals.some((t) => [0, ...irpf].some((w) => near(sum - Math.abs(w), Math.abs(t), rows.length)));
}
