import { getDb } from "@/db/client";
import { getStorage } from "@/lib/storage";
import type { ProcessDocumentDeps } from "@/inngest/functions/process-document";

/** The real adapters: the process database, the configured storage, the extraction modules (loaded lazily). */
export const appDeps: ProcessDocumentDeps = {
  db: getDb,
  storage: getStorage,
  // Text layer or OCR, plus the OCR of a text PDF whose layer lacks something (lib/documents/extract).
  extractText: async (bytes, mime, opts) => (await import("@/lib/documents/extract")).readDocumentText(bytes, mime, opts),
  parseInvoice: (text, opts) => parseInvoiceSync(text, opts),
};

// parse is pure and cheap to load; imported eagerly.
import { parseInvoice as parseInvoiceSync } from "@/lib/documents/parse";
