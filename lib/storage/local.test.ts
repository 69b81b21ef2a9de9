import { createHash, randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { createStorage, documentKey, InvalidStorageKeyError, isValidStorageKey, type Storage } from "@/lib/storage";

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const isRoot = process.getuid?.() === 0;

const BAD_KEYS = [
  "../x",
  "a/../../x",
  "..",
  "/etc/passwd",
  "a\\b",
  "..\\x",
  "factura Enero.pdf", // space
  "facturación.pdf", // unicode
  "ＦＡＣＴＵＲＡ.pdf",
  "фактура.pdf",
  "a/./b",
  ".hidden",
  "a//b",
  "a/",
  "",
  "a\0b",
  "C:/x",
  "x".repeat(600),
];

let tmp: string;
let root: string;
let storage: Storage;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "anclora-local-"));
  root = path.join(tmp, "files");
  storage = createStorage({ driver: "local", root });
});
afterAll(async () => {
  await fs.chmod(tmp, 0o700).catch(() => {});
  await fs.rm(tmp, { recursive: true, force: true });
});

describe("local storage", () => {
  const bookId = randomUUID();
  const key = documentKey({ bookId, documentId: randomUUID(), ext: "pdf", date: new Date("2025-03-15T10:00:00Z") });

  it("check() creates the root and succeeds", async () => {
    await storage.check();
    expect((await fs.stat(root)).isDirectory()).toBe(true);
    expect(await fs.readdir(root)).toEqual([]); // probe cleaned up
  });

  it("round-trips random bytes under root/<key>, mode 0600, no temp files left", async () => {
    const body = new Uint8Array(randomBytes(256 * 1024));
    expect(await storage.exists(key)).toBe(false);
    await storage.put(key, body, "application/pdf");
    expect(await storage.exists(key)).toBe(true);
    const got = await storage.get(key);
    expect(Buffer.isBuffer(got)).toBe(true);
    expect(sha256(got)).toBe(sha256(body));

    const file = path.join(root, ...key.split("/"));
    const st = await fs.stat(file);
    expect(st.mode & 0o777).toBe(0o600);
    expect(await fs.readdir(path.dirname(file))).toEqual([path.basename(file)]);
  });

  it("put replaces an existing object atomically", async () => {
    const next = randomBytes(1000);
    await storage.put(key, next, "application/pdf");
    expect(sha256(await storage.get(key))).toBe(sha256(next));
  });

  it("put accepts a Uint8Array view into a larger buffer", async () => {
    const big = randomBytes(100);
    const view = new Uint8Array(big.buffer, big.byteOffset + 10, 50);
    const k = `${bookId}/view.bin`;
    await storage.put(k, view, "application/octet-stream");
    expect((await storage.get(k)).equals(Buffer.from(view))).toBe(true);
  });

  it("delete is idempotent", async () => {
    await storage.delete(key);
    expect(await storage.exists(key)).toBe(false);
    await storage.delete(key);
    await storage.delete(`${randomUUID()}/never/existed.pdf`);
  });

  it("missing object → storage:missing_object", async () => {
    await expect(storage.get(key)).rejects.toMatchObject({ name: "AppError", code: "storage:missing_object" });
    await expect(storage.get(`${randomUUID()}/2025/01/${randomUUID()}.pdf`)).rejects.toBeInstanceOf(AppError);
    await expect(storage.get(bookId)).rejects.toMatchObject({ code: "storage:missing_object" }); // a directory
  });

  it.each(BAD_KEYS.map((k) => [JSON.stringify(k).slice(0, 40), k]))("rejects key %s", async (_label, bad) => {
    expect(isValidStorageKey(bad)).toBe(false);
    await expect(storage.put(bad, new Uint8Array([1]), "text/plain")).rejects.toBeInstanceOf(InvalidStorageKeyError);
    await expect(storage.get(bad)).rejects.toBeInstanceOf(InvalidStorageKeyError);
    await expect(storage.exists(bad)).rejects.toBeInstanceOf(InvalidStorageKeyError);
    await expect(storage.delete(bad)).rejects.toBeInstanceOf(InvalidStorageKeyError);
  });

  it("nothing was written outside root by the rejected keys", async () => {
    expect((await fs.readdir(tmp)).sort()).toEqual(["files"]);
  });

  it("refuses to follow a symlinked directory out of root", async () => {
    const outside = path.join(tmp, "outside");
    await fs.mkdir(outside);
    await fs.writeFile(path.join(outside, "secret.txt"), "secret");
    await fs.symlink(outside, path.join(root, "link"));
    await expect(storage.get("link/secret.txt")).rejects.toThrow(/escapes the root/);
    await expect(storage.put("link/new.txt", new Uint8Array([1]), "text/plain")).rejects.toThrow(/escapes the root/);
    expect(await fs.readdir(outside)).toEqual(["secret.txt"]);
    await fs.rm(path.join(root, "link"));
  });

  it("check() fails when the root is a file", async () => {
    const file = path.join(tmp, "not-a-dir");
    await fs.writeFile(file, "x");
    await expect(createStorage({ driver: "local", root: file }).check()).rejects.toThrow(/not usable/);
    await expect(createStorage({ driver: "local", root: path.join(file, "sub") }).check()).rejects.toThrow(/not usable/);
  });

  it.skipIf(isRoot)("check() fails on a read-only root (non-root user)", async () => {
    const ro = path.join(tmp, "ro");
    await fs.mkdir(ro, { mode: 0o500 });
    try {
      await expect(createStorage({ driver: "local", root: ro }).check()).rejects.toThrow(/not usable/);
      await expect(createStorage({ driver: "local", root: ro }).put("a/b", new Uint8Array([1]), "x")).rejects.toMatchObject(
        { code: "upload:storage_failed" },
      );
    } finally {
      await fs.chmod(ro, 0o700);
    }
  });

  it("put failure → upload:storage_failed", async () => {
    const file = path.join(tmp, "blocker");
    await fs.writeFile(file, "x");
    const s = createStorage({ driver: "local", root: file }); // root is a file: mkdir fails even for root
    await expect(s.put("a/b.pdf", new Uint8Array([1]), "application/pdf")).rejects.toMatchObject({
      code: "upload:storage_failed",
    });
  });
});

