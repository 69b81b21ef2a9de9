import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, makeNonce, securityHeaders } from "@/lib/http/security-headers";

describe("security headers", () => {
  it("forbid framing and allow scripts only with the request's nonce", () => {
    const csp = contentSecurityPolicy("abc123");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-abc123' 'strict-dynamic'(;|$)/);
    expect(csp).not.toContain("unsafe-eval");
    expect(contentSecurityPolicy("n", { dev: true })).toContain("'unsafe-eval'");
  });

  it("send HSTS only over HTTPS, and the rest always", () => {
    const plain = securityHeaders({ nonce: "n", https: false });
    expect(plain["Strict-Transport-Security"]).toBeUndefined();
    expect(plain).toMatchObject({ "X-Frame-Options": "DENY", "Referrer-Policy": "strict-origin-when-cross-origin" });
    expect(securityHeaders({ nonce: "n", https: true })["Strict-Transport-Security"]).toMatch(/^max-age=\d{7,}/);
  });

  it("makes a different nonce each time", () => {
    expect(makeNonce()).not.toBe(makeNonce());
    expect(Buffer.from(makeNonce(), "base64")).toHaveLength(16);
  });
});
