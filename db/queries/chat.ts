import "server-only";
import { and, asc, desc, eq, ne, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents, chatMessages, type AssistantContext } from "@/db/schema";

export type ChatContext = AssistantContext;
export type StoredChatMessage = {
  id: string;
  role: "user" | "assistant" | "system";
  parts: unknown[];
  context: ChatContext;
  createdAt: Date;
};

/** A conversation's messages, oldest first, only when it belongs to this user in this book. */
export async function getConversationMessages(
  db: Db,
  { bookId, userId, conversationId }: { bookId: string; userId: string; conversationId: string },
): Promise<StoredChatMessage[]> {
  const rows = await db
    .select({
      id: chatMessages.id,
      role: chatMessages.role,
      parts: chatMessages.parts,
      context: chatMessages.context,
      createdAt: chatMessages.createdAt,
    })
    .from(chatMessages)
    .where(
      and(
        eq(chatMessages.bookId, bookId),
        eq(chatMessages.userId, userId),
        eq(chatMessages.conversationId, conversationId),
      ),
    )
    .orderBy(asc(chatMessages.createdAt), asc(chatMessages.id));
  return rows.map((r) => ({ ...r, parts: Array.isArray(r.parts) ? r.parts : [] }));
}

/** True when the conversation id is already used by someone else or in another book. */
export async function isForeignConversation(
  db: Db,
  { bookId, userId, conversationId }: { bookId: string; userId: string; conversationId: string },
): Promise<boolean> {
  const [row] = await db
    .select({ id: chatMessages.id })
    .from(chatMessages)
    .where(
      and(
        eq(chatMessages.conversationId, conversationId),
        or(ne(chatMessages.bookId, bookId), ne(chatMessages.userId, userId)),
      ),
    )
    .limit(1);
  return Boolean(row);
}

export type ConversationListItem = {
  id: string;
  title: string;
  context: ChatContext;
  messageCount: number;
  updatedAt: string;
};

/** The user's conversations in the book, most recent first, titled by their first question. */
export async function listConversations(
  db: Db,
  { bookId, userId, limit = 50 }: { bookId: string; userId: string; limit?: number },
): Promise<ConversationListItem[]> {
  const rows = await db
    .select({
      id: chatMessages.conversationId,
      messageCount: sql<number>`count(*)::int`,
      updatedAt: sql<string>`max(${chatMessages.createdAt})`,
      first: sql<unknown>`(array_agg(${chatMessages.parts} order by ${chatMessages.createdAt}, ${chatMessages.id}) filter (where ${chatMessages.role} = 'user'))[1]`,
      context: sql<ChatContext>`(array_agg(${chatMessages.context} order by ${chatMessages.createdAt} desc))[1]`,
    })
    .from(chatMessages)
    .where(and(eq(chatMessages.bookId, bookId), eq(chatMessages.userId, userId)))
    .groupBy(chatMessages.conversationId)
    .orderBy(desc(sql`max(${chatMessages.createdAt})`))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    title: titleOf(r.first),
    context: r.context,
    messageCount: Number(r.messageCount),
    updatedAt: new Date(r.updatedAt).toISOString(),
  }));
}

function titleOf(parts: unknown): string {
  const text = Array.isArray(parts)
    ? parts
        .filter((p): p is { type: "text"; text: string } => p?.type === "text" && typeof p.text === "string")
        .map((p) => p.text)
        .join(" ")
    : "";
  const t = text.replace(/\s+/g, " ").trim();
  return t.length > 80 ? `${t.slice(0, 79)}…` : t || "Conversación";
}

/**
 * Saves a finished exchange (the question and the answer) and the question's activity entry, in one transaction.
 * Messages get consecutive timestamps so the order survives equal clocks.
 */
export async function saveChatExchange(
  db: Db,
  input: {
    bookId: string;
    userId: string;
    conversationId: string;
    context: ChatContext;
    messages: { id: string; role: "user" | "assistant"; parts: unknown[] }[];
    audit: Record<string, unknown>;
    /** When the exchange happened (default now); the messages get consecutive milliseconds from it. */
    at?: Date;
  },
) {
  const base = (input.at ?? new Date()).getTime();
  await db.transaction(async (tx) => {
    if (input.messages.length > 0) {
      await tx
        .insert(chatMessages)
        .values(
          input.messages.map((m, i) => ({
            id: m.id,
            bookId: input.bookId,
            userId: input.userId,
            conversationId: input.conversationId,
            context: input.context,
            role: m.role,
            parts: m.parts,
            createdAt: new Date(base + i),
          })),
        )
        .onConflictDoNothing({ target: chatMessages.id });
    }
    await tx.insert(auditEvents).values({
      bookId: input.bookId,
      userId: input.userId,
      action: "assistant.question",
      after: input.audit,
    });
  });
}
