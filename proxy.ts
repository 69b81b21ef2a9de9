import { decode, encode } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { SESSION_MAX_AGE, SESSION_UPDATE_AGE } from "@/lib/auth/config";
import { authSecret } from "@/lib/env";
import { isHttps } from "@/lib/http/client-ip";
import { makeNonce, securityHeaders } from "@/lib/http/security-headers";

/**
 * Runs before every page and route: security headers (CSP with a per-request nonce that Next.js applies to its own
 * scripts, no framing, HSTS over HTTPS, Referrer-Policy), and the sliding renewal of the session cookie (a session
 * in use is re-issued, at most once per SESSION_UPDATE_AGE, for another SESSION_MAX_AGE; the revocation check is
 * server-side in lib/auth, on every read).
 */
export async function proxy(request: NextRequest) {
  const nonce = makeNonce();
  const headers = securityHeaders({
    nonce,
    https: isHttps(request.url, request.headers),
    dev: process.env.NODE_ENV === "development",
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [k, v] of Object.entries(headers)) response.headers.set(k, v);
  // Only on plain page/API reads: a sign-in, sign-out or action response sets its own cookie.
  if (request.method === "GET" && !request.nextUrl.pathname.startsWith("/api/auth")) {
    await renewSession(request, response).catch(() => {});
  }
  return response;
}

const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"];

async function renewSession(request: NextRequest, response: NextResponse) {
  const name = SESSION_COOKIES.find((n) => request.cookies.has(n));
  if (!name) return;
  const secret = authSecret();
  const token = await decode({ token: request.cookies.get(name)!.value, secret, salt: name });
  if (!token || typeof token.exp !== "number") return;
  const now = Math.floor(Date.now() / 1000);
  if (token.exp - now > SESSION_MAX_AGE - SESSION_UPDATE_AGE) return; // renewed recently
  const { exp: _exp, iat: _iat, jti: _jti, ...claims } = token;
  const value = await encode({ token: claims, secret, salt: name, maxAge: SESSION_MAX_AGE });
  response.cookies.set(name, value, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: name.startsWith("__Secure-"),
    maxAge: SESSION_MAX_AGE,
  });
}

/**
 * Pages only. Not `/api/*` (their headers come from next.config.mjs): Next.js buffers the body of every request a
 * proxy sees (up to `proxyClientMaxBodySize`, then silently truncates it), which would defeat the streaming upload
 * limit. Not server actions either (`next-action`), for the same reason.
 */
export const config = {
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
        { type: "header", key: "next-action" },
      ],
    },
  ],
};
