import { NextResponse } from "next/server";
import { listConversations } from "@/db/queries/chat";
import { bookContextOrThrow } from "@/lib/auth/session";
import { route } from "@/lib/errors";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The signed-in user's conversations in the current book, most recent first. */
export const GET = route("api.chat.conversations", async () => {
  const ctx = await bookContextOrThrow();
  const conversations = await listConversations(ctx.db, { bookId: ctx.book.id, userId: ctx.user.id });
  return NextResponse.json({ conversations }, { headers: { "Cache-Control": "no-store" } });
});
