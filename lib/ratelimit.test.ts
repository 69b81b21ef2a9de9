import { randomBytes } from "node:crypto";
import { connect } from "node:net";
import IORedis from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import {
  createMemoryRateLimiter,
  createRateLimiterFromEnv,
  createUpstashRateLimiter,
  getRateLimiter,
  exhaustedAny,
  ioredisForRatelimit,
  limitAll,
  rateLimitBackend,
} from "@/lib/ratelimit";

describe("in-memory rate limiter", () => {
  it("allows `limit` calls per window and key, then refuses until the window resets", async () => {
    let t = 1_000;
    const rl = createMemoryRateLimiter({ limit: 2, windowMs: 60_000, prefix: "t" }, () => t);
    expect((await rl.limit("a")).success).toBe(true);
    expect(await rl.limit("a")).toMatchObject({ success: true, remaining: 0 });
    expect(await rl.limit("a")).toMatchObject({ success: false, reset: 61_000 });
    expect((await rl.limit("b")).success).toBe(true);
    t += 60_000;
    expect((await rl.limit("a")).success).toBe(true);
  });
});

/** @upstash/ratelimit's real Lua scripts against the local Redis (127.0.0.1:6379), through the ioredis adapter. */
describe("process-wide limiters", () => {
  it("keeps one limiter per rule, and rules do not share counts", async () => {
    const a = { limit: 1, windowMs: 60_000, prefix: `t:a:${Date.now()}` };
    const b = { limit: 1, windowMs: 60_000, prefix: `t:b:${Date.now()}` };
    expect(getRateLimiter(a)).toBe(getRateLimiter(a));
    expect((await getRateLimiter(a).limit("u")).success).toBe(true);
    expect((await getRateLimiter(a).limit("u")).success).toBe(false);
    expect((await getRateLimiter(b).limit("u")).success).toBe(true);
  });
});

/** These tests need a Redis server: REDIS_TEST_URL, default redis://127.0.0.1:6379 (see README, "Tests"). */
const REDIS_TEST_URL = new URL(process.env.REDIS_TEST_URL ?? "redis://127.0.0.1:6379");
const redisUp = await new Promise<boolean>((resolve) => {
  const socket = connect(Number(REDIS_TEST_URL.port || 6379), REDIS_TEST_URL.hostname);
  socket.once("connect", () => (socket.destroy(), resolve(true)));
  socket.once("error", () => resolve(false));
});
if (!redisUp) console.warn(`lib/ratelimit.test.ts: Redis tests skipped, no Redis at ${REDIS_TEST_URL.host} (set REDIS_TEST_URL)`);

describe.skipIf(!redisUp)(`@upstash/ratelimit on Redis (skipped without a Redis at ${REDIS_TEST_URL.host})`, () => {
  const client = new IORedis(REDIS_TEST_URL.href, { lazyConnect: true, maxRetriesPerRequest: 1 });
  afterAll(() => client.quit());

  it("limits with a sliding window and keeps keys apart", async () => {
    const prefix = `anclora:test:${randomBytes(4).toString("hex")}`;
    const rl = createUpstashRateLimiter(ioredisForRatelimit(client), { limit: 3, windowMs: 60_000, prefix });
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await rl.limit("user-1"));
    expect(results.map((r) => r.success)).toEqual([true, true, true, false]);
    expect(results[0]).toMatchObject({ limit: 3, remaining: 2 });
    expect((await rl.limit("user-2")).success).toBe(true);
    const keys = await client.keys(`${prefix}*`);
    expect(keys.length).toBeGreaterThan(0);
    await client.del(...keys);
  });
});

describe("limitAll", () => {
  it("counts every rule and refuses when any refuses, with the longest wait", async () => {
    const tag = randomBytes(3).toString("hex");
    const email = { limit: 2, windowMs: 60_000, prefix: `t:email:${tag}` };
    const ip = { limit: 3, windowMs: 600_000, prefix: `t:ip:${tag}` };
    const attempt = (e: string) => limitAll([{ rule: email, key: e }, { rule: ip, key: "198.51.100.1" }]);
    expect((await attempt("a@x.es")).ok).toBe(true);
    expect((await attempt("a@x.es")).ok).toBe(true);
    const third = await attempt("a@x.es");
    expect(third.ok).toBe(false);
    expect(third.retryAfter).toBeGreaterThan(0);
    expect(third.retryAfter).toBeLessThanOrEqual(60);
    // another e-mail from the same IP: the IP rule (3 in 10 min) is spent by now
    const other = await attempt("b@x.es");
    expect(other.ok).toBe(false);
    expect(other.retryAfter).toBeGreaterThan(60);
  });
});

describe("exhaustedAny", () => {
  it("looks without counting, and refuses once a rule is spent", async () => {
    const rule = { limit: 2, windowMs: 60_000, prefix: `t:peek:${randomBytes(3).toString("hex")}` };
    const checks = [{ rule, key: "k" }];
    for (let i = 0; i < 5; i++) expect((await exhaustedAny(checks)).ok).toBe(true);
    await limitAll(checks);
    await limitAll(checks);
    const spent = await exhaustedAny(checks);
    expect(spent.ok).toBe(false);
    expect(spent.retryAfter).toBeGreaterThan(0);
  });
});

describe("remaining on @upstash/ratelimit (local Redis)", () => {
  const client = new IORedis({ host: "127.0.0.1", port: 6379, lazyConnect: true, maxRetriesPerRequest: 1 });
  afterAll(() => client.quit());

  it("reports what is left without spending it", async () => {
    const prefix = `anclora:test:${randomBytes(4).toString("hex")}`;
    const rl = createUpstashRateLimiter(ioredisForRatelimit(client), { limit: 3, windowMs: 60_000, prefix });
    expect((await rl.remaining("u")).remaining).toBe(3);
    await rl.limit("u");
    expect((await rl.remaining("u")).remaining).toBe(2);
    expect((await rl.remaining("u")).remaining).toBe(2);
  });
});

describe("backend from the environment", () => {
  it("prefers Upstash, then REDIS_URL, then memory", () => {
    expect(rateLimitBackend({ UPSTASH_REDIS_REST_URL: "https://u.example", UPSTASH_REDIS_REST_TOKEN: "t", REDIS_URL: "redis://r" })).toBe("upstash");
    expect(rateLimitBackend({ UPSTASH_REDIS_REST_URL: "https://u.example", UPSTASH_REDIS_REST_TOKEN: undefined, REDIS_URL: "redis://r" })).toBe("redis");
    expect(rateLimitBackend({ UPSTASH_REDIS_REST_URL: undefined, UPSTASH_REDIS_REST_TOKEN: undefined, REDIS_URL: undefined })).toBe("memory");
  });

  it("limits on a plain Redis server through REDIS_URL", async () => {
    const prefix = `anclora:test:${randomBytes(4).toString("hex")}`;
    const rl = createRateLimiterFromEnv({ UPSTASH_REDIS_REST_URL: undefined, UPSTASH_REDIS_REST_TOKEN: undefined, REDIS_URL: "redis://127.0.0.1:6379" }, { limit: 1, windowMs: 5_000, prefix });
    try {
      expect(rl.backend).toBe("redis");
      expect((await rl.limit("u")).success).toBe(true);
      expect((await rl.limit("u")).success).toBe(false);
    } finally {
      await rl.close();
    }
  });
});
