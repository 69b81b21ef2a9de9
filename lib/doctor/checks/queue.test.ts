import { Inngest } from "inngest";
import { serve } from "inngest/next";
import { describe, expect, it } from "vitest";
import { createDoctorContext } from "../index";
import { checkQueue } from "./queue";

/** The Inngest check against the SDK's real serve handler (cloud mode: it answers only signed requests). */
const SIGNING_KEY = "signkey-test-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

function handlerFetch(signingKey: string): typeof fetch {
  const client = new Inngest({ id: "doctor-test", isDev: false, eventKey: "ek", signingKey });
  const fn = client.createFunction({ id: "noop", triggers: [{ event: "test/noop" }] }, async () => "ok");
  const { GET } = serve({ client, functions: [fn] });
  return (async (input: RequestInfo | URL, init?: RequestInit) =>
    (GET as unknown as (r: Request, ctx: unknown) => Promise<Response>)(new Request(input, init), {})) as typeof fetch;
}

const vars = { INNGEST_EVENT_KEY: "ek", INNGEST_SIGNING_KEY: SIGNING_KEY, LOG_LEVEL: "silent" };

describe("Inngest check", () => {
  it("signs its GET like Inngest, and the SDK answers with the function count", async () => {
    const ctx = createDoctorContext({ vars, appUrl: "http://app.test", fetch: handlerFetch(SIGNING_KEY) });
    expect(await checkQueue(ctx)).toMatchObject({ status: "ok", detail: expect.stringContaining("serves 1 function(s) in cloud mode") });
  });

  it("reports an app that runs with another signing key", async () => {
    const other = SIGNING_KEY.replace(/0123/g, "4567");
    const ctx = createDoctorContext({ vars, appUrl: "http://app.test", fetch: handlerFetch(other) });
    expect(await checkQueue(ctx)).toMatchObject({ status: "fail", detail: expect.stringContaining("refused") });
  });

  it("says plainly when the in-process runner is in use, and fails when a key is missing", async () => {
    expect(await checkQueue(createDoctorContext({ vars: {} }))).toMatchObject({ status: "ok", detail: expect.stringContaining("in-process runner") });
    expect(await checkQueue(createDoctorContext({ vars: {}, production: true }))).toMatchObject({ status: "warn" });
    expect(await checkQueue(createDoctorContext({ vars: { INNGEST_EVENT_KEY: "ek" } }))).toMatchObject({ status: "fail", detail: "INNGEST_SIGNING_KEY not set" });
  });
});
