/**
 * Vendor memory at the edges: look a vendor's memory up for a parsed record and apply it (the extraction's last
 * step), and fold a reviewed record into it (the review desk's save and approve). The logic is pure and lives in
 * `parse/vendor-memory.ts`; the store is the database (`db/queries/vendor-memory.ts`) in the app and an in-memory
 * map in the benchmark, behind one interface. Every call is scoped to one book.
 */
import type { ParsedInvoice } from "@/lib/documents/parse";
import {
  applyVendorMemory,
  candidateTaxIds,
  learnVendorMemory,
  rememberedVendorId,
  type DocumentText,
  type ReviewedRecord,
  type VendorMemory,
} from "@/lib/documents/parse/vendor-memory";
import { normalizeTaxId } from "@/lib/tax-id";

export interface VendorMemoryStore {
  /** The memories of this book for those of `taxIds` it has (normalised ids). */
  find(bookId: string, taxIds: string[]): Promise<VendorMemory[]>;
  save(bookId: string, memory: VendorMemory): Promise<void>;
}

export type VendorMemoryContext = { store: VendorMemoryStore; bookId: string; ownTaxId?: string | null };

/** The parsed record with what the book remembers of its vendor (unchanged when it remembers nothing). */
export async function recallVendor<T extends ParsedInvoice>(ctx: VendorMemoryContext, record: T, doc: DocumentText): Promise<T> {
  // The book's own invoice (it is the vendor): the memory is about its suppliers.
  if (ctx.ownTaxId && record.vendorTaxId && normalizeTaxId(record.vendorTaxId) === normalizeTaxId(ctx.ownTaxId)) return record;
  const candidates = candidateTaxIds(record, doc.text);
  if (!candidates.length) return record;
  const found = await ctx.store.find(ctx.bookId, candidates);
  const id = rememberedVendorId(record, doc.text, found.map((m) => m.vendorTaxId), ctx.ownTaxId);
  const memory = found.find((m) => m.vendorTaxId === id) ?? null;
  return memory ? applyVendorMemory(record, doc.layout, memory, doc.text) : record;
}

/** Folds a reviewed record into its vendor's memory and stores it. */
export async function learnFromReview(ctx: VendorMemoryContext, truth: ReviewedRecord, doc: DocumentText): Promise<VendorMemory> {
  const [prev] = await ctx.store.find(ctx.bookId, [truth.vendorTaxId]);
  const next = learnVendorMemory(prev ?? null, truth, doc);
  await ctx.store.save(ctx.bookId, next);
  return next;
}

/** A store in this process's memory (the benchmark, tests): the same scoping by book as the database. */
export function inMemoryVendorMemoryStore(): VendorMemoryStore & { size: () => number } {
  const map = new Map<string, VendorMemory>();
  const key = (bookId: string, id: string) => `${bookId}\u0000${id}`;
  return {
    find: async (bookId, taxIds) => taxIds.flatMap((id) => (map.has(key(bookId, id)) ? [structuredClone(map.get(key(bookId, id))!)] : [])),
    save: async (bookId, memory) => {
      map.set(key(bookId, memory.vendorTaxId), structuredClone(memory));
    },
    size: () => map.size,
  };
}
