import { describe, expect, it } from "vitest";
import {
  currentQuarter,
  filingDeadline,
  previousQuarter,
  quarterOf,
  quarterRange,
} from "@/lib/tax/quarters";

describe("tax quarters", () => {
  it.each([
    ["2026-01-01", 2026, 1],
    ["2026-03-31", 2026, 1],
    ["2026-04-01", 2026, 2],
    ["2026-09-30", 2026, 3],
    ["2026-12-31", 2026, 4],
  ])("%s is in %i T%i", (iso, year, q) => {
    expect(quarterOf(iso)).toEqual({ year, q });
  });

  it("gives each quarter's first and last day, leap years included", () => {
    expect(quarterRange({ year: 2026, q: 1 })).toEqual({ from: "2026-01-01", to: "2026-03-31" });
    expect(quarterRange({ year: 2026, q: 2 })).toEqual({ from: "2026-04-01", to: "2026-06-30" });
    expect(quarterRange({ year: 2026, q: 4 })).toEqual({ from: "2026-10-01", to: "2026-12-31" });
    expect(quarterRange({ year: 2028, q: 1 })).toEqual({ from: "2028-01-01", to: "2028-03-31" });
  });

  it("knows the filing deadlines (20 Apr / Jul / Oct, 30 Jan for Q4)", () => {
    expect(filingDeadline({ year: 2026, q: 1 })).toBe("2026-04-20");
    expect(filingDeadline({ year: 2026, q: 4 })).toBe("2027-01-30");
  });

  it("takes today in Madrid for the current quarter", () => {
    // 31 Mar 2026 23:30 UTC is already 1 April in Madrid (UTC+2 in summer time).
    expect(currentQuarter(new Date("2026-03-31T23:30:00Z"))).toEqual({ year: 2026, q: 2 });
    expect(currentQuarter(new Date("2026-03-31T12:00:00Z"))).toEqual({ year: 2026, q: 1 });
    expect(previousQuarter({ year: 2026, q: 1 })).toEqual({ year: 2025, q: 4 });
    expect(previousQuarter({ year: 2026, q: 3 })).toEqual({ year: 2026, q: 2 });
  });
});
