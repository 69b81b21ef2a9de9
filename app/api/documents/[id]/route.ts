import { NextResponse } from "next/server";
import { bookContextOrThrow } from "@/lib/auth/session";
import { deleteDocument } from "@/lib/documents/delete";
import { route } from "@/lib/errors";
import { getStorage } from "@/lib/storage";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The book's owner deletes a document that is not approved (404 for non-members, 403 for accountants). */
export const DELETE = route("api.documents.delete", async (_req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const ctx = await bookContextOrThrow();
  const doc = await deleteDocument(ctx.db, getStorage(), { userId: ctx.user.id, documentId: (await params).id });
  return NextResponse.json({ deleted: { id: doc.id } });
});
