import { getDb } from "@/db/client";
import { getBookContext } from "@/lib/auth/session";
import { handleChat } from "@/lib/ai/handle-chat";
import { createChatModel } from "@/lib/ai/model";
import { AppError, route } from "@/lib/errors";
import { getChatRateLimiter } from "@/lib/ratelimit";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const maxDuration = 120;

/** Streams the assistant's answer (see lib/ai/handle-chat.ts for the order of checks). */
export const POST = route("api.chat", async (req: Request) => {
  const body: unknown = await req.json().catch((e) => {
    throw new AppError("validation:invalid", "expected JSON", { cause: e });
  });
  const ctx = await getBookContext();
  return handleChat(
    { db: ctx?.db ?? (await getDb()), model: createChatModel(), rateLimiter: getChatRateLimiter() },
    { session: ctx ? { userId: ctx.user.id, bookId: ctx.book.id } : null, body, abortSignal: req.signal },
  );
});
