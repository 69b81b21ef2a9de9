import "server-only";
import path from "node:path";
import { mkdirSync } from "node:fs";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { env } from "@/lib/env";
import { lockDataDir } from "@/lib/data-dir-lock";
import { log } from "@/lib/log";
import { processSingleton, resetProcessSingleton } from "@/lib/singleton";
import * as schema from "./schema";

/**
 * The database: postgres.js when DATABASE_URL is set, otherwise PGlite on disk under DATA_DIR (the embedded
 * default, so `npm start` needs no server). Migrations in db/migrations are applied when the client opens.
 * Queries (db/queries/*) take a `Db` as their first argument, so transactions and tests pass their own.
 */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DbHandle = { db: Db; kind: "postgres" | "pglite"; close: () => Promise<void> };

export const MIGRATIONS_DIR = path.resolve(process.cwd(), "db/migrations");

/** A PostgreSQL connection that does not migrate (the doctor inspects a database; it never changes one). */
export async function connectPostgres(url: string, opts: { max?: number; connectTimeoutSeconds?: number } = {}): Promise<DbHandle> {
  const [{ default: postgres }, { drizzle }] = await Promise.all([import("postgres"), import("drizzle-orm/postgres-js")]);
  const client = postgres(url, {
    max: opts.max ?? 10,
    onnotice: () => {},
    ...(opts.connectTimeoutSeconds ? { connect_timeout: opts.connectTimeoutSeconds } : {}),
  });
  const db = drizzle(client, { schema });
  return { db: db as unknown as Db, kind: "postgres", close: () => client.end({ timeout: 5 }) };
}

export async function openPostgres(url: string, opts: { max?: number } = {}): Promise<DbHandle> {
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  const handle = await connectPostgres(url, opts);
  try {
    await migrate(handle.db as never, { migrationsFolder: MIGRATIONS_DIR });
  } catch (e) {
    await handle.close().catch(() => {});
    throw e;
  }
  return handle;
}

/**
 * PGlite on disk (`dataDir`) or in memory (`dataDir` undefined). PGlite has no cross-process lock, so an on-disk
 * directory is locked for this process first (lib/data-dir-lock.ts): a second process refuses to start.
 */
export async function openPglite(dataDir?: string): Promise<DbHandle> {
  const [{ PGlite }, { drizzle }, { migrate }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("drizzle-orm/pglite"),
    import("drizzle-orm/pglite/migrator"),
  ]);
  let unlock = () => {};
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    unlock = lockDataDir(dataDir);
  }
  try {
    const client = new PGlite(dataDir);
    const db = drizzle(client, { schema });
    await migrate(db, { migrationsFolder: MIGRATIONS_DIR });
    return {
      db: db as unknown as Db,
      kind: "pglite",
      close: async () => {
        await client.close();
        unlock();
      },
    };
  } catch (e) {
    unlock();
    throw e;
  }
}

/** The process-wide database handle, opened and migrated once (a failed open is tried again next time). */
export function getDbHandle(): Promise<DbHandle> {
  return processSingleton("db", () => {
    const e = env();
    const opening = e.DATABASE_URL ? openPostgres(e.DATABASE_URL) : openPglite(e.pglitePath);
    return opening.then(
      (h) => {
        log.info("db.open", { kind: h.kind });
        return h;
      },
      (err) => {
        resetProcessSingleton("db");
        log.error("db.open_failed", { err });
        throw err;
      },
    );
  });
}

/**
 * Runs `fn` in a transaction, handing it the transaction as a `Db` so that the same queries (which take a `Db`)
 * run inside it. Drizzle types a transaction apart from a database, though it has every method the queries use.
 */
export function withTx<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction((tx) => fn(tx as unknown as Db));
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}
