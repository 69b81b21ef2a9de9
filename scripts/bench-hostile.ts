/**
 * Hostile-file measurement (not a test): starts the built app (`next build` first) on a fresh PostgreSQL database
 * and local storage, signs in, sends each hostile file, and prints per file: HTTP status and code, request time,
 * the server's peak RSS during that request (and during processing, for a file the upload accepts), and
 * /api/health p95 while everything ran (polled every 100 ms). Also sign-in timing for a known vs an unknown e-mail.
 *
 *   npm run build && DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:hostile
 *
 * Options: --port N (default E2E_PORT or 3120)
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { openPostgres } from "@/db/client";
import { createUserWithBook } from "@/db/queries/users";
import { hashPassword } from "@/lib/auth/password";
import { makeInvoicePdf } from "@/lib/testing/fixtures";
import { BIDI_NAME, blankPagesPdf, contentBombPdf, encryptedPdf, pixelBombPng } from "@/lib/testing/hostile";

const { values } = parseArgs({ options: { port: { type: "string", default: process.env.E2E_PORT ?? "3120" } } });
const port = Number(values.port);
const base = `http://127.0.0.1:${port}`;
const PASSWORD = "contraseña-bench-1";

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Samples the RSS of the server and its children's threads (one process: worker threads share it) every 50 ms. */
function rssSampler(pid: number) {
  let peak = 0;
  const t = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 50);
  return { stop: () => (clearInterval(t), Math.max(peak, rssMb(pid))) };
}

const healthTimes: number[] = [];
let healthFailures = 0;
async function pollHealth(signal: AbortSignal) {
  while (!signal.aborted) {
    const t = performance.now();
    try {
      const r = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(10_000) });
      if (r.status !== 200) healthFailures++;
      await r.arrayBuffer();
    } catch {
      healthFailures++;
    }
    healthTimes.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
};

async function signIn(email: string, password: string): Promise<{ cookie: string; status: number; ms: number }> {
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const csrfCookie = csrfRes.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const t = performance.now();
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: "/inbox" }),
  });
  const ms = performance.now() - t;
  const cookie = [csrfCookie, ...res.headers.getSetCookie().map((c) => c.split(";")[0])].join("; ");
  return { cookie, status: res.status, ms };
}

async function upload(cookie: string, name: string, type: string, bytes: Uint8Array) {
  const form = new FormData();
  form.set("file", new File([bytes as Uint8Array<ArrayBuffer>], name, { type }));
  const res = await fetch(`${base}/api/documents`, { method: "POST", body: form, headers: { cookie } });
  return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, any> | null };
}

