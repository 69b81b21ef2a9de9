import type { CheckResult, DoctorContext } from "../types";
import { appHealth } from "./database";

/** With `--url`: the running app answers /api/health 200, and sends no wildcard CORS header (it has no cross-site API). */
export async function checkApp(ctx: DoctorContext): Promise<CheckResult[]> {
  if (!ctx.appUrl) {
    return [
      { id: "app.health", label: "Running app (/api/health)", status: "skip", detail: "not probed: pass --url http://host:port to check the running app" },
    ];
  }
  const health = await appHealth(ctx);
  const where = new URL("/api/health", ctx.appUrl).toString();
  if (!health.ok) {
    return [{ id: "app.health", label: "Running app (/api/health)", status: "fail", detail: `${where}: ${health.error}`, fix: "start the app (node .next/standalone/server.js or the container) and check its logs" }];
  }
  const results: CheckResult[] = [];
  const body = health.body as (Record<string, { ok?: boolean; kind?: string }> & { status?: unknown }) | undefined;
  // The public answer is only `{ status }` (details are for a signed-in operator): say what it says.
  const parts = body?.database
    ? ["database", "storage", "queue"].map((k) => `${k} ${body?.[k]?.kind ?? "?"} ${body?.[k]?.ok ? "up" : "down"}`).join(", ")
    : `status ${String(body?.status ?? "?")} (database, storage and queue ${health.status === 200 ? "all up" : "not all up"})`;
  results.push(
    health.status === 200
      ? { id: "app.health", label: "Running app (/api/health)", status: "ok", detail: `${where} 200: ${parts}` }
      : { id: "app.health", label: "Running app (/api/health)", status: "fail", detail: `${where} ${health.status}: ${parts}`, fix: "the app cannot reach what is down: compare with the checks above" },
  );
  const acao = health.headers?.get("access-control-allow-origin");
  results.push(
    acao === "*" || acao === "https://doctor.invalid"
      ? { id: "app.cors", label: "CORS", status: "fail", detail: `the app answers a foreign origin with Access-Control-Allow-Origin: ${acao}`, fix: "remove the CORS header your proxy adds: the app has no cross-site API" }
      : { id: "app.cors", label: "CORS", status: "ok", detail: "no Access-Control-Allow-Origin for a foreign origin (same-origin only)" },
  );
  return results;
}
