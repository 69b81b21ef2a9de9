/** /taxes reads the database through the same rules as the CLI: the seeded worked year gives the same boxes. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveParsed } from "@/lib/documents/pipeline";
import { markFiled } from "@/db/queries/tax";
import { documents, invoices } from "@/db/schema";
import { parseInvoice } from "@/lib/documents/parse";
import { fromLedgerFile, ledgerSchema } from "@/lib/tax/ledger-file";
import { getTaxYear } from "@/lib/tax/service";
import { computeYear, printableYear } from "@/lib/tax/year";
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

describe("getTaxYear", () => {
  it("gives the module's figures for the seeded worked year, quarter states included", async () => {
    const { userId, bookId } = await createOwner(handle.db, { nif: BOOK_NIF });
    await seedLedger(handle.db, { bookId, userId, ledger: WORKED_YEAR });
    const expected = printableYear(computeYear(fromLedgerFile(ledgerSchema.parse(WORKED_YEAR))));
    const page = await getTaxYear(handle.db, { bookId, year: 2026, today: "2026-10-10" });
    const strip = (p: typeof expected) => p.quarters.map(({ quarter, m303, m130, m111, m115, result }) => ({ quarter, m303, m130, m111, m115, result }));
    expect(strip(page.printable)).toEqual(strip(expected));
    expect(page.states.map((s) => s.kind)).toEqual(["overdue", "overdue", "due", "in_progress"]);
    expect(page.states[2]).toEqual({ kind: "due", days: 10 });

    await markFiled(handle.db, { bookId, userId, year: 2026, quarter: 1, snapshot: { m303: page.printable.quarters[0].m303 } });
    const filed = await getTaxYear(handle.db, { bookId, year: 2026, today: "2026-10-10" });
    expect(filed.states[0]).toMatchObject({ kind: "filed", changedSince: 0 });
    // An invoice inside a filed quarter changes: the page warns.
    await handle.db.update(invoices).set({ updatedAt: new Date(Date.now() + 1000) }).where(eq(invoices.number, "2026-001"));
    const changed = await getTaxYear(handle.db, { bookId, year: 2026, today: "2026-10-10" });
    expect(changed.states[0]).toMatchObject({ kind: "filed", changedSince: 1 });
  });

  it("counts unreviewed invoices only when asked", async () => {
    const { userId, bookId } = await createOwner(handle.db, { nif: BOOK_NIF });
    const ids = await seedLedger(handle.db, { bookId, userId, ledger: WORKED_YEAR });
    const [inv] = await handle.db.select().from(invoices).where(eq(invoices.id, ids.get("I-001")!));
    await handle.db.update(documents).set({ status: "needs_review" }).where(eq(documents.id, inv.documentId));
    const strict = await getTaxYear(handle.db, { bookId, year: 2026 });
    expect(strict.printable.quarters[0].m303["07"]).toBe(3000);
    expect(strict.unreviewedTotal).toBe(1);
    const loose = await getTaxYear(handle.db, { bookId, year: 2026, includeUnreviewed: true });
    expect(loose.printable.quarters[0].m303["07"]).toBe(7000);
  });
});

describe("getTaxYear: the 130's 70 % rule", () => {
  it("reads the previous year's issued invoices from the book, not the year's own", async () => {
    const { userId, bookId } = await createOwner(handle.db, { nif: BOOK_NIF });
    await seedLedger(handle.db, { bookId, userId, ledger: WORKED_YEAR });
    const sale = (issueDate: string, invoiceNumber: string, base: number, irpf: number) => ({
      docType: "invoice" as const, issueDate, invoiceNumber, vendorTaxId: BOOK_NIF, customerTaxId: "A58818501",
      vatLines: [{ rate: 21, base, vat: base * 0.21 }], irpfRate: irpf ? 15 : null, irpfAmount: irpf, total: base * 1.21 - irpf,
    });
    const before = await getTaxYear(handle.db, { bookId, year: 2026, today: "2026-10-10" });
    // The worked year's 2025: 6 000 of 12 000 € withheld; 2026 itself is at 29,65 %.
    expect(before.returns.withheld).toEqual({ year: 2025, invoices: 2, sharePct: 50, notObliged: false });
    // One more 2025 sale with IRPF: 26 000 of 32 000 € → 81,25 %, not obliged.
    await seedLedger(handle.db, {
      bookId, userId,
      ledger: { ...WORKED_YEAR, year: 2025, invoices: [sale("2025-03-10", "2025-010", 20_000, 3_000)], otherExpenses: [] },
    });
    const after = await getTaxYear(handle.db, { bookId, year: 2026, today: "2026-10-10" });
    expect(after.returns.withheld).toEqual({ year: 2025, invoices: 3, sharePct: 81.25, notObliged: true });
    // Last year's invoices stay out of this year's boxes and lists.
    expect(after.printable.quarters).toEqual(before.printable.quarters);
    expect(after.invoices).toHaveLength(before.invoices.length);
  });
});

describe("direction at extraction", () => {
  it("stores an invoice whose vendor NIF is the book's as issued, with the client as counterparty", async () => {
    const { userId, bookId } = await createOwner(handle.db, { nif: BOOK_NIF });
    const mk = async (sha: string) =>
      (await handle.db.insert(documents).values({ bookId, uploadedBy: userId, storageKey: null, originalFilename: "f.pdf", mimeType: "application/pdf", sizeBytes: 1, sha256: sha, status: "processing" }).returning())[0];
    const text = { text: "", source: "pdf_text" as const, engine: "test", confidence: null, pages: 1 };

    const issuedDoc = await mk("a".repeat(64));
    const issued = parseInvoice(`Marta Romero — NIF 12345678Z\nCliente: Empresa Demo S.A. — CIF A58818501\nFactura: 2026-014\nFecha: 2026-02-01\nBase imponible 1.000,00\nIVA 21% 210,00\nTotal 1.210,00`, { ownTaxId: BOOK_NIF });
    const r1 = await saveParsed(handle.db, { documentId: issuedDoc.id, text, fields: issued, ownTaxId: BOOK_NIF });
    const [i1] = await handle.db.select().from(invoices).where(eq(invoices.id, r1.invoiceId));
    expect(i1).toMatchObject({ direction: "issued", counterpartyTaxId: "A58818501", category: null });
    const [d1] = await handle.db.select().from(documents).where(eq(documents.id, issuedDoc.id));
    expect(d1.direction).toBe("issued");

    const receivedDoc = await mk("b".repeat(64));
    const rent = parseInvoice(`Locales Sur — NIF 87654321X\nArrendamiento del local, marzo\nCliente: NIF 12345678Z\nFactura: A-3\nFecha: 2026-03-01\nBase imponible 800,00\nIVA 21% 168,00\nTotal 968,00`, { ownTaxId: BOOK_NIF });
    const r2 = await saveParsed(handle.db, { documentId: receivedDoc.id, text: { ...text, text: "Arrendamiento del local, marzo" }, fields: rent, ownTaxId: BOOK_NIF });
    const [i2] = await handle.db.select().from(invoices).where(eq(invoices.id, r2.invoiceId));
    expect(i2).toMatchObject({ direction: "received", counterpartyTaxId: "87654321X", category: "alquiler" });
  });
});
