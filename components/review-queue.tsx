"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState, useTransition } from "react";
import { approveOneAction, bulkApproveAction } from "@/app/(app)/review/actions";
import { ShortcutsHelp } from "@/components/shortcuts-help";
import { useShortcuts } from "@/components/use-shortcuts";
import { formatIsoDate, isPendingReview, STATUS_LABELS, STATUS_STYLES } from "@/lib/documents/status";
import { hasErrors } from "@/lib/invoices/checks";
import { formatEuros } from "@/lib/money";
import type { ReviewReason } from "@/lib/review/reasons";
import type { QueueItem } from "@/lib/review/service";

const HELP: [string, string][] = [
  ["j", "Siguiente documento"],
  ["k", "Documento anterior"],
  ["Intro / o", "Abrir el documento"],
  ["a", "Aprobar el documento seleccionado"],
  ["x", "Marcar / desmarcar para aprobar en bloque"],
  ["/", "Buscar"],
  ["?", "Esta ayuda"],
];


const REASON_STYLES: Record<ReviewReason["kind"], string> = {
  error: "text-red-700",
  doubtful: "text-amber-800",
  warning: "text-slate-600",
};
const SHOWN_REASONS = 2;

/** The row's reasons (lib/review/reasons): the first two in full, the rest counted; all of them for screen readers. */
function QueueReasons({ item }: { item: QueueItem }) {
  const { reasons } = item;
  if (reasons.length === 0) {
    if (item.issues === null) return <span className="text-slate-400">—</span>;
    return <span className="text-emerald-700">✓ Todo correcto</span>;
  }
  const rest = reasons.length - SHOWN_REASONS;
  return (
    <ul className="max-w-80 space-y-0.5" title={reasons.map((r) => `${r.label}: ${r.message}`).join("\n")}>
      {reasons.slice(0, SHOWN_REASONS).map((r, i) => (
        <li key={i} className={`truncate ${REASON_STYLES[r.kind]}`} data-kind={r.kind} data-field={r.field}>
          <span className="font-medium">{r.label}:</span> {r.message}
        </li>
      ))}
      {rest > 0 ? (
        <li className="text-slate-500">
          y {rest} más
          <span className="sr-only">: {reasons.slice(SHOWN_REASONS).map((r) => `${r.label}: ${r.message}`).join(" ")}</span>
        </li>
      ) : null}
    </ul>
  );
}

