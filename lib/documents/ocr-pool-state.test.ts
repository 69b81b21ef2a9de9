import { afterAll, describe, expect, it } from "vitest";
import { ocrPoolState, terminateOcr, warmOcr } from "@/lib/documents/ocr";
import { useTempDataDir } from "@/lib/testing/env";

useTempDataDir("anclora-ocr-state-", { OCR_WORKERS: "1", OCR_LANGS: "spa+eng" });

describe("ocrPoolState", () => {
  afterAll(() => terminateOcr());

  it("reports stopped → starting → ready → stopped without starting the pool itself", async () => {
    expect(ocrPoolState()).toEqual({ state: "stopped", workers: 0, langs: null });
    expect(ocrPoolState().state).toBe("stopped"); // reading the state twice still starts nothing
    const warming = warmOcr();
    expect(ocrPoolState().state).toBe("starting");
    await warming;
    expect(ocrPoolState()).toEqual({ state: "ready", workers: 1, langs: "spa+eng" });
    await terminateOcr();
    expect(ocrPoolState()).toEqual({ state: "stopped", workers: 0, langs: null });
  });
});
