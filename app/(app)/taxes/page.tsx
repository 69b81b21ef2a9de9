import type { Metadata } from "next";
import Link from "next/link";
import { addExpenseAction, deleteExpenseAction, markFiledAction, saveTaxSettingsAction, unmarkFiledAction } from "@/app/(app)/taxes/actions";
import { TaxChart } from "@/components/tax-chart";
import { ActionForm } from "@/components/tax-forms";
import { requireBookContext } from "@/lib/auth/session";
import { formatEuros, formatPercent } from "@/lib/money";
import type { BoxKind, Boxes } from "@/lib/tax/models/boxes";
import { BOX_LABELS, KEY_BOXES } from "@/lib/tax/models/labels";
import { M111_BOXES, m111Kind } from "@/lib/tax/models/m111";
import { M115_BOXES, m115Kind } from "@/lib/tax/models/m115";
import { M130_BOXES, m130Kind } from "@/lib/tax/models/m130";
import { M303_BOXES, m303Kind } from "@/lib/tax/models/m303";
import { expandOtherExpenses } from "@/lib/tax/ledger";
import { formatLongDate, line130Obligation, quarterLines } from "@/lib/tax/plain-spanish";
import { quarterOf, todayInMadrid } from "@/lib/tax/quarters";
import { getTaxYear, type QuarterState, type TaxYear } from "@/lib/tax/service";

export const metadata: Metadata = { title: "Impuestos" };
export const dynamic = "force-dynamic";

type ModelKey = "m303" | "m130" | "m111" | "m115";
const MODELS: { key: ModelKey; title: string; order: readonly string[]; kind: (b: string) => BoxKind }[] = [
  { key: "m303", title: "Modelo 303 · IVA", order: M303_BOXES, kind: m303Kind },
  { key: "m130", title: "Modelo 130 · IRPF, pago fraccionado (acumulado desde el 1 de enero)", order: M130_BOXES, kind: m130Kind },
  { key: "m111", title: "Modelo 111 · Retenciones a profesionales", order: M111_BOXES, kind: m111Kind },
  { key: "m115", title: "Modelo 115 · Retenciones sobre alquileres", order: M115_BOXES, kind: m115Kind },
];

