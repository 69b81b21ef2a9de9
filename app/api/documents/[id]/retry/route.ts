import { NextResponse } from "next/server";
import { z } from "zod";
import { getDocumentForMember, resetForRetry } from "@/db/queries/documents";
import { bookContextOrThrow } from "@/lib/auth/session";
import { AppError, toAppError } from "@/lib/errors";
import { enqueueDocument } from "@/lib/queue";

export const runtime = "nodejs";

/** Puts a failed document back in the queue. */
export async function POST(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const ctx = await bookContextOrThrow();
    const id = z.uuid().safeParse((await params).id);
    if (!id.success) throw new AppError("document:not_found");
    const doc = await getDocumentForMember(ctx.db, { id: id.data, userId: ctx.user.id });
    if (!doc) throw new AppError("document:not_found");
    const row = await resetForRetry(ctx.db, { id: doc.id, bookId: doc.bookId, userId: ctx.user.id });
    if (!row) throw new AppError("document:not_retryable", undefined, { status: 409 });
    await enqueueDocument(row.id);
    return NextResponse.json({ document: { id: row.id, status: row.status } });
  } catch (e) {
    return toAppError(e).toResponse();
  }
}
