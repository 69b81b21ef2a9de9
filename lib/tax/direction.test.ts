import { describe, expect, it } from "vitest";
import { comparableNif, invoiceDirection, sameNif } from "@/lib/tax/direction";

const BOOK = "12345678Z";

describe("invoiceDirection: vendor NIF = book NIF ⇒ issued", () => {
  it.each<[string | null, "issued" | "received"]>([
    ["12345678Z", "issued"],
    ["ES12345678Z", "issued"],
    ["es 12345678-z", "issued"],
    ["12.345.678-Z", "issued"],
    ["B12345674", "received"],
    ["DE123456789", "received"],
    [null, "received"],
    ["", "received"],
  ])("vendor %s → %s", (vendor, expected) => {
    expect(invoiceDirection(vendor, BOOK)).toBe(expected);
  });

  it("also matches when the book's NIF is stored with a prefix", () => {
    expect(invoiceDirection("12345678Z", "ES-12345678Z")).toBe("issued");
  });

  it("never treats two missing ids as the same party", () => {
    expect(sameNif(null, null)).toBe(false);
    expect(comparableNif("  ")).toBeNull();
  });
});
