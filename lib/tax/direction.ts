/**
 * Who issued an invoice, from the parties. Rule (issue 10): an invoice whose vendor NIF is the book's own NIF
 * (ignoring an `ES` prefix, spaces, dots and dashes) was *issued* by the autónomo (income); any other is
 * *received* (an expense). Set at extraction, editable on review. Pure.
 */
import { normalizeTaxId } from "@/lib/tax-id";

export type Direction = "issued" | "received";

/** The comparable form of a NIF: upper-case, no separators, no `ES` country prefix. */
export function comparableNif(nif: string | null | undefined): string | null {
  if (!nif) return null;
  const n = normalizeTaxId(nif);
  const bare = n.startsWith("ES") ? n.slice(2) : n;
  return bare === "" ? null : bare;
}

/** True when two tax ids name the same party. Two missing ids are not the same party. */
export function sameNif(a: string | null | undefined, b: string | null | undefined): boolean {
  const x = comparableNif(a);
  return x !== null && x === comparableNif(b);
}

/** `issued` when the vendor is the book itself, else `received`. */
export function invoiceDirection(vendorTaxId: string | null | undefined, bookNif: string): Direction {
  return sameNif(vendorTaxId, bookNif) ? "issued" : "received";
}
