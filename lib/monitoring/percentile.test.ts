import { describe, expect, it } from "vitest";
import { percentile, summarize } from "./percentile";

describe("percentile (nearest rank)", () => {
  it("is null for no values", () => {
    expect(percentile([], 50)).toBeNull();
    expect(summarize([])).toEqual({ count: 0, p50: null, p95: null });
  });

  it("picks the nearest-rank value regardless of input order", () => {
    const values = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 95)).toBe(10);
    expect(percentile(values, 90)).toBe(9);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile(values, 100)).toBe(10);
  });

  it("with one value every percentile is that value", () => {
    expect(summarize([42])).toEqual({ count: 1, p50: 42, p95: 42 });
  });

  it("p95 of 1..100 is 95 and a single outlier does not move p50", () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile([...values.slice(0, 99), 1_000_000], 50)).toBe(50);
  });

  it("ignores non-finite values and rejects p outside 0..100", () => {
    expect(percentile([Number.NaN, 3, Number.POSITIVE_INFINITY, 1], 100)).toBe(3);
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], -1)).toThrow(RangeError);
  });
});
