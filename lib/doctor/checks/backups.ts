import { existsSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import type { CheckResult, DoctorContext } from "../types";
import { mustHave } from "../types";

/** A backup older than this (a day plus slack for a nightly schedule) is stale. */
export const BACKUP_MAX_AGE_MS = 26 * 60 * 60 * 1000;

/** The newest regular file in `dir` or one level below it (archives per day or per kind). */
export async function newestFile(dir: string): Promise<{ file: string; mtimeMs: number } | null> {
  let best: { file: string; mtimeMs: number } | null = null;
  const visit = async (d: string, depth: number) => {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      if (entry.name.startsWith(".")) continue;
      const p = path.join(d, entry.name);
      if (entry.isDirectory() && depth < 1) await visit(p, depth + 1);
      else if (entry.isFile()) {
        const s = await stat(p);
        if (s.size > 0 && (!best || s.mtimeMs > best.mtimeMs)) best = { file: p, mtimeMs: s.mtimeMs };
      }
    }
  };
  await visit(dir, 0);
  return best;
}

export function formatAge(ms: number): string {
  const h = ms / 3_600_000;
  return h < 1 ? `${Math.max(0, Math.round(ms / 60_000))} min` : h < 48 ? `${Math.round(h)} h` : `${Math.round(h / 24)} days`;
}

/**
 * Backups: BACKUP_DIR (where `npm run backup` writes) holds a recent archive. Unset, the default folder
 * (DATA_DIR/backups) is checked once `npm run backup` has created it.
 */
export async function checkBackups(ctx: DoctorContext): Promise<CheckResult> {
  const base = { id: "backups", label: "Backups" };
  const dir = ctx.vars.BACKUP_DIR?.trim() || (existsSync(ctx.env.backupPath) ? ctx.env.backupPath : undefined);
  if (!dir) {
    return {
      ...base,
      status: ctx.production ? "warn" : "skip",
      detail: "BACKUP_DIR not set: no backup folder to check",
      fix: "schedule `npm run backup` (cron / systemd timer) with BACKUP_DIR on another disk, or rely on your provider's database and bucket backups",
    };
  }
  let newest;
  try {
    newest = await newestFile(path.resolve(dir));
  } catch (e) {
    return { ...base, status: mustHave(ctx), detail: `${dir} cannot be read (${(e as NodeJS.ErrnoException).code ?? e})`, fix: "create BACKUP_DIR and schedule `npm run backup`" };
  }
  if (!newest) return { ...base, status: mustHave(ctx), detail: `${dir} holds no backup yet`, fix: "run `npm run backup` now and schedule it nightly" };
  const age = ctx.now() - newest.mtimeMs;
  const detail = `newest ${path.basename(newest.file)}, ${formatAge(age)} old`;
  if (age > BACKUP_MAX_AGE_MS) return { ...base, status: mustHave(ctx), detail, fix: "the schedule has stopped: check the cron / timer running `npm run backup`" };
  return { ...base, status: "ok", detail };
}
