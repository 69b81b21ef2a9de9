/**
 * The app's closed sets of values, in one client-safe module (no imports): the database columns (db/schema.ts),
 * the zod schemas, the assistant's tools and the UI all take them from here.
 */

export const MEMBER_ROLES = ["owner", "accountant"] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const DOCUMENT_STATUSES = [
  "uploaded",
  "processing",
  "extracted",
  "needs_review",
  "approved",
  "rejected",
  "failed",
  "duplicate",
] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/** received = a purchase (gasto, the counterparty is the vendor); issued = a sale (ingreso, the counterparty is the client). */
export const DIRECTIONS = ["received", "issued"] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** How a document reached the book: uploaded in the app, or received by e-mail (intake address). */
export const DOCUMENT_SOURCES = ["upload", "email"] as const;
export type DocumentSource = (typeof DOCUMENT_SOURCES)[number];

export const DOC_TYPES = ["invoice", "simplified", "credit_note"] as const;
export type DocType = (typeof DOC_TYPES)[number];

/** The assistant's contexts (chat_messages.context); their Spanish labels are in lib/ai/contexts.ts. */
export const ASSISTANT_CONTEXTS = ["tax", "accounting", "invoicing", "payments"] as const;
export type AssistantContext = (typeof ASSISTANT_CONTEXTS)[number];
