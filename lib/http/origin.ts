import { env } from "@/lib/env";

/** A Host header value we are willing to put in a link: a DNS name or IP (IPv6 in brackets), with an optional port. */
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

const first = (v: string | null) => (v ?? "").split(",")[0].trim();

/**
 * The public origin (`https://flow.example.com`, no trailing slash) for every absolute URL we build: links in
 * e-mails (invitations), redirects that need one. APP_URL when set (production: request headers are never trusted
 * for this). Otherwise the request's Host header, over http (the Node server itself speaks plain HTTP) — and
 * X-Forwarded-Host / X-Forwarded-Proto only behind proxies we were told about (`TRUST_PROXY` > 0, as for the client
 * IP and HTTPS in client-ip.ts), since any client can send them. A malformed host falls back to localhost:3000.
 */
export function publicOrigin(headers: Headers, o: { appUrl?: string; trustedHops?: number } = {}): string {
  const appUrl = "appUrl" in o ? o.appUrl : env().APP_URL;
  const trustedHops = o.trustedHops ?? env().TRUST_PROXY;
  if (appUrl) return appUrl.replace(/\/+$/, "");
  const forwardedHost = trustedHops > 0 ? first(headers.get("x-forwarded-host")) : "";
  const candidate = forwardedHost || first(headers.get("host"));
  const host = HOST.test(candidate) ? candidate.toLowerCase() : "localhost:3000";
  const forwardedProto = trustedHops > 0 ? first(headers.get("x-forwarded-proto")).toLowerCase() : "";
  const proto = forwardedProto === "https" || forwardedProto === "http" ? forwardedProto : "http";
  return `${proto}://${host}`;
}
