import { NextResponse } from "next/server";
import { bookContextOrThrow } from "@/lib/auth/session";
import { AppError, route } from "@/lib/errors";
import { enqueueOrMarkFailed } from "@/lib/queue";
import { reprocessDocument } from "@/lib/review/service";

export const runtime = "nodejs";

/** Puts a failed document back in the queue (the inbox's "Reintentar"); members of its book only, else 404. */
export const POST = route("api.documents.retry", async (_req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const ctx = await bookContextOrThrow();
  const row = await reprocessDocument(ctx.db, { userId: ctx.user.id, documentId: (await params).id });
  const queued = await enqueueOrMarkFailed(ctx.db, row.id);
  if (!queued) throw new AppError("pipeline:failed");
  return NextResponse.json({ document: { id: row.id, status: row.status } });
});