function chunked(cookie: string, total: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}/api/documents`, {
      method: "POST",
      headers: { cookie, "content-type": "multipart/form-data; boundary=x", "transfer-encoding": "chunked" },
    });
    let done = false;
    req.on("response", (res) => {
      done = true;
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", (e) => (done ? undefined : reject(e)));
    req.write('--x\r\nContent-Disposition: form-data; name="file"; filename="g.pdf"\r\n\r\n');
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (!done && sent < total) {
        sent += chunk.byteLength;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!done) req.end("\r\n--x--\r\n");
    };
    pump();
  });
}

async function waitDocument(cookie: string, id: string, timeoutMs = 180_000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const { items } = (await (await fetch(`${base}/api/documents`, { headers: { cookie } })).json()) as {
      items: { id: string; status: string; errorCode: string | null }[];
    };
    const d = items.find((i) => i.id === id);
    if (d && !["uploaded", "processing"].includes(d.status)) return d;
    await new Promise((r) => setTimeout(r, 250));
  }
  return { status: "timeout", errorCode: null };
}

async function main() {
  if (!process.env.DATABASE_URL) throw new Error("set DATABASE_URL (a PostgreSQL server; a fresh database is made)");
  const dbName = `anclora_hostile_${Date.now().toString(36)}`;
  const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE "${dbName}"`);
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${dbName}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "anclora-hostile-"));
  const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port)], {
    env: {
      ...process.env,
      DATABASE_URL: url.toString(),
      DATA_DIR: dataDir,
      STORAGE_DRIVER: "local",
      NODE_ENV: "production",
      INNGEST_EVENT_KEY: "",
      INNGEST_DEV: "",
      LOG_LEVEL: "warn",
      // a short page budget so the "slow page" file shows the processing-budget path within the run
      PDF_PAGE_SECONDS: process.env.PDF_PAGE_SECONDS ?? "5",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const abort = new AbortController();
  try {
    for (let i = 0; ; i++) {
      if (i > 120 || server.exitCode !== null) throw new Error("server did not start (port taken?)");
      const ok = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const handle = await openPostgres(url.toString(), { max: 2 });
    const email = "bench@example.com";
    await createUserWithBook(handle.db, {
      email,
      name: "Bench",
      passwordHash: await hashPassword(PASSWORD),
      legalName: "Bench SL",
      nif: "12345678Z",
    });
    await handle.close();

    // Sign-in timing: known (wrong password) vs unknown e-mail, alternating; 8 each (under the failure limit).
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 8; i++) {
      known.push((await signIn(email, `mala-${i}`)).ms);
      unknown.push((await signIn(`nadie-${i}@example.com`, `mala-${i}`)).ms);
    }
    const { cookie } = await signIn(email, PASSWORD);

    const poller = pollHealth(abort.signal);
    const rows: string[][] = [];
    const files: [string, string, () => Promise<Uint8Array> | Uint8Array][] = [
      ["content-stream bomb (100 MB decoded)", "application/pdf", () => contentBombPdf(100)],
      ["slow page (12 MB of path operators)", "application/pdf", () => contentBombPdf(12)],
      ["encrypted PDF", "application/pdf", () => encryptedPdf()],
      ["500 blank pages", "application/pdf", () => blankPagesPdf(500)],
      ["10000×10000 PNG", "image/png", () => pixelBombPng()],
      ["bidi name on a real PDF", "application/pdf", () => makeInvoicePdf()],
    ];
    for (const [label, type, make] of files) {
      const bytes = await make();
      const rss = rssSampler(server.pid!);
      const t = performance.now();
      const name = label.startsWith("bidi") ? BIDI_NAME : "hostil.pdf";
      const r = await upload(cookie, name, type, bytes);
      const ms = performance.now() - t;
      let outcome = `${r.status} ${r.body?.error?.code ?? r.body?.document?.status ?? ""}`;
      if (r.status === 201) {
        const d = await waitDocument(cookie, r.body!.document.id);
        outcome += ` → ${d.status}${d.errorCode ? ` (${d.errorCode})` : ""}`;
      }
      rows.push([label, `${(bytes.byteLength / 1024).toFixed(0)} KB`, outcome, `${ms.toFixed(0)} ms`, `${rss.stop().toFixed(0)} MB`]);
    }
    {
      const rss = rssSampler(server.pid!);
      const t = performance.now();
      const status = await chunked(cookie, 1024 * 1024 * 1024);
      rows.push(["chunked body, 1 GB offered", "—", String(status), `${(performance.now() - t).toFixed(0)} ms`, `${rss.stop().toFixed(0)} MB`]);
    }
    abort.abort();
    await poller;

    console.log("\n| file | size | status → outcome | request time | server peak RSS |\n|---|---|---|---|---|");
    for (const r of rows) console.log(`| ${r.join(" | ")} |`);
    console.log(
      `\n/api/health during the run: ${healthTimes.length} polls, p50 ${pct(healthTimes, 50).toFixed(0)} ms, ` +
        `p95 ${pct(healthTimes, 95).toFixed(0)} ms, max ${Math.max(...healthTimes).toFixed(0)} ms, non-200 ${healthFailures}`,
    );
    console.log(
      `sign-in (wrong password) p50: known e-mail ${pct(known, 50).toFixed(0)} ms, unknown e-mail ${pct(unknown, 50).toFixed(0)} ms`,
    );
  } finally {
    abort.abort();
    if (server.exitCode === null) {
      server.kill("SIGTERM");
      await new Promise((r) => server.once("exit", r));
    }
    await admin.unsafe(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch(() => {});
    await admin.end({ timeout: 2 });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
