import type { Metadata } from "next";
import Link from "next/link";
import { ReviewQueue } from "@/components/review-queue";
import { requireBookContext } from "@/lib/auth/session";
import { previousQuarter, quarterKey, quarterLabel, quarterOf, todayInMadrid, type Quarter } from "@/lib/tax/quarters";
import { queueHref, readCursor, readQueueParams, toFilters } from "@/lib/review/queue-params";
import { reviewQueue } from "@/lib/review/service";
import { STATUS_LABELS } from "@/lib/documents/status";

export const metadata: Metadata = { title: "Revisión" };
export const dynamic = "force-dynamic";

const PAGE_SIZE = 50;

/** The quarter of `today` and the ones before it, newest first. */
function recentQuarters(today: string, n = 8): Quarter[] {
  const out: Quarter[] = [quarterOf(today)!];
  while (out.length < n) out.push(previousQuarter(out[out.length - 1]));
  return out;
}

export default async function ReviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireBookContext();
  const raw = await searchParams;
  const params = readQueueParams(raw);
  const cursor = readCursor(raw);
  const today = todayInMadrid();
  const page = await reviewQueue(ctx.db, {
    userId: ctx.user.id,
    bookId: ctx.book.id,
    filters: toFilters(params),
    cursor,
    limit: PAGE_SIZE,
    today,
  });
  const first = page.items[0]?.id;
  const last = page.items.at(-1)?.id;
  const input = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";
  const pager = "rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100";
  const off = "rounded-md border border-slate-200 px-3 py-1.5 text-sm text-slate-400";
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Revisión</h1>
          <p className="text-sm text-slate-600">
            {ctx.book.legalName} · <span data-testid="queue-total">{page.total}</span> documentos. Pulsa{" "}
            <kbd className="rounded border px-1 font-mono text-xs">?</kbd> para ver los atajos.
          </p>
        </div>
      </div>
      <form method="get" action="/review" className="flex flex-wrap items-end gap-2 rounded-xl border border-slate-200 bg-white p-3" role="search">
        <label className="flex flex-col text-xs text-slate-600">
          Buscar
          <input name="q" defaultValue={params.q} placeholder="Proveedor, número o importe" className={`${input} w-56`} data-testid="queue-search" />
        </label>
        <label className="flex flex-col text-xs text-slate-600">
          Estado
          <select name="status" defaultValue={params.status} className={input}>
            <option value="">Todos</option>
            <option value="pending">Pendientes</option>
            {(["needs_review", "extracted", "failed", "rejected", "approved", "uploaded", "processing", "duplicate"] as const).map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-xs text-slate-600">
          Tipo
          <select name="direction" defaultValue={params.direction} className={input}>
            <option value="">Todos</option>
            <option value="received">Gastos (recibidas)</option>
            <option value="issued">Ingresos (emitidas)</option>
          </select>
        </label>
        <label className="flex flex-col text-xs text-slate-600">
          Trimestre
          <select name="quarter" defaultValue={params.quarter} className={input}>
            <option value="">Todos</option>
            {recentQuarters(today).map((q) => (
              <option key={quarterKey(q)} value={quarterKey(q)}>
                {quarterLabel(q)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-xs text-slate-600">
          Contraparte
          <input name="counterparty" defaultValue={params.counterparty} className={`${input} w-40`} />
        </label>
        <label className="flex flex-col text-xs text-slate-600">
          Total desde (€)
          <input name="min" defaultValue={params.min} inputMode="decimal" className={`${input} w-24`} />
        </label>
        <label className="flex flex-col text-xs text-slate-600">
          hasta (€)
          <input name="max" defaultValue={params.max} inputMode="decimal" className={`${input} w-24`} />
        </label>
        <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
          Filtrar
        </button>
        <Link href="/review" className="px-2 py-1.5 text-sm text-slate-600 hover:underline">
          Limpiar
        </Link>
      </form>
      <ReviewQueue items={page.items} />
      <nav aria-label="Páginas" className="flex flex-wrap gap-2">
        {page.hasPrev ? <Link className={pager} href={queueHref(params)}>« Primera</Link> : <span className={off}>« Primera</span>}
        {page.hasPrev && first ? <Link className={pager} href={queueHref(params, { before: first })}>‹ Anterior</Link> : <span className={off}>‹ Anterior</span>}
        {page.hasNext && last ? <Link className={pager} href={queueHref(params, { after: last })}>Siguiente ›</Link> : <span className={off}>Siguiente ›</span>}
        {page.hasNext ? <Link className={pager} href={queueHref(params, { last: "1" })}>Última »</Link> : <span className={off}>Última »</span>}
        <a className={pager} href={queueHref(params).replace(/^\/review/, "/api/review/export")} download>
          Exportar CSV
        </a>
      </nav>
    </div>
  );
}
