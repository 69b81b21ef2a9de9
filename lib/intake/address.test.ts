import { describe, expect, it } from "vitest";
import { TOKEN_PATTERN, intakeAddress, newIntakeToken, normalizeSenderRule, senderAllowed, tokensIn } from "./address";

describe("intake addresses", () => {
  it("makes tokens of the intake alphabet, different each time", () => {
    const a = newIntakeToken();
    expect(a).toMatch(TOKEN_PATTERN);
    expect(newIntakeToken()).not.toBe(a);
  });

  it("builds the plus-address from the deployment's base address", () => {
    expect(intakeAddress("facturas@midominio.es", "abcdefghjkmn")).toBe("facturas+abcdefghjkmn@midominio.es");
    expect(intakeAddress("facturas+x@midominio.es", "abcdefghjkmn")).toBe("facturas+abcdefghjkmn@midominio.es");
  });

  it("finds tokens in plus-addresses and aliases, ignoring the rest", () => {
    expect(tokensIn(["Facturas+ABCDEFGHJKMN@midominio.es", "abcdefghjkm2@alias.midominio.es", "facturas@midominio.es", "ana@x.es", "nonsense"])).toEqual([
      "abcdefghjkmn",
      "abcdefghjkm2",
    ]);
  });

  it("normalises allow-list entries and refuses what is neither an address nor a domain", () => {
    expect(["Ana@Proveedor.es", "@proveedor.es", "proveedor.es", "no valido", ""].map(normalizeSenderRule)).toEqual([
      "ana@proveedor.es",
      "@proveedor.es",
      "@proveedor.es",
      null,
      null,
    ]);
  });

  it("lets anyone send with an empty list; otherwise only listed addresses and domains (and subdomains)", () => {
    expect(senderAllowed("x@y.com", [])).toBe(true);
    const rules = ["ana@proveedor.es", "@luz.es"];
    expect(senderAllowed("ANA@proveedor.es", rules)).toBe(true);
    expect(senderAllowed("facturas@luz.es", rules)).toBe(true);
    expect(senderAllowed("no-reply@mail.luz.es", rules)).toBe(true);
    expect(senderAllowed("pepe@proveedor.es", rules)).toBe(false);
    expect(senderAllowed("x@fakeluz.es", rules)).toBe(false);
    expect(senderAllowed(null, rules)).toBe(false);
  });
});
