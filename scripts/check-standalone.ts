/**
 * CI step (`npm run test:standalone`, after `npm run build`): the standalone output, copied out of the repository so
 * it cannot lean on the project's node_modules, is started with `node server.js` — as the Docker image does — on
 *   1. the embedded default (PGlite, local disk, in-process runner), and
 *   2. PostgreSQL (a fresh database on DATABASE_URL's server) + S3 (s3rver behind a proxy that refuses unsigned
 *      requests, like a private bucket) + Redis (127.0.0.1:6379) + Inngest keys (only /api/inngest is probed),
 * and each time must answer GET /api/health 200, and `npm run doctor -- --production --url …` must exit 0.
 * Ports: STANDALONE_PORT (default 3150) for the server, STANDALONE_STUB_PORT (3250) for the S3 proxy.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { startPrivateS3Proxy } from "@/lib/testing/private-s3";
import { startS3rver } from "@/lib/testing/s3rver";

const root = process.cwd();
const port = Number(process.env.STANDALONE_PORT ?? 3150);
const stubPort = Number(process.env.STANDALONE_STUB_PORT ?? 3250);
const base = `http://127.0.0.1:${port}`;
const say = (msg: string) => console.log(`[standalone] ${msg}`);

if (!existsSync(path.join(root, ".next/standalone/server.js"))) {
  console.error("[standalone] .next/standalone/server.js is missing: run `npm run build` first");
  process.exit(1);
}
const tmp = mkdtempSync(path.join(os.tmpdir(), "anclora-standalone-"));
const app = path.join(tmp, "app");
cpSync(path.join(root, ".next/standalone"), app, { recursive: true, verbatimSymlinks: true });
say(`copied .next/standalone to ${app}`);

const production = {
  NODE_ENV: "production",
  AUTH_SECRET: "ci-standalone-secret-0123456789abcdef",
  APP_URL: "https://flow.example.test",
  LOG_LEVEL: "warn",
};
/** The runner's own configuration must not leak into the app under test. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const k of Object.keys(env)) {
    if (/^(DATABASE_URL|STORAGE_|S3_|INNGEST_|UPSTASH_|REDIS_URL|SMTP_|BACKUP_DIR|ANTHROPIC_)/.test(k)) delete env[k];
  }
  return { ...env, ...production, ...extra } as NodeJS.ProcessEnv;
}

async function waitHealthy(child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 180_000;
  let last = "no answer";
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(10_000) });
      last = `${res.status} ${await res.text()}`;
      if (res.status === 200) {
        say(`GET /api/health → ${last}`);
        return;
      }
    } catch (e) {
      last = String(e);
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
  throw new Error(`/api/health never answered 200 (last: ${last})`);
}

async function scenario(name: string, env: NodeJS.ProcessEnv): Promise<void> {
  say(`--- ${name}: node server.js on ${base}`);
  const child = spawn(process.execPath, ["server.js"], { cwd: app, env: { ...env, PORT: String(port), HOSTNAME: "127.0.0.1" }, stdio: ["ignore", "inherit", "inherit"] });
  try {
    await waitHealthy(child);
    const code = await new Promise<number>((resolve) => {
      const doctor = spawn("npm", ["run", "--silent", "doctor", "--", "--production", "--url", base], { cwd: root, env, stdio: "inherit" });
      doctor.on("exit", (c) => resolve(c ?? 1));
    });
    if (code !== 0) throw new Error(`npm run doctor exited ${code}`);
    say(`${name}: healthy, doctor passed`);
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));
  }
}

let failed = false;
const cleanups: (() => Promise<void>)[] = [];
try {
  await scenario("embedded default", cleanEnv({ DATA_DIR: path.join(tmp, "data-embedded") }));

  if (!process.env.DATABASE_URL) {
    say("DATABASE_URL not set: PostgreSQL + S3 + Redis scenario skipped");
  } else {
    const name = `anclora_standalone_${Date.now().toString(36)}`;
    const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE "${name}"`);
    cleanups.push(async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
      await admin.end({ timeout: 5 });
    });
    const dbUrl = new URL(process.env.DATABASE_URL);
    dbUrl.pathname = `/${name}`;
    const s3 = await startS3rver({ bucket: "anclora-ci" });
    cleanups.push(() => s3.stop());
    const proxy = await startPrivateS3Proxy(s3.endpoint, stubPort);
    cleanups.push(() => proxy.stop());
    await scenario(
      "PostgreSQL + S3 (s3rver, private) + Redis + Inngest keys",
      cleanEnv({
        DATA_DIR: path.join(tmp, "data-services"),
        DATABASE_URL: dbUrl.toString(),
        STORAGE_DRIVER: "s3",
        S3_ENDPOINT: proxy.endpoint,
        S3_BUCKET: "anclora-ci",
        S3_ACCESS_KEY_ID: "S3RVER",
        S3_SECRET_ACCESS_KEY: "S3RVER",
        S3_FORCE_PATH_STYLE: "true",
        REDIS_URL: "redis://127.0.0.1:6379",
        INNGEST_EVENT_KEY: "ci-event-key",
        INNGEST_SIGNING_KEY: "signkey-test-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
      }),
    );
  }
} catch (e) {
  failed = true;
  console.error(`[standalone] FAILED: ${e instanceof Error ? e.message : e}`);
} finally {
  for (const c of cleanups.reverse()) await c().catch(() => {});
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
