import { afterEach, describe, expect, it, vi } from "vitest";
import { log } from "./log";

describe("structured log", () => {
  const saved = process.env.LOG_LEVEL;
  afterEach(() => {
    process.env.LOG_LEVEL = saved;
    vi.restoreAllMocks();
  });

  it("writes one JSON object per line with the fields, errors serialised", () => {
    process.env.LOG_LEVEL = "info";
    const out = vi.spyOn(console, "error").mockImplementation(() => {});
    log.error("upload.failed", { documentId: "d1", err: Object.assign(new Error("boom"), { code: "E1" }) });
    const entry = JSON.parse(out.mock.calls[0][0] as string);
    expect(entry).toMatchObject({ level: "error", msg: "upload.failed", documentId: "d1", err: { name: "Error", message: "boom", code: "E1" } });
    expect(Date.parse(entry.time)).not.toBeNaN();
  });

  it("keeps the message of an error that arrived as a plain object", () => {
    process.env.LOG_LEVEL = "info";
    const out = vi.spyOn(console, "error").mockImplementation(() => {});
    log.warn("x", { err: { name: "NonRetriableError", message: "extraction:pdf_unreadable" } });
    expect(JSON.parse(out.mock.calls[0][0] as string).err).toEqual({ name: "NonRetriableError", message: "extraction:pdf_unreadable" });
  });

  it("drops entries below the level", () => {
    process.env.LOG_LEVEL = "warn";
    const info = vi.spyOn(console, "log").mockImplementation(() => {});
    log.info("quiet");
    expect(info).not.toHaveBeenCalled();
    process.env.LOG_LEVEL = "silent";
    const err = vi.spyOn(console, "error").mockImplementation(() => {});
    log.error("also quiet");
    expect(err).not.toHaveBeenCalled();
  });
});
