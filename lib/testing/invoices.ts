import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import type { CheckInput } from "@/lib/invoices/checks";
import { documents, invoiceVatLines, invoices, type DocumentStatus } from "@/db/schema";

export type TestInvoice = {
  bookId: string;
  userId: string;
  direction?: "issued" | "received";
  status?: DocumentStatus;
  counterpartyName?: string;
  counterpartyTaxId?: string;
  number?: string;
  issueDate: string;
  baseCents: number;
  vatCents: number;
  irpfCents?: number;
  totalCents: number;
  vatLines?: { rate: string; baseCents: number; vatCents: number }[];
};

/** A document with its invoice and IVA lines, straight in the database (extraction is tested on its own path). */
export async function createInvoice(db: Db, t: TestInvoice) {
  const documentId = randomUUID();
  const direction = t.direction ?? "received";
  await db.insert(documents).values({
    id: documentId,
    bookId: t.bookId,
    uploadedBy: t.userId,
    storageKey: `${t.bookId}/2026/01/${documentId}.pdf`,
    originalFilename: `${t.number ?? documentId}.pdf`,
    mimeType: "application/pdf",
    sizeBytes: 1000,
    sha256: randomUUID(),
    direction,
    status: t.status ?? "approved",
  });
  const [inv] = await db
    .insert(invoices)
    .values({
      documentId,
      bookId: t.bookId,
      direction,
      counterpartyName: t.counterpartyName ?? "Proveedor S.L.",
      counterpartyTaxId: t.counterpartyTaxId ?? "B12345674",
      number: t.number ?? `F-${documentId.slice(0, 6)}`,
      issueDate: t.issueDate,
      baseCents: t.baseCents,
      vatCents: t.vatCents,
      irpfCents: t.irpfCents ?? null,
      totalCents: t.totalCents,
    })
    .returning();
  const lines = t.vatLines ?? [{ rate: "21.00", baseCents: t.baseCents, vatCents: t.vatCents }];
  if (lines.length) await db.insert(invoiceVatLines).values(lines.map((l) => ({ invoiceId: inv.id, ...l })));
  return { documentId, invoiceId: inv.id };
}

/** A fiscal record that passes every check (the review desk's tests start from it and break one thing). */
export const CHECKED_INVOICE = {
  direction: "received",
  docType: "invoice",
  counterpartyName: "Papelería Río Duero S.L.",
  counterpartyTaxId: "B12345674",
  number: "F-2026-0042",
  issueDate: "2026-04-15",
  lines: [{ rateBp: 2100, baseCents: 100_000, vatCents: 21_000, recargoCents: 0 }],
  irpfRateBp: null,
  irpfCents: null,
  totalCents: 121_000,
} satisfies CheckInput;
