import { describe, expect, it } from "vitest";
import { registerSchema, safeCallback } from "./schema";

describe("safeCallback", () => {
  it.each([
    ["/review", "/review"],
    ["/invitations/abc?x=1#y", "/invitations/abc?x=1#y"],
    ["/documents/../inbox", "/inbox"],
  ])("keeps the same-site path %j", (input, out) => expect(safeCallback(input)).toBe(out));

  it.each([
    [null],
    [""],
    ["https://evil.com"],
    ["//evil.com"],
    ["/\\evil.com"],
    ["/\t/evil.com"],
    ["/\n/evil.com"],
    ["javascript:alert(1)"],
    ["evil.com/inbox"],
  ])("sends %j to the inbox instead", (input) => expect(safeCallback(input)).toBe("/inbox"));
});

describe("registerSchema", () => {
  const ok = { name: "Ana", email: "Ana@Example.com ", password: "12345678", legalName: "Ana SL", nif: "b-12345674" };

  it("normalises the e-mail and the NIF", () => {
    expect(registerSchema.parse(ok)).toMatchObject({ email: "ana@example.com", nif: "B12345674" });
  });

  it.each([
    [{ nif: "B12345675" }, "nif"],
    [{ password: "short" }, "password"],
    [{ email: "not-an-email" }, "email"],
    [{ legalName: " " }, "legalName"],
  ])("refuses %o naming the field", (patch, field) => {
    const r = registerSchema.safeParse({ ...ok, ...patch });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path[0])).toContain(field);
  });
});
