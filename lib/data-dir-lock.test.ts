import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DataDirLockedError, lockDataDir } from "@/lib/data-dir-lock";

describe("lockDataDir", () => {
  const root = mkdtempSync(path.join(os.tmpdir(), "anclora-lock-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("takes the lock, is idempotent in this process, and releases it", () => {
    const dir = path.join(root, "a", "pglite");
    const release = lockDataDir(dir);
    expect(readFileSync(`${dir}.lock`, "utf8")).toBe(String(process.pid));
    expect(() => lockDataDir(dir)).not.toThrow();
    release();
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });

  it("refuses while another live process holds it, with a clear Spanish message", async () => {
    const dir = path.join(root, "b", "pglite");
    lockDataDir(dir)(); // creates the parent
    const holder = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
    try {
      writeFileSync(`${dir}.lock`, String(holder.pid));
      let err: unknown;
      try {
        lockDataDir(dir);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(DataDirLockedError);
      expect((err as Error).message).toMatch(/ya lo está usando otro proceso \(pid \d+\)/);
    } finally {
      holder.kill("SIGKILL");
      await new Promise((r) => holder.once("exit", r));
    }
    // The holder died without cleaning up: its lock is stale and is taken over.
    const release = lockDataDir(dir);
    expect(readFileSync(`${dir}.lock`, "utf8")).toBe(String(process.pid));
    release();
  });

  it("takes over a lock whose pid no longer exists", () => {
    const dir = path.join(root, "c", "pglite");
    lockDataDir(dir)();
    const gone = spawnSync(process.execPath, ["-e", "0"]).pid!;
    writeFileSync(`${dir}.lock`, String(gone));
    expect(() => lockDataDir(dir)()).not.toThrow();
  });
});
