import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHECKS } from "@/lib/doctor";
import { checkOcr } from "@/lib/doctor/checks/ocr";
import { createOwner } from "@/lib/testing/book";
import { createTestDb } from "@/lib/testing/db";
import { monitoringSnapshot, PAGE_DOCTOR_CHECKS, WINDOW_MS } from "./snapshot";

describe("monitoringSnapshot", () => {
  let t: Awaited<ReturnType<typeof createTestDb>>;
  beforeAll(async () => {
    t = await createTestDb();
    await createOwner(t.db);
  });
  afterAll(() => t.close());

  it("reads the queue, times, failures, memory and the OCR pool state without starting the pool", async () => {
    const now = new Date("2026-11-30T12:00:00Z");
    const s = await monitoringSnapshot(t.db, now);
    expect(s.at).toBe(now.toISOString());
    expect(new Date(s.at).getTime() - new Date(s.since).getTime()).toBe(WINDOW_MS);
    expect(s.queue.uploaded).toBe(0);
    expect(s.times.ocr).toEqual({ count: 0, p50: null, p95: null });
    expect(s.failures).toEqual([]);
    expect(s.memory.rss).toBeGreaterThan(0);
    expect(s.ocr.state).toBe("stopped");
  });
});

describe("the page's doctor", () => {
  it("runs every check of the deployment checklist except the OCR smoke run", () => {
    expect(PAGE_DOCTOR_CHECKS).not.toContain(checkOcr);
    expect(PAGE_DOCTOR_CHECKS).toEqual(CHECKS.filter((c) => c !== checkOcr));
    expect(PAGE_DOCTOR_CHECKS.length).toBe(CHECKS.length - 1);
  });
});
