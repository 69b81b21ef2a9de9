import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";

/**
 * All configuration comes through the environment and is validated once, here.
 * Every variable is documented in `.env.example`. Empty strings count as "not set".
 */
const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const opt = <T extends z.ZodTypeAny>(s: T) => z.preprocess(emptyToUndefined, s.optional());
const bool = z
  .enum(["1", "0", "true", "false", "yes", "no"])
  .transform((v) => v === "1" || v === "true" || v === "yes");

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATA_DIR: z.preprocess(emptyToUndefined, z.string().default(".data")),
    DATABASE_URL: opt(z.string().regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")),
    AUTH_SECRET: opt(z.string().min(16, "must be at least 16 characters")),
    APP_URL: opt(z.url()),
    STORAGE_DRIVER: z.preprocess(emptyToUndefined, z.enum(["local", "s3"]).default("local")),
    STORAGE_PATH: opt(z.string()),
    /** Where `npm run backup` writes its archives (default DATA_DIR/backups); the doctor checks the newest one. */
    BACKUP_DIR: opt(z.string()),
    S3_ENDPOINT: opt(z.url()),
    S3_REGION: z.preprocess(emptyToUndefined, z.string().default("us-east-1")),
    S3_BUCKET: opt(z.string().min(3)),
    S3_ACCESS_KEY_ID: opt(z.string()),
    S3_SECRET_ACCESS_KEY: opt(z.string()),
    S3_FORCE_PATH_STYLE: z.preprocess(emptyToUndefined, bool.default(false)),
    INNGEST_EVENT_KEY: opt(z.string()),
    INNGEST_SIGNING_KEY: opt(z.string()),
    INNGEST_DEV: opt(z.string()),
    INNGEST_BASE_URL: opt(z.url()),
    ANTHROPIC_API_KEY: opt(z.string()),
    ANTHROPIC_BASE_URL: opt(z.url()),
    CLAUDE_MODEL: z.preprocess(emptyToUndefined, z.string().default("claude-sonnet-4-5")),
    UPSTASH_REDIS_REST_URL: opt(z.url()),
    UPSTASH_REDIS_REST_TOKEN: opt(z.string()),
    /** Self-hosted Redis for rate limits shared by instances (when Upstash REST is not configured). */
    REDIS_URL: opt(z.string().regex(/^rediss?:\/\//, "must start with redis:// or rediss://")),
    /**
     * Reverse proxies in front of the app that set X-Forwarded-For / X-Forwarded-Proto (0: none, trust nothing).
     * Decides the client IP for per-IP limits, whether X-Forwarded-Proto=https means HTTPS (HSTS, Secure cookies),
     * and, with APP_URL unset, whether X-Forwarded-Host/-Proto make the origin of links (lib/http/origin.ts).
     */
    TRUST_PROXY: z.preprocess(
      (v) => (v === "true" || v === "yes" ? "1" : v === "false" || v === "no" ? "0" : emptyToUndefined(v)),
      z.coerce.number().int().min(0).max(10).default(0),
    ),
    /** Comma-separated e-mails of the operators who see health details and /admin/monitoring (else: the first user). */
    ADMIN_EMAILS: opt(z.string()),
    SMTP_URL: opt(z.string().regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")),
    SMTP_FROM: z.preprocess(emptyToUndefined, z.string().default("Anclora Flow <no-reply@localhost>")),
    INTAKE_ADDRESS: opt(z.email()),
    IMAP_URL: opt(z.string().regex(/^imaps?:\/\//, "must start with imap:// or imaps://")),
    IMAP_PROCESSED_MAILBOX: opt(z.string().min(1)),
    IMAP_POLL_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(10).max(3600).default(60)),
    INBOUND_EMAIL_SECRET: opt(z.string().min(16, "must be at least 16 characters")),
    MAX_UPLOAD_MB: z.preprocess(emptyToUndefined, z.coerce.number().positive().max(100).default(10)),
    OCR_WORKERS: z.preprocess(
      emptyToUndefined,
      z.coerce.number().int().min(1).max(32).default(Math.max(1, Math.min(os.availableParallelism?.() ?? 2, 4))),
    ),
    MAX_PDF_PAGES: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(1000).default(20)),
    MAX_IMAGE_MEGAPIXELS: z.preprocess(emptyToUndefined, z.coerce.number().positive().max(500).default(50)),
    PDF_WORKERS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(16).default(1)),
    PDF_WORKER_MEMORY_MB: z.preprocess(emptyToUndefined, z.coerce.number().int().min(64).max(16384).default(512)),
    PDF_PAGE_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().positive().max(3600).default(20)),
    PDF_DOCUMENT_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().positive().max(7200).default(120)),
    OCR_LANGS: z.preprocess(emptyToUndefined, z.string().regex(/^[a-z_]+(\+[a-z_]+)*$/).default("spa+eng")),
    LOG_LEVEL: opt(z.enum(["debug", "info", "warn", "error", "silent"])),
  })
  .superRefine((v, ctx) => {
    if (v.STORAGE_DRIVER === "s3") {
      for (const k of ["S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const) {
        if (!v[k]) ctx.addIssue({ code: "custom", path: [k], message: "required when STORAGE_DRIVER=s3" });
      }
    }
  });

export type Env = z.infer<typeof schema> & {
  /** Absolute path of the local-disk storage root. */
  storagePath: string;
  /** Absolute path of the backup folder (BACKUP_DIR, default DATA_DIR/backups). */
  backupPath: string;
  /** Absolute path of the PGlite data directory (used when DATABASE_URL is unset). */
  pglitePath: string;
  /** True when events go to Inngest (Cloud or a dev server); false means the in-process runner. */
  /** INNGEST_DEV set to a dev-server URL or a truthy value (not "0"/"false"). */
  inngestDev: boolean;
  inngestEnabled: boolean;
  maxUploadBytes: number;
};

export class EnvError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid environment configuration:\n  ${issues.join("\n  ")}`);
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const v = result.data;
  // INNGEST_DEV=0 / false is Inngest's own spelling for "not dev mode" (its SDK reads the same variable).
  const inngestDev = Boolean(v.INNGEST_DEV) && !/^(0|false|no)$/i.test(v.INNGEST_DEV ?? "");
  const dataDir = path.resolve(/*turbopackIgnore: true*/ v.DATA_DIR);
  return {
    ...v,
    storagePath: path.resolve(/*turbopackIgnore: true*/ v.STORAGE_PATH ?? path.join(dataDir, "files")),
    pglitePath: path.join(dataDir, "pglite"),
    backupPath: path.resolve(/*turbopackIgnore: true*/ v.BACKUP_DIR ?? path.join(dataDir, "backups")),
    inngestDev,
    inngestEnabled: Boolean(v.INNGEST_EVENT_KEY) || inngestDev,
    maxUploadBytes: Math.floor(v.MAX_UPLOAD_MB * 1024 * 1024),
  };
}

let cached: Env | undefined;

/** The validated environment of this process (parsed once). */
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}

/** For tests that change process.env between cases. */
export function resetEnvCache() {
  cached = undefined;
}

/**
 * AUTH_SECRET, or — on the embedded default — a random secret generated once and kept in DATA_DIR,
 * so `npm start` works with no configuration and sessions survive restarts.
 */
export function authSecret(): string {
  const e = env();
  if (e.AUTH_SECRET) return e.AUTH_SECRET;
  const file = path.join(path.resolve(/*turbopackIgnore: true*/ e.DATA_DIR), "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  try {
    writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
  } catch (err) {
    // Another process wrote it first: use theirs.
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return readFileSync(file, "utf8").trim();
    throw err;
  }
  return secret;
}
