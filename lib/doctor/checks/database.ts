import { existsSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { connectPostgres, MIGRATIONS_DIR } from "@/db/client";
import type { CheckResult, DoctorContext } from "../types";
import { errorText, withTimeout } from "../types";

/** Migrations in db/migrations that the database has not applied (drizzle's own rule: newer than the last one). */
export function pendingMigrations(lastAppliedMillis: number | null, migrationsFolder = MIGRATIONS_DIR) {
  const all = readMigrationFiles({ migrationsFolder });
  return { total: all.length, pending: all.filter((m) => lastAppliedMillis === null || m.folderMillis > lastAppliedMillis).length };
}

function redactUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return `${u.protocol}//${u.username ? `${u.username}${u.password ? ":***" : ""}@` : ""}${u.host}${u.pathname}`;
}

/**
 * PostgreSQL: reachable and every migration applied (read, never applied: the app migrates at start).
 * PGlite: never opened here — it has no cross-process lock, and the app may have it open right now — so the
 * running app's /api/health answers for it when `--url` is given.
 */
export async function checkDatabase(ctx: DoctorContext): Promise<CheckResult[]> {
  const url = ctx.env.DATABASE_URL;
  if (!url) return [await checkPglite(ctx)];
  const base = { id: "database", label: "Database (PostgreSQL)" };
  const where = redactUrl(url);
  let handle;
  try {
    handle = await withTimeout(ctx.timeoutMs, "connect", () =>
      connectPostgres(url, { max: 1, connectTimeoutSeconds: Math.ceil(ctx.timeoutMs / 1000) }),
    );
    const db = handle.db;
    const rows = (await withTimeout(ctx.timeoutMs, "query", () => db.execute(sql`show server_version`))) as unknown as {
      server_version: string;
    }[];
    const reachable: CheckResult = { ...base, status: "ok", detail: `${where} answers (PostgreSQL ${rows[0]?.server_version})` };
    const applied = (await handle.db
      .execute(sql`select max(created_at) as last from drizzle.__drizzle_migrations`)
      .then((r) => (r as unknown as { last: string | null }[])[0]?.last ?? null)
      .catch(() => null)) as string | null;
    const { total, pending } = pendingMigrations(applied === null ? null : Number(applied));
    const migrations: CheckResult =
      pending === 0
        ? { id: "database.migrations", label: "Database migrations", status: "ok", detail: `all ${total} applied` }
        : {
            id: "database.migrations",
            label: "Database migrations",
            status: "fail",
            detail: `${pending} of ${total} not applied`,
            fix: "start the app once (it applies db/migrations at start-up) and run the doctor again",
          };
    return [reachable, migrations];
  } catch (e) {
    return [
      {
        ...base,
        status: "fail",
        detail: `${where}: ${errorText(e)}`,
        fix: "check DATABASE_URL (host, port, user, password, database) and that PostgreSQL accepts connections from here",
      },
      { id: "database.migrations", label: "Database migrations", status: "skip", detail: "database not reachable" },
    ];
  } finally {
    await handle?.close().catch(() => {});
  }
}

async function checkPglite(ctx: DoctorContext): Promise<CheckResult> {
  const base = { id: "database", label: "Database (embedded PGlite)" };
  const dir = ctx.env.pglitePath;
  const prodNote = ctx.production
    ? { status: "warn" as const, fix: "one process per data directory: set DATABASE_URL (PostgreSQL) to run more than one instance" }
    : { status: "ok" as const };
  if (ctx.appUrl) {
    const health = await appHealth(ctx);
    // Details (per check) only reach a signed-in operator; the public answer's 200 + "ok" means every check is up.
    const up = health.body?.database ? health.body.database.ok === true : health.status === 200 && health.body?.status === "ok";
    if (health.ok && up) {
      return { ...base, ...prodNote, detail: `${dir}: the running app reports it open and migrated (/api/health)` };
    }
    return {
      ...base,
      status: "fail",
      detail: `the app at ${ctx.appUrl} reports the database ${health.ok ? "down" : `unreachable (${health.error})`}`,
      fix: "read the app's logs (db.open_failed) and check DATA_DIR is writable by the app's user",
    };
  }
  if (!existsSync(path.join(dir, "PG_VERSION"))) {
    return { ...base, ...prodNote, detail: `${dir} not created yet: the app creates and migrates it at its first start` };
  }
  return {
    ...base,
    ...prodNote,
    detail: `${dir} exists; not opened by the doctor (no cross-process lock) — pass --url to ask the running app`,
  };
}

type HealthBody = { status?: string; database?: { ok?: boolean; kind?: string } };

/** GET {appUrl}/api/health (shared with the app checks). */
export async function appHealth(ctx: DoctorContext): Promise<{ ok: boolean; status?: number; body?: HealthBody; error?: string; headers?: Headers }> {
  try {
    const res = await ctx.fetch(new URL("/api/health", ctx.appUrl), {
      signal: AbortSignal.timeout(ctx.timeoutMs),
      headers: { Origin: "https://doctor.invalid" },
    });
    const body = (await res.json().catch(() => undefined)) as HealthBody | undefined;
    return { ok: true, status: res.status, body, headers: res.headers };
  } catch (e) {
    return { ok: false, error: errorText(e) };
  }
}
