import { createHash, randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { GetObjectAclCommand, GetObjectCommand, HeadObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStorage, documentKey, InvalidStorageKeyError, type Storage } from "@/lib/storage";
import { createS3Client } from "@/lib/storage/s3";
import { startS3rver, type RunningS3rver } from "@/lib/testing/s3rver";

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

let s3: RunningS3rver;
let storage: Storage;

beforeAll(async () => {
  s3 = await startS3rver({ bucket: "anclora-test" });
  storage = createStorage(s3.config);
});
afterAll(async () => {
  await s3?.stop();
});

describe("s3 storage (s3rver)", () => {
  const key = documentKey({ bookId: randomUUID(), documentId: randomUUID(), ext: "pdf", date: new Date() });

  it("check() succeeds against the configured bucket", async () => {
    expect(storage.driver).toBe("s3");
    await storage.check();
  });

  it("check() fails against a bucket that does not exist", async () => {
    const missing = createStorage({ ...s3.config, bucket: "no-such-bucket" });
    await expect(missing.check()).rejects.toThrow(/no-such-bucket.*not usable: bucket not found/);
  });

  it("check() fails when the endpoint is unreachable", async () => {
    const dead = createStorage({ ...s3.config, endpoint: "http://127.0.0.1:1" });
    await expect(dead.check()).rejects.toThrow(/not usable/);
  });

  it("round-trips a random 1 MB buffer byte for byte", async () => {
    const body = randomBytes(1024 * 1024);
    expect(await storage.exists(key)).toBe(false);
    await storage.put(key, body, "application/pdf");
    expect(await storage.exists(key)).toBe(true);

    const got = await storage.get(key);
    expect(Buffer.isBuffer(got)).toBe(true);
    expect(got.byteLength).toBe(body.byteLength);
    expect(sha256(got)).toBe(sha256(body));

    // What the server holds is the exact body (no aws-chunked framing), with the content type we sent.
    const raw = createS3Client(s3.config);
    try {
      const head = await raw.send(new HeadObjectCommand({ Bucket: s3.config.bucket, Key: key }));
      expect(head.ContentLength).toBe(body.byteLength);
      expect(head.ContentType).toBe("application/pdf");
      const obj = await raw.send(new GetObjectCommand({ Bucket: s3.config.bucket, Key: key }));
      expect(sha256(await obj.Body!.transformToByteArray())).toBe(sha256(body));
      const acl = await raw.send(new GetObjectAclCommand({ Bucket: s3.config.bucket, Key: key }));
      expect(acl.Grants?.some((g) => g.Grantee?.URI?.includes("AllUsers"))).toBeFalsy();
    } finally {
      raw.destroy();
    }
    // And s3rver's own file holds exactly the body (this is where aws-chunked framing showed up before).
    const parts = key.split("/");
    const file = path.join(s3.directory, s3.config.bucket, ...parts.slice(0, -1), `${parts.at(-1)}._S3rver_object`);
    expect(sha256(await fs.readFile(file))).toBe(sha256(body));
  });

  it("put accepts a Uint8Array view into a larger buffer", async () => {
    const big = randomBytes(4096);
    const view = new Uint8Array(big.buffer, big.byteOffset + 100, 1000);
    const k = `${randomUUID()}/view.bin`;
    await storage.put(k, view, "application/octet-stream");
    expect((await storage.get(k)).equals(Buffer.from(view))).toBe(true);
  });

  it("delete removes the object and is idempotent", async () => {
    await storage.delete(key);
    expect(await storage.exists(key)).toBe(false);
    await storage.delete(key);
  });

  it("missing key → storage:missing_object", async () => {
    await expect(storage.get(key)).rejects.toMatchObject({ name: "AppError", code: "storage:missing_object" });
  });

  it("put to an unusable bucket → upload:storage_failed", async () => {
    const missing = createStorage({ ...s3.config, bucket: "no-such-bucket" });
    await expect(missing.put(key, new Uint8Array([1, 2, 3]), "application/pdf")).rejects.toMatchObject({
      code: "upload:storage_failed",
    });
  });

  // s3rver checks the access key id but not V4 signatures, so a wrong key id stands in for bad credentials.
  it("wrong credentials are not mistaken for a missing object", async () => {
    const bad = createStorage({ ...s3.config, accessKeyId: "WRONG" });
    await expect(bad.check()).rejects.toThrow(/not usable/);
    await expect(bad.get(key)).rejects.toMatchObject({ name: "InvalidAccessKeyId" });
    expect(await bad.exists(key).catch((e: Error) => e.name)).not.toBe(false);
  });

  it("rejects keys that are not server-made", async () => {
    for (const bad of ["../x", "/etc/passwd", "a\\b", "factura ñ.pdf"]) {
      await expect(storage.put(bad, new Uint8Array([1]), "text/plain")).rejects.toBeInstanceOf(InvalidStorageKeyError);
      await expect(storage.get(bad)).rejects.toBeInstanceOf(InvalidStorageKeyError);
    }
  });
});
