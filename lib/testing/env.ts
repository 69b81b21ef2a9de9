import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { resetEnvCache } from "@/lib/env";

/**
 * For a test file: DATA_DIR points at a fresh temporary directory (and `overrides` are applied, `undefined` meaning
 * unset) from beforeAll to afterAll, after which the environment is restored and the directory removed. Call it
 * before the file's other hooks, so their afterAll (e.g. stopping the OCR pool) runs before the directory goes.
 */
export function useTempDataDir(prefix: string, overrides: Record<string, string | undefined> = {}): () => string {
  let dir = "";
  const keys = ["DATA_DIR", ...Object.keys(overrides)];
  const saved = Object.fromEntries(keys.map((k) => [k, process.env[k]]));
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), prefix));
    for (const [k, v] of Object.entries({ ...overrides, DATA_DIR: dir })) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetEnvCache();
  });
  afterAll(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetEnvCache();
    await rm(dir, { recursive: true, force: true });
  });
  return () => dir;
}
