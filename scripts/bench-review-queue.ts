/**
 * Review-queue benchmark (not a test): seeds 10,000 documents (with invoices and VAT lines) in one book — plus a
 * second book of 5,000 as neighbours — and prints p50/p95 server time of the queue's first and last pages, as the
 * /review page asks for them (membership check + keyset page + count + VAT lines + checks).
 *
 *   npm run bench:review                              (PGlite in memory)
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:review   (a fresh PostgreSQL database)
 *
 * Options: --docs N (default 10000) --runs N (default 100)
 */
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { listReviewQueue } from "@/db/queries/review";
import { createOwner } from "@/lib/testing/book";
import { createTestDb } from "@/lib/testing/db";
import { reviewQueue } from "@/lib/review/service";

const { values } = parseArgs({ options: { docs: { type: "string", default: "10000" }, runs: { type: "string", default: "100" } } });
const DOCS = Number(values.docs);
const RUNS = Number(values.runs);

async function seed(db: Db, bookId: string, userId: string, n: number) {
  await db.execute(sql`
    insert into documents (book_id, uploaded_by, storage_key, original_filename, mime_type, size_bytes, sha256, status, direction, created_at)
    select ${bookId}::uuid, ${userId}::uuid, ${bookId} || '/2026/01/' || g || '.pdf', 'factura-' || g || '.pdf', 'application/pdf', 1000,
           md5(${bookId} || g::text),
           (array['needs_review','extracted','approved','approved','approved','failed','rejected'])[1 + g % 7],
           (array['received','received','issued'])[1 + g % 3],
           now() - (g || ' minutes')::interval
    from generate_series(1, ${n}) g`);
  await db.execute(sql`
    insert into invoices (document_id, book_id, direction, doc_type, counterparty_name, counterparty_tax_id, number, issue_date,
                          base_cents, vat_cents, total_cents, irpf_cents, recargo_cents)
    select d.id, d.book_id, d.direction, 'invoice', 'Proveedor ' || (abs(hashtext(d.id::text)) % 500), 'B12345674',
           'F-' || substr(d.id::text, 1, 8), date '2025-01-01' + (abs(hashtext(d.sha256)) % 480),
           10000 + abs(hashtext(d.sha256)) % 90000 * 1, 0, 0, null, 0
    from documents d where d.book_id = ${bookId}::uuid`);
  await db.execute(sql`update invoices set vat_cents = round(base_cents * 0.21), total_cents = base_cents + round(base_cents * 0.21) where book_id = ${bookId}::uuid`);
  await db.execute(sql`
    insert into invoice_vat_lines (invoice_id, rate, base_cents, vat_cents)
    select id, 21.00, base_cents, vat_cents from invoices where book_id = ${bookId}::uuid`);
}

function pct(xs: number[], p: number) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

async function time(label: string, fn: () => Promise<unknown>) {
  for (let i = 0; i < 5; i++) await fn(); // warm-up
  const xs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
  }
  console.log(`${label.padEnd(44)} p50 ${pct(xs, 50).toFixed(2).padStart(7)} ms   p95 ${pct(xs, 95).toFixed(2).padStart(7)} ms`);
}

async function main() {
  const handle = await createTestDb();
  try {
    const { db } = handle;
    const owner = await createOwner(db);
    const other = await createOwner(db);
    const t0 = performance.now();
    await seed(db, owner.bookId, owner.userId, DOCS);
    await seed(db, other.bookId, other.userId, Math.floor(DOCS / 2));
    await db.execute(sql`analyze`);
    console.log(`database: ${handle.kind}; seeded ${DOCS} documents (+${Math.floor(DOCS / 2)} in another book) in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${RUNS} runs each, page size 50\n`);

    const args = { userId: owner.userId, bookId: owner.bookId, limit: 50 };
    const first = await reviewQueue(db, args);
    const last = await reviewQueue(db, { ...args, cursor: { last: true } });
    if (first.total !== DOCS || last.items.length === 0 || first.items[0].status !== "needs_review" || last.items.at(-1)!.status !== "failed" && last.items.at(-1)!.status !== "approved") {
      // The last rank present is "approved" (rank 2) given the seeded statuses.
      console.warn("unexpected queue shape", first.total, first.items[0]?.status, last.items.at(-1)?.status);
    }
    await time("queue page only, first page", () => listReviewQueue(db, { bookId: owner.bookId, limit: 50 }));
    await time("queue page only, last page", () => listReviewQueue(db, { bookId: owner.bookId, limit: 50, cursor: { last: true } }));
    await time("/review server work, first page", () => reviewQueue(db, args));
    await time("/review server work, last page", () => reviewQueue(db, { ...args, cursor: { last: true } }));
    const middle = (await listReviewQueue(db, { bookId: owner.bookId, limit: DOCS / 2 })).rows.at(-1)!.id;
    await time("/review server work, page after row 5,000", () => reviewQueue(db, { ...args, cursor: { after: middle } }));
    await time("/review pending + quarter + search, first page", () =>
      reviewQueue(db, { ...args, filters: { status: "pending", issueFrom: "2025-04-01", issueTo: "2025-06-30", search: "Proveedor 1" } }),
    );

    const plan = await db.execute(sql`explain select d.id from documents d where d.book_id = ${owner.bookId}::uuid order by d.queue_rank desc, d.created_at desc, d.id desc limit 51`);
    const rows = (Array.isArray(plan) ? plan : (plan as { rows: unknown[] }).rows) as Record<string, string>[];
    console.log(`\nplan (first page): ${rows.map((r) => Object.values(r)[0]).join(" | ")}`);
  } finally {
    await handle.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
