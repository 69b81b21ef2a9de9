import { env as readEnv, type Env } from "@/lib/env";
import { processSingleton, resetProcessSingleton } from "@/lib/singleton";
import { createLocalStorage } from "./local";
import { createS3Storage } from "./s3";
import type { Storage, StorageConfig } from "./types";

export {
  assertValidStorageKey,
  documentKey,
  DOCUMENT_EXTENSIONS,
  InvalidStorageKeyError,
  isValidStorageKey,
  MAX_KEY_LENGTH,
  type DocumentExtension,
} from "./keys";

export type { LocalStorageConfig, S3StorageConfig, Storage, StorageConfig } from "./types";

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

/** The process-wide storage built from the environment. */
export function getStorage(): Storage {
  return processSingleton("storage", () => createStorage(storageConfigFromEnv()));
}

/** Tests: drop the singleton (e.g. after changing process.env and calling resetEnvCache()). */
export function resetStorage(): void {
  resetProcessSingleton("storage");
}
