import { NextResponse } from "next/server";
import { uuidSchema } from "@/lib/ids";
import { getConversationMessages } from "@/db/queries/chat";
import { bookContextOrThrow } from "@/lib/auth/session";
import { AppError, route } from "@/lib/errors";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** One conversation's messages (UI message parts), only for its owner in the current book; otherwise 404. */
export const GET = route("api.chat.conversation", async (_req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const ctx = await bookContextOrThrow();
  const id = uuidSchema.safeParse((await params).id);
  const notFound = new AppError("assistant:conversation_not_found");
  if (!id.success) throw notFound;
  const rows = await getConversationMessages(ctx.db, { bookId: ctx.book.id, userId: ctx.user.id, conversationId: id.data });
  if (rows.length === 0) throw notFound;
  const messages = rows.map((m) => ({ id: m.id, role: m.role, parts: m.parts }));
  return NextResponse.json(
    { id: id.data, context: rows[rows.length - 1].context, messages },
    { headers: { "Cache-Control": "no-store" } },
  );
});
