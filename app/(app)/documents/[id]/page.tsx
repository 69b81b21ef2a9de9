import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getDocumentForMember } from "@/db/queries/documents";
import { getExtraction, getInvoiceForDocument } from "@/db/queries/extractions";
import { RefreshWhileProcessing, RetryButton } from "@/components/document-actions";
import { requireBookContext } from "@/lib/auth/session";
import { formatIsoDate, IN_PROGRESS, STATUS_LABELS, STATUS_STYLES } from "@/lib/documents/status";
import { messageFor } from "@/lib/errors";
import { formatEuros } from "@/lib/money";

export const metadata: Metadata = { title: "Documento" };
export const dynamic = "force-dynamic";

const euros = (c: number | null | undefined) => (c === null || c === undefined ? "—" : formatEuros(c));
const pct = new Intl.NumberFormat("es-ES", { maximumFractionDigits: 2 });

export default async function DocumentPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requireBookContext();
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  const doc = await getDocumentForMember(ctx.db, { id: id.data, userId: ctx.user.id });
  if (!doc) notFound();
  const [invoice, extraction] = await Promise.all([
    getInvoiceForDocument(ctx.db, { documentId: doc.id }),
    getExtraction(ctx.db, { documentId: doc.id }),
  ]);
  const fileId = doc.status === "duplicate" && doc.duplicateOf ? doc.duplicateOf : doc.id;
  const conf = (k: string) => extraction?.fields[k]?.confidence;
  const rows: [string, string, number | undefined][] = invoice
    ? [
        ["Proveedor", invoice.counterpartyName ?? "—", conf("vendorName")],
        ["NIF/CIF del proveedor", invoice.counterpartyTaxId ?? "—", conf("vendorTaxId")],
        ["Número de factura", invoice.number ?? "—", conf("invoiceNumber")],
        ["Fecha de emisión", formatIsoDate(invoice.issueDate), conf("issueDate")],
        ["Base imponible", euros(invoice.baseCents), conf("baseCents")],
        ["IVA", euros(invoice.vatCents), conf("vatCents")],
        [
          "Retención IRPF",
          invoice.irpfCents ? `${euros(invoice.irpfCents)} (${pct.format(Number(invoice.irpfRate ?? 0))} %)` : "—",
          conf("irpfCents"),
        ],
        ["Total", euros(invoice.totalCents), conf("totalCents")],
      ]
    : [];

  return (
    <div className="space-y-6">
      <RefreshWhileProcessing active={IN_PROGRESS.includes(doc.status)} />
      <nav aria-label="Migas">
        <Link href="/inbox" className="text-sm text-brand-700 hover:underline">
          ← Bandeja de entrada
        </Link>
      </nav>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="truncate text-2xl font-semibold">{doc.originalFilename}</h1>
        <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_STYLES[doc.status]}`} data-testid="status">
          {STATUS_LABELS[doc.status]}
        </span>
      </div>
      {doc.status === "failed" ? (
        <div role="alert" className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-red-200 bg-red-50 p-4">
          <p className="text-sm text-red-800">{messageFor(doc.errorCode)}</p>
          <RetryButton documentId={doc.id} />
        </div>
      ) : null}
      {doc.status === "duplicate" && doc.duplicateOf ? (
        <p className="rounded-md bg-violet-50 p-4 text-sm text-violet-900">
          Este archivo ya estaba en tu bandeja.{" "}
          <Link href={`/documents/${doc.duplicateOf}`} className="font-medium underline">
            Ver el original
          </Link>
        </p>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-label="Documento original" className="overflow-hidden rounded-xl border border-slate-200 bg-white">
          {doc.mimeType === "application/pdf" ? (
            <object data={`/api/files/${fileId}`} type="application/pdf" className="h-[70vh] w-full">
              <p className="p-4 text-sm">
                <a href={`/api/files/${fileId}`} className="text-brand-700 underline">
                  Abrir el PDF
                </a>
              </p>
            </object>
          ) : (
            // eslint-disable-next-line @next/next/no-img-element
            <img src={`/api/files/${fileId}`} alt={`Imagen de ${doc.originalFilename}`} className="w-full" />
          )}
        </section>
        <section aria-labelledby="fields-heading" className="rounded-xl border border-slate-200 bg-white p-4">
          <h2 id="fields-heading" className="mb-3 text-lg font-semibold">
            Datos extraídos
          </h2>
          {rows.length === 0 ? (
            <p className="text-sm text-slate-600">
              {IN_PROGRESS.includes(doc.status) ? "Procesando el documento…" : "No hay datos extraídos."}
            </p>
          ) : (
            <dl className="divide-y divide-slate-100 text-sm" data-testid="fields">
              {rows.map(([label, value, c]) => (
                <div key={label} className="flex justify-between gap-4 py-2">
                  <dt className="text-slate-600">{label}</dt>
                  <dd className="text-right font-medium tabular-nums">
                    {value}
                    {c !== undefined && value !== "—" && c < 0.6 ? (
                      <span className="ml-2 rounded bg-amber-100 px-1 text-xs text-amber-900" title="Confianza baja">
                        revisar
                      </span>
                    ) : null}
                  </dd>
                </div>
              ))}
            </dl>
          )}
          {extraction ? (
            <p className="mt-4 text-xs text-slate-500">
              Origen del texto: {extraction.textSource === "ocr" ? "OCR" : "capa de texto del PDF"} · confianza{" "}
              {pct.format(Math.round(extraction.confidence * 100))} %
            </p>
          ) : null}
        </section>
      </div>
    </div>
  );
}
