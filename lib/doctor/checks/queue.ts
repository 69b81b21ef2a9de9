import { createHmac } from "node:crypto";
import type { CheckResult, DoctorContext } from "../types";
import { errorText, mustHave } from "../types";

/**
 * The `X-Inngest-Signature` Inngest puts on its own requests (inngest/helpers/net.ts: HMAC-SHA256 of body + unix
 * time, keyed with the signing key minus its `signkey-<env>-` prefix). In signed (cloud) mode the SDK answers only
 * a signed GET with the app's introspection, so the doctor signs like Inngest does: a 200 proves the keys match.
 */
export function inngestSignature(signingKey: string, body: string, nowMs: number): string {
  const ts = Math.round(nowMs / 1000).toString();
  const s = createHmac("sha256", signingKey.replace(/^signkey-[\w]+-/, "")).update(body + ts).digest("hex");
  return `t=${ts}&s=${s}`;
}

type Introspection = { function_count?: number; has_event_key?: boolean; has_signing_key?: boolean; mode?: string };

/**
 * Background processing. Inngest: keys present, and — with `--url` — the app serves /api/inngest with its functions
 * and keys (what Inngest reads when it syncs the app). Otherwise the in-process runner, said plainly.
 */
export async function checkQueue(ctx: DoctorContext): Promise<CheckResult> {
  const e = ctx.env;
  if (!e.inngestEnabled) {
    return {
      id: "queue",
      label: "Background processing",
      status: ctx.production ? "warn" : "ok",
      detail: "in-process runner: documents are processed inside this one app process (no Inngest)",
      ...(ctx.production ? { fix: "to run several instances set INNGEST_EVENT_KEY + INNGEST_SIGNING_KEY (Inngest Cloud or a self-hosted server)" } : {}),
    };
  }
  const base = { id: "queue", label: "Background processing (Inngest)" };
  const devMode = e.inngestDev;
  const missing = devMode ? [] : (["INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY"] as const).filter((k) => !e[k]);
  if (missing.length) {
    return { ...base, status: "fail", detail: `${missing.join(" and ")} not set`, fix: "copy both keys from Inngest Cloud (or the ones your self-hosted server was started with)" };
  }
  const target = devMode ? `dev server ${e.INNGEST_BASE_URL ?? (e.INNGEST_DEV!.startsWith("http") ? e.INNGEST_DEV : "http://localhost:8288")}` : e.INNGEST_BASE_URL ? `self-hosted server ${e.INNGEST_BASE_URL}` : "Inngest Cloud";
  if (devMode && ctx.production) {
    return { ...base, status: "warn", detail: `INNGEST_DEV is set (${target}): unsigned requests are accepted`, fix: "in production use signed mode: INNGEST_DEV unset, INNGEST_EVENT_KEY + INNGEST_SIGNING_KEY (+ INNGEST_BASE_URL when self-hosted)" };
  }
  if (!ctx.appUrl) return { ...base, status: "ok", detail: `keys set for ${target}; /api/inngest not probed (pass --url)` };
  try {
    const headers: Record<string, string> = devMode ? {} : { "X-Inngest-Signature": inngestSignature(e.INNGEST_SIGNING_KEY!, "", ctx.now()) };
    const res = await ctx.fetch(new URL("/api/inngest", ctx.appUrl), { headers, signal: AbortSignal.timeout(ctx.timeoutMs) });
    const body = (await res.json().catch(() => ({}))) as Introspection & { authentication_succeeded?: boolean };
    if (res.status === 401) {
      return { ...base, status: "fail", detail: "GET /api/inngest refused a request signed with INNGEST_SIGNING_KEY", fix: "the app runs with a different signing key: use the same INNGEST_SIGNING_KEY for the app and the doctor (and Inngest)" };
    }
    if (!res.ok || !body.function_count) {
      return { ...base, status: "fail", detail: `GET /api/inngest answered ${res.status} with ${body.function_count ?? 0} functions`, fix: "deploy the current build; /api/inngest must serve the functions" };
    }
    if (!devMode && (!body.has_event_key || !body.has_signing_key)) {
      return { ...base, status: "fail", detail: "the running app does not see its Inngest keys", fix: "set INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY in the app's environment and restart it" };
    }
    return { ...base, status: "ok", detail: `${target}; /api/inngest serves ${body.function_count} function(s) in ${body.mode ?? "?"} mode — sync that URL in Inngest` };
  } catch (err) {
    return { ...base, status: mustHave(ctx), detail: `GET /api/inngest: ${errorText(err)}`, fix: "is the app running at --url?" };
  }
}
