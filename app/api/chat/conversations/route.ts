import { NextResponse } from "next/server";
import { listConversations } from "@/db/queries/chat";
import { bookContextOrThrow } from "@/lib/auth/session";
import { toAppError } from "@/lib/errors";
import { log } from "@/lib/log";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The signed-in user's conversations in the current book, most recent first. */
export async function GET() {
  try {
    const ctx = await bookContextOrThrow();
    const conversations = await listConversations(ctx.db, { bookId: ctx.book.id, userId: ctx.user.id });
    return NextResponse.json({ conversations }, { headers: { "Cache-Control": "no-store" } });
  } catch (e) {
    const err = toAppError(e);
    if (err.code === "internal:unexpected") log.error("api.chat.conversations.error", { err: e });
    return err.toResponse();
  }
}
