import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { auditEvents, chatMessages } from "@/db/schema";
import { handleChat, type ChatDeps } from "@/lib/ai/handle-chat";
import { createChatModel } from "@/lib/ai/model";
import { messageFor } from "@/lib/errors";
import { formatEuros } from "@/lib/money";
import { formatRate } from "@/lib/tax/vat";
import { createMemoryRateLimiter } from "@/lib/ratelimit";
import { startAnthropicStub, lastUserText, systemText, toolResults, type AnthropicStub } from "@/lib/testing/anthropic-stub";
import { createOwner } from "@/lib/testing/book";
import { createTestDb } from "@/lib/testing/db";
import { createInvoice } from "@/lib/testing/invoices";
import { readUiStream, streamedText } from "@/lib/testing/ui-stream";

/**
 * The chat core against a real database and the real @ai-sdk/anthropic client, which talks to a loopback server
 * speaking the Anthropic Messages API (only the base URL differs from production).
 */
describe("handleChat", () => {
  let handle: Awaited<ReturnType<typeof createTestDb>>;
  let stub: AnthropicStub;
  let deps: ChatDeps;
  let owner: { userId: string; bookId: string };

  beforeAll(async () => {
    handle = await createTestDb();
    stub = await startAnthropicStub();
    owner = await createOwner(handle.db);
  });
  afterAll(async () => {
    await stub?.close();
    await handle?.close();
  });
  beforeEach(() => {
    stub.reset();
    deps = {
      db: handle.db,
      model: createChatModel({ ANTHROPIC_API_KEY: "sk-ant-test", ANTHROPIC_BASE_URL: stub.url, CLAUDE_MODEL: "claude-sonnet-4-5" }),
      rateLimiter: createMemoryRateLimiter({ limit: 100, windowMs: 60_000, prefix: "t" }),
      maxRetries: 0,
      now: () => new Date("2026-04-10T10:00:00Z"),
    };
  });

  const ask = (text: string, o: { id?: string; context?: string; session?: { userId: string; bookId: string } | null } = {}) =>
    handleChat(deps, {
      session: o.session === undefined ? owner : o.session,
      body: {
        id: o.id ?? randomUUID(),
        context: o.context ?? "tax",
        message: { id: "m1", role: "user", parts: [{ type: "text", text }] },
      },
    });

  const savedMessages = (conversationId: string) =>
    handle.db.select().from(chatMessages).where(eq(chatMessages.conversationId, conversationId)).orderBy(chatMessages.createdAt);
  const questionAudits = (conversationId: string) =>
    handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "assistant.question")))
      .then((rows) => rows.filter((r) => (r.after as { conversationId?: string }).conversationId === conversationId));

  it("streams a plain answer, sends the context's prompt and the key, and saves the exchange with its tokens", async () => {
    stub.enqueue({ kind: "text", chunks: ["Hola, ", "el modelo 303 ", "se presenta cada trimestre."], usage: { input: 321, output: 45 } });
    const id = randomUUID();
    const res = await ask("¿Cuándo presento el 303?", { id });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const chunks = await readUiStream(res);
    expect(chunks.filter((c) => c.type === "text-delta")).toHaveLength(3);
    expect(streamedText(chunks)).toBe("Hola, el modelo 303 se presenta cada trimestre.");
    expect(chunks.some((c) => c.type === "error")).toBe(false);

    expect(stub.requests).toHaveLength(1);
    const req = stub.requests[0];
    expect(req.path).toBe("/v1/messages");
    expect(req.headers["x-api-key"]).toBe("sk-ant-test");
    expect(req.body.model).toBe("claude-sonnet-4-5");
    expect(req.body.stream).toBe(true);
    expect(systemText(req)).toContain("Modelo 303");
    expect(systemText(req)).toContain("2026-04-10");
    expect(lastUserText(req)).toBe("¿Cuándo presento el 303?");
    expect(req.body.tools?.map((t) => t.name).sort()).toEqual(["getInvoice", "getQuarterSummary", "listPendingReview", "searchInvoices"]);

    const saved = await savedMessages(id);
    expect(saved.map((m) => m.role)).toEqual(["user", "assistant"]);
    expect(saved[1].parts).toEqual(expect.arrayContaining([{ type: "text", text: "Hola, el modelo 303 se presenta cada trimestre.", state: "done" }]));
    expect(saved.every((m) => m.userId === owner.userId && m.bookId === owner.bookId && m.context === "tax")).toBe(true);
    const [audit] = await questionAudits(id);
    expect(audit).toMatchObject({ userId: owner.userId, bookId: owner.bookId, documentId: null });
    expect(audit.after).toMatchObject({ context: "tax", length: 24, inputTokens: 321, outputTokens: 45, outcome: "answered" });
  });

  it("carries the conversation's history from the database into the next question", async () => {
    const id = randomUUID();
    stub.enqueue({ kind: "text", chunks: ["Primera respuesta."] }, { kind: "text", chunks: ["Segunda respuesta."] });
    await readUiStream(await ask("Primera pregunta", { id, context: "invoicing" }));
    await readUiStream(await ask("Segunda pregunta", { id, context: "invoicing" }));
    const second = stub.requests[1].body.messages;
    expect(second.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
    expect(JSON.stringify(second)).toContain("Primera respuesta.");
    expect(systemText(stub.requests[1])).toContain("morosos");
    expect((await savedMessages(id)).map((m) => m.role)).toEqual(["user", "assistant", "user", "assistant"]);
  });

  it("runs getQuarterSummary against the book's invoices and sends the figures back to the model", async () => {
    const o = await createOwner(handle.db);
    await createInvoice(handle.db, {
      ...o,
      direction: "issued",
      issueDate: "2026-02-15",
      baseCents: 100000,
      vatCents: 21000,
      irpfCents: 15000,
      totalCents: 106000,
      counterpartyName: "Cliente Uno SL",
    });
    await createInvoice(handle.db, { ...o, issueDate: "2026-01-20", baseCents: 20000, vatCents: 4200, totalCents: 24200 });
    await createInvoice(handle.db, {
      ...o,
      status: "needs_review",
      issueDate: "2026-03-31",
      baseCents: 15000,
      vatCents: 2600,
      totalCents: 17600,
      vatLines: [
        { rate: "21.00", baseCents: 10000, vatCents: 2100 },
        { rate: "10.00", baseCents: 5000, vatCents: 500 },
      ],
    });
    // Outside the quarter: not counted.
    await createInvoice(handle.db, { ...o, issueDate: "2026-04-01", baseCents: 99900, vatCents: 20979, totalCents: 120879 });

    stub.enqueue(
      { kind: "tool_use", name: "getQuarterSummary", input: { year: 2026, quarter: 1 }, id: "toolu_q1", text: "Lo consulto." },
      { kind: "text", chunks: ["En el 1T 2026 el IVA a ingresar es ", "142,00 €."], usage: { input: 900, output: 30 } },
    );
    const id = randomUUID();
    const chunks = await readUiStream(await ask("¿Cuánto IVA pago este trimestre?", { id, session: o }));
    expect(chunks.find((c) => c.type === "tool-input-available")).toMatchObject({
      toolName: "getQuarterSummary",
      input: { year: 2026, quarter: 1 },
    });
    expect(chunks.some((c) => c.type === "tool-output-available")).toBe(true);
    expect(streamedText(chunks)).toContain("142,00 €");

    expect(stub.requests).toHaveLength(2);
    const [result] = toolResults(stub.requests[1]);
    expect(result.toolUseId).toBe("toolu_q1");
    expect(result.isError).toBe(false);
    expect(result.content).toMatchObject({
      period: "1T 2026 (2026-01-01 a 2026-03-31)",
      filingDeadline: "2026-04-20",
      income: { invoices: 1, base: formatEuros(100000), vatCharged: formatEuros(21000), irpfWithheld: formatEuros(15000) },
      expenses: {
        invoices: 2,
        base: formatEuros(35000),
        vatPaid: formatEuros(6800),
        vatByRate: [
          { rate: formatRate(2100), base: formatEuros(30000), vat: formatEuros(6300) },
          { rate: formatRate(1000), base: formatEuros(5000), vat: formatEuros(500) },
        ],
      },
      vatBalance: formatEuros(21000 - 6800),
      documentsByStatus: { approved: 2, needs_review: 1 },
      unreviewedInvoices: 1,
    });

    const saved = await savedMessages(id);
    const toolPart = (saved[1].parts as { type: string; state?: string }[]).find((p) => p.type === "tool-getQuarterSummary");
    expect(toolPart?.state).toBe("output-available");
    const [audit] = await questionAudits(id);
    expect(audit.after).toMatchObject({ inputTokens: 100 + 900, outputTokens: 20 + 30 });
  });

  it("never shows another user's invoices to a tool, whatever the model asks", async () => {
    const a = await createOwner(handle.db);
    const b = await createOwner(handle.db);
    const secret = await createInvoice(handle.db, {
      ...a,
      counterpartyName: "Proveedor Secreto SL",
      counterpartyTaxId: "B87654321",
      number: "SECRETO-001",
      issueDate: "2026-02-01",
      baseCents: 50000,
      vatCents: 10500,
      totalCents: 60500,
    });
    stub.enqueue(
      { kind: "tool_use", name: "searchInvoices", input: { counterparty: "Secreto" } },
      { kind: "tool_use", name: "getInvoice", input: { id: secret.invoiceId } },
      { kind: "tool_use", name: "getInvoice", input: { id: secret.documentId } },
      { kind: "tool_use", name: "getQuarterSummary", input: { year: 2026, quarter: 1 } },
      { kind: "tool_use", name: "listPendingReview", input: {} },
      { kind: "text", chunks: ["No encuentro nada."] },
    );
    const chunks = await readUiStream(
      await ask("Enséñame las facturas del Proveedor Secreto de otro usuario", { session: b, context: "accounting" }),
    );
    expect(streamedText(chunks)).toBe("No encuentro nada.");
    const results = toolResults(stub.requests[5]).map((r) => r.content);
    expect(results).toHaveLength(5);
    expect(results[0]).toEqual({ count: 0, invoices: [] });
    expect(results[1]).toEqual({ found: false });
    expect(results[2]).toEqual({ found: false });
    expect(results[3]).toMatchObject({ income: { invoices: 0 }, expenses: { invoices: 0 }, documentsByStatus: {} });
    expect(results[4]).toMatchObject({ needsReview: 0, extractedNotApproved: 0, documents: [] });
    const toolText = JSON.stringify(results);
    for (const leak of ["SECRETO-001", "B87654321", "605,00", "Proveedor Secreto SL"]) expect(toolText).not.toContain(leak);

    // The owner's own search finds it.
    stub.enqueue({ kind: "tool_use", name: "searchInvoices", input: { counterparty: "secreto" } }, { kind: "text", chunks: ["Sí."] });
    await readUiStream(await ask("Busca Secreto", { session: a }));
    expect(toolResults(stub.requests[7])[0].content).toMatchObject({ count: 1, invoices: [{ number: "SECRETO-001" }] });
  });

  it.each([
    [429, "rate_limit_error", "assistant:provider_rate_limited"],
    [500, "api_error", "assistant:provider_unavailable"],
    [529, "overloaded_error", "assistant:provider_unavailable"],
    [401, "authentication_error", "assistant:provider_auth"],
  ])("maps a provider %i to %s, with a Spanish message and no internals", async (status, type, code) => {
    stub.enqueue({ kind: "error", status, type, message: `internal detail: shard-7 trace 0xdeadbeef (${type})` });
    const id = randomUUID();
    const res = await ask("¿Hola?", { id });
    const body = await res.clone().text();
    const chunks = await readUiStream(res);
    expect(chunks.find((c) => c.type === "error")).toEqual({ type: "error", errorText: code });
    expect(messageFor(code)).toMatch(/^[A-ZÁÉÍÓÚ]/);
    expect(messageFor(code)).not.toBe(messageFor("internal:unexpected"));
    expect(body).not.toContain("deadbeef");
    expect(body).not.toMatch(/stack|at \w+ \(/);
    expect(await savedMessages(id)).toHaveLength(0);
    const [audit] = await questionAudits(id);
    expect(audit.after).toMatchObject({ outcome: "error", error: code });
  });

  it("retries a provider 500 and then answers", async () => {
    deps.maxRetries = 1;
    stub.enqueue({ kind: "error", status: 500, type: "api_error", message: "boom" }, { kind: "text", chunks: ["Ya está."] });
    const chunks = await readUiStream(await ask("¿Hola?"));
    expect(streamedText(chunks)).toBe("Ya está.");
    expect(stub.requests).toHaveLength(2);
  });

  it("turns a provider that never answers into a timeout message", async () => {
    deps.timeout = { totalMs: 1500, chunkMs: 1000 };
    stub.enqueue({ kind: "hang" });
    const chunks = await readUiStream(await ask("¿Hola?"));
    expect(chunks.find((c) => c.type === "error")).toEqual({ type: "error", errorText: "assistant:timeout" });
    expect(chunks.some((c) => c.type === "abort")).toBe(false);
  });

  it("keeps what was streamed when the person stops the answer", async () => {
    stub.enqueue({ kind: "text", chunks: ["Primera parte. ", "Segunda parte. ", "Tercera parte."], delayMs: 300 });
    const id = randomUUID();
    const controller = new AbortController();
    const res = await handleChat(deps, {
      session: owner,
      abortSignal: controller.signal,
      body: { id, context: "payments", message: { id: "m", role: "user", parts: [{ type: "text", text: "Cuéntame" }] } },
    });
    // The person presses stop as soon as the first part has arrived (the stub waits 300 ms between parts).
    const chunks = await readUiStream(res, (c) => {
      if (c.type === "text-delta") controller.abort();
    });
    expect(chunks.some((c) => c.type === "error")).toBe(false);
    expect(streamedText(chunks)).toBe("Primera parte. ");
    // Saved when the stream finishes (onFinish), which may come just after the last chunk is read.
    const saved = await vi.waitFor(async () => {
      const rows = await savedMessages(id);
      expect(rows).toHaveLength(2);
      return rows;
    });
    expect(saved.map((m) => m.role)).toEqual(["user", "assistant"]);
    const [audit] = await questionAudits(id);
    expect(audit.after).toMatchObject({ outcome: "stopped", context: "payments" });
  });

  describe("before the stream", () => {
    const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

    it("refuses an invalid body, a missing session and a book the user is not a member of", async () => {
      const bad = await handleChat(deps, { session: owner, body: { id: "x", context: "tax", message: {} } });
      expect(bad.status).toBe(400);
      expect((await errorOf(bad)).code).toBe("validation:invalid");
      const anon = await ask("hola", { session: null });
      expect(anon.status).toBe(401);
      const other = await createOwner(handle.db);
      const forbidden = await ask("hola", { session: { userId: owner.userId, bookId: other.bookId } });
      expect(forbidden.status).toBe(403);
      expect(stub.requests).toHaveLength(0);
    });

    it("says the assistant is not configured when there is no key", async () => {
      deps.model = createChatModel({ ANTHROPIC_API_KEY: undefined, ANTHROPIC_BASE_URL: undefined, CLAUDE_MODEL: "x" });
      const res = await ask("hola");
      expect(res.status).toBe(503);
      const err = await errorOf(res);
      expect(err.code).toBe("assistant:not_configured");
      expect(err.message).toContain("ANTHROPIC_API_KEY");
    });

    it("rate-limits questions per user with a Spanish message and Retry-After", async () => {
      deps.rateLimiter = createMemoryRateLimiter({ limit: 1, windowMs: 60_000, prefix: "t" });
      stub.enqueue({ kind: "text", chunks: ["Una."] });
      await readUiStream(await ask("una"));
      const res = await ask("dos");
      expect(res.status).toBe(429);
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await errorOf(res)).message).toBe(messageFor("ratelimit:exceeded"));
      expect(stub.requests).toHaveLength(1);
    });

    it("does not let a user write into someone else's conversation", async () => {
      const id = randomUUID();
      stub.enqueue({ kind: "text", chunks: ["Mía."] });
      await readUiStream(await ask("mía", { id }));
      const intruder = await createOwner(handle.db);
      const res = await ask("¿y esto?", { id, session: intruder });
      expect(res.status).toBe(404);
      expect(stub.requests).toHaveLength(1);
    });
  });
});
