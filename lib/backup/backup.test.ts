import { randomBytes } from "node:crypto";
import { createWriteStream, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { pack } from "tar-stream";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditEvents, documents, extractions, invoices, invoiceVatLines } from "@/db/schema";
import { createDoctorContext } from "@/lib/doctor";
import { checkBackups } from "@/lib/doctor/checks/backups";
import { parseEnv } from "@/lib/env";
import { createStorage } from "@/lib/storage";
import { startS3rver } from "@/lib/testing/s3rver";
import { ingestUpload } from "@/lib/documents/ingest";
import { createOwner, tempStorage } from "@/lib/testing/book";
import { createTestDb } from "@/lib/testing/db";
import { makeInvoicePdf, makeReceiptPng } from "@/lib/testing/fixtures";
import { createInvoice } from "@/lib/testing/invoices";
import { backupFileName, createBackup, restoreBackup, tablesInDependencyOrder } from "./index";

async function dumpAll(db: Db): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of tablesInDependencyOrder()) {
    const r = (await db.execute(sql.raw(`select row_to_json(t)::text as j from "${t.name}" t`))) as unknown as
      | { j: string }[]
      | { rows: { j: string }[] };
    out[t.name] = (Array.isArray(r) ? r : r.rows).map((x) => x.j).sort();
  }
  return out;
}

