import { describe, expect, it } from "vitest";
import { adminEmails } from "@/lib/auth/admin";

describe("adminEmails", () => {
  it("reads a comma-separated list, case-insensitively", () => {
    expect(adminEmails(" Ana@Example.es, ,luis@example.es ")).toEqual(["ana@example.es", "luis@example.es"]);
    expect(adminEmails(undefined)).toEqual([]);
  });
});
