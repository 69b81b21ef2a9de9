import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/lib/testing/db";
import { useTempDataDir } from "@/lib/testing/env";
import { startPrivateS3Proxy } from "@/lib/testing/private-s3";
import { startS3rver, type RunningS3rver } from "@/lib/testing/s3rver";
import { terminateOcr } from "@/lib/documents/ocr";
import { checkAuthSecret, checkPlatform } from "./checks/config";
import { checkBackups } from "./checks/backups";
import { checkDatabase } from "./checks/database";
import { checkOcr } from "./checks/ocr";
import { checkRateLimit } from "./checks/ratelimit";
import { checkStorage } from "./checks/storage";
import { CHECKS, createDoctorContext, exitCode, formatReport, runDoctor, type DoctorReport } from "./index";

/**
 * The doctor against real set-ups: the embedded default, PostgreSQL + S3 (s3rver) + Redis, and broken ones made
 * here. s3rver has no access control (every object is anonymously readable, i.e. a public bucket); the "private
 * bucket" runs put it behind lib/testing/private-s3.ts, which refuses unsigned requests as S3 and MinIO do.
 */
const PG = process.env.DATABASE_URL;
const byId = (r: DoctorReport) => Object.fromEntries(r.checks.map((c) => [c.id, c]));
const status = (r: DoctorReport) => Object.fromEntries(r.checks.map((c) => [c.id, c.status]));

const dataDir = useTempDataDir("anclora-doctor-", { OCR_WORKERS: "1" });
let s3: RunningS3rver;
let privateS3: { endpoint: string; stop(): Promise<void> };
let db: Awaited<ReturnType<typeof createTestDb>>;
let backupDir: string;

beforeAll(async () => {
  s3 = await startS3rver({ bucket: "anclora-doctor" });
  privateS3 = await startPrivateS3Proxy(s3.endpoint);
  db = await createTestDb();
  backupDir = await mkdtemp(path.join(os.tmpdir(), "anclora-doctor-backups-"));
});

afterAll(async () => {
  await terminateOcr();
  await privateS3?.stop();
  await s3?.stop();
  await db?.close();
  await rm(backupDir, { recursive: true, force: true });
});

const s3Vars = (endpoint: string) => ({
  STORAGE_DRIVER: "s3",
  S3_ENDPOINT: endpoint,
  S3_BUCKET: "anclora-doctor",
  S3_ACCESS_KEY_ID: "S3RVER",
  S3_SECRET_ACCESS_KEY: "S3RVER",
  S3_FORCE_PATH_STYLE: "true",
});

describe("doctor on the embedded default", () => {
  it("passes, with warnings for what production needs, and reads a page by OCR", async () => {
    const r = await runDoctor({ vars: { DATA_DIR: dataDir() }, ocrBudgetMs: 120_000 });
    expect(status(r)).toMatchObject({
      env: "ok",
      platform: "skip",
      database: "ok",
      storage: "ok",
      queue: "ok",
      ratelimit: "warn",
      "auth.secret": "warn",
      "app.url": "warn",
      "mail.smtp": "skip",
      "ocr.data": "ok",
      "ocr.smoke": "ok",
      backups: "skip",
      "app.health": "skip",
    });
    expect(byId(r).database.detail).toContain("not created yet");
    expect(r.summary.fail).toBe(0);
    expect(exitCode(r)).toBe(0);
    expect(formatReport(r)).toMatch(/^⚠ AUTH_SECRET +not set/m);
  }, 240_000);

  it("fails the OCR smoke run when it takes longer than the budget", async () => {
    const r = await runDoctor({ vars: { DATA_DIR: dataDir() }, ocrBudgetMs: 1 }, [checkOcr]);
    expect(byId(r)["ocr.data"].status).toBe("ok");
    expect(byId(r)["ocr.smoke"]).toMatchObject({ status: "fail", detail: expect.stringContaining("over the 1 ms budget") });
    expect(exitCode(r)).toBe(1);
  }, 240_000);

  it("fails the same set-up in production mode, where AUTH_SECRET and an https APP_URL are must-haves", async () => {
    const r = await runDoctor({ vars: { DATA_DIR: dataDir(), NODE_ENV: "production" } }, [checkAuthSecret]);
    expect(r.production).toBe(true);
    expect(byId(r)["auth.secret"]).toMatchObject({ status: "fail", fix: expect.stringContaining("openssl rand") });
    expect(exitCode(r)).toBe(1);
    expect(formatReport(r)).toMatch(/^✗ AUTH_SECRET/m);
  });
});

