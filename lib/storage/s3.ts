import { createHash } from "node:crypto";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import type { S3StorageConfig, Storage } from "./types";
import { assertValidStorageKey } from "./keys";

const CHECK_TIMEOUT_MS = 5_000;

function httpStatus(e: unknown): number | undefined {
  return (e as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
}
function errName(e: unknown): string | undefined {
  return (e as { name?: string } | undefined)?.name;
}
const isNotFound = (e: unknown) =>
  ["NoSuchKey", "NotFound", "NoSuchBucket"].includes(errName(e) ?? "") || httpStatus(e) === 404;
const isMissingKey = (e: unknown) => errName(e) === "NoSuchKey" || (httpStatus(e) === 404 && errName(e) !== "NoSuchBucket");

const asBuffer = (u: Uint8Array) => (Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength));

export function createS3Client(config: S3StorageConfig): S3Client {
  return new S3Client({
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    forcePathStyle: config.forcePathStyle,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    // S3-compatible servers (s3rver, and at times B2, Spaces, MinIO) mishandle the SDK's default
    // aws-chunked checksum trailers; send/validate checksums only where the API requires them.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 120_000 },
    maxAttempts: 3,
  });
}

/**
 * S3-compatible driver (AWS S3, Backblaze B2, DigitalOcean Spaces, Cloudflare R2, MinIO).
 * Objects are private (no ACL is ever sent; bucket policy governs access). Uploads carry Content-MD5,
 * so the server rejects a body corrupted in transit. Use through `createStorage({ driver: "s3", ... })`.
 */
export function createS3Storage(config: S3StorageConfig, client: S3Client = createS3Client(config)): Storage {
  const Bucket = config.bucket;

  return {
    driver: "s3",

    async put(key, body, contentType) {
      assertValidStorageKey(key);
      const Body = asBuffer(body);
      try {
        await client.send(
          new PutObjectCommand({
            Bucket,
            Key: key,
            Body,
            ContentType: contentType,
            ContentLength: Body.byteLength,
            ContentMD5: createHash("md5").update(Body).digest("base64"),
          }),
        );
      } catch (e) {
        log.error("storage.s3.put_failed", { key, bucket: Bucket, err: e });
        throw new AppError("upload:storage_failed", undefined, { cause: e });
      }
    },

    async get(key) {
      assertValidStorageKey(key);
      try {
        const res = await client.send(new GetObjectCommand({ Bucket, Key: key }));
        if (!res.Body) throw new Error("S3 GetObject returned no body");
        const bytes = await res.Body.transformToByteArray();
        return asBuffer(bytes);
      } catch (e) {
        if (isMissingKey(e)) throw new AppError("storage:missing_object", key, { cause: e });
        throw e;
      }
    },

    async exists(key) {
      assertValidStorageKey(key);
      try {
        await client.send(new HeadObjectCommand({ Bucket, Key: key }));
        return true;
      } catch (e) {
        if (isMissingKey(e)) return false;
        throw e;
      }
    },

    async delete(key) {
      assertValidStorageKey(key);
      try {
        await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
      } catch (e) {
        if (isMissingKey(e)) return; // S3 answers 204 for a missing key; some compatibles answer 404
        throw e;
      }
    },

    async check() {
      try {
        await client.send(new HeadBucketCommand({ Bucket }), { abortSignal: AbortSignal.timeout(CHECK_TIMEOUT_MS) });
      } catch (e) {
        const why = isNotFound(e) ? "bucket not found" : `${errName(e) ?? "error"} ${httpStatus(e) ?? ""}`.trim();
        throw new Error(`S3 bucket "${Bucket}" at ${config.endpoint ?? "AWS"} is not usable: ${why}`, { cause: e });
      }
    },
  };
}
