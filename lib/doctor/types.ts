import type { Env } from "@/lib/env";

/** ✓ ok · ⚠ warn (works, but not how production should run) · ✗ fail (must be fixed) · – skip (not applicable). */
export type CheckStatus = "ok" | "warn" | "fail" | "skip";

export type CheckResult = {
  /** Stable id for monitoring (`--json`), e.g. `storage.private`. */
  id: string;
  /** What was checked, in a few words. */
  label: string;
  status: CheckStatus;
  /** What was found. */
  detail: string;
  /** One line: what to do about it (for warn and fail). */
  fix?: string;
};

/**
 * Everything a check reads from the outside world, so tests can run the checks against environments they make.
 * `env` is the app's own parse (lib/env.ts); `vars` the raw variables (for settings other helpers own, like
 * BACKUP_DIR); `appUrl` where the running app answers (the doctor never guesses it).
 */
export type DoctorContext = {
  env: Env;
  vars: Record<string, string | undefined>;
  /** Production mode: what production must have turns from ⚠ into ✗. */
  production: boolean;
  /** Base URL of the running app to probe (`--url`); unset: app probes are skipped. */
  appUrl?: string;
  fetch: typeof fetch;
  now: () => number;
  /** Time allowed for the one-page OCR smoke run, pool start included. */
  ocrBudgetMs: number;
  /** Per-probe network timeout. */
  timeoutMs: number;
};

export type Check = (ctx: DoctorContext) => Promise<CheckResult | CheckResult[]>;

/** ⚠ in development, ✗ in production: for the items the deployment checklist makes mandatory. */
export const mustHave = (ctx: DoctorContext): CheckStatus => (ctx.production ? "fail" : "warn");

/** One line for a report: the error's code and first line, then its cause's (drivers wrap the useful part). */
export function errorText(e: unknown, depth = 0): string {
  if (e instanceof AggregateError && e.errors.length) return errorText(e.errors[0], depth);
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    const msg = (e.message || e.name).split("\n")[0].trim();
    const head = typeof code === "string" && !msg.includes(code) ? `${code}: ${msg}` : msg;
    const cause = (e as { cause?: unknown }).cause;
    return cause && depth < 3 ? `${head} (${errorText(cause, depth + 1)})` : head;
  }
  return String(e).split("\n")[0];
}

/** `fn` or a timeout error after `ms`. */
export async function withTimeout<T>(ms: number, what: string, fn: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      fn(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what}: no answer within ${Math.round(ms / 1000)} s`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
