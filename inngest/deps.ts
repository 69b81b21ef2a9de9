import { getDb } from "@/db/client";
import { getStorage } from "@/lib/storage";
import type { ProcessDocumentDeps } from "@/inngest/functions/process-document";

/** The real adapters: the process database, the configured storage, the extraction modules (loaded lazily). */
export const appDeps: ProcessDocumentDeps = {
  db: getDb,
  storage: getStorage,
  extractText: async (bytes, mime) => (await import("@/lib/documents/text")).extractText(bytes, mime),
  parseInvoice: (text, opts) => parseInvoiceSync(text, opts),
};

// parse is pure and cheap to load; imported eagerly.
import { parseInvoice as parseInvoiceSync } from "@/lib/documents/parse";
