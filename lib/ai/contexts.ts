import type { AssistantContext } from "@/lib/enums";

export { ASSISTANT_CONTEXTS, type AssistantContext } from "@/lib/enums";

/** The assistant's contexts' Spanish labels. Client-safe (no server imports). */
export const CONTEXT_LABELS: Record<AssistantContext, { label: string; hint: string }> = {
  tax: { label: "Impuestos", hint: "Modelos 130, 303 y 111, retenciones, IRPF e IVA" },
  accounting: { label: "Contabilidad", hint: "Registros, gastos deducibles y márgenes" },
  invoicing: { label: "Facturación", hint: "Facturas, cobros, morosos y factura electrónica" },
  payments: { label: "Cobros y pagos", hint: "Cobros, conciliación, tesorería y fraude" },
};
