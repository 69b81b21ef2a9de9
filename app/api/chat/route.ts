import { getDb } from "@/db/client";
import { getBookContext } from "@/lib/auth/session";
import { handleChat } from "@/lib/ai/handle-chat";
import { createChatModel } from "@/lib/ai/model";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { getChatRateLimiter } from "@/lib/ratelimit";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const maxDuration = 120;

/** Streams the assistant's answer (see lib/ai/handle-chat.ts for the order of checks). */
export async function POST(req: Request) {
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    return new AppError("validation:invalid", "expected JSON").toResponse();
  }
  try {
    const ctx = await getBookContext();
    return await handleChat(
      { db: ctx?.db ?? (await getDb()), model: createChatModel(), rateLimiter: getChatRateLimiter() },
      { session: ctx ? { userId: ctx.user.id, bookId: ctx.book.id } : null, body, abortSignal: req.signal },
    );
  } catch (e) {
    log.error("api.chat.error", { err: e });
    return new AppError("internal:unexpected").toResponse();
  }
}
