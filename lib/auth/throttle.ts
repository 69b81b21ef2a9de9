import "server-only";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import {
  REGISTER_EMAIL_RATE_LIMIT,
  REGISTER_IP_RATE_LIMIT,
  SIGNIN_EMAIL_RATE_LIMIT,
  SIGNIN_IP_RATE_LIMIT,
  exhaustedAny,
  limitAll,
} from "@/lib/ratelimit";

/**
 * Brute-force and enumeration protection for sign-in and registration (the limiter logic is @upstash/ratelimit's,
 * see lib/ratelimit.ts). Sign-in counts failures, per e-mail and per client IP: once either is spent, every
 * attempt is refused before the password is looked at, until the window moves on. Registration counts every try.
 */
const signInRules = ({ email, ip }: { email: string; ip: string }) => [
  { rule: SIGNIN_EMAIL_RATE_LIMIT, key: email.trim().toLowerCase() },
  { rule: SIGNIN_IP_RATE_LIMIT, key: ip },
];

export async function signInAllowed(who: { email: string; ip: string }) {
  return exhaustedAny(signInRules(who));
}

export async function recordSignInFailure(who: { email: string; ip: string }) {
  await limitAll(signInRules(who));
}

export async function throttleRegistration({ email, ip }: { email: string; ip: string }) {
  return limitAll([
    { rule: REGISTER_EMAIL_RATE_LIMIT, key: email.trim().toLowerCase() },
    { rule: REGISTER_IP_RATE_LIMIT, key: ip },
  ]);
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks a password against an account's hash — or, when there is no account, against a throwaway hash made with
 * the same parameters, so an unknown e-mail costs the same scrypt run as a known one (no timing oracle).
 */
export async function verifyPasswordConstantTime(password: string, storedHash: string | null | undefined): Promise<boolean> {
  if (storedHash) return verifyPassword(password, storedHash);
  dummyHash ??= hashPassword(`unused-${Math.random()}`);
  await verifyPassword(password, await dummyHash);
  return false;
}

/** next-auth error code for a refused sign-in: `rate_limited:<seconds>` (parsed back by `rateLimitedSeconds`). */
export function rateLimitedCode(retryAfter: number): string {
  return `rate_limited:${retryAfter}`;
}

export function rateLimitedSeconds(code: string | null | undefined): number | null {
  const m = /^rate_limited:(\d+)$/.exec(code ?? "");
  return m ? Number(m[1]) : null;
}

/** "Espera 14 minutos" style wait for the Spanish message. */
export function waitInSpanish(seconds: number): string {
  if (seconds < 60) return `${seconds} ${seconds === 1 ? "segundo" : "segundos"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} ${minutes === 1 ? "minuto" : "minutos"}`;
}
