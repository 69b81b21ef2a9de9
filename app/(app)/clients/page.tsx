import type { Metadata } from "next";
import { listClientSummaries } from "@/db/queries/review";
import { switchBookAction } from "@/app/(app)/books/actions";
import { requireBookContext } from "@/lib/auth/session";
import { quarterLabel, quarterOf, quarterRange, todayInMadrid } from "@/lib/tax/quarters";

export const metadata: Metadata = { title: "Mis clientes" };
export const dynamic = "force-dynamic";

export default async function ClientsPage() {
  const ctx = await requireBookContext();
  const quarter = quarterOf(todayInMadrid())!;
  const { from, to } = quarterRange(quarter);
  const rows = await listClientSummaries(ctx.db, { userId: ctx.user.id, quarterFrom: from, quarterTo: to });
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Mis clientes</h1>
        <p className="text-sm text-slate-600">Los libros a los que tienes acceso y lo que queda por revisar.</p>
      </div>
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
        <table className="w-full text-sm" data-testid="clients">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th className="px-4 py-2 font-medium">Cliente</th>
              <th className="px-4 py-2 text-right font-medium">Por revisar</th>
              <th className="px-4 py-2 text-right font-medium">Con error</th>
              <th className="px-4 py-2 text-right font-medium">Aprobadas {quarterLabel(quarter)}</th>
              <th className="px-4 py-2" />
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => (
              <tr key={r.bookId} data-testid="client-row" data-book={r.legalName}>
                <td className="px-4 py-2">
                  <span className="font-medium">{r.legalName}</span> <span className="text-slate-500">{r.nif}</span>
                  {r.role === "owner" ? <span className="ml-2 text-xs text-slate-500">(tu libro)</span> : null}
                </td>
                <td className="px-4 py-2 text-right tabular-nums" data-testid="waiting">{r.waiting}</td>
                <td className="px-4 py-2 text-right tabular-nums">{r.failed}</td>
                <td className="px-4 py-2 text-right tabular-nums">{r.approvedInQuarter}</td>
                <td className="px-4 py-2 text-right">
                  <form action={switchBookAction}>
                    <input type="hidden" name="bookId" value={r.bookId} />
                    <input type="hidden" name="next" value="/review" />
                    <button type="submit" className="font-medium text-brand-700 hover:underline">
                      Revisar
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
