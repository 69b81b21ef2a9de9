import { env as readEnv, type Env } from "@/lib/env";
import { createLocalStorage } from "./local";
import { createS3Storage } from "./s3";

export {
  assertValidStorageKey,
  documentKey,
  DOCUMENT_EXTENSIONS,
  InvalidStorageKeyError,
  isValidStorageKey,
  MAX_KEY_LENGTH,
  type DocumentExtension,
} from "./keys";

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

export function createStorage(config: StorageConfig): Storage {
  switch (config.driver) {
    case "local":
      return createLocalStorage(config.root);
    case "s3":
      return createS3Storage(config);
    default: {
      const never: never = config;
      throw new Error(`unknown storage driver ${JSON.stringify((never as { driver?: unknown }).driver)}`);
    }
  }
}

type StorageEnv = Pick<
  Env,
  | "STORAGE_DRIVER"
  | "storagePath"
  | "S3_ENDPOINT"
  | "S3_REGION"
  | "S3_BUCKET"
  | "S3_ACCESS_KEY_ID"
  | "S3_SECRET_ACCESS_KEY"
  | "S3_FORCE_PATH_STYLE"
>;

export function storageConfigFromEnv(e: StorageEnv = readEnv()): StorageConfig {
  if (e.STORAGE_DRIVER === "local") return { driver: "local", root: e.storagePath };
  if (!e.S3_BUCKET || !e.S3_ACCESS_KEY_ID || !e.S3_SECRET_ACCESS_KEY) {
    // lib/env.ts already rejects this; kept so the types are honest.
    throw new Error("STORAGE_DRIVER=s3 needs S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY");
  }
  return {
    driver: "s3",
    ...(e.S3_ENDPOINT ? { endpoint: e.S3_ENDPOINT } : {}),
    region: e.S3_REGION,
    bucket: e.S3_BUCKET,
    accessKeyId: e.S3_ACCESS_KEY_ID,
    secretAccessKey: e.S3_SECRET_ACCESS_KEY,
    forcePathStyle: e.S3_FORCE_PATH_STYLE,
  };
}

const GLOBAL_KEY = Symbol.for("anclora-flow.storage");
type StorageGlobal = typeof globalThis & { [GLOBAL_KEY]?: Storage };

/** The process-wide storage built from the environment (kept on globalThis so dev reloads reuse it). */
export function getStorage(): Storage {
  const g = globalThis as StorageGlobal;
  return (g[GLOBAL_KEY] ??= createStorage(storageConfigFromEnv()));
}

/** Tests: drop the singleton (e.g. after changing process.env and calling resetEnvCache()). */
export function resetStorage(): void {
  delete (globalThis as StorageGlobal)[GLOBAL_KEY];
}
