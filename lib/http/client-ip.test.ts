import { describe, expect, it } from "vitest";
import { clientIp, isHttps, normaliseIp } from "@/lib/http/client-ip";

const h = (init: Record<string, string>) => new Headers(init);

describe("clientIp", () => {
  it("without a trusted proxy takes the rightmost entry (what Next.js set from the socket)", () => {
    expect(clientIp(h({ "x-forwarded-for": "10.0.0.7" }), 0)).toBe("10.0.0.7");
    expect(clientIp(h({ "x-forwarded-for": "6.6.6.6, 10.0.0.7" }), 0)).toBe("10.0.0.7");
  });

  it("behind N trusted proxies takes the entry N places from the right, ignoring what the client forged", () => {
    const forged = h({ "x-forwarded-for": "1.1.1.1, 203.0.113.9, 10.0.0.2" });
    expect(clientIp(forged, 1)).toBe("10.0.0.2");
    expect(clientIp(forged, 2)).toBe("203.0.113.9");
    expect(clientIp(h({ "x-forwarded-for": "203.0.113.9" }), 3)).toBe("203.0.113.9");
  });

  it("keys IPv6 clients by their /64 and unwraps IPv4-mapped addresses", () => {
    expect(normaliseIp("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(normaliseIp("2001:db8:1:2:aaaa::1")).toBe(normaliseIp("2001:db8:1:2:bbbb::9"));
    expect(normaliseIp("2001:db8:1:2::1")).not.toBe(normaliseIp("2001:db8:1:3::1"));
  });

  it("falls back when there is no header", () => {
    expect(clientIp(h({}), 0)).toBe("unknown");
  });
});

describe("isHttps", () => {
  it("believes X-Forwarded-Proto only from a trusted proxy", () => {
    expect(isHttps("http://app/x", h({ "x-forwarded-proto": "https" }), 0)).toBe(false);
    expect(isHttps("http://app/x", h({ "x-forwarded-proto": "https" }), 1)).toBe(true);
    expect(isHttps("https://app/x", h({}), 0)).toBe(true);
  });
});
