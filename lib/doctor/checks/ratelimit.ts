import { randomBytes } from "node:crypto";
import { createRateLimiterFromEnv, rateLimitBackend } from "@/lib/ratelimit";
import type { CheckResult, DoctorContext } from "../types";
import { errorText, withTimeout } from "../types";

/**
 * Rate limits: the backend the app would use answers, and limits: a throw-away rule (2 calls, then refused) on a
 * fresh key prefix that expires by itself.
 */
export async function checkRateLimit(ctx: DoctorContext): Promise<CheckResult> {
  const backend = rateLimitBackend(ctx.env);
  const label = { upstash: "Rate limits (Upstash Redis)", redis: "Rate limits (Redis)", memory: "Rate limits (in memory)" }[backend];
  const base = { id: "ratelimit", label };
  if (backend === "memory") {
    return {
      ...base,
      status: "warn",
      detail: "in-memory, per process: each instance counts on its own and a restart forgets",
      fix: "with several instances or on Vercel set REDIS_URL (self-hosted Redis) or UPSTASH_REDIS_REST_URL/TOKEN",
    };
  }
  const where = backend === "redis" ? new URL(ctx.env.REDIS_URL!).host : new URL(ctx.env.UPSTASH_REDIS_REST_URL!).host;
  const limiter = createRateLimiterFromEnv(ctx.env, {
    limit: 2,
    windowMs: 10_000,
    prefix: `anclora:doctor:${randomBytes(6).toString("hex")}`,
  });
  try {
    const outcomes: boolean[] = [];
    for (let i = 0; i < 3; i++) outcomes.push((await withTimeout(ctx.timeoutMs, "limit", () => limiter.limit("probe"))).success);
    if (outcomes.join() !== "true,true,false") {
      return { ...base, status: "fail", detail: `${where} answered but did not limit (${outcomes.join(", ")})`, fix: "check the Redis server version (≥ 6.2) and that scripts (EVAL) are allowed" };
    }
    return { ...base, status: "ok", detail: `${where}: a 2-call test limit allowed 2 and refused the 3rd` };
  } catch (e) {
    return {
      ...base,
      status: "fail",
      detail: `${where}: ${errorText(e)}`,
      fix: backend === "redis" ? "check REDIS_URL (redis://[:password@]host:6379) and that Redis is running" : "check UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN",
    };
  } finally {
    await limiter.close();
  }
}
