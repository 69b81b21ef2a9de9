import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getConversationMessages, isForeignConversation, listConversations, saveChatExchange } from "@/db/queries/chat";
import { createOwner } from "@/lib/testing/book";
import { createTestDb } from "@/lib/testing/db";

describe("chat queries", () => {
  let handle: Awaited<ReturnType<typeof createTestDb>>;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(async () => handle?.close());

  const exchange = (o: { bookId: string; userId: string }, conversationId: string, q: string, context: "tax" | "payments" = "tax", at?: string) =>
    saveChatExchange(handle.db, {
      ...o,
      ...(at ? { at: new Date(at) } : {}),
      conversationId,
      context,
      messages: [
        { id: randomUUID(), role: "user", parts: [{ type: "text", text: q }] },
        { id: randomUUID(), role: "assistant", parts: [{ type: "text", text: `Respuesta a ${q}` }] },
      ],
      audit: { context, length: q.length, inputTokens: 1, outputTokens: 1 },
    });

  it("lists a user's conversations in a book, newest first, titled by the first question", async () => {
    const a = await createOwner(handle.db);
    const b = await createOwner(handle.db);
    const first = randomUUID();
    const second = randomUUID();
    await exchange(a, first, "¿Cuándo presento el 303?", "tax", "2026-03-01T10:00:00Z");
    await exchange(a, second, "¿Quién me debe dinero?", "payments", "2026-03-01T11:00:00Z");
    await exchange(a, first, "¿Y el 130?", "tax", "2026-03-01T12:00:00Z");
    await exchange(b, randomUUID(), "Pregunta de otra persona");

    const list = await listConversations(handle.db, a);
    expect(list.map((c) => [c.id, c.title, c.context, c.messageCount])).toEqual([
      [first, "¿Cuándo presento el 303?", "tax", 4],
      [second, "¿Quién me debe dinero?", "payments", 2],
    ]);
    expect((await listConversations(handle.db, b)).map((c) => c.title)).toEqual(["Pregunta de otra persona"]);

    const messages = await getConversationMessages(handle.db, { ...a, conversationId: first });
    expect(messages.map((m) => m.role)).toEqual(["user", "assistant", "user", "assistant"]);
    expect(await getConversationMessages(handle.db, { ...b, conversationId: first })).toEqual([]);
    expect(await isForeignConversation(handle.db, { ...b, conversationId: first })).toBe(true);
    expect(await isForeignConversation(handle.db, { ...a, conversationId: first })).toBe(false);
  });
});
