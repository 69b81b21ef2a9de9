import { describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { rateLimitedCode, rateLimitedSeconds, verifyPasswordConstantTime, waitInSpanish } from "@/lib/auth/throttle";

describe("verifyPasswordConstantTime", () => {
  it("accepts the right password, refuses a wrong one and an unknown account", async () => {
    const hash = await hashPassword("correcta-123");
    expect(await verifyPasswordConstantTime("correcta-123", hash)).toBe(true);
    expect(await verifyPasswordConstantTime("otra", hash)).toBe(false);
    expect(await verifyPasswordConstantTime("correcta-123", undefined)).toBe(false);
  });
});

describe("rate-limited codes", () => {
  it("carry the wait through next-auth's error code", () => {
    expect(rateLimitedSeconds(rateLimitedCode(840))).toBe(840);
    expect(rateLimitedSeconds("credentials")).toBeNull();
    expect(waitInSpanish(840)).toBe("14 minutos");
    expect(waitInSpanish(1)).toBe("1 segundo");
  });
});