describe.skipIf(!PG)("doctor on PostgreSQL + S3 (s3rver) + Redis", () => {
  it("passes every check", async () => {
    await writeFile(path.join(backupDir, "anclora-2026-12-01.tar.gz"), "backup");
    const r = await runDoctor(
      {
        vars: {
          DATA_DIR: dataDir(),
          DATABASE_URL: db.url,
          ...s3Vars(privateS3.endpoint),
          REDIS_URL: "redis://127.0.0.1:6379",
          AUTH_SECRET: "a-secret-of-at-least-32-characters!!",
          APP_URL: "https://flow.example.test",
          BACKUP_DIR: backupDir,
        },
        ocrBudgetMs: 120_000,
      },
      CHECKS,
    );
    const notOk = r.checks.filter((c) => c.status !== "ok" && !(c.status === "skip" && ["platform", "mail.smtp", "app.health"].includes(c.id)));
    expect(notOk).toEqual([]);
    expect(status(r)).toMatchObject({ database: "ok", "database.migrations": "ok", storage: "ok", "storage.private": "ok", ratelimit: "ok", backups: "ok" });
    expect(byId(r)["storage.private"].detail).toContain("403");
    expect(exitCode(r)).toBe(0);
  }, 240_000);

  it("reports a wrong database URL as ✗ and exits non-zero", async () => {
    const r = await runDoctor({ vars: { DATA_DIR: dataDir(), DATABASE_URL: "postgres://postgres@127.0.0.1:1/nowhere" } }, [checkDatabase]);
    expect(status(r)).toMatchObject({ database: "fail", "database.migrations": "skip" });
    expect(byId(r).database.detail).toMatch(/127\.0\.0\.1:1.*ECONNREFUSED/);
    expect(byId(r).database.detail).not.toContain("\n");
    expect(exitCode(r)).toBe(1);
  });

  it("reports a database whose migrations were never applied", async () => {
    const name = `anclora_doctor_${Date.now().toString(36)}`;
    const admin = postgres(PG!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE "${name}"`);
    try {
      const url = new URL(PG!);
      url.pathname = `/${name}`;
      const r = await runDoctor({ vars: { DATA_DIR: dataDir(), DATABASE_URL: url.toString() } }, [checkDatabase]);
      expect(status(r)).toMatchObject({ database: "ok", "database.migrations": "fail" });
      expect(byId(r)["database.migrations"].detail).toMatch(/^\d+ of \d+ not applied$/);
      expect(exitCode(r)).toBe(1);
    } finally {
      await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end({ timeout: 5 });
    }
  });

  it("reports an unreachable S3 endpoint", async () => {
    const r = await runDoctor({ vars: { DATA_DIR: dataDir(), ...s3Vars("http://127.0.0.1:1") } }, [checkStorage]);
    expect(status(r)).toMatchObject({ storage: "fail", "storage.private": "skip" });
    expect(byId(r).storage.detail).toContain("ECONNREFUSED");
    expect(exitCode(r)).toBe(1);
  });

  it("reports a public bucket (s3rver answers anonymous GETs) and leaves no probe object behind", async () => {
    const r = await runDoctor({ vars: { DATA_DIR: dataDir(), ...s3Vars(s3.endpoint) } }, [checkStorage]);
    expect(byId(r)["storage.private"]).toMatchObject({ status: "fail", detail: expect.stringContaining("answered 200") });
    expect(byId(r).storage.status).toBe("ok");
    expect(exitCode(r)).toBe(1);
    const listing = await fetch(`${s3.endpoint}/anclora-doctor?list-type=2`).then((res) => res.text());
    expect(listing).not.toContain("doctor-probe/");
  });

  it("reports an unreachable Redis", async () => {
    const r = await runDoctor({ vars: { DATA_DIR: dataDir(), REDIS_URL: "redis://127.0.0.1:1" }, timeoutMs: 3_000 }, [checkRateLimit]);
    expect(byId(r).ratelimit).toMatchObject({ status: "fail", label: "Rate limits (Redis)" });
    expect(exitCode(r)).toBe(1);
  });
});

describe("backups", () => {
  it("says how old the newest archive is, and calls a stale one out", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "anclora-doctor-bk-"));
    try {
      const now = Date.parse("2026-12-01T06:00:00Z");
      const vars = { DATA_DIR: dataDir(), BACKUP_DIR: dir };
      let r = await runDoctor({ vars, now: () => now, production: true }, [checkBackups]);
      expect(byId(r).backups).toMatchObject({ status: "fail", detail: expect.stringContaining("no backup yet") });
      await mkdir(path.join(dir, "2026-11-28"));
      const old = path.join(dir, "2026-11-28", "db.sql.gz");
      await writeFile(old, "x");
      await utimes(old, new Date(now - 3 * 86_400_000), new Date(now - 3 * 86_400_000));
      r = await runDoctor({ vars, now: () => now, production: true }, [checkBackups]);
      expect(byId(r).backups).toMatchObject({ status: "fail", detail: "newest db.sql.gz, 3 days old" });
      r = await runDoctor({ vars, now: () => now }, [checkBackups]);
      expect(byId(r).backups.status).toBe("warn");
      const fresh = path.join(dir, "files.tar.gz");
      await writeFile(fresh, "y");
      await utimes(fresh, new Date(now - 5 * 3_600_000), new Date(now - 5 * 3_600_000));
      r = await runDoctor({ vars, now: () => now, production: true }, [checkBackups]);
      expect(byId(r).backups).toMatchObject({ status: "ok", detail: "newest files.tar.gz, 5 h old" });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("configuration", () => {
  it("on Vercel, refuses what the embedded default would lose there and warns about the 4.5 MB body limit", async () => {
    let r = await runDoctor({ vars: { VERCEL: "1" } }, [checkPlatform]);
    expect(byId(r).platform).toMatchObject({ status: "fail", detail: expect.stringMatching(/STORAGE_DRIVER=local.*DATABASE_URL.*Inngest/) });
    const deployed = { VERCEL: "1", DATABASE_URL: "postgres://u@db.example/x", ...s3Vars("https://s3.example"), INNGEST_EVENT_KEY: "e", INNGEST_SIGNING_KEY: "s" };
    r = await runDoctor({ vars: deployed }, [checkPlatform]);
    expect(byId(r).platform).toMatchObject({ status: "warn", detail: expect.stringContaining("MAX_UPLOAD_MB=10") });
    r = await runDoctor({ vars: { ...deployed, MAX_UPLOAD_MB: "4" } }, [checkPlatform]);
    expect(byId(r).platform.status).toBe("ok");
    r = await runDoctor({ vars: {} }, [checkPlatform]);
    expect(byId(r).platform.status).toBe("skip");
  });

  it("turns an invalid environment into one ✗ line instead of a crash", async () => {
    const r = await runDoctor({ vars: { STORAGE_DRIVER: "s3" } });
    expect(r.checks).toHaveLength(1);
    expect(r.checks[0]).toMatchObject({ id: "env", status: "fail", detail: expect.stringContaining("S3_BUCKET") });
    expect(exitCode(r)).toBe(1);
  });
});

describe("npm run doctor", () => {
  it("prints JSON and exits 1 when a production must-have fails", async () => {
    const run = promisify(execFile);
    const env: Record<string, string | undefined> = { ...process.env, DATA_DIR: dataDir(), AUTH_SECRET: "", DATABASE_URL: "", STORAGE_DRIVER: "local" };
    delete env.NODE_ENV; // vitest's "test"; --production decides the mode
    const err = await run("npm", ["run", "--silent", "doctor", "--", "--json", "--production"], {
      cwd: path.resolve(import.meta.dirname, "../.."),
      env: env as NodeJS.ProcessEnv,
      timeout: 230_000,
    }).then(
      () => null,
      (e: { code: number; stdout: string }) => e,
    );
    expect(err?.code).toBe(1);
    const report = JSON.parse(err!.stdout) as DoctorReport;
    expect(report.production).toBe(true);
    expect(byId(report)["auth.secret"].status).toBe("fail");
    expect(byId(report)["storage"].status).toBe("ok");
  }, 240_000);
});

describe("the embedded database through the running app's public /api/health", () => {
  const answering = (status: number, body: unknown) =>
    (async () => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } })) as unknown as typeof fetch;
  const run = async (f: typeof fetch) =>
    (await checkDatabase(createDoctorContext({ vars: { DATA_DIR: dataDir() }, appUrl: "http://127.0.0.1:9", fetch: f }))).find((c) => c.id === "database");

  it("takes the public 200 { status: ok } as open and migrated (details are for a signed-in operator only)", async () => {
    expect(await run(answering(200, { status: "ok" }))).toMatchObject({ status: "ok" });
  });
  it("reads the operator's details when it gets them", async () => {
    expect(await run(answering(200, { status: "ok", database: { ok: true, kind: "pglite" } }))).toMatchObject({ status: "ok" });
    expect(await run(answering(503, { status: "degraded", database: { ok: false, kind: "pglite" } }))).toMatchObject({ status: "fail" });
  });
  it("fails on a degraded public answer", async () => {
    expect(await run(answering(503, { status: "degraded" }))).toMatchObject({ status: "fail" });
  });
});
