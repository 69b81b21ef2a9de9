/**
 * The built app (`npm run build` → .next/standalone/server.js, what the Docker image runs) as a child process, for
 * scripts that drive it over loopback (bench:load, test:fault): start on a port with an environment of their own,
 * wait for /api/health, stop (SIGTERM) or crash it (SIGKILL), sample its RSS. Plus the few HTTP steps they share
 * (sign in, upload) and a fresh PostgreSQL database. Not for vitest: these run real servers.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";

export type AppServer = {
  base: string;
  pid: number;
  child: ChildProcess;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
  /** SIGKILL (a crash: no shutdown hook runs), then waits for the exit. */
  kill(): Promise<void>;
};

/**
 * The runner's own service configuration must not leak into the app under test: only what `env` names is used
 * (plus PATH, HOME and the like).
 */
export function appEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const base: Record<string, string | undefined> = { ...process.env };
  for (const k of Object.keys(base)) {
    if (/^(DATABASE_URL|STORAGE_|S3_|INNGEST_|UPSTASH_|REDIS_URL|SMTP_|BACKUP_DIR|ANTHROPIC_|APP_URL|ADMIN_EMAILS|IMAP_|INTAKE_|INBOUND_)/.test(k)) {
      delete base[k];
    }
  }
  const merged: Record<string, string | undefined> = { ...base, NODE_ENV: "production", LOG_LEVEL: "warn", ...env };
  for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
  return merged as NodeJS.ProcessEnv;
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));

/** Starts .next/standalone/server.js on 127.0.0.1:`port` and resolves once GET /api/health answers 200. */
export async function startBuiltApp(opts: {
  port: number;
  env: NodeJS.ProcessEnv;
  root?: string;
  /** Server output: inherited (default) or dropped. */
  output?: "inherit" | "ignore";
  timeoutMs?: number;
}): Promise<AppServer> {
  const root = opts.root ?? process.cwd();
  const server = path.join(root, ".next/standalone/server.js");
  if (!existsSync(server)) throw new Error(`${server} is missing: run \`npm run build\` first`);
  // Something already answering there would pass the health wait below for a server that failed to bind.
  if (await fetch(`http://127.0.0.1:${opts.port}/`, { signal: AbortSignal.timeout(2_000) }).then(() => true, () => false)) {
    throw new Error(`port ${opts.port} is already in use`);
  }
  const child = spawn(process.execPath, [server], {
    env: { ...opts.env, PORT: String(opts.port), HOSTNAME: "127.0.0.1" },
    stdio: ["ignore", opts.output ?? "inherit", opts.output ?? "inherit"],
  });
  const base = `http://127.0.0.1:${opts.port}`;
  const app: AppServer = {
    base,
    pid: child.pid!,
    child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited(child);
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited(child);
    },
  };
  const deadline = Date.now() + (opts.timeoutMs ?? 180_000);
  let last = "no answer";
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited (${child.exitCode ?? child.signalCode}) before answering`);
    try {
      const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(5_000) });
      last = `${res.status}`;
      await res.arrayBuffer();
      if (res.status === 200) return app;
    } catch (e) {
      last = String(e);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await app.kill();
  throw new Error(`/api/health never answered 200 (last: ${last})`);
}

/** A fresh database on `serverUrl`'s PostgreSQL server; `drop` removes it (and any connections to it). */
export async function freshPostgresDatabase(serverUrl: string, prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${Date.now().toString(36)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
      await admin.end({ timeout: 2 });
    },
  };
}

/** Resident memory of a process in MB (worker threads included: they share it); 0 once it is gone. */
export function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Signs in through next-auth's credentials endpoint and returns the cookie header of the session. */
export async function signInCookie(base: string, email: string, password: string, headers: Record<string, string> = {}): Promise<string> {
  const csrfRes = await fetch(`${base}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const csrfCookie = csrfRes.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers, "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: "/inbox" }),
  });
  await res.arrayBuffer();
  const session = res.headers.getSetCookie().map((c) => c.split(";")[0]).filter((c) => c.includes("session-token"));
  if (session.length === 0) throw new Error(`sign-in of ${email} failed (${res.status} ${res.headers.get("location")})`);
  return session.join("; ");
}

export type UploadAnswer = { status: number; ms: number; retryAfter: number | null; body: Record<string, any> | null };

/** One multipart upload to /api/documents. */
export async function uploadDocument(
  base: string,
  cookie: string,
  file: { name: string; type: string; bytes: Uint8Array },
  headers: Record<string, string> = {},
): Promise<UploadAnswer> {
  const form = new FormData();
  form.set("file", new File([file.bytes as Uint8Array<ArrayBuffer>], file.name, { type: file.type }));
  const t = performance.now();
  const res = await fetch(`${base}/api/documents`, { method: "POST", body: form, headers: { ...headers, cookie } });
  const body = (await res.json().catch(() => null)) as Record<string, any> | null;
  const retry = res.headers.get("retry-after");
  return { status: res.status, ms: performance.now() - t, retryAfter: retry ? Number(retry) : null, body };
}

export type InboxRow = { id: string; status: string; errorCode: string | null; filename: string };

/** The signed-in user's inbox (the current book's latest 200 documents). */
export async function listInboxOf(base: string, cookie: string, headers: Record<string, string> = {}): Promise<InboxRow[]> {
  const res = await fetch(`${base}/api/documents`, { headers: { ...headers, cookie }, signal: AbortSignal.timeout(30_000) });
  if (res.status !== 200) throw new Error(`GET /api/documents → ${res.status}`);
  return ((await res.json()) as { items: InboxRow[] }).items;
}

/** Statuses that processing leaves a document in (anything else is still queued or running). */
export const FINAL_STATUSES = new Set(["extracted", "needs_review", "failed", "approved", "rejected", "duplicate"]);