describe("backup and restore", () => {
  let source: Awaited<ReturnType<typeof createTestDb>>;
  let target: Awaited<ReturnType<typeof createTestDb>>;
  let srcStore: ReturnType<typeof tempStorage>;
  let dstStore: ReturnType<typeof tempStorage>;
  let dir: string;
  let archive: string;
  const keys: string[] = [];

  beforeAll(async () => {
    [source, target] = await Promise.all([createTestDb(), createTestDb()]);
    srcStore = tempStorage();
    dstStore = tempStorage();
    dir = mkdtempSync(path.join(os.tmpdir(), "anclora-backups-"));
    const db = source.db;
    const owner = await createOwner(db);
    const deps = { db, storage: srcStore.storage, enqueue: async () => {}, maxBytes: 5 * 1024 * 1024 };
    for (const bytes of [await makeInvoicePdf(), await makeReceiptPng()]) {
      const { document } = await ingestUpload(deps, { ...owner, filename: "factura ñ.pdf", bytes });
      keys.push(document.storageKey!);
    }
    // Invoices with IVA lines, one with cents beyond 32 bits, and their files.
    const big = await createInvoice(db, {
      ...owner,
      issueDate: "2026-03-31",
      baseCents: 1_234_567_890_123,
      vatCents: 259_259_256_926,
      totalCents: 1_493_827_147_049,
      vatLines: [
        { rate: "21.00", baseCents: 1_234_567_890_000, vatCents: 259_259_256_900 },
        { rate: "10.00", baseCents: 123, vatCents: 26 },
      ],
    });
    const small = await createInvoice(db, { ...owner, issueDate: "2026-01-02", baseCents: 1000, vatCents: 40, totalCents: 1040, vatLines: [{ rate: "4.00", baseCents: 1000, vatCents: 40 }] });
    for (const { documentId } of [big, small]) {
      const [d] = await db.select().from(documents).where(sql`${documents.id} = ${documentId}`);
      await srcStore.storage.put(d.storageKey!, randomBytes(3000), d.mimeType);
      keys.push(d.storageKey!);
    }
    // jsonb, real, text and timestamps with microseconds.
    await db.insert(extractions).values({
      documentId: big.documentId,
      engine: "test",
      textSource: "ocr",
      ocrConfidence: 0.8731,
      confidence: 0.5,
      rawText: "FACTURA Nº 1 — «Señor» ñ € \u{1F600}\n\ttab",
      fields: { total: { value: 14938271470.49, confidence: 0.9, box: { page: 1, x: 0.1, y: 0.2, w: 0.3, h: 0.04 } } },
    });
    await db.insert(auditEvents).values({
      bookId: owner.bookId,
      documentId: big.documentId,
      userId: owner.userId,
      action: "edit",
      field: "total",
      before: { v: null, nested: [1, "dos", { tres: true }] },
      after: "texto",
      createdAt: new Date("2026-03-31T23:59:59.123Z"),
    });
    await db.execute(sql`update audit_events set created_at = created_at + interval '456 microseconds'`);
  });
  afterAll(async () => {
    await source?.close();
    await target?.close();
    srcStore?.cleanup();
    dstStore?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it("names the archive with a UTC timestamp", () => {
    expect(backupFileName(new Date("2026-12-01T08:00:12.345Z"))).toBe("anclora-backup-20261201T080012Z.tar.gz");
  });

  it("writes one archive into the backup folder", async () => {
    const { file, manifest } = await createBackup({ db: source.db, storage: srcStore.storage }, { dir });
    archive = file;
    expect(readdirSync(dir)).toEqual([path.basename(file)]);
    expect(manifest.files.map((f) => f.key).sort()).toEqual([...keys].sort());
    expect(manifest.tables.find((t) => t.name === "invoice_vat_lines")?.rows).toBe(3);
  });

  it("restores into an empty database and storage: every row and file identical", async () => {
    await restoreBackup({ db: target.db, storage: dstStore.storage }, archive);
    const [before, after] = await Promise.all([dumpAll(source.db), dumpAll(target.db)]);
    expect(after).toEqual(before);
    expect(after.documents).toHaveLength(4);
    expect(after.invoices).toHaveLength(2);
    expect(after.extractions).toHaveLength(1);
    expect(after.audit_events.join("")).toContain(".123456");
    // Through the app's types too: bigint cents exact, documents and VAT lines equal.
    const order = sql`1`;
    for (const table of [documents, invoices, invoiceVatLines, extractions, auditEvents]) {
      const a = await source.db.select().from(table).orderBy(order);
      const b = await target.db.select().from(table).orderBy(order);
      expect(b).toEqual(a);
    }
    const [inv] = await target.db.select().from(invoices).where(sql`${invoices.baseCents} > 1000000000000`);
    expect(inv.baseCents).toBe(1_234_567_890_123);
    for (const key of keys) expect((await dstStore.storage.get(key)).equals(await srcStore.storage.get(key))).toBe(true);
  });

  it("copies files from and to S3 through the storage interface", async () => {
    const s3 = await startS3rver({ bucket: "from", extraBuckets: ["to"] });
    const empty = await createTestDb();
    const out = mkdtempSync(path.join(os.tmpdir(), "anclora-backups-s3-"));
    try {
      const from = createStorage(s3.config);
      const to = createStorage({ ...s3.config, bucket: "to" });
      for (const key of keys) await from.put(key, await srcStore.storage.get(key), "application/octet-stream");
      const { file } = await createBackup({ db: source.db, storage: from }, { dir: out });
      await restoreBackup({ db: empty.db, storage: to }, file);
      for (const key of keys) expect((await to.get(key)).equals(await srcStore.storage.get(key))).toBe(true);
      expect(await dumpAll(empty.db)).toEqual(await dumpAll(source.db));
    } finally {
      await empty.close();
      await s3.stop();
      rmSync(out, { recursive: true, force: true });
    }
  });

  it("the doctor finds the archive in the default folder (DATA_DIR/backups) once there is one", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "anclora-data-"));
    try {
      const ctx = createDoctorContext({ vars: { DATA_DIR: dataDir } });
      expect((await checkBackups(ctx)).status).toBe("skip");
      const { file } = await createBackup({ db: source.db, storage: srcStore.storage }, { dir: parseEnv({ DATA_DIR: dataDir }).backupPath });
      expect(path.dirname(file)).toBe(path.join(dataDir, "backups"));
      expect(await checkBackups(ctx)).toMatchObject({ status: "ok", detail: expect.stringContaining(path.basename(file)) });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("refuses a database that is not empty", async () => {
    const other = tempStorage();
    try {
      await expect(restoreBackup({ db: source.db, storage: other.storage }, archive)).rejects.toMatchObject({
        code: "backup:target_not_empty",
        message: expect.stringContaining("no está vacía"),
      });
      expect(readdirSync(other.root)).toEqual([]);
    } finally {
      other.cleanup();
    }
  });

  it("refuses a storage that already holds the archive's files", async () => {
    const empty = await createTestDb();
    try {
      await expect(restoreBackup({ db: empty.db, storage: dstStore.storage }, archive)).rejects.toMatchObject({
        code: "backup:target_not_empty",
      });
      expect((await dumpAll(empty.db)).documents).toEqual([]);
    } finally {
      await empty.close();
    }
  });

  it("refuses a file that is not a backup", async () => {
    const bogus = path.join(dir, "bogus.tar.gz");
    writeFileSync(bogus, "not a backup");
    await expect(restoreBackup({ db: target.db, storage: dstStore.storage }, bogus)).rejects.toMatchObject({
      code: "backup:invalid_archive",
    });
  });

  it("refuses an archive with an entry outside its layout (a path that climbs out of the folder)", async () => {
    const evil = path.join(dir, "evil.tar.gz");
    const tar = pack();
    const done = pipeline(tar, createGzip(), createWriteStream(evil));
    tar.entry({ name: "manifest.json" }, "{}");
    tar.entry({ name: "files/../../escaped.txt" }, "x");
    tar.finalize();
    await done;
    await expect(restoreBackup({ db: target.db, storage: dstStore.storage }, evil)).rejects.toMatchObject({
      code: "backup:invalid_archive",
      detail: expect.stringContaining("unexpected entry"),
    });
    expect(readdirSync(path.dirname(dir))).not.toContain("escaped.txt");
  });
});
