/**
 * The settings side of the intake: the allow-list as typed by a person (one entry per line or comma), checked and
 * normalised; the outcome labels shown beside the last messages. Pure: no I/O.
 */
import { AppError } from "@/lib/errors";
import { normalizeSenderRule } from "@/lib/intake/address";

/** Most entries an allow-list keeps. */
export const MAX_SENDER_RULES = 100;

/** "ana@x.es, @luz.es\nproveedor.es" → ["ana@x.es", "@luz.es", "@proveedor.es"]; `intake:invalid_sender` otherwise. */
export function parseSenderList(text: string): string[] {
  const entries = text.split(/[\s,;]+/).filter(Boolean);
  const rules: string[] = [];
  for (const e of entries) {
    const r = normalizeSenderRule(e);
    if (!r) throw new AppError("intake:invalid_sender", e.slice(0, 100));
    if (!rules.includes(r)) rules.push(r);
  }
  if (rules.length > MAX_SENDER_RULES) throw new AppError("intake:invalid_sender", "too many entries");
  return rules;
}

export const OUTCOME_LABELS = {
  ingested: "Añadido a la bandeja",
  partial: "Añadido en parte",
  no_attachment: "Sin adjuntos válidos",
  sender_refused: "Remitente no permitido",
} as const;

export function outcomeLabel(outcome: keyof typeof OUTCOME_LABELS | null): string {
  return outcome ? OUTCOME_LABELS[outcome] : "En curso";
}
