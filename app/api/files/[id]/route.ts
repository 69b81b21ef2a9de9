import { getSessionUser } from "@/lib/auth/session";
import { getDb } from "@/db/client";
import { AppError, route } from "@/lib/errors";
import { documentFile } from "@/lib/review/service";
import { getStorage } from "@/lib/storage";

export const runtime = "nodejs";

/**
 * The original file of a document, only for members of its book. Anyone else gets 404 (not 403: we do not
 * confirm that the document exists).
 */
export const GET = route("api.files", async (_req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const user = await getSessionUser();
  if (!user) throw new AppError("auth:unauthorized");
  const { document: doc, bytes } = await documentFile(await getDb(), getStorage(), { userId: user.id, documentId: (await params).id });
  const filename = encodeURIComponent(doc.originalFilename);
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": doc.mimeType,
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": `inline; filename*=UTF-8''${filename}`,
      // no-store: a revoked member, or the next person on a shared computer, must not read it from the cache.
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'self'",
    },
  });
});
