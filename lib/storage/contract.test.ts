import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStorage, documentKey, type Storage, type StorageConfig } from "@/lib/storage";
import { startS3rver } from "@/lib/testing/s3rver";

/** The behaviour every driver must share. */
describe.each([
  {
    name: "local",
    async setup(): Promise<{ config: StorageConfig; stop(): Promise<void> }> {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), "anclora-contract-"));
      return { config: { driver: "local", root: dir }, stop: () => fs.rm(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: "s3",
    async setup() {
      const s3 = await startS3rver({ bucket: "contract" });
      return { config: s3.config, stop: s3.stop };
    },
  },
])("storage contract: $name", ({ name, setup }) => {
  let storage: Storage;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const s = await setup();
    storage = createStorage(s.config);
    stop = s.stop;
  });
  afterAll(async () => stop?.());

  const newKey = () => documentKey({ bookId: randomUUID(), documentId: randomUUID(), ext: "png", date: new Date() });

  it("reports its driver and is healthy", async () => {
    expect(storage.driver).toBe(name);
    await storage.check();
  });

  it("put → exists → get → delete → exists", async () => {
    const key = newKey();
    const body = randomBytes(64 * 1024);
    expect(await storage.exists(key)).toBe(false);
    await storage.put(key, body, "image/png");
    expect(await storage.exists(key)).toBe(true);
    expect((await storage.get(key)).equals(body)).toBe(true);
    await storage.delete(key);
    expect(await storage.exists(key)).toBe(false);
    await storage.delete(key);
    await expect(storage.get(key)).rejects.toMatchObject({ code: "storage:missing_object" });
  });

  it("stores an empty object", async () => {
    const key = newKey();
    await storage.put(key, new Uint8Array(0), "image/png");
    expect(await storage.exists(key)).toBe(true);
    expect((await storage.get(key)).byteLength).toBe(0);
  });

  it("overwrites and keeps keys independent (concurrent puts)", async () => {
    const keys = Array.from({ length: 8 }, newKey);
    const bodies = keys.map(() => randomBytes(10_000));
    await Promise.all(keys.map((k, i) => storage.put(k, bodies[i], "image/png")));
    const replaced = randomBytes(123);
    await storage.put(keys[0], replaced, "image/png");
    const got = await Promise.all(keys.map((k) => storage.get(k)));
    expect(got[0].equals(replaced)).toBe(true);
    for (let i = 1; i < keys.length; i++) expect(got[i].equals(bodies[i])).toBe(true);
  });

  it("a key prefix is not an object", async () => {
    const key = newKey();
    await storage.put(key, randomBytes(10), "image/png");
    const prefix = key.split("/")[0];
    expect(await storage.exists(prefix)).toBe(false);
    await expect(storage.get(prefix)).rejects.toMatchObject({ code: "storage:missing_object" });
  });
});
