import { randomBytes } from "node:crypto";
import { createStorage, storageConfigFromEnv, type S3StorageConfig } from "@/lib/storage";
import type { CheckResult, DoctorContext } from "../types";
import { errorText, withTimeout } from "../types";

/** A key no upload can have (uploads are `{bookId uuid}/…`), so the round trip never touches a user's file. */
export function doctorKey(now: number): string {
  return `doctor-probe/${now}-${randomBytes(6).toString("hex")}.txt`;
}

/** The URL an anonymous visitor would use for `key` (path-style, virtual-hosted, or AWS's regional host). */
export function anonymousObjectUrl(c: S3StorageConfig, key: string): string {
  if (!c.endpoint) return `https://${c.bucket}.s3.${c.region}.amazonaws.com/${key}`;
  const u = new URL(c.endpoint);
  const root = u.pathname.replace(/\/+$/, "");
  if (c.forcePathStyle) return `${u.origin}${root}/${c.bucket}/${key}`;
  return `${u.protocol}//${c.bucket}.${u.host}${root}/${key}`;
}

/**
 * The configured storage (the app's own driver): a write / read / delete round trip on a temporary key, and for S3
 * an anonymous GET of that key while it exists, which must be refused (the bucket must not be public).
 */
export async function checkStorage(ctx: DoctorContext): Promise<CheckResult[]> {
  const config = storageConfigFromEnv(ctx.env);
  const where = config.driver === "local" ? `local disk ${config.root}` : `s3://${config.bucket} at ${config.endpoint ?? `AWS ${config.region}`}`;
  const label = config.driver === "local" ? "Storage (local disk)" : "Storage (S3)";
  const storage = createStorage(config);
  const key = doctorKey(ctx.now());
  const body = new TextEncoder().encode(`anclora doctor ${key}\n`);
  const results: CheckResult[] = [];
  let stored = false;
  try {
    await withTimeout(ctx.timeoutMs, "write", () => storage.put(key, body, "text/plain"));
    stored = true;
    if (config.driver === "s3") results.push(await checkPrivate(ctx, config, key));
    const read = await withTimeout(ctx.timeoutMs, "read", () => storage.get(key));
    if (!Buffer.from(read).equals(Buffer.from(body))) throw new Error("read back different bytes than were written");
    await withTimeout(ctx.timeoutMs, "delete", () => storage.delete(key));
    stored = false;
    if (await storage.exists(key)) throw new Error("the object is still there after delete");
    results.unshift({ id: "storage", label, status: "ok", detail: `${where}: write, read and delete of a temporary object` });
  } catch (e) {
    results.unshift({
      id: "storage",
      label,
      status: "fail",
      detail: `${where}: ${errorText(e)}`,
      fix:
        config.driver === "local"
          ? "make STORAGE_PATH (or DATA_DIR) writable by the app's user, on a persistent volume"
          : "check S3_ENDPOINT, S3_BUCKET (it must exist), S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY and S3_FORCE_PATH_STYLE",
    });
    if (config.driver === "s3" && !results.some((r) => r.id === "storage.private")) {
      results.push({ id: "storage.private", label: "Bucket not public", status: "skip", detail: "storage not usable" });
    }
  } finally {
    if (stored) await storage.delete(key).catch(() => {});
  }
  if (config.driver === "local") {
    results.push({
      id: "storage.private",
      label: "Files not public",
      status: "ok",
      detail: "local disk: files are only served through /api/files/[id] to members of the book",
    });
  }
  return results;
}

async function checkPrivate(ctx: DoctorContext, config: S3StorageConfig, key: string): Promise<CheckResult> {
  const base = { id: "storage.private", label: "Bucket not public" };
  const url = anonymousObjectUrl(config, key);
  try {
    const res = await ctx.fetch(url, { signal: AbortSignal.timeout(ctx.timeoutMs), redirect: "manual" });
    await res.body?.cancel().catch(() => {});
    if (res.status >= 200 && res.status < 300) {
      return {
        ...base,
        status: "fail",
        detail: `an anonymous GET of a stored object answered ${res.status}: anyone with a key can read invoices`,
        fix: "make the bucket private (remove public-read policies / ACLs, block public access); files go through /api/files",
      };
    }
    return { ...base, status: "ok", detail: `anonymous GET refused (${res.status})` };
  } catch (e) {
    // No answer at all to an anonymous request is not readable either.
    return { ...base, status: "ok", detail: `anonymous GET got no answer (${errorText(e)})` };
  }
}
