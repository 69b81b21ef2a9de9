import type { CheckResult, DoctorContext } from "../types";
import { errorText, mustHave } from "../types";

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
  const devMode = Boolean(e.INNGEST_DEV) && e.INNGEST_DEV !== "0" && e.INNGEST_DEV !== "false";
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
    const res = await ctx.fetch(new URL("/api/inngest", ctx.appUrl), { signal: AbortSignal.timeout(ctx.timeoutMs) });
    const body = (await res.json().catch(() => ({}))) as Introspection;
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
