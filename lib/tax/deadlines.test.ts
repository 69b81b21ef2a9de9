import { describe, expect, it } from "vitest";
import {
  daysUntil,
  easterSunday,
  filingDeadlineFor,
  isNonWorkingDay,
  nationalHolidays,
  nextWorkingDay,
  quarterDeadlines,
} from "@/lib/tax/deadlines";

describe("Easter and national holidays", () => {
  it.each([
    [2024, "2024-03-31"],
    [2025, "2025-04-20"],
    [2026, "2026-04-05"],
    [2027, "2027-03-28"],
    [2057, "2057-04-22"],
  ])("Easter %i is %s", (year, expected) => expect(easterSunday(year)).toBe(expected));

  it("lists the ten national days, Good Friday computed", () => {
    expect(nationalHolidays(2026)).toEqual([
      "2026-01-01",
      "2026-01-06",
      "2026-04-03",
      "2026-05-01",
      "2026-08-15",
      "2026-10-12",
      "2026-11-01",
      "2026-12-06",
      "2026-12-08",
      "2026-12-25",
    ]);
  });

  it("knows weekends and holidays", () => {
    expect(isNonWorkingDay("2026-04-03")).toBe(true); // Good Friday
    expect(isNonWorkingDay("2026-04-02")).toBe(false); // Holy Thursday: regional, not national
    expect(isNonWorkingDay("2026-12-05")).toBe(true); // Saturday
    expect(isNonWorkingDay("2026-12-07")).toBe(false);
    expect(nextWorkingDay("2026-12-05")).toBe("2026-12-07"); // Sat → Mon (6 Dec is a Sunday anyway)
    expect(nextWorkingDay("2026-12-24")).toBe("2026-12-24");
  });
});

describe("filing deadlines", () => {
  it.each<[string, "303" | "130" | "111" | "115", { year: number; q: 1 | 2 | 3 | 4 }, string]>([
    ["Q1 on a weekday", "303", { year: 2026, q: 1 }, "2026-04-20"],
    ["Q1 2025: 20 April is Easter Sunday → Monday 21", "303", { year: 2025, q: 1 }, "2025-04-21"],
    ["Q2 2024: 20 July is a Saturday → Monday 22", "130", { year: 2024, q: 2 }, "2024-07-22"],
    ["Q3 2024: 20 October is a Sunday → Monday 21", "111", { year: 2024, q: 3 }, "2024-10-21"],
    ["Q4 303: 30 January", "303", { year: 2025, q: 4 }, "2026-01-30"],
    ["Q4 2026 303: 30 January 2027 is a Saturday → Monday 1 February", "303", { year: 2026, q: 4 }, "2027-02-01"],
    ["Q4 130 follows the 303", "130", { year: 2026, q: 4 }, "2027-02-01"],
    ["Q4 111: 20 January", "111", { year: 2026, q: 4 }, "2027-01-20"],
    ["Q4 115: 20 January 2024 is a Saturday → Monday 22", "115", { year: 2023, q: 4 }, "2024-01-22"],
    ["Q1 2057: 20 April is Good Friday → Monday 23", "303", { year: 2057, q: 1 }, "2057-04-23"],
  ])("%s", (_name, model, quarter, expected) => {
    expect(filingDeadlineFor(model, quarter)).toBe(expected);
  });

  it("gives all four at once and counts days", () => {
    expect(quarterDeadlines({ year: 2026, q: 4 })).toEqual({ "303": "2027-02-01", "130": "2027-02-01", "111": "2027-01-20", "115": "2027-01-20" });
    expect(daysUntil("2026-04-20", "2026-04-10")).toBe(10);
    expect(daysUntil("2026-04-20", "2026-04-21")).toBe(-1);
    expect(daysUntil("2026-04-20", "2026-03-20")).toBe(31); // across the DST change in Madrid, still whole days
  });
});
