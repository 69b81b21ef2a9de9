import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents, users } from "@/db/schema";

export type AuditInput = {
  bookId: string;
  documentId?: string | null;
  userId: string | null;
  action: string;
  field?: string | null;
  before?: unknown;
  after?: unknown;
};

export async function writeAudit(db: Db, events: AuditInput | AuditInput[]) {
  const list = Array.isArray(events) ? events : [events];
  if (list.length === 0) return;
  await db.insert(auditEvents).values(
    list.map((e) => ({
      bookId: e.bookId,
      documentId: e.documentId ?? null,
      userId: e.userId,
      action: e.action,
      field: e.field ?? null,
      before: e.before === undefined ? null : e.before,
      after: e.after === undefined ? null : e.after,
    })),
  );
}

export type AuditEntry = {
  id: string;
  action: string;
  field: string | null;
  before: unknown;
  after: unknown;
  at: string;
  userName: string | null;
};

/** A document's history, newest first (the book is the caller's scope). */
export async function listDocumentAudit(
  db: Db,
  { bookId, documentId, limit = 200 }: { bookId: string; documentId: string; limit?: number },
): Promise<AuditEntry[]> {
  const rows = await db
    .select({
      id: auditEvents.id,
      action: auditEvents.action,
      field: auditEvents.field,
      before: auditEvents.before,
      after: auditEvents.after,
      createdAt: auditEvents.createdAt,
      userName: users.name,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.userId))
    .where(and(eq(auditEvents.bookId, bookId), eq(auditEvents.documentId, documentId)))
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(limit);
  return rows.map(({ createdAt, ...r }) => ({ ...r, at: createdAt.toISOString() }));
}
