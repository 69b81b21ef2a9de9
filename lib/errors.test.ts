import { afterEach, describe, expect, it, vi } from "vitest";
import { AppError, ERROR_MESSAGES, HTTP_STATUS, route } from "./errors";

describe("route", () => {
  const saved = process.env.LOG_LEVEL;
  afterEach(() => {
    process.env.LOG_LEVEL = saved;
    vi.restoreAllMocks();
  });

  it("passes the handler's response and arguments through", async () => {
    const handler = route("t", async (a: number, b: string) => Response.json({ a, b }, { status: 201 }));
    const res = await handler(1, "x");
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ a: 1, b: "x" });
  });

  it("answers an AppError with its code's status and Spanish message, without logging it", async () => {
    process.env.LOG_LEVEL = "debug";
    const out = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await route("t", async () => {
      throw new AppError("invitation:expired", "token t1");
    })();
    expect(res.status).toBe(410);
    expect(await res.json()).toEqual({ error: { code: "invitation:expired", message: ERROR_MESSAGES["invitation:expired"] } });
    expect(out).not.toHaveBeenCalled();
  });

  it("logs anything else under `<where>.error` and answers internal:unexpected without internals", async () => {
    process.env.LOG_LEVEL = "error";
    const out = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await route("api.things", async () => {
      throw new Error("relation \"secret_table\" does not exist");
    })();
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(body).not.toContain("secret_table");
    expect(JSON.parse(body).error.code).toBe("internal:unexpected");
    const entry = JSON.parse(out.mock.calls[0][0] as string);
    expect(entry).toMatchObject({ level: "error", msg: "api.things.error", err: { message: 'relation "secret_table" does not exist' } });
  });
});

describe("HTTP_STATUS", () => {
  it("gives every code a status, and AppError takes it from there", () => {
    expect(Object.keys(HTTP_STATUS).sort()).toEqual(Object.keys(ERROR_MESSAGES).sort());
    for (const code of Object.keys(HTTP_STATUS) as (keyof typeof HTTP_STATUS)[]) {
      expect(new AppError(code).status).toBe(HTTP_STATUS[code]);
    }
    expect(new AppError("auth:forbidden").status).toBe(403);
    expect(new AppError("document:not_found").status).toBe(404);
  });
});
