/** The storage contract and its configuration; the drivers (local.ts, s3.ts) implement it, index.ts picks one. */

/**
 * Object storage for uploaded documents: local disk (embedded default) or any S3-compatible service.
 * Keys are made by the server (`documentKey`); every method rejects any other shape of key.
 */
export interface Storage {
  readonly driver: "local" | "s3";
  /** Stores (or replaces) the object. Failures throw AppError("upload:storage_failed"). */
  put(key: string, body: Uint8Array, contentType: string): Promise<void>;
  /** The object's bytes; a missing object throws AppError("storage:missing_object"). */
  get(key: string): Promise<Buffer>;
  exists(key: string): Promise<boolean>;
  /** Idempotent: deleting a missing object succeeds. */
  delete(key: string): Promise<void>;
  /** Health probe; throws when unusable (directory not writable, bucket unreachable or missing). */
  check(): Promise<void>;
}

export interface LocalStorageConfig {
  driver: "local";
  root: string;
}

export interface S3StorageConfig {
  driver: "s3";
  /** Omit for AWS; e.g. https://s3.eu-central-003.backblazeb2.com, https://<account>.r2.cloudflarestorage.com. */
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** true for MinIO and most self-hosted servers; false for AWS virtual-hosted buckets. */
  forcePathStyle: boolean;
}

export type StorageConfig = LocalStorageConfig | S3StorageConfig;
