import "server-only";
import { createHash } from "node:crypto";
import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis";
import IORedis from "ioredis";
import { env, type Env } from "@/lib/env";
import { processSingleton } from "@/lib/singleton";

/**
 * Rate limiting. @upstash/ratelimit (sliding window) over Upstash Redis when UPSTASH_REDIS_REST_URL/TOKEN are set,
 * or over a plain Redis server (REDIS_URL, self-hosted, through `ioredisForRatelimit`); otherwise an in-memory fixed
 * window, per process (fine for one Node server; on serverless or with several instances set one of the two).
 */
export type RateLimitResult = { success: boolean; limit: number; remaining: number; reset: number };
export interface RateLimiter {
  limit(key: string): Promise<RateLimitResult>;
  /** What is left in the current window, without counting an attempt. */
  remaining(key: string): Promise<{ remaining: number; reset: number }>;
}
export type RateLimitRule = { limit: number; windowMs: number; prefix: string };

/** Questions to the assistant: per user, per minute. */
export const CHAT_RATE_LIMIT: RateLimitRule = { limit: 12, windowMs: 60_000, prefix: "anclora:chat" };

export function createMemoryRateLimiter({ limit, windowMs }: RateLimitRule, now: () => number = Date.now): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    async limit(key) {
      const t = now();
      let w = windows.get(key);
      if (!w || t - w.start >= windowMs) {
        w = { start: t, count: 0 };
        windows.set(key, w);
        if (windows.size > 10_000) {
          for (const [k, v] of windows) if (t - v.start >= windowMs) windows.delete(k);
        }
      }
      w.count++;
      return { success: w.count <= limit, limit, remaining: Math.max(0, limit - w.count), reset: w.start + windowMs };
    },
    async remaining(key) {
      const t = now();
      const w = windows.get(key);
      if (!w || t - w.start >= windowMs) return { remaining: limit, reset: t + windowMs };
      return { remaining: Math.max(0, limit - w.count), reset: w.start + windowMs };
    },
  };
}

/** @upstash/ratelimit over any redis object it accepts (the Upstash REST client, or the ioredis adapter below). */
export function createUpstashRateLimiter(redis: unknown, { limit, windowMs, prefix }: RateLimitRule): RateLimiter {
  const rl = new Ratelimit({
    redis: redis as Redis,
    limiter: Ratelimit.slidingWindow(limit, `${windowMs} ms`),
    prefix,
    analytics: false,
    enableTelemetry: false,
    ephemeralCache: false,
  });
  return {
    async limit(key) {
      const r = await rl.limit(key);
      return { success: r.success, limit: r.limit, remaining: r.remaining, reset: r.reset };
    },
    async remaining(key) {
      const r = await rl.getRemaining(key);
      return { remaining: r.remaining, reset: r.reset };
    },
  };
}