describe("documentKey", () => {
  const bookId = "0b9f3c1e-6f2a-4a7e-9d1c-2b3a4c5d6e7f";
  const documentId = "5f0e8d7c-1b2a-4c3d-8e9f-a0b1c2d3e4f5";

  it("builds {bookId}/{yyyy}/{mm}/{documentId}.{ext} in UTC", () => {
    expect(documentKey({ bookId, documentId, ext: "pdf", date: new Date("2025-01-31T23:30:00Z") })).toBe(
      `${bookId}/2025/01/${documentId}.pdf`,
    );
    expect(documentKey({ bookId, documentId, ext: "webp", date: new Date("2024-12-01T00:00:00Z") })).toBe(
      `${bookId}/2024/12/${documentId}.webp`,
    );
    expect(isValidStorageKey(documentKey({ bookId, documentId, ext: "jpg", date: new Date() }))).toBe(true);
  });

  it("rejects non-uuid ids, unknown extensions and bad dates", () => {
    const date = new Date();
    expect(() => documentKey({ bookId: "../etc", documentId, ext: "pdf", date })).toThrow(InvalidStorageKeyError);
    expect(() => documentKey({ bookId, documentId: "factura.pdf", ext: "pdf", date })).toThrow(InvalidStorageKeyError);
    // @ts-expect-error runtime guard against an unchecked extension
    expect(() => documentKey({ bookId, documentId, ext: "exe", date })).toThrow(InvalidStorageKeyError);
    expect(() => documentKey({ bookId, documentId, ext: "pdf", date: new Date("nope") })).toThrow(
      InvalidStorageKeyError,
    );
  });
});
