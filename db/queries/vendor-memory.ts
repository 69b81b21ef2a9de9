import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { vendorMemory } from "@/db/schema";
import { vendorHintsSchema, type VendorMemory } from "@/lib/documents/parse/vendor-memory";
import type { VendorMemoryStore } from "@/lib/documents/vendor-memory";
import { log } from "@/lib/log";

/** A book's memories of some vendors (by normalised tax id). Hints that fail validation read as empty. */
export async function findVendorMemories(db: Db, { bookId, taxIds }: { bookId: string; taxIds: string[] }): Promise<VendorMemory[]> {
  if (!taxIds.length) return [];
  const rows = await db
    .select()
    .from(vendorMemory)
    .where(and(eq(vendorMemory.bookId, bookId), inArray(vendorMemory.vendorTaxId, taxIds.slice(0, 50))));
  return rows.map((r) => {
    const hints = vendorHintsSchema.safeParse(r.hints);
    if (!hints.success) log.warn("vendor_memory.invalid_hints", { bookId, vendorTaxId: r.vendorTaxId });
    return {
      vendorTaxId: r.vendorTaxId,
      vendorName: r.vendorName,
      documents: r.documents,
      ...(hints.success ? hints.data : vendorHintsSchema.parse({})),
    };
  });
}

export async function saveVendorMemory(db: Db, { bookId, memory }: { bookId: string; memory: VendorMemory }) {
  const { vendorTaxId, vendorName, documents, ...rest } = memory;
  const hints = vendorHintsSchema.parse(rest);
  await db
    .insert(vendorMemory)
    .values({ bookId, vendorTaxId, vendorName, documents, hints })
    .onConflictDoUpdate({
      target: [vendorMemory.bookId, vendorMemory.vendorTaxId],
      set: { vendorName, documents, hints, updatedAt: sql`now()` },
    });
}

/** The database behind the vendor-memory interface the extraction and the review desk use. */
export function vendorMemoryStore(db: Db): VendorMemoryStore {
  return {
    find: (bookId, taxIds) => findVendorMemories(db, { bookId, taxIds }),
    save: (bookId, memory) => saveVendorMemory(db, { bookId, memory }),
  };
}
