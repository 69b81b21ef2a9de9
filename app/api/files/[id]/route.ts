import { z } from "zod";
import { getDocumentForMember } from "@/db/queries/documents";
import { getSessionUser } from "@/lib/auth/session";
import { getDb } from "@/db/client";
import { AppError, toAppError } from "@/lib/errors";
import { getStorage } from "@/lib/storage";

export const runtime = "nodejs";

/**
 * The original file of a document, only for members of its book. Anyone else gets 404 (not 403: we do not
 * confirm that the document exists).
 */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const user = await getSessionUser();
    if (!user) throw new AppError("auth:unauthorized");
    const id = z.uuid().safeParse((await params).id);
    if (!id.success) throw new AppError("document:not_found");
    const db = await getDb();
    let doc = await getDocumentForMember(db, { id: id.data, userId: user.id });
    if (doc?.status === "duplicate" && doc.duplicateOf) {
      doc = await getDocumentForMember(db, { id: doc.duplicateOf, userId: user.id });
    }
    if (!doc?.storageKey) throw new AppError("document:not_found");
    const bytes = await getStorage().get(doc.storageKey);
    const filename = encodeURIComponent(doc.originalFilename);
    return new Response(new Uint8Array(bytes), {
      headers: {
        "Content-Type": doc.mimeType,
        "Content-Length": String(bytes.byteLength),
        "Content-Disposition": `inline; filename*=UTF-8''${filename}`,
        "Cache-Control": "private, max-age=300",
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
      },
    });
  } catch (e) {
    return toAppError(e).toResponse();
  }
}
