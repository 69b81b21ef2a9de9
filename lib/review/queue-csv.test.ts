import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queueCsvStream } from "@/lib/review/queue-csv";
import { createOwner } from "@/lib/testing/book";
import { createTestDb } from "@/lib/testing/db";
import { seedLedger } from "@/lib/testing/tax-seed";
import { BOOK_NIF, WORKED_YEAR } from "@/lib/testing/tax-ledger";

let handle: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

async function text(s: NodeJS.ReadableStream) {
  let out = "";
  for await (const c of s) out += String(c);
  return out;
}

describe("queue CSV", () => {
  it("streams every row of a filter across pages, and refuses a non-member", async () => {
    const { userId, bookId } = await createOwner(handle.db, { nif: BOOK_NIF });
    await seedLedger(handle.db, { bookId, userId, ledger: WORKED_YEAR });
    const all = (await text(await queueCsvStream(handle.db, { userId, bookId, filters: {}, pageSize: 4 }))).replace(/^\ufeff/, "").trimEnd().split("\r\n");
    expect(all).toHaveLength(1 + WORKED_YEAR.invoices.length);
    expect(new Set(all.slice(1).map((l) => l.split(";")[0])).size).toBe(WORKED_YEAR.invoices.length); // no repeats across pages
    const issued = (await text(await queueCsvStream(handle.db, { userId, bookId, filters: { direction: "issued" }, pageSize: 4 }))).trimEnd().split("\r\n");
    expect(issued).toHaveLength(1 + 9); // 7 of 2026, 2 of 2025
    expect(issued.slice(1).every((l) => l.split(";")[3] === "emitida")).toBe(true);
    const row = issued.find((l) => l.includes(";2026-002;"))!.split(";");
    expect(row.slice(9, 12)).toEqual(["15", "450", "3180"]);
    const stranger = await createOwner(handle.db, { nif: "87654321X" });
    await expect(queueCsvStream(handle.db, { userId: stranger.userId, bookId, filters: {} })).rejects.toThrow();
  });
});
