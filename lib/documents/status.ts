import type { DocumentSource, DocumentStatus } from "@/lib/enums";

/** Spanish labels and badge colours for document statuses (client-safe). */
export const STATUS_LABELS: Record<DocumentStatus, string> = {
  uploaded: "En cola",
  processing: "Procesando",
  extracted: "Extraído",
  needs_review: "Revisar",
  approved: "Aprobado",
  rejected: "Rechazado",
  failed: "Error",
  duplicate: "Duplicado",
};

export const STATUS_STYLES: Record<DocumentStatus, string> = {
  uploaded: "bg-slate-100 text-slate-700",
  processing: "bg-blue-100 text-blue-800",
  extracted: "bg-emerald-100 text-emerald-800",
  needs_review: "bg-amber-100 text-amber-900",
  approved: "bg-emerald-600 text-white",
  rejected: "bg-rose-100 text-rose-800",
  failed: "bg-red-100 text-red-800",
  duplicate: "bg-violet-100 text-violet-800",
};

export const IN_PROGRESS: readonly DocumentStatus[] = ["uploaded", "processing"];
/** Statuses a reviewer acts on ("pendientes"). */
export const PENDING_REVIEW: DocumentStatus[] = ["extracted", "needs_review"];
export const isPendingReview = (s: string) => (PENDING_REVIEW as string[]).includes(s);

/** The inbox row as JSON (dates as ISO strings), shared by the page, the list route and the client. */
export type InboxItem = {
  id: string;
  filename: string;
  mimeType: string;
  sizeBytes: number;
  status: DocumentStatus;
  errorCode: string | null;
  errorMessage: string | null;
  uploadedAt: string;
  duplicateOf: string | null;
  counterpartyName: string | null;
  counterpartyTaxId: string | null;
  issueDate: string | null;
  number: string | null;
  totalCents: number | null;
  /** How it arrived: `upload`, or `email` (then `sourceDetail` is the sender). */
  source: DocumentSource;
  sourceDetail: string | null;
  /** Read from an e-invoice's data (XML, or XML attached to the PDF). */
  einvoice: boolean;
};

/** The inbox's "Origen" text: "Subido", "Correo de ana@…", plus "factura electrónica" when it is one. */
export function sourceLabel(item: Pick<InboxItem, "source" | "sourceDetail" | "einvoice">): string {
  const via = item.source === "email" ? `Correo${item.sourceDetail ? ` de ${item.sourceDetail}` : ""}` : "Subido";
  return item.einvoice ? `${via} · factura electrónica` : via;
}

/** es-ES date for an ISO yyyy-mm-dd (no time-zone shifts). */
export function formatIsoDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

const dateTime = new Intl.DateTimeFormat("es-ES", { dateStyle: "short", timeStyle: "short", timeZone: "Europe/Madrid" });
export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

export function formatBytes(n: number): string {
  const fmt = new Intl.NumberFormat("es-ES", { maximumFractionDigits: 1 });
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${fmt.format(n / 1024)} KB`;
  return `${fmt.format(n / 1024 / 1024)} MB`;
}

/** "El archivo supera el tamaño máximo permitido (10 MB)." with the configured limit. */
export const tooLargeMessage = (maxUploadMb: number) =>
  `El archivo supera el tamaño máximo permitido (${new Intl.NumberFormat("es-ES").format(maxUploadMb)} MB).`;
