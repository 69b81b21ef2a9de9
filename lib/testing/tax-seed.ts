/**
 * Puts a `npm run taxes` ledger into a book (documents approved, invoices with their lines, other expenses, the
 * book's tax settings), so the /taxes integration and e2e tests read the same year the CLI computes.
 */
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { books, documents, extractions, invoiceVatLines, invoices, otherExpenses } from "@/db/schema";
import { fromLedgerFile, ledgerSchema, type LedgerFile } from "@/lib/tax/ledger-file";
import { bpToNumeric, irpfRateOf } from "@/lib/tax/vat";

export async function seedLedger(db: Db, { bookId, userId, ledger, files }: { bookId: string; userId: string; ledger: LedgerFile; files?: Map<string, { key: string; bytes: number }> }) {
  const { settings, invoices: list, otherExpenses: others } = fromLedgerFile(ledgerSchema.parse(ledger));
  await db
    .update(books)
    .set({ carryForward303Cents: settings.carryForward303Cents, lastYearNetIncomeCents: settings.lastYearNetIncomeCents, q4Refund: settings.q4Refund })
    .where(eq(books.id, bookId));
  const ids = new Map<string, string>();
  for (const inv of list) {
    const file = files?.get(inv.id);
    const [doc] = await db
      .insert(documents)
      .values({
        bookId,
        uploadedBy: userId,
        storageKey: file?.key ?? null,
        originalFilename: `${inv.id}.pdf`,
        mimeType: "application/pdf",
        sizeBytes: file?.bytes ?? 1,
        sha256: createHash("sha256").update(`${bookId}:${inv.id}`).digest("hex"),
        direction: inv.direction,
        status: "approved",
      })
      .returning({ id: documents.id });
    const issued = inv.direction === "issued";
    const [row] = await db
      .insert(invoices)
      .values({
        documentId: doc.id,
        bookId,
        direction: inv.direction,
        docType: inv.docType,
        counterpartyName: issued ? null : inv.vendorName,
        counterpartyTaxId: issued ? inv.customerTaxId : inv.vendorTaxId,
        number: inv.number,
        issueDate: inv.issueDate,
        baseCents: inv.baseCents,
        vatCents: inv.vatCents,
        irpfCents: inv.irpfCents,
        irpfRate: irpfRateOf(inv.baseCents, inv.irpfCents) === null ? null : bpToNumeric(irpfRateOf(inv.baseCents, inv.irpfCents)!),
        recargoCents: inv.recargoCents,
        totalCents: inv.totalCents,
        category: inv.category,
        deductiblePct: inv.deductiblePct,
        reverseCharge: inv.reverseCharge,
        reverseChargeRate: inv.reverseChargeRateBp === null ? null : bpToNumeric(inv.reverseChargeRateBp),
        reviewedBy: userId,
        reviewedAt: new Date(),
      })
      .returning({ id: invoices.id });
    ids.set(inv.id, row.id);
    if (inv.lines.length) {
      await db.insert(invoiceVatLines).values(
        inv.lines.map((l) => ({ invoiceId: row.id, rate: bpToNumeric(l.rateBp), baseCents: l.baseCents, vatCents: l.vatCents, recargoCents: l.recargoCents })),
      );
    }
    // The customer's tax id of a received ticket lives in the extraction (what the document printed).
    await db.insert(extractions).values({
      documentId: doc.id,
      engine: "seed",
      textSource: "pdf_text",
      confidence: 1,
      rawText: "",
      fields: { customerTaxId: { value: inv.customerTaxId, confidence: 1 } },
    });
  }
  for (const e of others) {
    await db.insert(otherExpenses).values({ bookId, createdBy: userId, date: e.date, concept: e.concept, amountCents: e.amountCents, repeat: e.repeat ?? null });
  }
  return ids;
}
