import { NextResponse } from "next/server";
import { bookContextOrThrow } from "@/lib/auth/session";
import { toAppError } from "@/lib/errors";
import { enqueueDocument } from "@/lib/queue";
import { reprocessDocument } from "@/lib/review/service";

export const runtime = "nodejs";

/** Puts a failed document back in the queue (the inbox's "Reintentar"); members of its book only, else 404. */
export async function POST(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const ctx = await bookContextOrThrow();
    const row = await reprocessDocument(ctx.db, { userId: ctx.user.id, documentId: (await params).id });
    await enqueueDocument(row.id);
    return NextResponse.json({ document: { id: row.id, status: row.status } });
  } catch (e) {
    return toAppError(e).toResponse();
  }
}
