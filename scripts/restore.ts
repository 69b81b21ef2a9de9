/**
 * `npm run restore -- <archive>`: restores a `npm run backup` archive into an EMPTY database and storage (the ones
 * the environment points at; migrations are applied first). Refuses a target that holds any row or any of the
 * archive's files. On the embedded default the app must be stopped. Logic: lib/backup/.
 */
import path from "node:path";
import { openPglite, openPostgres, type DbHandle } from "@/db/client";
import { restoreBackup } from "@/lib/backup";
import { DataDirLockedError } from "@/lib/data-dir-lock";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { createStorage, storageConfigFromEnv } from "@/lib/storage";

process.env.LOG_LEVEL ??= "warn";
const file = process.argv[2];
if (!file) {
  process.stderr.write("Uso / usage: npm run restore -- <anclora-backup-….tar.gz>\n");
  process.exit(2);
}
const e = env();
let handle: DbHandle;
try {
  handle = e.DATABASE_URL ? await openPostgres(e.DATABASE_URL, { max: 2 }) : await openPglite(e.pglitePath);
} catch (err) {
  if (err instanceof DataDirLockedError) {
    process.stderr.write(`${err.message}\nDetén la aplicación antes de restaurar. / Stop the app before restoring.\n`);
    process.exit(1);
  }
  throw err;
}
try {
  const manifest = await restoreBackup({ db: handle.db, storage: createStorage(storageConfigFromEnv(e)) }, path.resolve(file));
  const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
  process.stdout.write(`Restaurada / restored ${file} (copia del ${manifest.createdAt}): ${rows} filas / rows, ${manifest.files.length} archivos / files\n`);
} catch (err) {
  if (isAppError(err)) {
    process.stderr.write(`${err.detail ?? err.message}\n`);
    process.exitCode = 1;
  } else throw err;
} finally {
  await handle.close();
}