const sha1 = (s: string) => createHash("sha1").update(s).digest("hex");
/** Debian's Redis 7.0 rejects the shebang flags line @upstash/ratelimit ≥ 2.1 puts first in its scripts. */
const stripFlags = (script: string) => script.replace(/^#!lua[^\n]*\n/, "");

/**
 * The two calls @upstash/ratelimit makes (`evalsha`, `eval`, with keys and args arrays) on an ioredis client,
 * with the `#!lua flags=…` line removed. Upstash's script hashes are mapped to the stripped scripts' hashes.
 */
export function ioredisForRatelimit(client: IORedis) {
  const hashes = new Map<string, string>();
  const noscript = () => Object.assign(new Error("NOSCRIPT No matching script"), { name: "ReplyError" });
  return {
    async eval(script: string, keys: string[], args: unknown[]) {
      const stripped = stripFlags(script);
      hashes.set(sha1(script), sha1(stripped));
      return client.eval(stripped, keys.length, ...keys, ...(args as (string | number)[]));
    },
    async evalsha(hash: string, keys: string[], args: unknown[]) {
      const mapped = hashes.get(hash);
      if (!mapped) throw noscript();
      return client.evalsha(mapped, keys.length, ...keys, ...(args as (string | number)[]));
    },
  };
}

/** Uploads: per user, per minute — generous (a folder of receipts at once), but bounded. */
export const UPLOAD_RATE_LIMIT: RateLimitRule = { limit: 600, windowMs: 60_000, prefix: "anclora:upload" };
/** Uploads: per client IP, per minute (accounts are free to create: the per-user limit alone is not enough). */
export const UPLOAD_IP_RATE_LIMIT: RateLimitRule = { limit: 1200, windowMs: 60_000, prefix: "anclora:upload-ip" };
/** Failed sign-ins per e-mail address: after 10 in 15 minutes the next attempt is refused, right password or not. */
export const SIGNIN_EMAIL_RATE_LIMIT: RateLimitRule = { limit: 10, windowMs: 15 * 60_000, prefix: "anclora:signin-email" };
/** Failed sign-ins per client IP (an office behind one address signs in many people). */
export const SIGNIN_IP_RATE_LIMIT: RateLimitRule = { limit: 50, windowMs: 15 * 60_000, prefix: "anclora:signin-ip" };
/** Registrations per client IP, and per e-mail address. */
export const REGISTER_IP_RATE_LIMIT: RateLimitRule = { limit: 10, windowMs: 60 * 60_000, prefix: "anclora:register-ip" };
export const REGISTER_EMAIL_RATE_LIMIT: RateLimitRule = { limit: 3, windowMs: 60 * 60_000, prefix: "anclora:register-email" };

/**
 * Whether any of the rules has nothing left for its key, without counting (for limits on failures: check first,
 * count with `limitAll` only when the attempt fails).
 */
export async function exhaustedAny(checks: { rule: RateLimitRule; key: string }[]): Promise<{ ok: boolean; retryAfter: number }> {
  const results = await Promise.all(checks.map((c) => getRateLimiter(c.rule).remaining(c.key)));
  const spent = results.filter((r) => r.remaining <= 0);
  const now = Date.now();
  return {
    ok: spent.length === 0,
    retryAfter: spent.length ? Math.max(...spent.map((r) => Math.max(1, Math.ceil((r.reset - now) / 1000)))) : 0,
  };
}

/** Seconds until a refused caller may try again (for Retry-After), at least 1. */
export function retryAfterSeconds(r: RateLimitResult, now = Date.now()): number {
  return Math.max(1, Math.ceil((r.reset - now) / 1000));
}

/**
 * Applies several rules to one action at once (each with its own key, e.g. the e-mail and the IP); every rule
 * counts the attempt. Refused when any rule refuses; `retryAfter` is the longest wait among the refusals.
 */
export async function limitAll(checks: { rule: RateLimitRule; key: string }[]): Promise<{ ok: boolean; retryAfter: number }> {
  const results = await Promise.all(checks.map((c) => getRateLimiter(c.rule).limit(c.key)));
  const refused = results.filter((r) => !r.success);
  return { ok: refused.length === 0, retryAfter: refused.length ? Math.max(...refused.map((r) => retryAfterSeconds(r))) : 0 };
}

export type RateLimitBackend = "upstash" | "redis" | "memory";

type RateLimitEnv = Pick<Env, "UPSTASH_REDIS_REST_URL" | "UPSTASH_REDIS_REST_TOKEN" | "REDIS_URL">;

export function rateLimitBackend(e: RateLimitEnv): RateLimitBackend {
  if (e.UPSTASH_REDIS_REST_URL && e.UPSTASH_REDIS_REST_TOKEN) return "upstash";
  if (e.REDIS_URL) return "redis";
  return "memory";
}

/**
 * A limiter for `rule` on the backend the environment names. `close` releases a Redis connection this call opened
 * (the process-wide limiters keep theirs for the life of the process).
 */
export function createRateLimiterFromEnv(e: RateLimitEnv, rule: RateLimitRule): RateLimiter & { backend: RateLimitBackend; close: () => Promise<void> } {
  const backend = rateLimitBackend(e);
  if (backend === "upstash") {
    const redis = new Redis({ url: e.UPSTASH_REDIS_REST_URL!, token: e.UPSTASH_REDIS_REST_TOKEN!, enableTelemetry: false });
    return { backend, ...createUpstashRateLimiter(redis, rule), close: async () => {} };
  }
  if (backend === "redis") {
    const client = new IORedis(e.REDIS_URL!, { maxRetriesPerRequest: 2, connectTimeout: 5_000, enableOfflineQueue: true });
    client.on("error", () => {}); // surfaced by the calls that fail; ioredis reconnects by itself
    const rl = createUpstashRateLimiter(ioredisForRatelimit(client), rule);
    return {
      backend,
      limit: (key) => rl.limit(key),
      remaining: (key) => rl.remaining(key),
      close: async () => void (await client.quit().catch(() => client.disconnect())),
    };
  }
  return { backend, ...createMemoryRateLimiter(rule), close: async () => {} };
}

/** The process-wide limiter for a rule (one per prefix). */
export function getRateLimiter(rule: RateLimitRule): RateLimiter {
  const limiters = processSingleton("ratelimit.limiters", () => new Map<string, RateLimiter>());
  let limiter = limiters.get(rule.prefix);
  if (!limiter) {
    limiter = createRateLimiterFromEnv(env(), rule);
    limiters.set(rule.prefix, limiter);
  }
  return limiter;
}

/** The process-wide limiter for assistant questions. */
export function getChatRateLimiter(): RateLimiter {
  return getRateLimiter(CHAT_RATE_LIMIT);
}
