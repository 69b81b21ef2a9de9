import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, mkdtemp, readFile, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { is, sql } from "drizzle-orm";
import { extract, pack } from "tar-stream";
import { z } from "zod";
import type { Db } from "@/db/client";
import * as schema from "@/db/schema";
import { AppError } from "@/lib/errors";
import { isValidStorageKey, type Storage } from "@/lib/storage";

/**
 * Backups: one `.tar.gz` with a manifest, every table of db/schema.ts as JSON lines (`row_to_json`, so bigint
 * cents, timestamps and jsonb survive exactly, on PostgreSQL and PGlite alike, with no pg_dump binary) and every
 * stored file (keys from `documents.storage_key`, bytes through the Storage interface, so local disk or S3).
 * Archives are streamed both ways: backup holds one table or one file in memory at a time; restore unpacks to a
 * temporary folder first. Restore runs into an empty database (migrated by its opener) inside one transaction, tables in foreign-key order,
 * and refuses a database with any row or a storage that already holds one of the archive's keys.
 */

export const BACKUP_FORMAT = "anclora-backup";
export const BACKUP_VERSION = 1;

const manifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  createdAt: z.string(),
  tables: z.array(z.object({ name: z.string(), rows: z.number().int().nonnegative() })),
  files: z.array(
    z.object({
      key: z.string().refine(isValidStorageKey, "invalid storage key"),
      contentType: z.string(),
      size: z.number().int().nonnegative(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  ),
});
export type BackupManifest = z.infer<typeof manifestSchema>;

type TableInfo = { name: string; columns: string[] };

/** Every table of the schema, parents before children (a topological order of the foreign keys). */
export function tablesInDependencyOrder(): TableInfo[] {
  const tables = (Object.values(schema) as unknown[]).filter((v): v is PgTable => is(v, PgTable));
  const configs = new Map(tables.map((t) => [getTableConfig(t).name, getTableConfig(t)]));
  const order: TableInfo[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (name: string) => {
    if (state.get(name) === "done") return;
    if (state.get(name) === "visiting") throw new Error(`foreign-key cycle through ${name}`);
    state.set(name, "visiting");
    const cfg = configs.get(name)!;
    for (const fk of cfg.foreignKeys) {
      const parent = getTableConfig(fk.reference().foreignTable).name;
      if (parent !== name) visit(parent);
    }
    state.set(name, "done");
    // Generated columns are computed again by the database on insert.
    order.push({ name, columns: cfg.columns.filter((c) => !c.generated).map((c) => c.name) });
  };
  for (const name of [...configs.keys()].sort()) visit(name);
  return order;
}

async function rowsOf<T>(db: Db, q: ReturnType<typeof sql>): Promise<T[]> {
  const r = (await db.execute(q)) as unknown as T[] | { rows: T[] };
  return Array.isArray(r) ? r : r.rows;
}

const ident = (name: string) => sql.raw(`"${name.replaceAll('"', '""')}"`);

export function backupFileName(now: Date): string {
  const iso = now.toISOString(); // 2026-12-01T08:00:12.345Z
  return `anclora-backup-${iso.slice(0, 10).replaceAll("-", "")}T${iso.slice(11, 19).replaceAll(":", "")}Z.tar.gz`;
}

/**
 * Writes one archive into `dir` (created if needed) and returns its path and manifest. Streamed: one table's rows
 * or one file is held in memory at a time, never the whole archive; the manifest comes last.
 */
export async function createBackup(
  deps: { db: Db; storage: Storage },
  opts: { dir: string; now?: Date },
): Promise<{ file: string; manifest: BackupManifest }> {
  const now = opts.now ?? new Date();
  const tables = tablesInDependencyOrder();
  const dumped: BackupManifest["tables"] = [];
  const files: BackupManifest["files"] = [];

  await mkdir(opts.dir, { recursive: true });
  const file = path.join(opts.dir, backupFileName(now));
  // Written under a hidden name (the doctor skips dot files) and renamed when complete.
  const partial = path.join(opts.dir, `.${path.basename(file)}.partial`);
  const tar = pack();
  const writing = pipeline(tar, createGzip(), createWriteStream(partial, { mode: 0o600 }));
  const add = (name: string, body: Buffer) =>
    new Promise<void>((resolve, reject) => tar.entry({ name, mtime: now }, body, (e) => (e ? reject(e) : resolve())));
  try {
    // One snapshot for every table (REPEATABLE READ), so rows and keys agree with one another.
    await deps.db.transaction(
      async (tx) => {
        const db = tx as unknown as Db;
        for (const t of tables) {
          const rows = await rowsOf<{ j: string }>(db, sql`select row_to_json(t)::text as j from ${ident(t.name)} t`);
          await add(`db/${t.name}.jsonl`, Buffer.from(rows.map((r) => `${r.j}\n`).join(""), "utf8"));
          dumped.push({ name: t.name, rows: rows.length });
        }
        const keys = await rowsOf<{ k: string; m: string }>(
          db,
          sql`select distinct storage_key as k, mime_type as m from documents where storage_key is not null order by 1`,
        );
        for (const { k, m } of keys) {
          const body = await deps.storage.get(k);
          files.push({ key: k, contentType: m, size: body.byteLength, sha256: createHash("sha256").update(body).digest("hex") });
          await add(`files/${k}`, body);
        }
      },
      { isolationLevel: "repeatable read", accessMode: "read only" },
    );
    const manifest: BackupManifest = { format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: now.toISOString(), tables: dumped, files };
    await add("manifest.json", Buffer.from(JSON.stringify(manifest, null, 2)));
    tar.finalize();
    await writing;
    await rename(partial, file);
    return { file, manifest };
  } catch (e) {
    tar.destroy();
    await writing.catch(() => {});
    await rm(partial, { force: true });
    throw e;
  }
}

/**
 * Unpacks an archive into `dir`, entry by entry (streamed to disk, never whole in memory). Entry names are checked:
 * only `manifest.json`, `db/<table>.jsonl` and `files/<valid storage key>`; anything else is refused.
 */
async function unpackArchive(file: string, dir: string): Promise<void> {
  const ex = extract();
  const consume = async () => {
    for await (const entry of ex) {
      const name = entry.header.name;
      const ok =
        entry.header.type === "file" &&
        (name === "manifest.json" || /^db\/[a-z_][a-z0-9_]*\.jsonl$/.test(name) || (name.startsWith("files/") && isValidStorageKey(name.slice(6))));
      if (!ok) {
        entry.resume();
        throw new Error(`entrada inesperada / unexpected entry ${name.slice(0, 100)}`);
      }
      const target = path.join(dir, name);
      await mkdir(path.dirname(target), { recursive: true });
      await pipeline(entry, createWriteStream(target, { mode: 0o600 }));
    }
  };
  // Both awaited together, so a gzip or tar error rejects once (never as an unhandled rejection).
  await Promise.all([pipeline(createReadStream(file), createGunzip(), ex), consume()]);
}

function badArchive(detail: string): AppError {
  return new AppError("backup:invalid_archive", `La copia de seguridad no es válida (${detail}). / Invalid backup archive (${detail}).`);
}

/** Tables with at least one row (restore wants none). */
export async function nonEmptyTables(db: Db): Promise<string[]> {
  const out: string[] = [];
  for (const t of tablesInDependencyOrder()) {
    const [r] = await rowsOf<{ e: boolean }>(db, sql`select exists(select 1 from ${ident(t.name)}) as e`);
    if (r?.e) out.push(t.name);
  }
  return out;
}

/**
 * Restores `file` into an empty, migrated database and a storage without any of its keys. Refuses otherwise with
 * AppError("backup:target_not_empty"). Files are written first (checked against their sha256), then every table in
 * one transaction; a failure leaves the database empty again.
 */
export async function restoreBackup(deps: { db: Db; storage: Storage }, file: string): Promise<BackupManifest> {
  const dir = await mkdtemp(path.join(tmpdir(), "anclora-restore-"));
  try {
    await unpackArchive(file, dir).catch((e) => {
      throw badArchive((e as Error).message);
    });
    return await restoreUnpacked(deps, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Reads an unpacked entry, or null when the archive did not have it. */
async function entryOf(dir: string, name: string): Promise<Buffer | null> {
  return readFile(path.join(dir, name)).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") return null;
    throw e;
  });
}

async function restoreUnpacked(deps: { db: Db; storage: Storage }, dir: string): Promise<BackupManifest> {
  const raw = await entryOf(dir, "manifest.json");
  if (!raw) throw badArchive("falta manifest.json / manifest.json missing");
  let manifest: BackupManifest;
  try {
    manifest = manifestSchema.parse(JSON.parse(raw.toString("utf8")));
  } catch (e) {
    throw badArchive(`manifest: ${(e as Error).message.slice(0, 200)}`);
  }
  const tables = tablesInDependencyOrder();
  const known = new Set(tables.map((t) => t.name));
  const unknown = manifest.tables.filter((t) => !known.has(t.name)).map((t) => t.name);
  if (unknown.length) throw badArchive(`tablas desconocidas / unknown tables: ${unknown.join(", ")}`);

  const full = await nonEmptyTables(deps.db);
  if (full.length) {
    throw new AppError(
      "backup:target_not_empty",
      `La base de datos de destino no está vacía (${full.join(", ")}): restaura en una base de datos nueva. / ` +
        `The target database is not empty (${full.join(", ")}): restore into a new, empty database.`,
    );
  }
  const present: string[] = [];
  for (const f of manifest.files) if (await deps.storage.exists(f.key)) present.push(f.key);
  if (present.length) {
    throw new AppError(
      "backup:target_not_empty",
      `El almacenamiento de destino ya contiene ${present.length} archivo(s) de la copia (p. ej. ${present[0]}): usa un almacenamiento vacío. / ` +
        `The target storage already holds ${present.length} of the archive's files: use an empty storage.`,
    );
  }

  // Every file checked before anything is written (one file in memory at a time).
  for (const f of manifest.files) {
    const body = await entryOf(dir, `files/${f.key}`);
    if (!body) throw badArchive(`falta el archivo / missing file ${f.key}`);
    if (createHash("sha256").update(body).digest("hex") !== f.sha256) throw badArchive(`sha256 distinto / sha256 mismatch ${f.key}`);
  }
  const written: string[] = [];
  const undoFiles = async () => {
    for (const key of written) await deps.storage.delete(key).catch(() => {});
  };
  try {
    for (const f of manifest.files) {
      await deps.storage.put(f.key, (await entryOf(dir, `files/${f.key}`))!, f.contentType);
      written.push(f.key);
    }
  } catch (e) {
    await undoFiles();
    throw e;
  }

  const counts = new Map(manifest.tables.map((t) => [t.name, t.rows]));
  try {
    await deps.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    for (const t of tables) {
      if (!counts.has(t.name)) continue;
      const body = await entryOf(dir, `db/${t.name}.jsonl`);
      if (!body) throw badArchive(`falta la tabla / missing table ${t.name}`);
      const lines = body.toString("utf8").split("\n").filter(Boolean);
      if (lines.length !== counts.get(t.name)) throw badArchive(`filas de ${t.name} / row count of ${t.name}`);
      const cols = sql.raw(t.columns.map((c) => `"${c.replaceAll('"', '""')}"`).join(", "));
      for (let i = 0; i < lines.length; i += 500) {
        const batch = `[${lines.slice(i, i + 500).join(",")}]`;
        await db.execute(
          sql`insert into ${ident(t.name)} (${cols}) select ${cols} from json_populate_recordset(null::${ident(t.name)}, ${batch}::json)`,
        );
      }
    }
    });
  } catch (e) {
    await undoFiles(); // the transaction rolled back: leave the target empty again, ready for another try
    throw e;
  }
  return manifest;
}
