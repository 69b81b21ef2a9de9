import type { DoctorContext, CheckResult } from "../types";
import { errorText, mustHave } from "../types";

/** AUTH_SECRET set (not the one generated into DATA_DIR, which each machine would make differently). */
export async function checkAuthSecret(ctx: DoctorContext): Promise<CheckResult> {
  const base = { id: "auth.secret", label: "AUTH_SECRET" };
  if (ctx.env.AUTH_SECRET) return { ...base, status: "ok", detail: `set (${ctx.env.AUTH_SECRET.length} characters)` };
  return {
    ...base,
    status: mustHave(ctx),
    detail: "not set: sessions are signed with a secret generated into DATA_DIR/auth-secret",
    fix: "set AUTH_SECRET=$(openssl rand -base64 32), the same on every instance",
  };
}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** APP_URL set and https (links in invitation e-mails are built from it; cookies are secure behind https). */
export async function checkAppUrl(ctx: DoctorContext): Promise<CheckResult> {
  const base = { id: "app.url", label: "APP_URL (HTTPS)" };
  const raw = ctx.env.APP_URL;
  if (!raw) {
    return {
      ...base,
      status: mustHave(ctx),
      detail: "not set: e-mailed links use the request's host",
      fix: "set APP_URL to the public https:// address behind your reverse proxy",
    };
  }
  const url = new URL(raw);
  if (url.protocol === "https:") return { ...base, status: "ok", detail: url.origin };
  return {
    ...base,
    status: LOOPBACK.has(url.hostname) && !ctx.production ? "warn" : mustHave(ctx),
    detail: `${url.origin} is not https`,
    fix: "serve the app behind a reverse proxy with TLS (Caddy, nginx, Traefik) and set APP_URL=https://…",
  };
}

/** Structured logs reach stdout (the only log sink the app has); `silent` hides failures. */
export async function checkLogs(ctx: DoctorContext): Promise<CheckResult> {
  const level = ctx.env.LOG_LEVEL ?? "info";
  const base = { id: "logs", label: "Logs" };
  if (level === "silent" || level === "error") {
    return {
      ...base,
      status: ctx.production ? "warn" : "ok",
      detail: `LOG_LEVEL=${level}: warnings are not written`,
      fix: "set LOG_LEVEL=info (JSON lines on stdout/stderr; collect them with your platform's log drain)",
    };
  }
  return { ...base, status: "ok", detail: `JSON lines on stdout/stderr at level ${level}` };
}

/** Invitations by e-mail: the SMTP server answers and accepts the credentials (nodemailer's verify). */
export async function checkSmtp(ctx: DoctorContext): Promise<CheckResult> {
  const base = { id: "mail.smtp", label: "SMTP (invitation e-mails)" };
  if (!ctx.env.SMTP_URL) {
    return {
      ...base,
      status: ctx.production ? "warn" : "skip",
      detail: "not set: invitation links are only shown to the owner to copy",
      fix: "set SMTP_URL=smtps://user:password@smtp.example.com:465 to e-mail them",
    };
  }
  const { createTransport } = await import("nodemailer");
  const transport = createTransport(ctx.env.SMTP_URL, { connectionTimeout: ctx.timeoutMs, greetingTimeout: ctx.timeoutMs });
  try {
    await transport.verify();
    const u = new URL(ctx.env.SMTP_URL);
    return { ...base, status: "ok", detail: `${u.protocol}//${u.host} accepted the connection` };
  } catch (e) {
    return { ...base, status: "fail", detail: errorText(e), fix: "check SMTP_URL (host, port, user, password; smtps:// for port 465)" };
  } finally {
    transport.close();
  }
}

/** Vercel request bodies above this are refused by the platform before the function runs. */
export const VERCEL_BODY_LIMIT_MB = 4.5;

/**
 * On Vercel (VERCEL=1, set by the platform): what the embedded default would lose there. Functions have an
 * ephemeral disk and stop after the response, so local storage, PGlite and the in-process runner are ✗.
 */
export async function checkPlatform(ctx: DoctorContext): Promise<CheckResult> {
  const base = { id: "platform", label: "Platform" };
  const vercel = ctx.vars.VERCEL === "1" || ctx.vars.VERCEL === "true";
  if (!vercel) return { ...base, status: "skip", detail: "Node server (not Vercel)" };
  const e = ctx.env;
  const problems: string[] = [];
  if (e.STORAGE_DRIVER === "local") problems.push("STORAGE_DRIVER=local (the disk is ephemeral): use s3 with an S3-compatible bucket");
  if (!e.DATABASE_URL) problems.push("no DATABASE_URL (PGlite would live on an ephemeral disk)");
  if (!e.inngestEnabled) problems.push("no Inngest keys (the in-process runner stops with the function)");
  if (problems.length) return { ...base, status: "fail", detail: `Vercel: ${problems.join("; ")}`, fix: "see README → Deploy → Vercel" };
  if (e.MAX_UPLOAD_MB > VERCEL_BODY_LIMIT_MB) {
    return {
      ...base,
      status: "warn",
      detail: `Vercel refuses request bodies over ${VERCEL_BODY_LIMIT_MB} MB, but MAX_UPLOAD_MB=${e.MAX_UPLOAD_MB}`,
      fix: "set MAX_UPLOAD_MB=4 so larger files get the app's clear Spanish error instead of the platform's 413",
    };
  }
  return { ...base, status: "ok", detail: "Vercel with PostgreSQL, S3 storage and Inngest" };
}
