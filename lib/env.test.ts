import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

describe("environment", () => {
  it("runs on the embedded default with nothing set", () => {
    const e = parseEnv({});
    expect(e.DATABASE_URL).toBeUndefined();
    expect(e.STORAGE_DRIVER).toBe("local");
    expect(e.storagePath).toBe(path.resolve(".data/files"));
    expect(e.pglitePath).toBe(path.resolve(".data/pglite"));
    expect(e.inngestEnabled).toBe(false);
    expect(e.maxUploadBytes).toBe(10 * 1024 * 1024);
    expect(e.OCR_LANGS).toBe("spa+eng");
  });

  it("treats empty strings as unset", () => {
    const e = parseEnv({ DATABASE_URL: "", MAX_UPLOAD_MB: "", INNGEST_EVENT_KEY: " " });
    expect(e.DATABASE_URL).toBeUndefined();
    expect(e.MAX_UPLOAD_MB).toBe(10);
    expect(e.inngestEnabled).toBe(false);
  });

  it("switches to Inngest when an event key or the dev flag is set", () => {
    expect(parseEnv({ INNGEST_EVENT_KEY: "k" }).inngestEnabled).toBe(true);
    expect(parseEnv({ INNGEST_DEV: "1" }).inngestEnabled).toBe(true);
    expect(parseEnv({ INNGEST_DEV: "http://127.0.0.1:8288" }).inngestDev).toBe(true);
    // Inngest's own "not dev mode": without an event key, that is the in-process runner.
    expect(parseEnv({ INNGEST_DEV: "0" }).inngestEnabled).toBe(false);
    expect(parseEnv({ INNGEST_DEV: "false", INNGEST_EVENT_KEY: "k" })).toMatchObject({ inngestDev: false, inngestEnabled: true });
  });

  it("requires the S3 settings when the s3 driver is chosen, naming each missing one", () => {
    expect(() => parseEnv({ STORAGE_DRIVER: "s3" })).toThrowError(EnvError);
    let thrown: unknown;
    try {
      parseEnv({ STORAGE_DRIVER: "s3", S3_BUCKET: "facturas" });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(EnvError);
    const issues = (thrown as EnvError).issues.join("\n");
    expect(issues).toMatch(/S3_ACCESS_KEY_ID/);
    expect(issues).toMatch(/S3_SECRET_ACCESS_KEY/);
    expect(issues).not.toMatch(/S3_BUCKET/);
    const ok = parseEnv({
      STORAGE_DRIVER: "s3",
      S3_BUCKET: "facturas",
      S3_ACCESS_KEY_ID: "a",
      S3_SECRET_ACCESS_KEY: "b",
      S3_FORCE_PATH_STYLE: "true",
    });
    expect(ok.S3_FORCE_PATH_STYLE).toBe(true);
  });

  it.each([
    [{ DATABASE_URL: "mysql://x" }, /DATABASE_URL/],
    [{ MAX_UPLOAD_MB: "-1" }, /MAX_UPLOAD_MB/],
    [{ MAX_UPLOAD_MB: "abc" }, /MAX_UPLOAD_MB/],
    [{ STORAGE_DRIVER: "ftp" }, /STORAGE_DRIVER/],
    [{ AUTH_SECRET: "short" }, /AUTH_SECRET/],
    [{ OCR_WORKERS: "0" }, /OCR_WORKERS/],
  ])("rejects %o with a message naming the variable", (source, re) => {
    expect(() => parseEnv(source as Record<string, string>)).toThrowError(re);
  });
});
