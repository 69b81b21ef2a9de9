/**
 * One plain-Spanish line per return: what to pay, carry forward or ask back, and by when. Pure; es-ES formats.
 */
import { formatEuros, formatPercent } from "@/lib/money";
import type { QuarterReturns, YearReturns } from "@/lib/tax/year";

const longDate = new Intl.DateTimeFormat("es-ES", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
/** "2026-04-20" → "20 de abril de 2026". */
export function formatLongDate(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  return longDate.format(new Date(Date.UTC(y, m - 1, d)));
}

export function line303(q: QuarterReturns): string {
  const v = q.m303.values;
  const by = formatLongDate(q.deadlines["303"]);
  switch (q.m303.outcome) {
    case "ingresar":
      return `Modelo 303: a ingresar ${formatEuros(v["71"])} hasta el ${by}.`;
    case "compensar":
      return `Modelo 303: sale a compensar ${formatEuros(-v["71"])}; preséntalo hasta el ${by} sin pagar nada. Quedan ${formatEuros(q.m303.nextPendingCents)} para restar en los próximos trimestres.`;
    case "devolver":
      return `Modelo 303: sale a devolver ${formatEuros(-v["71"])}; pide la devolución al presentarlo hasta el ${by}.`;
    case "cero":
      return q.m303.nextPendingCents > 0
        ? `Modelo 303: resultado cero gracias a lo pendiente de compensar; preséntalo hasta el ${by}. Quedan ${formatEuros(q.m303.nextPendingCents)} para los próximos trimestres.`
        : `Modelo 303: resultado cero; preséntalo hasta el ${by}.`;
  }
}

export function line130(q: QuarterReturns): string {
  const v = q.m130.values;
  const by = formatLongDate(q.deadlines["130"]);
  switch (q.m130.outcome) {
    case "ingresar":
      return `Modelo 130: a ingresar ${formatEuros(v["19"])} hasta el ${by}.`;
    case "a_deducir":
      return `Modelo 130: resultado negativo de ${formatEuros(-v["19"])}, que se descontará en los próximos trimestres del año; preséntalo hasta el ${by}.`;
    case "negativa":
      return `Modelo 130: declaración negativa (${formatEuros(v["19"])}); preséntala hasta el ${by}.`;
    case "cero":
      return `Modelo 130: nada que ingresar (las retenciones y pagos anteriores cubren el 20 %); preséntalo hasta el ${by}.`;
  }
}

export function lineWithholding(model: "111" | "115", amountCents: number, deadline: string): string {
  return amountCents > 0
    ? `Modelo ${model}: ingresa ${formatEuros(amountCents)} de retenciones hasta el ${formatLongDate(deadline)}.`
    : `Modelo ${model}: sin retenciones este trimestre, nada que ingresar.`;
}

export function quarterLines(q: QuarterReturns): string[] {
  return [
    line303(q),
    line130(q),
    lineWithholding("111", q.m111.values["30"], q.deadlines["111"]),
    lineWithholding("115", q.m115.values["05"], q.deadlines["115"]),
  ];
}

/**
 * The 130's 70 % rule (RIRPF 109.1) in words, read from the previous year's issued invoices; null when that year
 * has none in the book (nothing to say).
 */
export function line130Obligation(w: YearReturns["withheld"]): string | null {
  if (w.invoices === 0) return null;
  const share = formatPercent(w.sharePct);
  return w.notObliged
    ? `Modelo 130: en ${w.year} el ${share} de tus ingresos tuvo retención de IRPF (70 % o más), así que este año no estás obligado a presentarlo.`
    : `Modelo 130: en ${w.year} solo el ${share} de tus ingresos tuvo retención de IRPF (menos del 70 %), así que este año tienes que presentarlo cada trimestre.`;
}
