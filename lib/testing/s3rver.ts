import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import type { S3StorageConfig } from "@/lib/storage";

export interface RunningS3rver {
  /** e.g. http://127.0.0.1:41234 */
  endpoint: string;
  /** Ready-made config for createStorage (path-style, s3rver's fixed credentials). */
  config: S3StorageConfig;
  /** Data directory on disk (removed by stop()). */
  directory: string;
  stop(): Promise<void>;
}

/**
 * Starts an in-process s3rver on 127.0.0.1 with a random port and a fresh temp directory, with `bucket`
 * (and any `extraBuckets`) created. Call `stop()` in afterAll: it closes open sockets and removes the data.
 */
export async function startS3rver(opts: { bucket: string; extraBuckets?: string[] }): Promise<RunningS3rver> {
  const directory = await fs.mkdtemp(path.join(os.tmpdir(), "anclora-s3rver-"));
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory,
    vhostBuckets: false,
    configureBuckets: [opts.bucket, ...(opts.extraBuckets ?? [])].map((name) => ({ name })),
  });
  let address;
  try {
    address = await server.run();
  } catch (e) {
    await fs.rm(directory, { recursive: true, force: true });
    throw e;
  }
  const endpoint = `http://127.0.0.1:${address.port}`;
  let stopped = false;
  return {
    endpoint,
    directory,
    config: {
      driver: "s3",
      endpoint,
      region: "us-east-1",
      bucket: opts.bucket,
      accessKeyId: "S3RVER",
      secretAccessKey: "S3RVER",
      forcePathStyle: true,
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      // SDK clients keep sockets alive; without this close() waits for them to time out.
      server.httpServer?.closeAllConnections();
      await server.close();
      await fs.rm(directory, { recursive: true, force: true });
    },
  };
}
