// Starts the built app for the e2e tests on a fresh database and storage: a new PostgreSQL database when
// DATABASE_URL is set (dropped on exit), otherwise PGlite in a temporary DATA_DIR.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";

const port = process.env.E2E_PORT ?? "3100";
const dataDir = mkdtempSync(path.join(os.tmpdir(), "anclora-e2e-"));
// TRUST_PROXY=1: the specs' fixture (e2e/fixtures.ts) gives each test a client address of its own, as a proxy would.
const env = { ...process.env, DATA_DIR: dataDir, STORAGE_DRIVER: "local", NODE_ENV: "production", PORT: port, TRUST_PROXY: "1" };
// The operator of this instance (health details, /admin/monitoring): e2e/monitoring.spec.ts registers this address.
env.ADMIN_EMAILS = "operadora-e2e@example.test";
// E-mail intake through the inbound webhook (e2e/einvoice.spec.ts posts raw MIME with this secret).
env.INTAKE_ADDRESS = "facturas@anclora.test";
env.INBOUND_EMAIL_SECRET = "e2e-inbound-secret-0123456789";
delete env.INNGEST_EVENT_KEY;
delete env.INNGEST_DEV;

// The assistant talks to a loopback stand-in for the Anthropic API (e2e/anthropic-stub-server.ts): only the base URL
// differs from production.
const stubPort = process.env.E2E_ANTHROPIC_PORT ?? "3199";
const stub = spawn(process.execPath, ["--import", "tsx", "e2e/anthropic-stub-server.ts"], {
  env: { ...process.env, E2E_ANTHROPIC_PORT: stubPort },
  stdio: "inherit",
});
env.ANTHROPIC_API_KEY = "sk-ant-e2e-stub";
env.ANTHROPIC_BASE_URL = `http://127.0.0.1:${stubPort}`;

let dropDb = async () => {};
if (process.env.DATABASE_URL) {
  const name = `anclora_e2e_${Date.now().toString(36)}`;
  const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.toString();
  dropDb = async () => {
    await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
    await admin.end({ timeout: 2 });
  };
}

// The standalone server `npm run build` makes (what the Dockerfile and CI run); DATA_DIR is already absolute.
const child = spawn(process.execPath, [".next/standalone/server.js"], {
  env: { ...env, HOSTNAME: "127.0.0.1" },
  stdio: "inherit",
});
let stopping = false;
const stop = async (code = 0) => {
  if (stopping) return;
  stopping = true;
  child.kill("SIGTERM");
  stub.kill("SIGTERM");
  await dropDb();
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(code);
};
child.on("exit", (code) => void stop(code ?? 0));
process.on("SIGTERM", () => void stop(0));
process.on("SIGINT", () => void stop(0));
