import { describe, expect, it } from "vitest";
import { publicOrigin } from "@/lib/http/origin";

const h = (o: Record<string, string>) => new Headers(o);
const spoofed = { host: "flow.local:3000", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" };

describe("publicOrigin", () => {
  it.each([
    // [case, headers, options, origin]
    ["APP_URL wins over every header", spoofed, { appUrl: "https://flow.example.com/", trustedHops: 1 }, "https://flow.example.com"],
    ["no proxy trusted: X-Forwarded-* ignored, Host over http", spoofed, { trustedHops: 0 }, "http://flow.local:3000"],
    ["trusted proxy: its forwarded host and proto", spoofed, { trustedHops: 1 }, "https://evil.example"],
    ["trusted proxy without forwarded headers: Host", { host: "flow.local" }, { trustedHops: 1 }, "http://flow.local"],
    ["first of a forwarded list", { host: "a", "x-forwarded-host": "flow.example.com, inner", "x-forwarded-proto": "https, http" }, { trustedHops: 2 }, "https://flow.example.com"],
    ["an odd forwarded proto is not used", { host: "flow.local", "x-forwarded-proto": "javascript" }, { trustedHops: 1 }, "http://flow.local"],
    ["IPv6 host with port", { host: "[::1]:3000" }, { trustedHops: 0 }, "http://[::1]:3000"],
    ["malformed host → localhost", { host: "evil.example/path?x=" }, { trustedHops: 0 }, "http://localhost:3000"],
    ["malformed forwarded host → localhost", { host: "ok", "x-forwarded-host": "a@b" }, { trustedHops: 1 }, "http://localhost:3000"],
    ["no host at all → localhost", {}, { trustedHops: 0 }, "http://localhost:3000"],
  ] as const)("%s", (_case, headers, options, origin) => {
    expect(publicOrigin(h(headers as Record<string, string>), { appUrl: undefined, ...options })).toBe(origin);
  });
});
