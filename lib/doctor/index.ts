import { EnvError, parseEnv } from "@/lib/env";
import { checkApp } from "./checks/app";
import { checkBackups } from "./checks/backups";
import { checkAppUrl, checkAuthSecret, checkLogs, checkPlatform, checkSmtp } from "./checks/config";
import { checkDatabase } from "./checks/database";
import { checkOcr } from "./checks/ocr";
import { checkQueue } from "./checks/queue";
import { checkRateLimit } from "./checks/ratelimit";
import { checkStorage } from "./checks/storage";
import type { Check, CheckResult, DoctorContext } from "./types";
import { errorText } from "./types";

export type { CheckResult, CheckStatus, DoctorContext } from "./types";

/** The design's deployment checklist, in the order a person fixes things. */
export const CHECKS: Check[] = [
  checkPlatform,
  checkDatabase,
  checkStorage,
  checkRateLimit,
  checkQueue,
  checkAuthSecret,
  checkAppUrl,
  checkSmtp,
  checkOcr,
  checkBackups,
  checkLogs,
  checkApp,
];

export type DoctorReport = {
  ok: boolean;
  production: boolean;
  checkedAt: string;
  summary: Record<CheckResult["status"], number>;
  checks: CheckResult[];
};

export type DoctorOptions = {
  vars?: Record<string, string | undefined>;
  production?: boolean;
  appUrl?: string;
  fetch?: typeof fetch;
  now?: () => number;
  ocrBudgetMs?: number;
  timeoutMs?: number;
};

/** The context from variables (default: process.env) parsed by the app's own lib/env.ts. Throws EnvError. */
export function createDoctorContext(opts: DoctorOptions = {}): DoctorContext {
  const vars = opts.vars ?? process.env;
  const env = parseEnv(vars);
  return {
    env,
    vars,
    production: opts.production ?? env.NODE_ENV === "production",
    appUrl: opts.appUrl,
    fetch: opts.fetch ?? fetch,
    now: opts.now ?? Date.now,
    ocrBudgetMs: opts.ocrBudgetMs ?? 60_000,
    timeoutMs: opts.timeoutMs ?? 5_000,
  };
}

/** Runs every check (one after another: they share the machine with the app). A check that throws is a ✗. */
export async function runDoctor(opts: DoctorOptions = {}, checks: Check[] = CHECKS): Promise<DoctorReport> {
  let ctx: DoctorContext;
  try {
    ctx = createDoctorContext(opts);
  } catch (e) {
    if (!(e instanceof EnvError)) throw e;
    const checksOut: CheckResult[] = [
      { id: "env", label: "Environment", status: "fail", detail: e.issues.join("; "), fix: "fix these variables (see .env.example)" },
    ];
    return report(checksOut, opts.production ?? opts.vars?.NODE_ENV === "production", opts.now ?? Date.now);
  }
  const results: CheckResult[] = [
    { id: "env", label: "Environment", status: "ok", detail: `valid (lib/env.ts), ${ctx.production ? "production" : "development"} mode` },
  ];
  for (const check of checks) {
    try {
      const r = await check(ctx);
      results.push(...(Array.isArray(r) ? r : [r]));
    } catch (e) {
      results.push({ id: check.name.replace(/^check/, "").toLowerCase() || "check", label: check.name, status: "fail", detail: `the check itself failed: ${errorText(e)}` });
    }
  }
  return report(results, ctx.production, ctx.now);
}

function report(checks: CheckResult[], production: boolean, now: () => number): DoctorReport {
  const summary = { ok: 0, warn: 0, fail: 0, skip: 0 };
  for (const c of checks) summary[c.status]++;
  return { ok: summary.fail === 0, production, checkedAt: new Date(now()).toISOString(), summary, checks };
}

/** Non-zero when a must-have failed. */
export function exitCode(r: DoctorReport): number {
  return r.ok ? 0 : 1;
}

const SYMBOL = { ok: "✓", warn: "⚠", fail: "✗", skip: "–" } as const;

/** Human output: one line per check, the fix indented below it. */
export function formatReport(r: DoctorReport): string {
  const width = Math.max(...r.checks.map((c) => c.label.length));
  const lines = [`Anclora Flow doctor — ${r.production ? "production" : "development"} mode`, ""];
  for (const c of r.checks) {
    lines.push(`${SYMBOL[c.status]} ${c.label.padEnd(width)}  ${c.detail}`);
    if (c.fix && (c.status === "fail" || c.status === "warn")) lines.push(`  ${" ".repeat(width)}  → ${c.fix}`);
  }
  const { ok, warn, fail, skip } = r.summary;
  lines.push("", `${ok} ✓  ${warn} ⚠  ${fail} ✗  ${skip} –   ${r.ok ? "ready" : "NOT ready: fix the ✗ lines"}`);
  return lines.join("\n");
}
