import { sql, type InferInsertModel, type InferSelectModel } from "drizzle-orm";
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { DocumentLayout } from "../lib/documents/layout";
import type { VendorHints } from "../lib/documents/parse/vendor-memory";
import { ASSISTANT_CONTEXTS, DIRECTIONS, DOC_TYPES, DOCUMENT_SOURCES, DOCUMENT_STATUSES, MEMBER_ROLES } from "../lib/enums";

// The value sets live in lib/enums.ts (client-safe); re-exported here for the queries.
export {
  ASSISTANT_CONTEXTS,
  DIRECTIONS,
  DOC_TYPES,
  DOCUMENT_SOURCES,
  DOCUMENT_STATUSES,
  MEMBER_ROLES,
  type AssistantContext,
  type Direction,
  type DocType,
  type DocumentSource,
  type DocumentStatus,
  type MemberRole,
} from "../lib/enums";

/* Money is integer cents (bigint, read as JS number: exact up to 2^53 cents). Dates are ISO yyyy-mm-dd. */
const cents = (name: string) => bigint(name, { mode: "number" });
const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  passwordHash: text("password_hash").notNull(),
  /** Bumped by logout and password change: every session token carrying an older value stops working. */
  sessionVersion: integer("session_version").notNull().default(0),
  createdAt: createdAt(),
});
export type User = InferSelectModel<typeof users>;

export const VAT_REGIMES = ["general", "recargo_equivalencia", "exento"] as const;
export type VatRegime = (typeof VAT_REGIMES)[number];

export const IRPF_REGIMES = ["directa_normal", "directa_simplificada"] as const;
export type IrpfRegime = (typeof IRPF_REGIMES)[number];

export const books = pgTable("books", {
  id: uuid("id").primaryKey().defaultRandom(),
  legalName: text("legal_name").notNull(),
  nif: text("nif").notNull(),
  /** IRPF retention applied on the book's own invoices, in percent (e.g. "15.00"). */
  irpfRate: numeric("irpf_rate", { precision: 5, scale: 2 }).notNull().default("15.00"),
  vatRegime: text("vat_regime", { enum: VAT_REGIMES }).notNull().default("general"),
  /** IRPF: estimación directa normal or simplificada (both file the 130). */
  irpfRegime: text("irpf_regime", { enum: IRPF_REGIMES }).notNull().default("directa_simplificada"),
  /** 303 pending to compensate from last year: box 110 of the first quarter. */
  carryForward303Cents: cents("carry_forward_303_cents").notNull().default(0),
  /** Last year's net income from the activity, for the 130's box 13 (null: not entered, no minoración). */
  lastYearNetIncomeCents: cents("last_year_net_income_cents"),
  /** A negative 4T 303: ask for the refund (true) or carry it into next year (false). */
  q4Refund: boolean("q4_refund").notNull().default(false),
  startDate: date("start_date", { mode: "string" }),
  createdAt: createdAt(),
});
export type Book = InferSelectModel<typeof books>;


export const bookMembers = pgTable(
  "book_members",
  {
    bookId: uuid("book_id")
      .notNull()
      .references(() => books.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: MEMBER_ROLES }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.bookId, t.userId] }), index("book_members_user_idx").on(t.userId)],
);
export type BookMember = InferSelectModel<typeof bookMembers>;


