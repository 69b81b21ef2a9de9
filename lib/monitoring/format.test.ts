import { describe, expect, it } from "vitest";
import { formatCount, formatDurationMs, formatMegabytes } from "./format";

describe("monitoring figures (es-ES)", () => {
  it("formats durations by size", () => {
    expect(formatDurationMs(null)).toBe("—");
    expect(formatDurationMs(849.6)).toBe("850 ms");
    expect(formatDurationMs(12_345)).toBe("12,3 s");
    expect(formatDurationMs(125_000)).toBe("2 min 05 s");
  });

  it("uses a decimal comma and the Spanish thousands separator", () => {
    expect(formatMegabytes(1.5 * 1024 * 1024)).toBe("1,5 MB");
    expect(formatCount(12_345)).toBe("12.345");
  });
});
