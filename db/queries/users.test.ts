import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getSessionVersion, revokeSessions } from "@/db/queries/users";
import { createOwner } from "@/lib/testing/book";
import { createTestDb } from "@/lib/testing/db";

describe("session versions", () => {
  let t: Awaited<ReturnType<typeof createTestDb>>;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.close());

  it("start at 0 and move on with each revocation, for that user only", async () => {
    const a = await createOwner(t.db);
    const b = await createOwner(t.db);
    expect(await getSessionVersion(t.db, { userId: a.userId })).toBe(0);
    await revokeSessions(t.db, { userId: a.userId });
    await revokeSessions(t.db, { userId: a.userId });
    expect(await getSessionVersion(t.db, { userId: a.userId })).toBe(2);
    expect(await getSessionVersion(t.db, { userId: b.userId })).toBe(0);
    expect(await getSessionVersion(t.db, { userId: "00000000-0000-4000-8000-000000000000" })).toBeNull();
  });
});
