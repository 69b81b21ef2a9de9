import { NextRequest } from "next/server.js";
import { describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { useTempDataDir } from "@/lib/testing/env";

useTempDataDir("anclora-inngest-route-", { INNGEST_EVENT_KEY: undefined, INNGEST_DEV: undefined, INNGEST_SIGNING_KEY: undefined });

const { GET, POST, PUT } = await import("./route");

function call(handler: typeof GET, method: string) {
  return handler(new NextRequest("http://localhost:3000/api/inngest", { method }), { params: Promise.resolve({}) } as never);
}

describe("/api/inngest", () => {
  it("answers 404 inngest:not_configured on the embedded default (functions run in-process)", async () => {
    for (const [handler, method] of [[GET, "GET"], [POST, "POST"], [PUT, "PUT"]] as const) {
      const res = await call(handler, method);
      expect(res.status, method).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code, method).toBe("inngest:not_configured");
    }
  });

  it("is Inngest's handler once Inngest is configured", async () => {
    process.env.INNGEST_DEV = "1";
    resetEnvCache();
    try {
      const res = await call(GET, "GET");
      expect(res.status).not.toBe(404);
      expect(JSON.stringify(await res.json())).not.toContain("inngest:not_configured");
    } finally {
      delete process.env.INNGEST_DEV;
      resetEnvCache();
    }
  });
});
