import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";

describe("password hashing", () => {
  it("verifies the right password and rejects a wrong one", async () => {
    const stored = await hashPassword("correcto caballo batería");
    expect(stored.startsWith("scrypt$")).toBe(true);
    expect(stored).not.toContain("correcto");
    await expect(verifyPassword("correcto caballo batería", stored)).resolves.toBe(true);
    await expect(verifyPassword("correcto caballo bateria", stored)).resolves.toBe(false);
  });

  it("salts: the same password hashes differently twice", async () => {
    const [a, b] = await Promise.all([hashPassword("x1234567"), hashPassword("x1234567")]);
    expect(a).not.toEqual(b);
  });

  it("rejects malformed stored hashes instead of throwing", async () => {
    await expect(verifyPassword("x", "bcrypt$abc")).resolves.toBe(false);
    await expect(verifyPassword("x", "scrypt$a$b$c$d$e")).resolves.toBe(false);
  });
});
