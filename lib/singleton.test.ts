import { afterEach, describe, expect, it, vi } from "vitest";
import { processSingleton, resetProcessSingleton } from "./singleton";

describe("processSingleton", () => {
  afterEach(() => resetProcessSingleton("test.thing"));

  it("makes the value once per process and shares it through globalThis", () => {
    const init = vi.fn(() => ({ n: Math.random() }));
    const a = processSingleton("test.thing", init);
    const b = processSingleton("test.thing", init);
    expect(b).toBe(a);
    expect(init).toHaveBeenCalledTimes(1);
    expect((globalThis as Record<symbol, unknown>)[Symbol.for("anclora-flow.test.thing")]).toBe(a);
  });

  it("makes it again after a reset", () => {
    const a = processSingleton("test.thing", () => ({}));
    resetProcessSingleton("test.thing");
    expect(processSingleton("test.thing", () => ({}))).not.toBe(a);
  });
});
