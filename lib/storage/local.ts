import { randomUUID } from "node:crypto";
import { constants as fsConstants } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import type { Storage } from "./types";
import { assertValidStorageKey } from "./keys";

const FILE_MODE = 0o600;
const DIR_MODE = 0o700;

function errno(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | undefined)?.code;
}
const isMissing = (e: unknown) => ["ENOENT", "ENOTDIR", "EISDIR"].includes(errno(e) ?? "");

function inside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
}

/**
 * Local-disk driver: `root/<key>`. Writes go to a temp file in the target directory, are fsynced and renamed
 * into place (readers never see half a file), files are 0600 and directories 0700.
 * Use through `createStorage({ driver: "local", root })`.
 */
export function createLocalStorage(rootDir: string): Storage {
  const root = path.resolve(rootDir);
  let realRoot: string | undefined;

  async function resolvedRoot(): Promise<string> {
    realRoot ??= await fs.realpath(root);
    return realRoot;
  }

  /** Lexical check: the key (already validated) must land strictly inside root. */
  function fileFor(key: string): string {
    assertValidStorageKey(key);
    const file = path.resolve(root, ...key.split("/"));
    if (!inside(root, file)) throw new AppError("internal:unexpected", "storage key escapes the root");
    return file;
  }

  /** Physical check: after following symlinks, the directory must still be inside the real root. */
  async function assertDirInsideRoot(dir: string): Promise<void> {
    const [real, rootReal] = await Promise.all([fs.realpath(dir), resolvedRoot()]);
    if (real !== rootReal && !inside(rootReal, real)) {
      throw new AppError("internal:unexpected", "storage path escapes the root");
    }
  }

  return {
    driver: "local",

    async put(key, body, _contentType) {
      const file = fileFor(key);
      const dir = path.dirname(file);
      const tmp = path.join(dir, `.${path.basename(file)}.${randomUUID()}.tmp`);
      try {
        await fs.mkdir(dir, { recursive: true, mode: DIR_MODE });
        await assertDirInsideRoot(dir);
        const fh = await fs.open(tmp, "wx", FILE_MODE);
        try {
          await fh.writeFile(body);
          await fh.chmod(FILE_MODE); // exact mode whatever the umask
          await fh.sync();
        } finally {
          await fh.close();
        }
        await fs.rename(tmp, file);
      } catch (e) {
        await fs.rm(tmp, { force: true }).catch(() => {});
        if (e instanceof AppError) throw e;
        log.error("storage.local.put_failed", { key, err: e });
        throw new AppError("upload:storage_failed", undefined, { cause: e });
      }
      // Persist the rename itself (records must survive a crash); best effort on platforms without dir fsync.
      try {
        const dh = await fs.open(dir, fsConstants.O_RDONLY);
        try {
          await dh.sync();
        } finally {
          await dh.close();
        }
      } catch {
        /* ignore */
      }
    },

    async get(key) {
      const file = fileFor(key);
      try {
        await assertDirInsideRoot(path.dirname(file));
        return await fs.readFile(file);
      } catch (e) {
        if (isMissing(e)) throw new AppError("storage:missing_object", key, { cause: e });
        throw e;
      }
    },

    async exists(key) {
      const file = fileFor(key);
      try {
        await assertDirInsideRoot(path.dirname(file));
        return (await fs.stat(file)).isFile();
      } catch (e) {
        if (isMissing(e)) return false;
        throw e;
      }
    },

    async delete(key) {
      const file = fileFor(key);
      try {
        await assertDirInsideRoot(path.dirname(file));
        await fs.unlink(file);
      } catch (e) {
        if (isMissing(e)) return;
        throw e;
      }
    },

    async check() {
      const probe = path.join(root, `.check-${randomUUID()}`);
      try {
        await fs.mkdir(root, { recursive: true, mode: DIR_MODE });
        if (!(await fs.stat(root)).isDirectory()) throw new Error("not a directory");
        await fs.access(root, fsConstants.R_OK | fsConstants.W_OK | fsConstants.X_OK);
        await fs.writeFile(probe, "ok", { flag: "wx", mode: FILE_MODE });
        if ((await fs.readFile(probe, "utf8")) !== "ok") throw new Error("probe read back differs");
      } catch (e) {
        throw new Error(`local storage at ${root} is not usable: ${(e as Error).message}`, { cause: e });
      } finally {
        await fs.rm(probe, { force: true }).catch(() => {});
      }
    },
  };
}
