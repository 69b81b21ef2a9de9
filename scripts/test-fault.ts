/**
 * Fault test (not in CI: it starts and crashes the built app, `npm run build` first): on the embedded default
 * (PGlite, local disk, in-process queue), one person uploads a batch of text PDFs and photographed receipts (OCR)
 * plus one "poisoned" receipt. Then:
 *   1. the server is killed with SIGKILL while a receipt is in OCR, and restarted;
 *   2. the poisoned document takes the process down every time it is processed: whenever it is `processing`,
 *      the server is killed again (SIGKILL) and restarted — the stand-in for a file that crashes the process, which
 *      the PDF sandbox no longer lets a real file do. Start-up recovery queues it again each time, and the claim
 *      past the attempt cap must end it `failed` with `pipeline:attempts_exhausted` instead of looping forever.
 * Finally, with the server stopped, the database and storage are checked: every upload is there once, stored
 * byte-identical; every other document ended extracted/needs_review with exactly one extraction; the poisoned one
 * is `failed` with the cap's code after MAX_PROCESS_ATTEMPTS claims (+ the one that ends it).
 *
 *   npm run build && npm run test:fault        (options: --port N, default 3140)
 *
 * The queue runs one document at a time (OCR_WORKERS=1), so a kill aimed at the poisoned document interrupts only it.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { eq, sql } from "drizzle-orm";
import { openPglite } from "@/db/client";
import { createUserWithBook } from "@/db/queries/users";
import { documents, extractions } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { MAX_PROCESS_ATTEMPTS } from "@/lib/documents/pipeline";
import { createStorage } from "@/lib/storage";
import { appEnv, FINAL_STATUSES, listInboxOf, signInCookie, startBuiltApp, uploadDocument, type AppServer } from "@/lib/testing/app-server";
import { makeInvoicePdf, makeReceiptPng, SAMPLE_INVOICE } from "@/lib/testing/fixtures";

const { values } = parseArgs({ options: { port: { type: "string", default: "3140" } } });
const PORT = Number(values.port);
const PASSWORD = "contraseña-fallos-1";
const EMAIL = "fallos@example.com";
const MAX_RESTARTS = MAX_PROCESS_ATTEMPTS + 4;

const say = (m: string) => console.log(`[fault] ${m}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

type Upload = { name: string; type: string; bytes: Uint8Array; ocr: boolean; poisoned?: boolean; id?: string };

async function makeBatch(): Promise<Upload[]> {
  const batch: Upload[] = [];
  for (let i = 1; i <= 8; i++) {
    batch.push({ name: `texto-${i}.pdf`, type: "application/pdf", ocr: false, bytes: await makeInvoicePdf({ ...SAMPLE_INVOICE, number: `F-FALLO-${i}` }) });
  }
  for (let i = 1; i <= 4; i++) {
    batch.push({ name: `ticket-${i}.png`, type: "image/png", ocr: true, bytes: await makeReceiptPng({ ...SAMPLE_INVOICE, number: `T-FALLO-${i}` }) });
  }
  batch.push({
    name: "envenenado.png",
    type: "image/png",
    ocr: true,
    poisoned: true,
    bytes: await makeReceiptPng({ ...SAMPLE_INVOICE, number: "T-VENENO-1" }, { width: 1600 }),
  });
  return batch;
}

async function main(): Promise<boolean> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "anclora-fault-"));
  const env = appEnv({ DATA_DIR: dataDir, OCR_WORKERS: "1", AUTH_SECRET: "fault-test-secret-0123456789abcdef" });
  const pglite = path.join(dataDir, "pglite");
  let app: AppServer | null = null;
  const start = async () => (app = await startBuiltApp({ port: PORT, env, output: "ignore" }));
  try {
    {
      const db = await openPglite(pglite);
      await createUserWithBook(db.db, { email: EMAIL, name: "Fallos", passwordHash: await hashPassword(PASSWORD), legalName: "Fallos SL", nif: "12345678Z" });
      await db.close();
    }
    const batch = await makeBatch();
    await start();
    const cookie = await signInCookie(app!.base, EMAIL, PASSWORD);
    for (const u of batch) {
      const r = await uploadDocument(app!.base, cookie, u);
      if (r.status !== 201) throw new Error(`upload ${u.name} → ${r.status} ${JSON.stringify(r.body)}`);
      u.id = r.body!.document.id;
    }
    const poisoned = batch.find((u) => u.poisoned)!;
    say(`uploaded ${batch.length} documents (${batch.filter((u) => u.ocr).length} need OCR, 1 poisoned)`);
    const statusOf = async () => new Map((await listInboxOf(app!.base, cookie)).map((r) => [r.id, r]));
    const crashAndRestart = async (why: string) => {
      await app!.kill();
      say(`kill -9 (${why}); restarting`);
      await start();
    };

    // 1. A crash in the middle of a receipt's OCR.
    const receipts = new Set(batch.filter((u) => u.ocr && !u.poisoned).map((u) => u.id));
    for (let waited = 0; ; waited += 100) {
      if (waited > 300_000) throw new Error("no receipt went into processing");
      const s = await statusOf();
      const busy = [...receipts].find((id) => s.get(id!)?.status === "processing");
      if (busy) {
        await sleep(800); // inside OCR
        await crashAndRestart(`mid-OCR of ${batch.find((u) => u.id === busy)!.name}`);
        break;
      }
      await sleep(100);
    }

    // 2. The poisoned document crashes the process whenever it runs, until the cap ends it.
    let kills = 0;
    const deadline = Date.now() + 20 * 60_000;
    while (Date.now() < deadline) {
      const s = (await statusOf()).get(poisoned.id!);
      if (s?.status === "failed") break;
      if (s?.status === "processing") {
        if (++kills > MAX_RESTARTS) throw new Error(`the poisoned document was still retried after ${kills - 1} crashes`);
        await crashAndRestart(`poisoned document processing, crash ${kills}`);
        continue;
      }
      await sleep(100);
    }

    // Everything else finishes.
    for (;;) {
      if (Date.now() > deadline) throw new Error("documents still processing after 20 minutes");
      const s = await statusOf();
      if (batch.every((u) => FINAL_STATUSES.has(s.get(u.id!)?.status ?? "missing"))) break;
      await sleep(250);
    }
    await app!.stop();
    app = null;

    // The checks, on the database and the files themselves.
    const problems: string[] = [];
    const db = await openPglite(pglite);
    const storage = createStorage({ driver: "local", root: path.join(dataDir, "files") });
    const lines: string[] = [];
    try {
      const rows = await db.db.select().from(documents);
      if (rows.length !== batch.length) problems.push(`${rows.length} documents in the database for ${batch.length} uploads`);
      for (const u of batch) {
        const row = rows.find((r) => r.id === u.id);
        if (!row) {
          problems.push(`${u.name} is lost`);
          continue;
        }
        const [{ n }] = await db.db.select({ n: sql<number>`count(*)::int` }).from(extractions).where(eq(extractions.documentId, row.id));
        lines.push(`| ${u.name} | ${row.status} | ${row.errorCode ?? "—"} | ${row.attempts} | ${n} |`);
        if (row.sha256 !== sha(u.bytes) || !row.storageKey || sha(await storage.get(row.storageKey)) !== sha(u.bytes)) {
          problems.push(`${u.name}: stored bytes differ`);
        }
        if (u.poisoned) {
          if (row.status !== "failed" || row.errorCode !== "pipeline:attempts_exhausted") {
            problems.push(`poisoned: ${row.status} (${row.errorCode}), expected failed (pipeline:attempts_exhausted)`);
          }
          if (row.attempts !== MAX_PROCESS_ATTEMPTS + 1) problems.push(`poisoned: ${row.attempts} claims, expected ${MAX_PROCESS_ATTEMPTS + 1}`);
          if (n !== 0) problems.push(`poisoned: ${n} extractions`);
        } else {
          if (!["extracted", "needs_review"].includes(row.status)) problems.push(`${u.name}: ${row.status} (${row.errorCode})`);
          if (n !== 1) problems.push(`${u.name}: ${n} extractions (processed ${n === 0 ? "never" : "twice"})`);
        }
      }
      const [{ dups }] = await db.db
        .select({ dups: sql<number>`count(*) - count(distinct ${documents.sha256})` })
        .from(documents);
      if (Number(dups) !== 0) problems.push(`${dups} duplicate rows`);
    } finally {
      await db.close();
    }
    console.log("\n| file | status | code | claims | extractions |\n|---|---|---|---|---|");
    for (const l of lines) console.log(l);
    console.log(`\nkill -9: 1 mid-OCR + ${kills} on the poisoned document; cap MAX_PROCESS_ATTEMPTS = ${MAX_PROCESS_ATTEMPTS}`);
    if (problems.length === 0) {
      say(`PASS: ${batch.length} uploads, none lost, none duplicated, each processed once; the poisoned one failed at the cap`);
      return true;
    }
    for (const p of problems) say(`✗ ${p}`);
    say("FAIL");
    return false;
  } finally {
    if (app) await (app as AppServer).kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
