/**
 * Load measurement (not a test): N uploads from C concurrent clients over loopback against the built app
 * (`npm run build` first), then checks that every document is stored byte-identical and processed exactly once.
 * Each client is one person: their own account and book, and their own address (the app trusts one proxy here,
 * TRUST_PROXY=1, and each client sends its X-Forwarded-For), so the per-user and per-IP upload limits apply as in
 * production; a 429 is counted and the upload retried after Retry-After. Every file is a distinct text PDF.
 *
 *   npm run build
 *   npm run bench:load -- --uploads 1000 --clients 20                      # both variants
 *   npm run bench:load -- --uploads 1000 --clients 20 --variant embedded   # PGlite + local disk + in-memory limits
 *   npm run bench:load -- --variant services   # PostgreSQL (a fresh database on DATABASE_URL, default
 *                                              # postgres://postgres@127.0.0.1:5432/test) + S3 (s3rver) + Redis
 *                                              # (REDIS_URL, default redis://127.0.0.1:6379)
 *
 * Prints per variant: upload throughput, p50/p95 upload latency, 429s, time until every document was processed,
 * /api/health p50/p95 during the run (polled every 100 ms), the server's peak RSS, and the checks.
 * Options: --port N (default 3130), --variant embedded|services|both.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { inArray, sql } from "drizzle-orm";
import { openPglite, openPostgres, type DbHandle } from "@/db/client";
import { createUserWithBook } from "@/db/queries/users";
import { documents, extractions } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { percentile } from "@/lib/monitoring/percentile";
import { createStorage, type StorageConfig } from "@/lib/storage";
import {
  appEnv,
  FINAL_STATUSES,
  freshPostgresDatabase,
  listInboxOf,
  rssMb,
  signInCookie,
  startBuiltApp,
  uploadDocument,
  type AppServer,
} from "@/lib/testing/app-server";
import { makeInvoicePdf, SAMPLE_INVOICE } from "@/lib/testing/fixtures";
import { startS3rver } from "@/lib/testing/s3rver";

const { values } = parseArgs({
  options: {
    uploads: { type: "string", default: "1000" },
    clients: { type: "string", default: "20" },
    port: { type: "string", default: "3130" },
    variant: { type: "string", default: "both" },
  },
});
const UPLOADS = Number(values.uploads);
const CLIENTS = Number(values.clients);
const PORT = Number(values.port);
const PASSWORD = "contraseña-carga-1";
const PROCESS_TIMEOUT_MS = 60 * 60_000;
if (!(UPLOADS > 0 && CLIENTS > 0)) throw new Error("--uploads and --clients must be positive");
if (Math.ceil(UPLOADS / CLIENTS) > 200) throw new Error("at most 200 uploads per client (the inbox lists 200)");

const say = (m: string) => console.log(`[load] ${m}`);
const ms = (x: number | null) => (x === null ? "—" : `${x.toFixed(0)} ms`);

type Upload = { name: string; bytes: Uint8Array; sha256: string };

/** N distinct invoices (number and amount differ), as text PDFs. */
async function makeFiles(n: number): Promise<Upload[]> {
  const files: Upload[] = [];
  for (let i = 0; i < n; i++) {
    const bytes = await makeInvoicePdf({ ...SAMPLE_INVOICE, number: `F-CARGA-${String(i + 1).padStart(5, "0")}` });
    files.push({ name: `carga-${i + 1}.pdf`, bytes, sha256: createHash("sha256").update(bytes).digest("hex") });
  }
  return files;
}

type Variant = {
  name: string;
  env: Record<string, string | undefined>;
  openDb: () => Promise<DbHandle>;
  storage: StorageConfig;
  cleanup: () => Promise<void>;
};

