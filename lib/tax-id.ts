/**
 * Spanish tax identifiers (NIF/DNI, NIE, CIF) with their real check-digit rules, and a plausibility check
 * for EU VAT numbers. Pure functions, no I/O.
 */

export type SpanishTaxIdKind = "NIF" | "NIE" | "CIF";
export type SpanishTaxIdValidation = { valid: boolean; kind: SpanishTaxIdKind | null };

/** DNI/NIE control letters, indexed by number mod 23. */
const DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";
/** CIF control letters, indexed by the control digit. */
const CIF_LETTERS = "JABCDEFGHI";
/** Organisation types whose CIF ends in a letter / in a digit; the others accept either. */
const CIF_LETTER_ONLY = "PQRSNW";
const CIF_DIGIT_ONLY = "ABEH";

const SPANISH_SHAPE = /^[0-9A-Z]\d{7}[0-9A-Z]$/;

/** Upper-case; strip spaces, dots, dashes, slashes and underscores; drop a leading `ES` on a Spanish-shaped id. */
export function normalizeTaxId(s: string): string {
  const compact = s
    .toUpperCase()
    .replace(/[\s.\-\/_\u2010-\u2015]/g, "");
  if (compact.startsWith("ES") && SPANISH_SHAPE.test(compact.slice(2))) return compact.slice(2);
  return compact;
}

function dniLetter(n: number): string {
  return DNI_LETTERS[n % 23];
}

/** Control digit of a CIF body (the 7 digits after the organisation letter). */
export function cifControlDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < 7; i++) {
    const d = Number(digits[i]);
    if (i % 2 === 1) {
      sum += d; // positions 2, 4, 6 (1-based)
    } else {
      const doubled = d * 2; // positions 1, 3, 5, 7
      sum += Math.floor(doubled / 10) + (doubled % 10);
    }
  }
  return (10 - (sum % 10)) % 10;
}

/** Validates a Spanish NIF (DNI and K/L/M personal NIFs), NIE or CIF, check digits included. */
export function validateSpanishTaxId(s: string): SpanishTaxIdValidation {
  const id = normalizeTaxId(s);
  const invalid = (kind: SpanishTaxIdKind | null): SpanishTaxIdValidation => ({ valid: false, kind });

  // DNI: 8 digits + letter.
  let m = /^(\d{8})([A-Z])$/.exec(id);
  if (m) return { valid: dniLetter(Number(m[1])) === m[2], kind: "NIF" };

  // NIE: X/Y/Z + 7 digits + letter (X=0, Y=1, Z=2 prefixed to the number).
  m = /^([XYZ])(\d{7})([A-Z])$/.exec(id);
  if (m) {
    const n = Number(String("XYZ".indexOf(m[1])) + m[2]);
    return { valid: dniLetter(n) === m[3], kind: "NIE" };
  }

  // Personal NIFs without DNI (K: minors, L: non-resident Spaniards, M: foreigners without NIE).
  m = /^([KLM])(\d{7})([A-Z])$/.exec(id);
  if (m) return { valid: dniLetter(Number(m[2])) === m[3], kind: "NIF" };

  // CIF: organisation letter + 7 digits + control digit or letter.
  m = /^([ABCDEFGHJNPQRSUVW])(\d{7})([0-9A-J])$/.exec(id);
  if (m) {
    const [, org, digits, control] = m;
    const c = cifControlDigit(digits);
    const asDigit = control === String(c);
    const asLetter = control === CIF_LETTERS[c];
    if (CIF_LETTER_ONLY.includes(org)) return { valid: asLetter, kind: "CIF" };
    if (CIF_DIGIT_ONLY.includes(org)) return { valid: asDigit, kind: "CIF" };
    return { valid: asDigit || asLetter, kind: "CIF" };
  }

  // Looks like a Spanish id but fits no rule (e.g. a CIF ending in K–Z).
  if (SPANISH_SHAPE.test(id) && /^[A-Z]/.test(id)) return invalid(/^[XYZ]/.test(id) ? "NIE" : "CIF");
  if (SPANISH_SHAPE.test(id)) return invalid("NIF");
  return invalid(null);
}

/**
 * Plausible VAT number formats per country (VIES shapes, without checksums). The prefix is the
 * VAT country code (`EL` for Greece, `XI` for Northern Ireland, `EU` for non-EU OSS registrations).
 */
const VAT_FORMATS: Record<string, RegExp> = {
  AT: /^U\d{8}$/,
  BE: /^[01]\d{9}$/,
  BG: /^\d{9,10}$/,
  CY: /^\d{8}[A-Z]$/,
  CZ: /^\d{8,10}$/,
  DE: /^\d{9}$/,
  DK: /^\d{8}$/,
  EE: /^\d{9}$/,
  EL: /^\d{9}$/,
  FI: /^\d{8}$/,
  FR: /^[0-9A-HJ-NP-Z]{2}\d{9}$/,
  HR: /^\d{11}$/,
  HU: /^\d{8}$/,
  IE: /^(\d{7}[A-Z][A-I]?|\d[A-Z+*]\d{5}[A-Z])$/, // shape only (the check letter is not verified)
  IT: /^\d{11}$/,
  LT: /^(\d{9}|\d{12})$/,
  LU: /^\d{8}$/,
  LV: /^\d{11}$/,
  MT: /^\d{8}$/,
  NL: /^\d{9}B\d{2}$/,
  PL: /^\d{10}$/,
  PT: /^\d{9}$/,
  RO: /^[1-9]\d{1,9}$/,
  SE: /^\d{10}01$/,
  SI: /^\d{8}$/,
  SK: /^\d{10}$/,
  XI: /^(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/,
  GB: /^(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/,
  EU: /^\d{9}$/,
  CHE: /^\d{9}(MWST|TVA|IVA)?$/,
};

/** True when `s` has the shape of an EU (or GB/XI/CH/OSS) VAT number. Spanish ids must also pass their check. */
export function isPlausibleVatId(s: string): boolean {
  const id = s.toUpperCase().replace(/[\s.\-\/_]/g, "");
  if (id.startsWith("ES")) return validateSpanishTaxId(id.slice(2)).valid;
  if (id.startsWith("CHE")) return VAT_FORMATS.CHE.test(id.slice(3));
  const country = id.slice(0, 2) === "GR" ? "EL" : id.slice(0, 2);
  const format = VAT_FORMATS[country];
  return format ? format.test(id.slice(2)) : false;
}

/** A valid Spanish NIF/NIE/CIF (with or without `ES`), or an EU VAT id in a plausible country format. */
export function isValidTaxId(s: string): boolean {
  return validateSpanishTaxId(s).valid || isPlausibleVatId(s);
}
