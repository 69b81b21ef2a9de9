/**
 * `npm run backup`: one archive (database + stored files) into BACKUP_DIR (default DATA_DIR/backups), named
 * anclora-backup-<UTC timestamp>.tar.gz. Schedule it nightly; `npm run doctor` checks the newest one's age.
 * On the embedded default it opens DATA_DIR's PGlite itself, so the app must be stopped first. Logic: lib/backup/.
 */
import { openPglite, openPostgres, type DbHandle } from "@/db/client";
import { createBackup } from "@/lib/backup";
import { DataDirLockedError } from "@/lib/data-dir-lock";
import { env } from "@/lib/env";
import { createStorage, storageConfigFromEnv } from "@/lib/storage";

process.env.LOG_LEVEL ??= "warn";
const e = env();
let handle: DbHandle;
try {
  handle = e.DATABASE_URL ? await openPostgres(e.DATABASE_URL, { max: 2 }) : await openPglite(e.pglitePath);
} catch (err) {
  if (err instanceof DataDirLockedError) {
    process.stderr.write(
      `${err.message}\nLa copia de la base de datos integrada necesita la aplicación detenida: detenla y vuelve a ` +
        `ejecutar \`npm run backup\`, o usa PostgreSQL (DATABASE_URL) para copias en caliente.\n` +
        `The embedded database is in use by another process (pid ${err.pid}): stop the app and run the backup again, ` +
        `or use PostgreSQL (DATABASE_URL) for backups while it runs.\n`,
    );
    process.exit(1);
  }
  throw err;
}
try {
  const { file, manifest } = await createBackup({ db: handle.db, storage: createStorage(storageConfigFromEnv(e)) }, { dir: e.backupPath });
  const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
  const bytes = manifest.files.reduce((n, f) => n + f.size, 0);
  process.stdout.write(`Copia de seguridad / backup: ${file}\n  ${rows} filas / rows, ${manifest.files.length} archivos / files (${bytes} bytes)\n`);
} finally {
  await handle.close();
}
