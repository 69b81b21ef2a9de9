import { Readable } from "node:stream";
import { exportQuerySchema } from "@/app/api/taxes/export/schema";
import { getBookContext } from "@/lib/auth/session";
import { AppError, route } from "@/lib/errors";
import { getStorage } from "@/lib/storage";
import { libroCsvStream, libroXlsxStream, quarterPackStream } from "@/lib/tax/export";
import { libroFileName } from "@/lib/tax/libros";
import { quarterRange } from "@/lib/tax/quarters";
import { getTaxYear } from "@/lib/tax/service";
import { countedInvoices } from "@/lib/tax/year";

export const runtime = "nodejs";

const TYPES = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
  zip: "application/zip",
};

function download(stream: Readable, type: string, filename: string) {
  return new Response(Readable.toWeb(stream) as ReadableStream, {
    headers: {
      "Content-Type": type,
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** Exports of the caller's current book (parse → session → book membership → work), streamed. */
export const GET = route("taxes.export", async (req: Request) => {
  const parsed = exportQuerySchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) throw new AppError("validation:invalid", parsed.error.issues[0]?.message);
  const ctx = await getBookContext();
  if (!ctx) throw new AppError("auth:unauthorized");
  const q = parsed.data;
  const data = await getTaxYear(ctx.db, { bookId: ctx.book.id, year: q.year, includeUnreviewed: q.pendientes === "1" });
  const counted = countedInvoices(data.invoices, q.pendientes === "1");
  const nif = data.settings.nif;
  if (q.kind === "libro") {
    const range = q.quarter ? quarterRange({ year: q.year, q: q.quarter as 1 | 2 | 3 | 4 }) : { from: `${q.year}-01-01`, to: `${q.year}-12-31` };
    const rows = counted.filter((i) => i.issueDate >= range.from && i.issueDate <= range.to);
    const name = `${libroFileName(q.year, nif, q.letter)}.${q.format}`;
    const stream = q.format === "xlsx" ? libroXlsxStream(q.letter, rows, nif) : libroCsvStream(q.letter, rows, nif);
    return download(stream, TYPES[q.format], name);
  }
  const quarter = data.returns.quarters[q.quarter - 1];
  const stream = quarterPackStream({ year: q.year, nif, quarter, invoices: counted, storage: getStorage() });
  return download(stream, TYPES.zip, `${q.year}-${q.quarter}T-${nif}.zip`);
});
