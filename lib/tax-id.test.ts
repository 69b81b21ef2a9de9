import { describe, expect, it } from "vitest";
import { cifControlDigit, isPlausibleVatId, isValidTaxId, normalizeTaxId, validateSpanishTaxId } from "@/lib/tax-id";

describe("normalizeTaxId", () => {
  it.each([
    ["b-12.345.674", "B12345674"],
    [" 12 345 678-z ", "12345678Z"],
    ["ES B12345674", "B12345674"],
    ["es-12345678Z", "12345678Z"],
    ["X/1234567/L", "X1234567L"],
    ["DE 123 456 789", "DE123456789"],
    // Not a Spanish-shaped remainder: the ES stays.
    ["ES12", "ES12"],
  ])("%s → %s", (input, expected) => {
    expect(normalizeTaxId(input)).toBe(expected);
  });
});

describe("cifControlDigit", () => {
  it.each([
    ["1234567", 4],
    ["5881850", 1],
    ["2826000", 8],
    ["0800000", 2],
  ])("%s → %i", (digits, control) => {
    expect(cifControlDigit(digits)).toBe(control);
  });
});

describe("validateSpanishTaxId", () => {
  it.each([
    // DNI (NIF of a person): letter = table[n mod 23]
    ["12345678Z", true, "NIF"],
    ["00000000T", true, "NIF"],
    ["12345678-z", true, "NIF"],
    ["ES12345678Z", true, "NIF"],
    ["12345678A", false, "NIF"],
    ["00000000R", false, "NIF"],
    // K/L/M personal NIFs use the DNI table on the 7 digits
    ["K1234567L", true, "NIF"],
    ["M1234567A", false, "NIF"],
    // NIE: X/Y/Z → 0/1/2
    ["X1234567L", true, "NIE"],
    ["Y1234567X", true, "NIE"],
    ["Z7654321H", true, "NIE"],
    ["X1234567A", false, "NIE"],
    // CIF, digit control (A, B, E, H must end in a digit)
    ["B12345674", true, "CIF"],
    ["B-12.345.674", true, "CIF"],
    ["ESB12345674", true, "CIF"],
    ["A58818501", true, "CIF"],
    ["A11815933", true, "CIF"],
    ["B75826800", true, "CIF"],
    ["B12345675", false, "CIF"],
    ["B1234567D", false, "CIF"], // right control but as a letter: not allowed for B
    // CIF, letter control (P, Q, R, S, N, W must end in a letter)
    ["Q2826000H", true, "CIF"],
    ["P0800000B", true, "CIF"],
    ["W8265365J", true, "CIF"],
    ["Q28260008", false, "CIF"], // right control but as a digit: not allowed for Q
    ["Q2826000J", false, "CIF"],
    // CIF, either form (G, J, …)
    ["G76543214", true, "CIF"],
    ["G7654321D", true, "CIF"],
    ["J99999997", true, "CIF"],
    ["J9999999G", true, "CIF"],
    ["J9999999H", false, "CIF"],
    // Not Spanish ids at all
    ["DE123456789", false, null],
    ["1234", false, null],
    ["", false, null],
  ])("%s → valid=%s kind=%s", (input, valid, kind) => {
    expect(validateSpanishTaxId(input)).toEqual({ valid, kind });
  });
});

describe("isValidTaxId / isPlausibleVatId", () => {
  it.each([
    ["B12345674", true],
    ["ESB12345674", true],
    ["ESB12345675", false],
    ["12345678Z", true],
    ["IE1234567X", true],
    ["IE1234567WA", true],
    ["IE9S99999L", true],
    ["DE123456789", true],
    ["DE 123 456 789", true],
    ["DE12345678", false],
    ["FR12345678901", true],
    ["FRXX345678901", true],
    ["NL123456789B01", true],
    ["NL123456789", false],
    ["ATU12345678", true],
    ["AT12345678", false],
    ["IT12345678901", true],
    ["PT123456789", true],
    ["EL123456789", true],
    ["GB123456789", true],
    ["EU372000041", true],
    ["US123456789", false],
    ["FACTURA", false],
    ["2026", false],
  ])("%s → %s", (input, expected) => {
    expect(isValidTaxId(input)).toBe(expected);
  });

  it("checks the Spanish check digit when the VAT id is ES-prefixed", () => {
    expect(isPlausibleVatId("ESB12345674")).toBe(true);
    expect(isPlausibleVatId("ESB12345670")).toBe(false);
  });
});
