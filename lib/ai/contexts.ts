/** The assistant's contexts, with their Spanish labels. Client-safe (no server imports). */
export const ASSISTANT_CONTEXTS = ["tax", "accounting", "invoicing", "payments"] as const;
export type AssistantContext = (typeof ASSISTANT_CONTEXTS)[number];

export const CONTEXT_LABELS: Record<AssistantContext, { label: string; hint: string }> = {
  tax: { label: "Impuestos", hint: "Modelos 130, 303 y 111, retenciones, IRPF e IVA" },
  accounting: { label: "Contabilidad", hint: "Registros, gastos deducibles y márgenes" },
  invoicing: { label: "Facturación", hint: "Facturas, cobros, morosos y factura electrónica" },
  payments: { label: "Cobros y pagos", hint: "Cobros, conciliación, tesorería y fraude" },
};

export function isAssistantContext(v: unknown): v is AssistantContext {
  return typeof v === "string" && (ASSISTANT_CONTEXTS as readonly string[]).includes(v);
}
