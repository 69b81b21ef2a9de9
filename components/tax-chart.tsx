/**
 * Income, expenses and the 303 result by quarter, as a plain SVG bar chart (no chart library: four groups of three
 * bars). Rendered on the server; the figures are also in a table for screen readers.
 */
import { formatEuros } from "@/lib/money";

export type ChartQuarter = { label: string; incomeCents: number; expensesCents: number; vatCents: number };

const SERIES = [
  { key: "incomeCents", name: "Ingresos", color: "#1f7a8c" },
  { key: "expensesCents", name: "Gastos", color: "#94a3b8" },
  { key: "vatCents", name: "IVA (resultado 303)", color: "#d97706" },
] as const;

export function TaxChart({ quarters }: { quarters: ChartQuarter[] }) {
  const W = 640, H = 220, PAD = 28, BASE = H - PAD;
  const values = quarters.flatMap((q) => SERIES.map((s) => q[s.key]));
  const max = Math.max(1, ...values.map(Math.abs));
  const min = Math.min(0, ...values);
  const scale = (BASE - 12) / (max - min || 1);
  const zero = BASE + min * scale;
  const group = (W - PAD) / quarters.length;
  const bar = Math.min(36, (group - 24) / SERIES.length);
  return (
    <figure className="space-y-2">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="tax-chart-title" className="w-full max-w-2xl">
        <title id="tax-chart-title">Ingresos, gastos e IVA por trimestre</title>
        <line x1={PAD} x2={W} y1={zero} y2={zero} stroke="#cbd5e1" />
        {quarters.map((q, i) => (
          <g key={q.label} transform={`translate(${PAD + i * group + 12},0)`}>
            {SERIES.map((s, j) => {
              const v = q[s.key];
              const h = Math.abs(v) * scale;
              return (
                <rect key={s.key} x={j * bar} y={v >= 0 ? zero - h : zero} width={bar - 4} height={Math.max(h, 1)} fill={s.color}>
                  <title>{`${q.label} · ${s.name}: ${formatEuros(v)}`}</title>
                </rect>
              );
            })}
            <text x={(bar * SERIES.length) / 2} y={H - 8} textAnchor="middle" fontSize="12" fill="#475569">
              {q.label}
            </text>
          </g>
        ))}
      </svg>
      <figcaption className="flex flex-wrap gap-4 text-xs text-slate-600">
        {SERIES.map((s) => (
          <span key={s.key} className="inline-flex items-center gap-1">
            <span aria-hidden="true" className="inline-block h-3 w-3 rounded-sm" style={{ background: s.color }} /> {s.name}
          </span>
        ))}
      </figcaption>
      <table className="sr-only">
        <caption>Ingresos, gastos e IVA por trimestre</caption>
        <thead>
          <tr><th>Trimestre</th>{SERIES.map((s) => <th key={s.key}>{s.name}</th>)}</tr>
        </thead>
        <tbody>
          {quarters.map((q) => (
            <tr key={q.label}><th>{q.label}</th>{SERIES.map((s) => <td key={s.key}>{formatEuros(q[s.key])}</td>)}</tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
