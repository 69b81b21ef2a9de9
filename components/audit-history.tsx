import type { AuditEntry } from "@/db/queries/audit";
import { formatDateTime, formatIsoDate, STATUS_LABELS } from "@/lib/documents/status";
import { formatEuros, formatPercent } from "@/lib/money";
import type { DocumentStatus } from "@/lib/enums";
import { CATEGORY_LABELS, type ExpenseCategory } from "@/lib/tax/categories";

const ACTIONS: Record<string, string> = {
  "document.uploaded": "Subido",
  "document.duplicate": "Duplicado detectado",
  "document.extracted": "Datos extraídos",
  "document.failed": "Error al procesar",
  "document.retry": "Reintento",
  "document.reprocess": "Reprocesado",
  "document.approved": "Aprobado",
  "document.rejected": "Rechazado",
  "document.reopened": "Reabierto",
  "document.updated": "Estado cambiado",
  "invoice.updated": "Corregido",
  "invoice.replaced": "Registro anterior guardado al reprocesar",
};
const FIELDS: Record<string, string> = {
  direction: "Tipo de operación",
  docType: "Tipo de documento",
  counterpartyName: "Contraparte",
  counterpartyTaxId: "NIF",
  number: "Número",
  issueDate: "Fecha",
  baseCents: "Base imponible",
  vatCents: "IVA",
  recargoCents: "Recargo",
  irpfRate: "Tipo IRPF",
  irpfCents: "IRPF",
  totalCents: "Total",
  category: "Categoría",
  deductiblePct: "Deducible",
  reverseCharge: "Inversión del sujeto pasivo",
  reverseChargeRate: "Tipo de autoliquidación",
  vatLines: "Líneas de IVA",
  status: "Estado",
};

function show(field: string | null, v: unknown): string {
  if (v === null || v === undefined || v === "") return "—";
  if (field?.endsWith("Cents") && typeof v === "number") return formatEuros(v);
  if (field === "issueDate" && typeof v === "string") return formatIsoDate(v);
  if (field === "status" && typeof v === "string") return STATUS_LABELS[v as DocumentStatus] ?? v;
  if (field === "status" && typeof v === "object" && v && "status" in v) {
    const o = v as { status: DocumentStatus; reason?: string };
    return `${STATUS_LABELS[o.status] ?? o.status}${o.reason ? ` («${o.reason}»)` : ""}`;
  }
  if (field === "vatLines" && Array.isArray(v))
    return v.map((l: { rate: string; baseCents: number; vatCents: number }) => `${formatPercent(l.rate)}: ${formatEuros(l.baseCents)} + ${formatEuros(l.vatCents)}`).join("; ") || "—";
  if (field === "irpfRate" || field === "deductiblePct" || field === "reverseChargeRate") return formatPercent(v as number | string);
  if (field === "category" && typeof v === "string") return CATEGORY_LABELS[v as ExpenseCategory] ?? v;
  if (typeof v === "boolean") return v ? "Sí" : "No";
  if (typeof v === "string" || typeof v === "number") return String(v);
  return "";
}

export function AuditHistory({ entries }: { entries: AuditEntry[] }) {
  return (
    <section aria-labelledby="history-heading" className="rounded-xl border border-slate-200 bg-white p-4">
      <h2 id="history-heading" className="mb-3 text-lg font-semibold">Historial</h2>
      {entries.length === 0 ? (
        <p className="text-sm text-slate-600">Sin actividad.</p>
      ) : (
        <ol className="space-y-2 text-sm" data-testid="history">
          {entries.map((e) => (
            <li key={e.id} className="flex flex-wrap gap-x-2" data-testid="history-entry" data-action={e.action} data-field={e.field ?? ""}>
              <time className="text-slate-500 tabular-nums" dateTime={e.at}>{formatDateTime(e.at)}</time>
              <span className="font-medium">{e.userName ?? "Sistema"}</span>
              <span>{ACTIONS[e.action] ?? e.action}</span>
              {e.field && e.action === "invoice.updated" ? (
                <span>
                  {FIELDS[e.field] ?? e.field}: <del className="text-slate-500">{show(e.field, e.before)}</del> →{" "}
                  <ins className="no-underline">{show(e.field, e.after)}</ins>
                </span>
              ) : null}
              {e.action === "document.rejected" ? <span>{show("status", e.after)}</span> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
