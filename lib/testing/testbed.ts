import { afterAll, beforeAll } from "vitest";
import { tempStorage } from "@/lib/testing/book";
import { createTestDb } from "@/lib/testing/db";

export type Testbed = {
  handle: Awaited<ReturnType<typeof createTestDb>>;
  store: ReturnType<typeof tempStorage>;
};

/**
 * For a test file or describe block: a fresh database (PostgreSQL when DATABASE_URL is set, else PGlite) and a
 * temporary local storage, made before its tests and removed after. Read `bed.handle` / `bed.store` inside tests.
 */
export function testbed(): Testbed {
  const bed = { store: tempStorage() } as Testbed;
  beforeAll(async () => {
    bed.handle = await createTestDb();
  });
  afterAll(async () => {
    await bed.handle?.close();
    bed.store.cleanup();
  });
  return bed;
}
