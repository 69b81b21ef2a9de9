import { afterEach, describe, expect, it, vi } from "vitest";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { Db } from "@/db/client";
import type { Book } from "@/db/schema";
import { AppError, messageFor } from "@/lib/errors";
import { uuidSchema } from "@/lib/ids";
import { guard, type ResolveCaller } from "./action";

const user = { id: "u1", email: "ana@example.com", name: "Ana" };
const book = { id: "b1", legalName: "Ana SL" } as Book;
const db = {} as Db;
const signedIn: ResolveCaller = async (scope) => (scope === "book" ? { user, db, book, role: "owner" } : { user, db });
const signedOut: ResolveCaller = async () => null;
const idInput = z.object({ documentId: uuidSchema });
const ID = "8f14e45f-ceea-467f-a0e5-b0b3d2f1e9a1";

describe("the server-action guard", () => {
  afterEach(() => vi.restoreAllMocks());

  it("hands the handler { user, book, role, db, input } and wraps what it returns", async () => {
    const handler = vi.fn(async (ctx: { input: { documentId: string } }) => ({ seen: ctx.input.documentId }));
    const action = guard("book", signedIn)("t", idInput, handler);
    expect(await action({ documentId: ID })).toEqual({ ok: true, data: { seen: ID } });
    expect(handler).toHaveBeenCalledWith({ user, book, role: "owner", db, input: { documentId: ID } });
  });

  it("rejects invalid input before looking at the session, with one message per field", async () => {
    const resolve = vi.fn(signedIn);
    const handler = vi.fn(async () => "never");
    const res = await guard("book", resolve)("t", z.object({ documentId: uuidSchema, reason: z.string().min(3, "Explica el motivo.") }), handler)({
      documentId: "../etc",
      reason: "x",
    });
    expect(res).toMatchObject({ ok: false, code: "validation:invalid", error: messageFor("validation:invalid") });
    expect(res.ok === false && res.fieldErrors).toEqual({ documentId: expect.any(String), reason: "Explica el motivo." });
    expect(resolve).not.toHaveBeenCalled();
    expect(handler).not.toHaveBeenCalled();
  });

  it("answers auth:unauthorized without a session and never runs the handler", async () => {
    const handler = vi.fn(async () => "never");
    expect(await guard("user", signedOut)("t", idInput, handler)({ documentId: ID })).toEqual({
      ok: false,
      code: "auth:unauthorized",
      error: messageFor("auth:unauthorized"),
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it("turns an AppError into its code's result, and logs anything else as internal:unexpected", async () => {
    const saved = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = "error";
    const out = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const known = await guard("book", signedIn)("t", idInput, async () => {
        throw new AppError("document:not_found");
      })({ documentId: ID });
      expect(known).toEqual({ ok: false, code: "document:not_found", error: messageFor("document:not_found") });
      expect(out).not.toHaveBeenCalled();

      const unknown = await guard("book", signedIn)("review.save", idInput, async () => {
        throw new Error("connection reset");
      })({ documentId: ID });
      expect(unknown).toEqual({ ok: false, code: "internal:unexpected", error: messageFor("internal:unexpected") });
      expect(JSON.parse(out.mock.calls[0][0] as string)).toMatchObject({ msg: "review.save.failed", err: { message: "connection reset" } });
    } finally {
      process.env.LOG_LEVEL = saved;
    }
  });

  it("lets Next's redirect through", async () => {
    const action = guard("user", signedIn)("t", idInput, async () => redirect("/review"));
    await expect(action({ documentId: ID })).rejects.toMatchObject({ digest: expect.stringContaining("NEXT_REDIRECT") });
  });
});