export const documents = pgTable(
  "documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    bookId: uuid("book_id")
      .notNull()
      .references(() => books.id, { onDelete: "cascade" }),
    uploadedBy: uuid("uploaded_by").references(() => users.id, { onDelete: "set null" }),
    /** Server-made key (`{bookId}/{yyyy}/{mm}/{documentId}.{ext}`); null for duplicates, which store nothing. */
    storageKey: text("storage_key"),
    originalFilename: text("original_filename").notNull(),
    mimeType: text("mime_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    duplicateOf: uuid("duplicate_of"),
    direction: text("direction", { enum: DIRECTIONS }).notNull().default("received"),
    source: text("source", { enum: DOCUMENT_SOURCES }).notNull().default("upload"),
    /** For `email`: the sender's address, shown in the inbox ("correo de …"). */
    sourceDetail: text("source_detail"),
    status: text("status", { enum: DOCUMENT_STATUSES }).notNull().default("uploaded"),
    errorCode: text("error_code"),
    errorMessage: text("error_message"),
    /** Why a reviewer rejected the document (status `rejected`). */
    rejectionReason: text("rejection_reason"),
    attempts: integer("attempts").notNull().default(0),
    /**
     * Review-queue order, derived from the status (higher first): needs_review 7, extracted 6, failed 5,
     * uploaded/processing 4, rejected 3, approved 2, duplicate 1. Stored so that (book, rank, created, id) is one
     * index the queue walks with keyset pagination. Keep in step with QUEUE_RANK in db/queries/review.ts.
     */
    queueRank: smallint("queue_rank")
      .notNull()
      .generatedAlwaysAs(
        sql`CASE "status" WHEN 'needs_review' THEN 7 WHEN 'extracted' THEN 6 WHEN 'failed' THEN 5 WHEN 'uploaded' THEN 4 WHEN 'processing' THEN 4 WHEN 'rejected' THEN 3 WHEN 'approved' THEN 2 ELSE 1 END`,
      ),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    processedAt: timestamp("processed_at", { withTimezone: true }),
  },
  (t) => [
    // The same file twice in a book is a duplicate, not a second job; duplicate rows point at the original.
    uniqueIndex("documents_book_sha256_uq").on(t.bookId, t.sha256).where(sql`${t.status} <> 'duplicate'`),
    index("documents_book_created_idx").on(t.bookId, t.createdAt.desc()),
    index("documents_status_idx").on(t.status),
    // The review queue: ORDER BY queue_rank DESC, created_at DESC, id DESC within a book, keyset on the triple.
    index("documents_book_queue_idx").on(t.bookId, t.queueRank, t.createdAt, t.id),
  ],
);
export type Document = InferSelectModel<typeof documents>;
export type NewDocument = InferInsertModel<typeof documents>;

/**
 * Per-field value, confidence and (when known) the source box, for the review UI. The box is on 1-based `page`,
 * in fractions (0..1) of the page's width and height, origin top-left.
 */
export type ExtractedField = {
  value: string | number | null;
  confidence: number;
  box?: { page: number; x: number; y: number; w: number; h: number };
};

export const extractions = pgTable("extractions", {
  id: uuid("id").primaryKey().defaultRandom(),
  documentId: uuid("document_id")
    .notNull()
    .unique()
    .references(() => documents.id, { onDelete: "cascade" }),
  engine: text("engine").notNull(),
  /** `einvoice`: the fields were read from an e-invoice's XML (Facturae, UBL, CII), no text parsing. */
  textSource: text("text_source", { enum: ["pdf_text", "ocr", "einvoice"] }).notNull(),
  ocrConfidence: real("ocr_confidence"),
  confidence: real("confidence").notNull(),
  rawText: text("raw_text").notNull(),
  fields: jsonb("fields").$type<Record<string, ExtractedField>>().notNull(),
  /** The text's lines with word boxes (lib/documents/layout.ts), so a review can learn where fields are printed. */
  layout: jsonb("layout").$type<DocumentLayout>(),
  createdAt: createdAt(),
});
export type Extraction = InferSelectModel<typeof extractions>;