const shortDate = new Intl.DateTimeFormat("es-ES", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const dateTime = new Intl.DateTimeFormat("es-ES", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Madrid" });
const isoDate = (iso: string) => shortDate.format(new Date(`${iso}T00:00:00Z`));

function formatBox(value: number, kind: BoxKind): string {
  if (kind === "count") return String(value);
  if (kind === "rate") return formatPercent(value / 100);
  return formatEuros(value);
}

function stateText(s: QuarterState): string {
  switch (s.kind) {
    case "filed":
      return `Presentado el ${dateTime.format(s.filedAt)}${s.filedBy ? ` por ${s.filedBy}` : ""}`;
    case "in_progress":
      return "Trimestre en curso";
    case "due":
      return s.days === 0 ? "Vence hoy" : `Vence en ${s.days} ${s.days === 1 ? "día" : "días"}`;
    case "overdue":
      return `Plazo vencido hace ${s.days} ${s.days === 1 ? "día" : "días"}`;
  }
}

function ModelTable({ data, q, model, sourceLabel }: { data: TaxYear; q: number; model: (typeof MODELS)[number]; sourceLabel: (id: string) => React.ReactNode }) {
  const boxes = data.returns.quarters[q - 1][model.key] as Boxes;
  const shown = model.order.filter((b) => boxes.values[b] !== 0 || KEY_BOXES[model.key].includes(b));
  return (
    <section aria-labelledby={`${model.key}-title`} className="rounded-xl border border-slate-200 bg-white" data-testid={model.key}>
      <h3 id={`${model.key}-title`} className="border-b border-slate-100 px-4 py-2 font-semibold">
        {model.title}
      </h3>
      <table className="w-full text-sm">
        <thead className="sr-only">
          <tr><th>Casilla</th><th>Concepto</th><th>Importe</th><th>Facturas</th></tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {shown.map((b) => {
            const sources = boxes.sources[b] ?? [];
            return (
              <tr key={b} data-box={b}>
                <td className="w-16 px-4 py-1.5 font-mono text-slate-500">[{b}]</td>
                <td className="px-2 py-1.5">{BOX_LABELS[model.key][b] ?? ""}</td>
                <td className="px-4 py-1.5 text-right tabular-nums" data-testid={`${model.key}-${b}`}>{formatBox(boxes.values[b], model.kind(b))}</td>
                <td className="px-4 py-1.5">
                  {sources.length ? (
                    <details>
                      <summary className="cursor-pointer text-brand-700">
                        {sources.length} {sources.length === 1 ? "documento" : "documentos"}
                      </summary>
                      <ul className="mt-1 space-y-0.5">
                        {sources.map((id) => (
                          <li key={id}>{sourceLabel(id)}</li>
                        ))}
                      </ul>
                    </details>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

export default async function TaxesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireBookContext();
  const raw = await searchParams;
  const today = todayInMadrid();
  const current = quarterOf(today)!;
  const yearParam = Number(raw.year);
  const year = Number.isInteger(yearParam) && yearParam >= 2000 && yearParam <= 2999 ? yearParam : current.year;
  const includeUnreviewed = raw.pendientes === "1";
  const qParam = Number(raw.t);
  const data = await getTaxYear(ctx.db, { bookId: ctx.book.id, year, includeUnreviewed, today });
  // Default: the quarter now in its filing period (ended, deadline ahead, not filed), else the current one.
  const firstDue = data.states.findIndex((s) => s.kind === "due");
  const q = qParam >= 1 && qParam <= 4 ? qParam : firstDue >= 0 ? firstDue + 1 : year === current.year ? current.q : 4;
  const quarter = data.returns.quarters[q - 1];
  const state = data.states[q - 1];
  const obligation130 = line130Obligation(data.returns.withheld);

  const invoiceById = new Map(data.invoices.map((i) => [i.id, i]));
  const expenseById = new Map(expandOtherExpenses(data.otherExpenses, year).map((e) => [e.id, e]));
  const sourceLabel = (id: string) => {
    const inv = invoiceById.get(id);
    if (inv) {
      const who = inv.direction === "issued" ? `a ${inv.customerTaxId ?? "particular"}` : (inv.vendorName ?? inv.vendorTaxId ?? "—");
      return (
        <Link href={`/documents/${inv.documentId}`} className="text-brand-700 hover:underline">
          {isoDate(inv.issueDate)} · {who} · {inv.number ?? "s/n"} · {formatEuros(inv.totalCents)}
          {inv.approved ? "" : " (sin revisar)"}
        </Link>
      );
    }
    const e = expenseById.get(id);
    return e ? <span>{isoDate(e.date)} · {e.concept} · {formatEuros(e.amountCents)}</span> : <span>{id}</span>;
  };

  const chart = data.returns.quarters.map((r, i) => {
    const prev = i > 0 ? data.returns.quarters[i - 1].m130.values : { "01": 0, "02": 0 };
    return { label: `${r.quarter.q}T`, incomeCents: r.m130.values["01"] - prev["01"], expensesCents: r.m130.values["02"] - prev["02"], vatCents: r.m303.values["46"] };
  });
  const href = (o: { year?: number; t?: number; pendientes?: boolean }) => {
    const p = new URLSearchParams({ year: String(o.year ?? year), t: String(o.t ?? q) });
    if (o.pendientes ?? includeUnreviewed) p.set("pendientes", "1");
    return `/taxes?${p}`;
  };
  const input = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";
  const button = "rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700";
  const secondary = "rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100";

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Impuestos trimestrales {year}</h1>
          <p className="text-sm text-slate-600">
            Modelos 303, 130, 111 y 115 de {ctx.book.legalName} ({data.settings.nif}), calculados casilla a casilla con las facturas aprobadas.
          </p>
        </div>
        <nav aria-label="Año" className="flex gap-2 text-sm">
          <Link className={secondary} href={href({ year: year - 1, t: 4 })}>← {year - 1}</Link>
          <Link className={secondary} href={href({ year: year + 1, t: 1 })}>{year + 1} →</Link>
        </nav>
      </div>

      {includeUnreviewed ? (
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Incluye {data.unreviewedTotal} {data.unreviewedTotal === 1 ? "factura sin revisar" : "facturas sin revisar"}: las cifras pueden cambiar.{" "}
          <Link href={href({ pendientes: false })} className="font-medium underline">Ver solo las aprobadas</Link>
        </p>
      ) : data.unreviewedTotal > 0 ? (
        <p className="text-sm text-slate-600">
          {data.unreviewedTotal} {data.unreviewedTotal === 1 ? "factura del año está" : "facturas del año están"} sin revisar y no cuentan.{" "}
          <Link href={href({ pendientes: true })} className="font-medium text-brand-700 underline">Incluirlas (marcadas)</Link>{" "}
          · <Link href="/review" className="font-medium text-brand-700 underline">Revisarlas</Link>
        </p>
      ) : null}

      <nav aria-label="Trimestres" className="grid gap-3 sm:grid-cols-4">
        {data.returns.quarters.map((r, i) => {
          const s = data.states[i];
          const active = i + 1 === q;
          return (
            <Link
              key={r.key}
              href={href({ t: i + 1 })}
              aria-current={active ? "page" : undefined}
              data-testid={`quarter-${i + 1}`}
              className={`rounded-xl border p-3 text-sm ${active ? "border-brand-500 bg-brand-50" : "border-slate-200 bg-white hover:border-brand-500"}`}
            >
              <span className="block font-semibold">{r.quarter.q}T {year}</span>
              <span className={`block ${s.kind === "overdue" ? "text-red-700" : s.kind === "filed" ? "text-emerald-700" : "text-slate-600"}`}>{stateText(s)}</span>
              <span className="block text-slate-500">303/130: {isoDate(r.deadlines["303"])}</span>
            </Link>
          );
        })}
      </nav>

      <section aria-labelledby="summary-title" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
        <h2 id="summary-title" className="text-lg font-semibold">{q}T {year}: qué toca</h2>
        <ul className="list-disc space-y-1 pl-5 text-sm" data-testid="plain-lines">
          {quarterLines(quarter).map((l) => <li key={l}>{l}</li>)}
        </ul>
        {obligation130 ? <p className="text-sm text-slate-700" data-testid="m130-obligation">{obligation130}</p> : null}
        <p className="text-xs text-slate-500">
          Plazos: 303 y 130 hasta el {formatLongDate(quarter.deadlines["303"])}; 111 y 115 hasta el {formatLongDate(quarter.deadlines["111"])} (si cae en sábado, domingo o festivo nacional, pasa al siguiente día hábil).
        </p>
        {quarter.m303.notes.length ? (
          <ul className="text-xs text-amber-800">{quarter.m303.notes.map((n) => <li key={n}>{n}</li>)}</ul>
        ) : null}
        {state.kind === "filed" && state.changedSince > 0 ? (
          <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
            Atención: {state.changedSince} {state.changedSince === 1 ? "factura de este trimestre ha cambiado" : "facturas de este trimestre han cambiado"} desde que se marcó como presentado. Revisa si hace falta una autoliquidación rectificativa.
          </p>
        ) : null}
        <div className="flex flex-wrap items-center gap-3">
          <a href={`/api/taxes/export?kind=pack&year=${year}&quarter=${q}${includeUnreviewed ? "&pendientes=1" : ""}`} className={secondary} data-testid="download-pack" download>
            Descargar paquete del {q}T (ZIP)
          </a>
          <a href={`/api/taxes/export?kind=libro&letter=E&format=xlsx&year=${year}&quarter=${q}`} className={secondary} download>Libro de expedidas (XLSX)</a>
          <a href={`/api/taxes/export?kind=libro&letter=R&format=xlsx&year=${year}&quarter=${q}`} className={secondary} download>Libro de recibidas (XLSX)</a>
          <a href={`/api/taxes/export?kind=libro&letter=E&format=csv&year=${year}`} className={secondary} download>Expedidas {year} (CSV)</a>
          <a href={`/api/taxes/export?kind=libro&letter=R&format=csv&year=${year}`} className={secondary} download>Recibidas {year} (CSV)</a>
          {state.kind === "filed" ? (
            <ActionForm action={unmarkFiledAction} label="Desmarcar presentado">
              <input type="hidden" name="year" value={year} />
              <input type="hidden" name="quarter" value={q} />
              <button type="submit" className={secondary}>Desmarcar como presentado</button>
            </ActionForm>
          ) : (
            <ActionForm action={markFiledAction} label="Marcar como presentado">
              <input type="hidden" name="year" value={year} />
              <input type="hidden" name="quarter" value={q} />
              <button type="submit" className={button}>Marcar {q}T como presentado</button>
            </ActionForm>
          )}
        </div>
      </section>

      <div className="space-y-4">
        {MODELS.map((m) => (
          <ModelTable key={m.key} data={data} q={q} model={m} sourceLabel={sourceLabel} />
        ))}
      </div>

      <section aria-labelledby="chart-title" className="rounded-xl border border-slate-200 bg-white p-4">
        <h2 id="chart-title" className="mb-2 text-lg font-semibold">El año por trimestres</h2>
        <TaxChart quarters={chart} />
      </section>

      <section aria-labelledby="book-data-title" className="grid gap-6 rounded-xl border border-slate-200 bg-white p-4 md:grid-cols-2">
        <div className="space-y-3">
          <h2 id="book-data-title" className="text-lg font-semibold">Datos fiscales del libro</h2>
          <ActionForm action={saveTaxSettingsAction} className="space-y-3 text-sm" label="Datos fiscales">
            <label className="block space-y-1">
              <span className="font-medium">IVA pendiente de compensar del año anterior (€, casilla 110 del 1T)</span>
              <input name="carryForward303" inputMode="decimal" defaultValue={data.settings.carryForward303Cents ? formatEuros(data.settings.carryForward303Cents).replace(/\s*€$/, "") : ""} className={input} />
            </label>
            <label className="block space-y-1">
              <span className="font-medium">Rendimiento neto del año anterior (€, para la casilla 13 del 130)</span>
              <input name="lastYearNetIncome" inputMode="decimal" defaultValue={data.settings.lastYearNetIncomeCents === null ? "" : formatEuros(data.settings.lastYearNetIncomeCents).replace(/\s*€$/, "")} className={input} />
            </label>
            <label className="block space-y-1">
              <span className="font-medium">Régimen de IVA</span>
              <select name="vatRegime" defaultValue={data.settings.vatRegime} className={input}>
                <option value="general">General</option>
                <option value="recargo_equivalencia">Recargo de equivalencia</option>
                <option value="exento">Exento</option>
              </select>
            </label>
            <label className="block space-y-1">
              <span className="font-medium">IRPF</span>
              <select name="irpfRegime" defaultValue={data.settings.irpfRegime} className={input}>
                <option value="directa_simplificada">Estimación directa simplificada</option>
                <option value="directa_normal">Estimación directa normal</option>
              </select>
            </label>
            <label className="flex items-center gap-2">
              <input type="checkbox" name="q4Refund" defaultChecked={data.settings.q4Refund} />
              <span>Si el 303 del 4T sale negativo, pedir la devolución (si no, se compensa el año siguiente)</span>
            </label>
            <button type="submit" className={button}>Guardar</button>
          </ActionForm>
        </div>
        <div className="space-y-3">
          <h2 className="text-lg font-semibold">Gastos sin factura</h2>
          <p className="text-sm text-slate-600">Cuentan en el 130 (no en el 303): cuota de autónomos, comisiones bancarias…</p>
          {data.otherExpenses.length ? (
            <ul className="divide-y divide-slate-100 text-sm" data-testid="other-expenses">
              {data.otherExpenses.map((e) => (
                <li key={e.id} className="flex items-center justify-between gap-2 py-1.5">
                  <span>{isoDate(e.date)} · {e.concept} · {formatEuros(e.amountCents)}{e.repeat === "monthly" ? " · cada mes" : ""}</span>
                  <ActionForm action={deleteExpenseAction} label={`Borrar ${e.concept}`}>
                    <input type="hidden" name="id" value={e.id} />
                    <button type="submit" className="text-red-700 hover:underline">Borrar</button>
                  </ActionForm>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-500">Aún no hay gastos sin factura.</p>
          )}
          <ActionForm action={addExpenseAction} className="grid grid-cols-2 gap-2 text-sm" label="Añadir gasto sin factura">
            <label className="space-y-1"><span className="block font-medium">Fecha</span><input type="date" name="date" required className={input} /></label>
            <label className="space-y-1"><span className="block font-medium">Importe (€)</span><input name="amount" inputMode="decimal" required className={input} /></label>
            <label className="col-span-2 space-y-1"><span className="block font-medium">Concepto</span><input name="concept" required className={`${input} w-full`} /></label>
            <label className="col-span-2 flex items-center gap-2"><input type="checkbox" name="repeat" value="monthly" /> Se repite cada mes (p. ej. la cuota de autónomos)</label>
            <button type="submit" className={`${button} col-span-2 justify-self-start`}>Añadir</button>
          </ActionForm>
        </div>
      </section>
    </div>
  );
}
