/**
 * Rounding of the returns: to the cent, half away from zero (1,005 → 1,01; −1,005 → −1,01), the rule the AEAT's
 * forms use when they compute a figure from another. Cuotas at a rate (IVA, recargo, the 130's 20 %) go through
 * `cuota` in lib/tax/vat.ts, the one IVA module; this file holds the exact integer helper and the deductible share.
 * Source: the AEAT instructions ask every amount "en euros, consignando la parte decimal, que constará de dos
 * dígitos"; the Ley 46/1998 (art. 11) rounds conversions to the cent half up, symmetric for negatives. Pure,
 * exact: the multiplication is done in BigInt, so no float ever touches money.
 */

/** round(value × numerator / denominator), half away from zero; all integers, denominator > 0. */
export function mulDivRound(value: number, numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(value) || !Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator)) {
    throw new TypeError(`mulDivRound: integers only (${value}, ${numerator}, ${denominator})`);
  }
  if (denominator <= 0) throw new RangeError("mulDivRound: denominator must be positive");
  const product = BigInt(value) * BigInt(numerator);
  const negative = product < 0n;
  const abs = negative ? -product : product;
  const d = BigInt(denominator);
  let q = abs / d;
  if ((abs % d) * 2n >= d) q += 1n;
  return Number(negative ? -q : q);
}

/** `cents` × `pct` / 100 for a whole percentage (a deductible share of 50 %), half away from zero. */
export function applyPercent(cents: number, pct: number): number {
  return mulDivRound(cents, pct, 100);
}
