import "server-only";
import { randomUUID } from "node:crypto";
import {
  APICallError,
  RetryError,
  convertToModelMessages,
  createUIMessageStreamResponse,
  stepCountIs,
  streamText,
  type InferUIMessageChunk,
  type LanguageModel,
} from "ai";
import type { Db } from "@/db/client";
import { getMembership } from "@/db/queries/books";
import { getConversationMessages, isForeignConversation, saveChatExchange } from "@/db/queries/chat";
import type { ChatUIMessage } from "@/lib/ai/chat-message";
import { chatRequestSchema, questionText } from "@/lib/ai/chat-request";
import { systemPrompt } from "@/lib/ai/prompts";
import { providerErrorCode } from "@/lib/ai/provider-errors";
import { createChatTools } from "@/lib/ai/tools";
import { AppError, route } from "@/lib/errors";
import { log } from "@/lib/log";
import type { RateLimiter } from "@/lib/ratelimit";

export type ChatDeps = {
  db: Db;
  /** Null when the assistant is not configured (no ANTHROPIC_API_KEY). */
  model: LanguageModel | null;
  rateLimiter: RateLimiter;
  now?: () => Date;
  /** Retries of a failed provider call (429, 5xx) before the error reaches the pane. */
  maxRetries?: number;
  /** Longest wait for the whole answer, and for the next chunk of it. */
  timeout?: { totalMs: number; chunkMs: number };
  maxSteps?: number;
};

export type ChatCall = {
  /** The signed-in user and their current book (from the session), or null. */
  session: { userId: string; bookId: string } | null;
  body: unknown;
  abortSignal?: AbortSignal;
};

const DEFAULTS = { maxRetries: 2, timeout: { totalMs: 120_000, chunkMs: 45_000 }, maxSteps: 6 };

/**
 * The chat route's core, free of Next's request context: validate → session → book membership → rate limit →
 * stream the answer with the book-scoped tools. The question and the answer are saved when the stream finishes,
 * with an `assistant.question` activity entry. Errors before the stream are JSON `{ error: { code, message } }`;
 * errors during it are an `error` chunk whose text is an error code the pane turns into Spanish.
 */
export const handleChat = route("assistant", run);

async function run(deps: ChatDeps, { session, body, abortSignal }: ChatCall): Promise<Response> {
  const parsed = chatRequestSchema.safeParse(body);
  if (!parsed.success) throw new AppError("validation:invalid", parsed.error.issues[0]?.message);
  if (!session) throw new AppError("auth:unauthorized");
  const { db } = deps;
  const { userId, bookId } = session;
  const membership = await getMembership(db, { userId, bookId });
  if (!membership) throw new AppError("auth:forbidden");
  if (!deps.model) throw new AppError("assistant:not_configured");

  const limit = await deps.rateLimiter.limit(`user:${userId}`);
  if (!limit.success) {
    const res = new AppError("ratelimit:exceeded").toResponse();
    res.headers.set("Retry-After", String(Math.max(1, Math.ceil((limit.reset - Date.now()) / 1000))));
    return res;
  }

  const req = parsed.data;
  const conversationId = req.id;
  if (await isForeignConversation(db, { bookId, userId, conversationId })) {
    throw new AppError("assistant:conversation_not_found");
  }
  const history = await getConversationMessages(db, { bookId, userId, conversationId });
  const userMessage: ChatUIMessage = { id: randomUUID(), role: "user", parts: req.message.parts };
  const messages = [
    ...history.map((m) => ({ id: m.id, role: m.role, parts: m.parts }) as ChatUIMessage),
    userMessage,
  ];
  const tools = createChatTools({ db, bookId });
  const usage = { inputTokens: 0, outputTokens: 0 };
  let failure: string | null = null;

  const result = streamText({
    model: deps.model,
    system: systemPrompt({ context: req.context, book: membership.book, now: deps.now?.() }),
    messages: await convertToModelMessages(messages, { tools, ignoreIncompleteToolCalls: true }),
    tools,
    stopWhen: stepCountIs(deps.maxSteps ?? DEFAULTS.maxSteps),
    maxRetries: deps.maxRetries ?? DEFAULTS.maxRetries,
    timeout: deps.timeout ?? DEFAULTS.timeout,
    abortSignal,
    onStepFinish: ({ usage: u }) => {
      usage.inputTokens += u.inputTokens ?? 0;
      usage.outputTokens += u.outputTokens ?? 0;
    },
    onError: ({ error }) => {
      failure = providerErrorCode(error);
      const e = RetryError.isInstance(error) ? error.lastError : error;
      const status = APICallError.isInstance(e) ? e.statusCode : undefined;
      // Logged for operators (no stack for an expected provider failure); the browser only gets the code.
      log.warn("assistant.provider_error", { code: failure, status, message: (e as Error)?.message, bookId });
    },
  });

  // The person stopping the answer aborts `abortSignal`; any other abort is our timeout.
  const timedOut = () => !abortSignal?.aborted;
  const stream = result.toUIMessageStream<ChatUIMessage>({
    originalMessages: messages,
    generateMessageId: randomUUID,
    sendReasoning: false,
    onError: (error) => {
      const code = providerErrorCode(error);
      failure ??= code;
      return code;
    },
    onFinish: async ({ responseMessage, isAborted }) => {
      if (isAborted && timedOut()) failure ??= "assistant:timeout";
      const answered = responseMessage.parts.some((p) => p.type === "text" && p.text.trim() !== "");
      const exchange =
        failure || !answered
          ? []
          : [
              { id: userMessage.id, role: "user" as const, parts: userMessage.parts },
              { id: responseMessage.id || randomUUID(), role: "assistant" as const, parts: responseMessage.parts },
            ];
      try {
        await saveChatExchange(db, {
          bookId,
          userId,
          conversationId,
          context: req.context,
          messages: exchange,
          audit: {
            context: req.context,
            conversationId,
            length: questionText(req).length,
            inputTokens: usage.inputTokens,
            outputTokens: usage.outputTokens,
            outcome: failure ? "error" : isAborted ? "stopped" : "answered",
            ...(failure ? { error: failure } : {}),
          },
        });
      } catch (err) {
        log.error("assistant.save_failed", { err, bookId });
      }
    },
  });
  type Chunk = InferUIMessageChunk<ChatUIMessage>;
  const withTimeouts = stream.pipeThrough(
    new TransformStream<Chunk, Chunk>({
      transform(chunk, controller) {
        if (chunk.type === "abort" && timedOut()) {
          log.warn("assistant.timeout", { bookId });
          controller.enqueue({ type: "error", errorText: "assistant:timeout" });
        } else controller.enqueue(chunk);
      },
    }),
  );
  return createUIMessageStreamResponse({
    stream: withTimeouts,
    headers: { "Cache-Control": "no-store", "X-Conversation-Id": conversationId },
  });
}
