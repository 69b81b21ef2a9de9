import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import path from "node:path";

/**
 * One writer per embedded data directory. PGlite has no cross-process lock, and two processes on one directory
 * silently lose committed writes; so the process that opens it first writes `<dir>.lock` (its pid,
 * created exclusively) and removes it on exit. A second process finds the lock with a live pid and refuses to
 * start with a clear message; a lock left by a process that died (kill -9, power cut) is taken over.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `El directorio de datos ${dir} ya lo está usando otro proceso (pid ${pid}). Solo un proceso puede abrir la ` +
        `base de datos integrada: detén el otro (o usa DATABASE_URL con PostgreSQL para varias instancias).`,
    );
    this.name = "DataDirLockedError";
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM"; // exists, not ours
  }
}

const held = new Set<string>();

/** Takes the lock on `dir` for this process (idempotent), or throws `DataDirLockedError`. Returns the release. */
export function lockDataDir(dir: string): () => void {
  // Beside the directory, not in it (PGlite owns what is inside): DATA_DIR/pglite → DATA_DIR/pglite.lock.
  const file = `${path.resolve(dir)}.lock`;
  const release = () => {
    if (!held.delete(file)) return;
    try {
      if (Number(readFileSync(file, "utf8").trim()) === process.pid) rmSync(file, { force: true });
    } catch {
      // already gone
    }
  };
  if (held.has(file)) return release;
  mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, "wx", 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      held.add(file);
      process.once("exit", release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    let pid = NaN;
    try {
      pid = Number(readFileSync(file, "utf8").trim());
    } catch {
      continue; // removed meanwhile: try again
    }
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) throw new DataDirLockedError(dir, pid);
    rmSync(file, { force: true }); // stale (dead pid, our own leftover, or garbage)
  }
  throw new Error(`could not lock ${dir}`);
}
