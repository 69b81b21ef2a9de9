/** es-ES figures for the monitoring page (client-safe, pure). */

const oneDecimal = new Intl.NumberFormat("es-ES", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const integer = new Intl.NumberFormat("es-ES", { maximumFractionDigits: 0 });

/** A duration: "—" for none, "850 ms" under a second, "12,3 s" under a minute, "2 min 05 s" above. */
export function formatDurationMs(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return "—";
  if (ms < 1000) return `${integer.format(Math.round(ms))} ms`;
  if (ms < 60_000) return `${oneDecimal.format(ms / 1000)} s`;
  const totalS = Math.round(ms / 1000);
  return `${integer.format(Math.floor(totalS / 60))} min ${String(totalS % 60).padStart(2, "0")} s`;
}

/** Bytes as mebibytes with one decimal: "123,4 MB". */
export function formatMegabytes(bytes: number): string {
  return `${oneDecimal.format(bytes / 1024 / 1024)} MB`;
}

/** A count with es-ES grouping: "12.345". */
export function formatCount(n: number): string {
  return integer.format(n);
}
