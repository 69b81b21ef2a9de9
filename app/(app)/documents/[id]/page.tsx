import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AuditHistory } from "@/components/audit-history";
import { RefreshWhileProcessing, RetryButton } from "@/components/document-actions";
import { DocumentViewer, type SourceBox } from "@/components/document-viewer";
import { ReviewForm } from "@/components/review-form";
import { requireBookContext } from "@/lib/auth/session";
import { IN_PROGRESS, STATUS_LABELS, STATUS_STYLES } from "@/lib/documents/status";
import { isAppError, messageFor } from "@/lib/errors";
import { isUuid } from "@/lib/ids";
import { mentionsReverseCharge } from "@/lib/invoices/checks";
import { todayInMadrid } from "@/lib/tax/quarters";
import { formValuesOf } from "@/lib/review/form-values";
import { readForReview, REJECTABLE, REPROCESSABLE } from "@/lib/review/service";

export const metadata: Metadata = { title: "Documento" };
export const dynamic = "force-dynamic";

const pct = new Intl.NumberFormat("es-ES", { maximumFractionDigits: 2 });

export default async function DocumentPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ aprobado?: string | string[] }>;
}) {
  const approvedBefore = (await searchParams).aprobado;
  const justApproved = isUuid(approvedBefore) ? approvedBefore : null;
  const ctx = await requireBookContext();
  const today = todayInMadrid();
  const rec = await readForReview(ctx.db, { userId: ctx.user.id, documentId: (await params).id, today }).catch((e) => {
    if (isAppError(e)) notFound();
    throw e;
  });
  const doc = rec.document;
  const fileId = doc.status === "duplicate" && doc.duplicateOf ? doc.duplicateOf : doc.id;
  const fields = rec.extraction?.fields ?? {};
  const confidence = Object.fromEntries(
    Object.entries(fields).filter(([, f]) => f.value !== null).map(([k, f]) => [k, f.confidence]),
  );
  const boxes: SourceBox[] = Object.entries(fields).flatMap(([k, f]) => (f.box ? [{ ...f.box, label: k }] : []));
  const inProgress = IN_PROGRESS.includes(doc.status);
  const showForm = !inProgress && doc.status !== "duplicate";

  return (
    <div className="space-y-5">
      <RefreshWhileProcessing active={inProgress} />
      <nav aria-label="Migas" className="flex items-center gap-4 text-sm">
        <Link href="/review" className="text-brand-700 hover:underline">← Revisión</Link>
        <Link href="/inbox" className="text-slate-600 hover:underline">Bandeja de entrada</Link>
        <span className="ml-auto flex gap-2">
          {rec.prevId ? <Link href={`/documents/${rec.prevId}`} className="rounded border px-2 py-0.5 hover:bg-slate-100" data-testid="prev-doc">‹ Anterior (k)</Link> : null}
          {rec.nextId ? <Link href={`/documents/${rec.nextId}`} className="rounded border px-2 py-0.5 hover:bg-slate-100" data-testid="next-doc">Siguiente (j) ›</Link> : null}
        </span>
      </nav>
      {justApproved ? (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900" data-testid="approved-banner">
          ✓ Documento aprobado.{" "}
          <Link href={`/documents/${justApproved}`} className="font-medium underline">Ver el aprobado</Link>. Este es el
          siguiente pendiente de la cola.
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="truncate text-2xl font-semibold">{doc.originalFilename}</h1>
        <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_STYLES[doc.status]}`} data-testid="status" data-status={doc.status}>
          {STATUS_LABELS[doc.status]}
        </span>
      </div>
      {doc.status === "failed" ? (
        <div role="alert" className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-red-200 bg-red-50 p-4">
          <p className="text-sm text-red-800">{messageFor(doc.errorCode)} Puedes reintentarlo o introducir los datos a mano.</p>
          <RetryButton documentId={doc.id} />
        </div>
      ) : null}
      {doc.status === "rejected" && doc.rejectionReason ? (
        <p role="note" className="rounded-md border border-rose-200 bg-rose-50 p-3 text-sm text-rose-900" data-testid="rejection">
          Rechazado: {doc.rejectionReason}
        </p>
      ) : null}
      {doc.status === "duplicate" && doc.duplicateOf ? (
        <p className="rounded-md bg-violet-50 p-4 text-sm text-violet-900">
          Este archivo ya estaba en tu bandeja.{" "}
          <Link href={`/documents/${doc.duplicateOf}`} className="font-medium underline">Ver el original</Link>
        </p>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-label="Documento original" className="overflow-hidden rounded-xl border border-slate-200 bg-white lg:sticky lg:top-4 lg:self-start">
          {doc.mimeType === "application/xml" ? (
            // An e-invoice has no image: show what its data says, and the XML to download.
            <div className="space-y-3 p-4" data-testid="einvoice-view">
              <h2 className="text-lg font-semibold">Factura electrónica</h2>
              <pre className="whitespace-pre-wrap break-words text-sm text-slate-800">{rec.extraction?.rawText ?? "Procesando…"}</pre>
              <a href={`/api/files/${fileId}`} download={doc.originalFilename} className="text-sm font-medium text-brand-700 underline">
                Descargar el XML original
              </a>
            </div>
          ) : (
            <DocumentViewer src={`/api/files/${fileId}`} mimeType={doc.mimeType} filename={doc.originalFilename} boxes={boxes} />
          )}
        </section>
        <div className="space-y-6">
          <section aria-labelledby="fields-heading" className="rounded-xl border border-slate-200 bg-white p-4">
            <h2 id="fields-heading" className="mb-3 text-lg font-semibold">Registro fiscal</h2>
            {showForm ? (
              <div data-testid="fields">
                <ReviewForm
                  key={doc.id}
                  formKey={`${rec.invoice?.updatedAt?.toISOString() ?? "new"}-${doc.status}`}
                  documentId={doc.id}
                  initial={formValuesOf(doc, rec.invoice, rec.lines)}
                  confidence={confidence}
                  today={today}
                  status={doc.status}
                  readOnly={doc.status === "approved"}
                  canReject={REJECTABLE.includes(doc.status)}
                  canReprocess={REPROCESSABLE.includes(doc.status)}
                  hintContext={{
                    ownTaxId: ctx.book.nif,
                    customerTaxId: typeof fields.customerTaxId?.value === "string" ? fields.customerTaxId.value : null,
                    reverseChargeMentioned: rec.extraction ? mentionsReverseCharge(rec.extraction.rawText) : false,
                  }}
                  nextId={rec.nextId}
                  prevId={rec.prevId}
                />
              </div>
            ) : (
              <p className="text-sm text-slate-600">{inProgress ? "Procesando el documento…" : "No hay datos que revisar."}</p>
            )}
            {rec.extraction ? (
              <p className="mt-4 text-xs text-slate-500">
                Origen del texto:{" "}
                {rec.extraction.textSource === "ocr"
                  ? "OCR"
                  : rec.extraction.textSource === "einvoice"
                    ? `factura electrónica (${String(rec.extraction.fields.einvoiceFormat?.value ?? "XML")}), sin OCR`
                    : "capa de texto del PDF"}{" "}
                · confianza{" "}
                {pct.format(Math.round(rec.extraction.confidence * 100))} %
              </p>
            ) : null}
          </section>
          <AuditHistory entries={rec.audit} />
        </div>
      </div>
    </div>
  );
}