export function ReviewQueue({ items }: { items: QueueItem[] }) {
  const router = useRouter();
  const [cursor, setCursor] = useState(0);
  const [help, setHelp] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, start] = useTransition();
  // Warnings never block approval: bulk approval takes every pending document whose checks have no error.
  const passing = useMemo(
    () => items.filter((i) => isPendingReview(i.status) && i.issues !== null && !hasErrors(i.issues)).map((i) => i.id),
    [items],
  );
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const rows = useRef<(HTMLTableRowElement | null)[]>([]);

  useEffect(() => {
    setSelected(new Set());
    setCursor((c) => Math.min(c, Math.max(0, items.length - 1)));
  }, [items]);
  useEffect(() => {
    rows.current[cursor]?.scrollIntoView({ block: "nearest" });
  }, [cursor]);

  const current = items[cursor];
  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const approve = (id: string) =>
    start(async () => {
      const r = await approveOneAction({ documentId: id });
      setMessage(r.ok ? "Documento aprobado." : r.error);
      router.refresh();
    });
  const bulk = (ids: string[]) =>
    start(async () => {
      const r = await bulkApproveAction({ documentIds: ids });
      setMessage(r.ok ? r.data.message : r.error);
      router.refresh();
    });

  useShortcuts({
    j: () => setCursor((c) => Math.min(c + 1, items.length - 1)),
    k: () => setCursor((c) => Math.max(c - 1, 0)),
    ArrowDown: () => setCursor((c) => Math.min(c + 1, items.length - 1)),
    ArrowUp: () => setCursor((c) => Math.max(c - 1, 0)),
    Enter: () => (current ? router.push(`/documents/${current.id}`) : false),
    o: () => (current ? router.push(`/documents/${current.id}`) : false),
    a: () => (current && isPendingReview(current.status) ? approve(current.id) : false),
    x: () => (current && passing.includes(current.id) ? toggle(current.id) : false),
    "/": () => document.querySelector<HTMLInputElement>("[data-testid=queue-search]")?.focus(),
    "?": () => setHelp((h) => !h),
    Escape: () => setHelp(false),
  });

  if (items.length === 0) {
    return (
      <p className="rounded-xl border border-dashed border-slate-300 p-8 text-center text-sm text-slate-600" data-testid="queue-empty">
        No hay documentos con estos filtros.
      </p>
    );
  }
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <button
          type="button"
          disabled={busy || passing.length === 0}
          onClick={() => bulk(selected.size > 0 ? [...selected] : passing)}
          className="rounded-md bg-emerald-600 px-3 py-1.5 font-medium text-white hover:bg-emerald-700 disabled:bg-slate-300"
          data-testid="bulk-approve"
        >
          {selected.size > 0 ? `Aprobar seleccionados (${selected.size})` : `Aprobar los que no tienen errores (${passing.length})`}
        </button>
        {message ? (
          <p role="status" className="text-slate-700" data-testid="queue-message">
            {message}
          </p>
        ) : null}
      </div>
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
        <table className="w-full text-sm">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th className="w-8 px-3 py-2"><span className="sr-only">Seleccionar</span></th>
              <th className="px-3 py-2 font-medium">Estado</th>
              <th className="px-3 py-2 font-medium">Contraparte</th>
              <th className="px-3 py-2 font-medium">Número</th>
              <th className="px-3 py-2 font-medium">Fecha</th>
              <th className="px-3 py-2 text-right font-medium">Total</th>
              <th className="px-3 py-2 font-medium">Por qué revisar</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {items.map((it, i) => {
              const canSelect = passing.includes(it.id);
              return (
                <tr
                  key={it.id}
                  ref={(el) => {
                    rows.current[i] = el;
                  }}
                  data-testid="queue-row"
                  data-id={it.id}
                  data-status={it.status}
                  aria-current={i === cursor ? "true" : undefined}
                  onClick={() => setCursor(i)}
                  className={i === cursor ? "bg-brand-50 outline outline-2 -outline-offset-2 outline-brand-500" : "hover:bg-slate-50"}
                >
                  <td className="px-3 py-2">
                    {canSelect ? (
                      <input
                        type="checkbox"
                        aria-label={`Seleccionar ${it.counterpartyName ?? it.filename}`}
                        checked={selected.has(it.id)}
                        onChange={() => toggle(it.id)}
                      />
                    ) : null}
                  </td>
                  <td className="px-3 py-2">
                    <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_STYLES[it.status]}`}>{STATUS_LABELS[it.status]}</span>
                  </td>
                  <td className="max-w-64 truncate px-3 py-2">
                    <Link href={`/documents/${it.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                      {it.counterpartyName ?? it.filename}
                    </Link>
                    {it.counterpartyTaxId ? <span className="ml-2 text-xs text-slate-500">{it.counterpartyTaxId}</span> : null}
                  </td>
                  <td className="px-3 py-2">{it.number ?? "—"}</td>
                  <td className="px-3 py-2 tabular-nums">{formatIsoDate(it.issueDate)}</td>
                  <td className="px-3 py-2 text-right tabular-nums" data-testid="queue-total-cell">
                    {it.totalCents === null ? "—" : formatEuros(it.totalCents)}
                  </td>
                  <td className="px-3 py-2 text-xs" data-testid="queue-reasons">
                    <QueueReasons item={it} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <ShortcutsHelp open={help} onClose={() => setHelp(false)} items={HELP} />
    </div>
  );
}