export const invoices = pgTable(
  "invoices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    documentId: uuid("document_id")
      .notNull()
      .unique()
      .references(() => documents.id, { onDelete: "cascade" }),
    bookId: uuid("book_id")
      .notNull()
      .references(() => books.id, { onDelete: "cascade" }),
    direction: text("direction", { enum: DIRECTIONS }).notNull().default("received"),
    docType: text("doc_type", { enum: DOC_TYPES }).notNull().default("invoice"),
    counterpartyName: text("counterparty_name"),
    counterpartyTaxId: text("counterparty_tax_id"),
    number: text("number"),
    issueDate: date("issue_date", { mode: "string" }),
    currency: text("currency").notNull().default("EUR"),
    baseCents: cents("base_cents"),
    vatCents: cents("vat_cents"),
    irpfRate: numeric("irpf_rate", { precision: 5, scale: 2 }),
    irpfCents: cents("irpf_cents"),
    recargoCents: cents("recargo_cents"),
    totalCents: cents("total_cents"),
    /** One of EXPENSE_CATEGORIES (lib/tax/categories.ts); older rows may hold free text, read via toExpenseCategory. */
    category: text("category"),
    deductiblePct: integer("deductible_pct").notNull().default(100),
    /** Inversión del sujeto pasivo: the book self-assesses the IVA of this received invoice. */
    reverseCharge: boolean("reverse_charge").notNull().default(false),
    /** The rate to self-assess at when the invoice names one (percent); 21 % otherwise. */
    reverseChargeRate: numeric("reverse_charge_rate", { precision: 5, scale: 2 }),
    reviewedBy: uuid("reviewed_by").references(() => users.id, { onDelete: "set null" }),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("invoices_book_issue_idx").on(t.bookId, t.issueDate),
    index("invoices_book_total_idx").on(t.bookId, t.totalCents),
  ],
);
export type Invoice = InferSelectModel<typeof invoices>;

export const invoiceVatLines = pgTable(
  "invoice_vat_lines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    invoiceId: uuid("invoice_id")
      .notNull()
      .references(() => invoices.id, { onDelete: "cascade" }),
    rate: numeric("rate", { precision: 5, scale: 2 }).notNull(),
    baseCents: cents("base_cents").notNull(),
    vatCents: cents("vat_cents").notNull(),
    recargoCents: cents("recargo_cents").notNull().default(0),
  },
  (t) => [index("invoice_vat_lines_invoice_idx").on(t.invoiceId)],
);
export type InvoiceVatLine = InferSelectModel<typeof invoiceVatLines>;

export const auditEvents = pgTable(
  "audit_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    bookId: uuid("book_id")
      .notNull()
      .references(() => books.id, { onDelete: "cascade" }),
    documentId: uuid("document_id").references(() => documents.id, { onDelete: "set null" }),
    /** Null when the system (pipeline) acted. */
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    field: text("field"),
    before: jsonb("before"),
    after: jsonb("after"),
    createdAt: createdAt(),
  },
  (t) => [
    index("audit_events_document_idx").on(t.documentId, t.createdAt),
    index("audit_events_book_idx").on(t.bookId, t.createdAt),
  ],
);
export type AuditEvent = InferSelectModel<typeof auditEvents>;

/**
 * An owner's invitation for an accountant to join a book. The token is shown once (link to copy, e-mail); only
 * its SHA-256 is stored. One use: accepted_at is set when accepted; revoked_at when the owner withdraws it.
 */
export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    bookId: uuid("book_id")
      .notNull()
      .references(() => books.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: text("role", { enum: MEMBER_ROLES }).notNull().default("accountant"),
    tokenHash: text("token_hash").notNull().unique(),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    acceptedBy: uuid("accepted_by").references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("invitations_book_idx").on(t.bookId, t.createdAt)],
);
export type Invitation = InferSelectModel<typeof invitations>;

export const chatMessages = pgTable(
  "chat_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    bookId: uuid("book_id")
      .notNull()
      .references(() => books.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id").notNull(),
    context: text("context", { enum: ASSISTANT_CONTEXTS }).notNull(),
    role: text("role", { enum: ["user", "assistant", "system"] }).notNull(),
    parts: jsonb("parts").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("chat_messages_conversation_idx").on(t.conversationId, t.createdAt)],
);
export type ChatMessage = InferSelectModel<typeof chatMessages>;

/**
 * What reviewers taught the extractor about one vendor of one book (lib/documents/parse/vendor-memory.ts): the name,
 * usual IVA/IRPF rates, where and under which label the number and date are printed, a layout signature. Scoped to
 * the book: another book never reads it.
 */
export const vendorMemory = pgTable(
  "vendor_memory",
  {
    bookId: uuid("book_id")
      .notNull()
      .references(() => books.id, { onDelete: "cascade" }),
    /** Normalised (lib/tax-id normalizeTaxId). */
    vendorTaxId: text("vendor_tax_id").notNull(),
    vendorName: text("vendor_name"),
    /** Reviewed documents learnt from. */
    documents: integer("documents").notNull().default(0),
    hints: jsonb("hints").$type<VendorHints>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.bookId, t.vendorTaxId] })],
);
export type VendorMemoryRow = InferSelectModel<typeof vendorMemory>;

