import { env } from "@/lib/env";

/**
 * The client's IP for per-IP limits. Next.js fills X-Forwarded-For with the socket address only when the request
 * has none, so a header a client sends itself is only believed behind proxies we were told about (`TRUST_PROXY`
 * = how many append to it): the client is the entry that many places from the right. With `TRUST_PROXY=0` the
 * rightmost entry is used (the socket address when the client sent no header); the per-e-mail and per-user limits
 * do not depend on it.
 */
export function clientIp(headers: Headers, trustedHops = env().TRUST_PROXY): string {
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (chain.length === 0) return headers.get("x-real-ip")?.trim() || "unknown";
  const index = trustedHops > 0 ? Math.max(0, chain.length - trustedHops) : chain.length - 1;
  return normaliseIp(chain[index]);
}

/** `::ffff:1.2.3.4` → `1.2.3.4`; IPv6 addresses keyed by their /64 (one host gets a whole /64 to rotate through). */
export function normaliseIp(ip: string): string {
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (v4) return v4[1];
  if (ip.includes(":")) {
    const groups = expandIpv6(ip);
    return groups ? `${groups.slice(0, 4).join(":")}::/64` : ip;
  }
  return ip;
}

function expandIpv6(ip: string): string[] | null {
  const [head, tail] = ip.split("::");
  const h = head ? head.split(":") : [];
  const t = tail !== undefined && tail ? tail.split(":") : [];
  const missing = 8 - h.length - t.length;
  if (missing < 0 || (tail === undefined && missing !== 0)) return null;
  return [...h, ...Array(missing).fill("0"), ...t].map((g) => g.toLowerCase().replace(/^0+(?=.)/, ""));
}

/** Whether the request reached us over HTTPS: the URL, or X-Forwarded-Proto from a trusted proxy. */
export function isHttps(url: string, headers: Headers, trustedHops = env().TRUST_PROXY): boolean {
  if (url.startsWith("https:")) return true;
  return trustedHops > 0 && (headers.get("x-forwarded-proto") ?? "").split(",")[0].trim() === "https";
}
