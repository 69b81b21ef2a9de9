import { Readable } from "node:stream";
import { getBookContext } from "@/lib/auth/session";
import { AppError, route } from "@/lib/errors";
import { queueCsvStream } from "@/lib/review/queue-csv";
import { readQueueParams, toFilters } from "@/lib/review/queue-params";

export const runtime = "nodejs";

/** The review queue under the same filters as /review (its query string), as a streamed CSV. */
export const GET = route("review.export", async (req: Request) => {
  const params = readQueueParams(Object.fromEntries(new URL(req.url).searchParams));
  const ctx = await getBookContext();
  if (!ctx) throw new AppError("auth:unauthorized");
  const stream = await queueCsvStream(ctx.db, { userId: ctx.user.id, bookId: ctx.book.id, filters: toFilters(params) });
  return new Response(Readable.toWeb(stream) as ReadableStream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="revision-${ctx.book.nif}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
});