async function embeddedVariant(): Promise<Variant> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "anclora-load-"));
  return {
    name: "embedded default (PGlite, local disk, in-process queue, in-memory limits)",
    env: { DATA_DIR: dataDir },
    openDb: () => openPglite(path.join(dataDir, "pglite")),
    storage: { driver: "local", root: path.join(dataDir, "files") },
    cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

async function servicesVariant(): Promise<Variant> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "anclora-load-"));
  const db = await freshPostgresDatabase(process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test", "anclora_load");
  const s3 = await startS3rver({ bucket: "anclora-load" });
  return {
    name: "PostgreSQL + S3 (s3rver) + Redis (in-process queue)",
    env: {
      DATA_DIR: dataDir,
      DATABASE_URL: db.url,
      STORAGE_DRIVER: "s3",
      S3_ENDPOINT: s3.endpoint,
      S3_BUCKET: s3.config.bucket,
      S3_ACCESS_KEY_ID: s3.config.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3.config.secretAccessKey,
      S3_FORCE_PATH_STYLE: "true",
      REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
    },
    openDb: () => openPostgres(db.url, { max: 4 }),
    storage: s3.config,
    cleanup: async () => {
      await s3.stop();
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

type Client = { email: string; ip: string; cookie: string };

async function seedClients(db: DbHandle, runId: string): Promise<Omit<Client, "cookie">[]> {
  const passwordHash = await hashPassword(PASSWORD);
  const clients: Omit<Client, "cookie">[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    const email = `carga-${runId}-${i}@example.com`;
    await createUserWithBook(db.db, { email, name: `Cliente ${i}`, passwordHash, legalName: `Cliente ${i} SL`, nif: "12345678Z" });
    clients.push({ email, ip: `10.77.${Math.floor(i / 250)}.${(i % 250) + 1}` });
  }
  return clients;
}

async function run(variant: Variant, files: Upload[]) {
  say(`--- ${variant.name}: ${UPLOADS} uploads from ${CLIENTS} clients`);
  const runId = Date.now().toString(36);
  const seedDb = await variant.openDb();
  let seeded: Omit<Client, "cookie">[];
  try {
    seeded = await seedClients(seedDb, runId);
  } finally {
    await seedDb.close();
  }
  const app: AppServer = await startBuiltApp({ port: PORT, env: appEnv({ ...variant.env, TRUST_PROXY: "1", AUTH_SECRET: "load-bench-secret-0123456789abcdef" }) });
  let stopped = false;
  try {
    const clients: Client[] = [];
    for (const c of seeded) clients.push({ ...c, cookie: await signInCookie(app.base, c.email, PASSWORD, { "x-forwarded-for": c.ip }) });

    // Health and memory, sampled while uploads run and until everything is processed.
    const health: number[] = [];
    let healthFailures = 0;
    let peakRss = 0;
    let sampling = true;
    const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, rssMb(app.pid))), 100);
    const healthLoop = (async () => {
      while (sampling) {
        const t = performance.now();
        try {
          const r = await fetch(`${app.base}/api/health`, { signal: AbortSignal.timeout(30_000) });
          await r.arrayBuffer();
          if (r.status !== 200) healthFailures++;
        } catch {
          healthFailures++;
        }
        health.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();

    // Uploads: the files are shared out round-robin; each client sends its share one after another.
    const latencies: number[] = [];
    let tooMany = 0;
    let otherErrors = 0;
    const uploaded = new Map<string, Upload>(); // document id → file
    const t0 = performance.now();
    await Promise.all(
      clients.map(async (client, ci) => {
        const headers = { "x-forwarded-for": client.ip };
        for (let i = ci; i < files.length; i += clients.length) {
          const file = files[i];
          for (;;) {
            const r = await uploadDocument(app.base, client.cookie, { name: file.name, type: "application/pdf", bytes: file.bytes }, headers);
            latencies.push(r.ms);
            if (r.status === 429) {
              tooMany++;
              await new Promise((res) => setTimeout(res, (r.retryAfter ?? 1) * 1000));
              continue;
            }
            if (r.status !== 201) {
              otherErrors++;
              say(`upload ${file.name} → ${r.status} ${JSON.stringify(r.body)}`);
              break;
            }
            uploaded.set(r.body!.document.id as string, file);
            break;
          }
        }
      }),
    );
    const uploadSeconds = (performance.now() - t0) / 1000;
    say(`uploads done in ${uploadSeconds.toFixed(1)} s; waiting for processing`);

    // Until every document has left uploaded/processing, as each owner's inbox shows it.
    let processedAt = NaN;
    const deadline = Date.now() + PROCESS_TIMEOUT_MS;
    let lastReport = 0;
    while (Date.now() < deadline) {
      const rows = (await Promise.all(clients.map((c) => listInboxOf(app.base, c.cookie, { "x-forwarded-for": c.ip })))).flat();
      const pending = rows.filter((r) => !FINAL_STATUSES.has(r.status)).length;
      if (pending === 0 && rows.length >= uploaded.size) {
        processedAt = performance.now();
        break;
      }
      if (Date.now() - lastReport > 15_000) {
        say(`${pending} still processing`);
        lastReport = Date.now();
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    sampling = false;
    await healthLoop;
    clearInterval(rssTimer);
    await app.stop();
    stopped = true;

    // The checks, on the database and the storage themselves.
    const problems: string[] = [];
    if (otherErrors) problems.push(`${otherErrors} uploads refused with another status than 429`);
    if (Number.isNaN(processedAt)) problems.push("processing did not finish in time");
    const db = await variant.openDb();
    const storage = createStorage(variant.storage);
    const byStatus = new Map<string, number>();
    try {
      const ids = [...uploaded.keys()];
      const rows = await db.db.select().from(documents).where(inArray(documents.id, ids));
      const [{ n: total }] = await db.db.select({ n: sql<number>`count(*)::int` }).from(documents);
      const extractionCounts = new Map<string, number>();
      for (const e of await db.db.select({ documentId: extractions.documentId }).from(extractions).where(inArray(extractions.documentId, ids))) {
        extractionCounts.set(e.documentId, (extractionCounts.get(e.documentId) ?? 0) + 1);
      }
      if (rows.length !== UPLOADS) problems.push(`${rows.length} of ${UPLOADS} documents found`);
      if (total !== rows.length) problems.push(`${total} documents in the database for ${rows.length} uploads`);
      let mismatched = 0;
      for (const row of rows) {
        byStatus.set(row.status, (byStatus.get(row.status) ?? 0) + 1);
        const file = uploaded.get(row.id)!;
        if (row.sha256 !== file.sha256 || !row.storageKey) {
          mismatched++;
          continue;
        }
        const stored = await storage.get(row.storageKey);
        if (createHash("sha256").update(stored).digest("hex") !== file.sha256) mismatched++;
        if (row.attempts !== 1) problems.push(`${row.id} was claimed ${row.attempts} times`);
        if (!["extracted", "needs_review"].includes(row.status)) problems.push(`${row.id} ended ${row.status} (${row.errorCode})`);
        if ((extractionCounts.get(row.id) ?? 0) !== 1) problems.push(`${row.id} has ${extractionCounts.get(row.id) ?? 0} extractions`);
      }
      if (mismatched) problems.push(`${mismatched} stored files differ from what was uploaded`);
    } finally {
      await db.close();
    }

    const h50 = percentile(health, 50);
    const h95 = percentile(health, 95);
    const l50 = percentile(latencies, 50);
    const l95 = percentile(latencies, 95);
    const processedSeconds = (processedAt - t0) / 1000;
    console.log(`\n## ${variant.name}\n`);
    console.log("| measure | value |\n|---|---|");
    console.log(`| uploads × clients | ${UPLOADS} × ${CLIENTS} |`);
    console.log(`| upload phase | ${uploadSeconds.toFixed(1)} s → ${(UPLOADS / uploadSeconds).toFixed(1)} uploads/s |`);
    console.log(`| upload latency p50 / p95 | ${ms(l50)} / ${ms(l95)} |`);
    console.log(`| 429 answers (retried) | ${tooMany} |`);
    console.log(`| all processed after | ${processedSeconds.toFixed(1)} s (${(UPLOADS / processedSeconds).toFixed(1)} documents/s end to end) |`);
    console.log(`| /api/health during the run | ${health.length} polls, p50 ${ms(h50)}, p95 ${ms(h95)}, max ${ms(Math.max(...health))}, non-200 ${healthFailures} |`);
    console.log(`| server peak RSS | ${peakRss.toFixed(0)} MB |`);
    console.log(`| final statuses | ${[...byStatus].map(([s, n]) => `${s} ${n}`).join(", ")} |`);
    console.log(
      `| checks | ${problems.length === 0 ? `all ${UPLOADS} stored byte-identical, each claimed once with one extraction` : `${problems.length} problems`} |\n`,
    );
    for (const p of problems.slice(0, 20)) console.log(`  ✗ ${p}`);
    return problems.length === 0;
  } finally {
    if (!stopped) await app.kill();
  }
}

async function main() {
  const wanted = values.variant === "both" ? ["embedded", "services"] : [values.variant!];
  say(`making ${UPLOADS} distinct invoice PDFs`);
  const files = await makeFiles(UPLOADS);
  let ok = true;
  for (const w of wanted) {
    const variant = w === "embedded" ? await embeddedVariant() : w === "services" ? await servicesVariant() : null;
    if (!variant) throw new Error(`unknown --variant ${w} (embedded, services or both)`);
    try {
      ok = (await run(variant, files)) && ok;
    } finally {
      await variant.cleanup();
    }
  }
  return ok;
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