/**
 * Expenses without an invoice that count in the 130 (the autónomo's Social Security quota, bank fees). `repeat`
 * monthly: the same amount on the same day of every month from `date` on.
 */
export const otherExpenses = pgTable(
  "other_expenses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    bookId: uuid("book_id")
      .notNull()
      .references(() => books.id, { onDelete: "cascade" }),
    date: date("date", { mode: "string" }).notNull(),
    concept: text("concept").notNull(),
    amountCents: cents("amount_cents").notNull(),
    repeat: text("repeat", { enum: ["monthly"] }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("other_expenses_book_date_idx").on(t.bookId, t.date)],
);
export type OtherExpenseRow = InferSelectModel<typeof otherExpenses>;

/**
 * A quarter marked as filed: who, when, and the figures as they were (so the page can warn when an invoice inside
 * the quarter changes afterwards). One row per book and quarter.
 */
export const taxFilings = pgTable(
  "tax_filings",
  {
    bookId: uuid("book_id")
      .notNull()
      .references(() => books.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    quarter: smallint("quarter").notNull(),
    filedBy: uuid("filed_by").references(() => users.id, { onDelete: "set null" }),
    filedAt: timestamp("filed_at", { withTimezone: true }).notNull().defaultNow(),
    /** The boxes of each model at filing time (printable: box → euros/percent/count). */
    snapshot: jsonb("snapshot").$type<Record<string, Record<string, number>>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.bookId, t.year, t.quarter] })],
);
export type TaxFiling = InferSelectModel<typeof taxFilings>;

/**
 * A book's e-mail intake: the token in its address (`facturas+<token>@…` or the alias `<token>@…`) and the
 * senders allowed to send to it (empty: anyone who knows the address).
 */
export const intakeSettings = pgTable("intake_settings", {
  bookId: uuid("book_id")
    .primaryKey()
    .references(() => books.id, { onDelete: "cascade" }),
  token: text("token").notNull().unique(),
  /** Lower-case addresses (`ana@proveedor.es`) or domains (`@proveedor.es`). */
  allowedSenders: jsonb("allowed_senders").$type<string[]>().notNull().default([]),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});
export type IntakeSettings = InferSelectModel<typeof intakeSettings>;

export const INTAKE_TRANSPORTS = ["imap", "webhook"] as const;
export const INTAKE_OUTCOMES = ["ingested", "partial", "no_attachment", "sender_refused"] as const;
export type IntakeOutcome = (typeof INTAKE_OUTCOMES)[number];

/** What became of one attachment of an e-mailed message. */
export type IntakeAttachment = {
  filename: string;
  sha256: string;
  documentId: string | null;
  duplicate: boolean;
  /** Why it was not taken (an `upload:*` or `einvoice:*` code). */
  errorCode: string | null;
};

/**
 * One e-mail received for a book, once per Message-ID (a second poll or a crash never ingests it twice).
 * `outcome` is null while its attachments are being ingested; set when done.
 */
export const intakeMessages = pgTable(
  "intake_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    bookId: uuid("book_id")
      .notNull()
      .references(() => books.id, { onDelete: "cascade" }),
    messageId: text("message_id").notNull(),
    transport: text("transport", { enum: INTAKE_TRANSPORTS }).notNull(),
    fromAddress: text("from_address"),
    subject: text("subject"),
    outcome: text("outcome", { enum: INTAKE_OUTCOMES }),
    /** Spanish reason shown in settings when nothing (or not everything) became a document. */
    reason: text("reason"),
    attachments: jsonb("attachments").$type<IntakeAttachment[]>().notNull().default([]),
    createdAt: createdAt(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("intake_messages_book_message_uq").on(t.bookId, t.messageId),
    index("intake_messages_book_created_idx").on(t.bookId, t.createdAt),
  ],
);
export type IntakeMessage = InferSelectModel<typeof intakeMessages>;
