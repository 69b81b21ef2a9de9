import { describe, expect, it } from "vitest";
import { CUSTOMER_WORDS, LABEL_VOCABULARY, editDistance, findFuzzyWord } from "@/lib/documents/parse/fuzzy";

describe("editDistance", () => {
  it.each([
    ["cliente", "cliente", 0],
    ["clienti", "cliente", 1],
    ["vencimento", "vencimiento", 1],
    ["factura", "facturar", 1],
    ["abc", "xyz", 3], // gives up past max (2): max + 1
  ])("%s ~ %s = %i", (a, b, d) => expect(editDistance(a, b, 2)).toBe(d));
});

describe("findFuzzyWord", () => {
  it.each([
    ["datos del clienti", CUSTOMER_WORDS, "cliente"],
    ["vencimento 30/03/2025", LABEL_VOCABULARY, "vencimiento"],
    ["customr details", CUSTOMER_WORDS, "customer"],
    ["grupo aragonesa", LABEL_VOCABULARY, null],
    ["fecho", LABEL_VOCABULARY, null], // under 6 letters: exact only
    ["client", CUSTOMER_WORDS, "cliente"],
  ])("%s → %s", (s, words, want) => expect(findFuzzyWord(s, words)?.word ?? null).toBe(want));
});
