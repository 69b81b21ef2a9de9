import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { MULTIPART_OVERHEAD, readLimitedBody, readLimitedForm } from "@/lib/http/limited-body";

/** An endless body in 64 KB chunks that records how much was pulled from it. */
function endless() {
  const state = { pulled: 0, cancelled: false };
  const chunk = new Uint8Array(64 * 1024).fill(0x41);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      state.pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe("readLimitedBody", () => {
  it("stops an endless body just past the limit and cancels it", async () => {
    const { stream, state } = endless();
    const err = await rejection(readLimitedBody(stream, 1024 * 1024));
    expect(err.code).toBe("upload:too_large");
    expect(err.status).toBe(413);
    expect(state.cancelled).toBe(true);
    // at most the limit plus the chunk that crossed it (and what the stream's queue prefetched)
    expect(state.pulled).toBeLessThanOrEqual(1024 * 1024 + 3 * 64 * 1024);
  });

  it("returns a body within the limit byte for byte", async () => {
    const bytes = new Uint8Array(100_000).map((_, i) => i % 251);
    expect(Buffer.from(await readLimitedBody(new Response(bytes).body, 100_000)).equals(Buffer.from(bytes))).toBe(true);
  });
});

describe("readLimitedForm", () => {
  const url = "http://localhost/api/documents";

  it("reads a multipart upload within the limit", async () => {
    const form = new FormData();
    form.set("file", new File([new Uint8Array(1000).fill(7)], "factura.pdf", { type: "application/pdf" }));
    const req = new Request(url, { method: "POST", body: form });
    const file = (await readLimitedForm(req, 2000)).get("file") as File;
    expect(file.name).toBe("factura.pdf");
    expect(file.size).toBe(1000);
  });

  it("refuses a chunked body (no Content-Length) past the limit", async () => {
    const { stream, state } = endless();
    const req = new Request(url, {
      method: "POST",
      body: stream,
      headers: { "content-type": "multipart/form-data; boundary=x" },
      duplex: "half",
    } as RequestInit);
    expect(req.headers.get("content-length")).toBeNull();
    expect((await rejection(readLimitedForm(req, 1024 * 1024))).code).toBe("upload:too_large");
    expect(state.pulled).toBeLessThanOrEqual(1024 * 1024 + MULTIPART_OVERHEAD + 3 * 64 * 1024);
  });

  it("refuses what is not a form", async () => {
    const req = new Request(url, { method: "POST", body: "hola", headers: { "content-type": "text/plain" } });
    expect((await rejection(readLimitedForm(req, 1000))).code).toBe("validation:invalid");
  });
});
