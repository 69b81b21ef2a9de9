import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { isAdmin } from "@/lib/auth/admin";
import { requireBookContext } from "@/lib/auth/session";
import { formatDateTime, STATUS_LABELS } from "@/lib/documents/status";
import type { DoctorReport } from "@/lib/doctor";
import { DOCUMENT_STATUSES } from "@/lib/enums";
import { isErrorCode, messageFor } from "@/lib/errors";
import { formatCount, formatDurationMs, formatMegabytes } from "@/lib/monitoring/format";
import { monitoringSnapshot, runPageDoctor } from "@/lib/monitoring/snapshot";

export const metadata: Metadata = { title: "Monitorización" };
export const dynamic = "force-dynamic";

const SOURCE_LABELS = { pdf_text: "PDF con texto", ocr: "OCR (escaneos y fotos)", einvoice: "Factura electrónica" } as const;
const OCR_STATE_LABELS = { stopped: "Parado (arranca con el primer escaneo)", starting: "Arrancando", ready: "Listo" } as const;
const DOCTOR_LABELS = { ok: "Correcto", warn: "Aviso", fail: "Fallo", skip: "No aplica" } as const;
const DOCTOR_SYMBOLS = { ok: "✓", warn: "⚠", fail: "✗", skip: "–" } as const;
const DOCTOR_STYLES = { ok: "text-emerald-700", warn: "text-amber-700", fail: "text-red-700", skip: "text-slate-500" } as const;

const th = "px-4 py-2 font-medium";
const td = "px-4 py-2";

/** Operators only (lib/auth/admin.ts): the instance's queue, processing times, failures, memory and the doctor. */
export default async function MonitoringPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireBookContext();
  if (!(await isAdmin(ctx.db, ctx.user))) notFound();
  const wantDoctor = (await searchParams).doctor === "1";
  const [snap, doctor] = await Promise.all([monitoringSnapshot(ctx.db), wantDoctor ? runPageDoctor() : Promise.resolve(null)]);
  const totalQueued = snap.queue.uploaded + snap.queue.processing;

  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">Monitorización</h1>
        <p className="text-sm text-slate-600">
          Toda la instancia (todos los libros). Datos de las últimas 24 horas, hasta el {formatDateTime(snap.at)}.
        </p>
      </div>

      <section aria-labelledby="queue-h" className="space-y-2">
        <h2 id="queue-h" className="text-lg font-semibold">
          Cola de documentos
        </h2>
        <p className="text-sm text-slate-600">
          En espera o procesándose: <strong data-testid="queued">{formatCount(totalQueued)}</strong>
        </p>
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="w-full text-sm" data-testid="queue-depth">
            <caption className="sr-only">Documentos por estado</caption>
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th scope="col" className={th}>Estado</th>
                <th scope="col" className={`${th} text-right`}>Documentos</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {DOCUMENT_STATUSES.map((s) => (
                <tr key={s} data-status={s}>
                  <th scope="row" className={`${td} text-left font-normal`}>{STATUS_LABELS[s]}</th>
                  <td className={`${td} text-right tabular-nums`}>{formatCount(snap.queue[s])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="times-h" className="space-y-2">
        <h2 id="times-h" className="text-lg font-semibold">
          Tiempos de procesamiento (24 h)
        </h2>
        <p className="text-sm text-slate-600">Desde la subida hasta la extracción guardada, según cómo se leyó el texto.</p>
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="w-full text-sm" data-testid="processing-times">
            <caption className="sr-only">Percentiles 50 y 95 del tiempo de procesamiento por formato</caption>
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th scope="col" className={th}>Formato</th>
                <th scope="col" className={`${th} text-right`}>Documentos</th>
                <th scope="col" className={`${th} text-right`}>
                  <abbr title="Percentil 50 (mediana)">p50</abbr>
                </th>
                <th scope="col" className={`${th} text-right`}>
                  <abbr title="Percentil 95">p95</abbr>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {(Object.keys(SOURCE_LABELS) as (keyof typeof SOURCE_LABELS)[]).map((k) => (
                <tr key={k} data-source={k}>
                  <th scope="row" className={`${td} text-left font-normal`}>{SOURCE_LABELS[k]}</th>
                  <td className={`${td} text-right tabular-nums`}>{formatCount(snap.times[k].count)}</td>
                  <td className={`${td} text-right tabular-nums`}>{formatDurationMs(snap.times[k].p50)}</td>
                  <td className={`${td} text-right tabular-nums`}>{formatDurationMs(snap.times[k].p95)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="failures-h" className="space-y-2">
        <h2 id="failures-h" className="text-lg font-semibold">
          Errores por código (24 h)
        </h2>
        {snap.failures.length === 0 ? (
          <p className="text-sm text-slate-600" data-testid="no-failures">
            Ningún documento ha fallado en las últimas 24 horas.
          </p>
        ) : (
          <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
            <table className="w-full text-sm" data-testid="failures">
              <caption className="sr-only">Documentos con error por código</caption>
              <thead className="bg-slate-50 text-left text-slate-600">
                <tr>
                  <th scope="col" className={th}>Código</th>
                  <th scope="col" className={th}>Mensaje</th>
                  <th scope="col" className={`${th} text-right`}>Documentos</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {snap.failures.map((f) => (
                  <tr key={f.code}>
                    <th scope="row" className={`${td} text-left font-mono font-normal`}>{f.code}</th>
                    <td className={`${td} text-slate-600`}>{isErrorCode(f.code) ? messageFor(f.code) : "—"}</td>
                    <td className={`${td} text-right tabular-nums`}>{formatCount(f.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="process-h" className="space-y-2">
        <h2 id="process-h" className="text-lg font-semibold">
          Proceso
        </h2>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-1 rounded-xl border border-slate-200 bg-white p-4 text-sm sm:grid-cols-[auto_1fr]" data-testid="process">
          <dt className="text-slate-600">Memoria residente (RSS)</dt>
          <dd className="tabular-nums">{formatMegabytes(snap.memory.rss)}</dd>
          <dt className="text-slate-600">Montículo de JavaScript</dt>
          <dd className="tabular-nums">
            {formatMegabytes(snap.memory.heapUsed)} en uso de {formatMegabytes(snap.memory.heapTotal)}
          </dd>
          <dt className="text-slate-600">Memoria externa y búferes</dt>
          <dd className="tabular-nums">
            {formatMegabytes(snap.memory.external)} (búferes {formatMegabytes(snap.memory.arrayBuffers)})
          </dd>
          <dt className="text-slate-600">En marcha desde hace</dt>
          <dd className="tabular-nums">{formatDurationMs(snap.uptimeS * 1000)}</dd>
          <dt className="text-slate-600">Motor OCR</dt>
          <dd data-testid="ocr-state" data-state={snap.ocr.state}>
            {OCR_STATE_LABELS[snap.ocr.state]}
            {snap.ocr.state === "ready" ? ` · ${formatCount(snap.ocr.workers)} trabajadores · ${snap.ocr.langs}` : null}
          </dd>
        </dl>
      </section>

      <section aria-labelledby="doctor-h" className="space-y-2">
        <h2 id="doctor-h" className="text-lg font-semibold">
          Diagnóstico de despliegue
        </h2>
        <p className="text-sm text-slate-600">
          La lista de comprobación de <code>npm run doctor</code> sobre la configuración de este proceso, sin la prueba
          de OCR (para no ocupar el motor de los documentos).
        </p>
        <form method="get">
          <input type="hidden" name="doctor" value="1" />
          <button type="submit" className="rounded-lg bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-600 focus-visible:outline-2 focus-visible:outline-offset-2">
            {doctor ? "Volver a comprobar" : "Ejecutar diagnóstico"}
          </button>
        </form>
        {doctor ? <DoctorTable report={doctor} /> : null}
      </section>
    </div>
  );
}

function DoctorTable({ report }: { report: DoctorReport }) {
  const { ok, warn, fail, skip } = report.summary;
  return (
    <div className="space-y-2" data-testid="doctor">
      <p role="status" className={`text-sm font-medium ${report.ok ? "text-emerald-700" : "text-red-700"}`}>
        {report.ok ? "Listo" : "No está listo: corrige las líneas con fallo"} ({report.production ? "modo producción" : "modo desarrollo"}) ·{" "}
        {ok} correctas, {warn} avisos, {fail} fallos, {skip} no aplican · {formatDateTime(report.checkedAt)}
      </p>
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
        <table className="w-full text-sm">
          <caption className="sr-only">Resultado de cada comprobación</caption>
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th scope="col" className={th}>Resultado</th>
              <th scope="col" className={th}>Comprobación</th>
              <th scope="col" className={th}>Detalle</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {report.checks.map((c) => (
              <tr key={c.id} data-check={c.id} data-status={c.status}>
                <td className={`${td} whitespace-nowrap ${DOCTOR_STYLES[c.status]}`}>
                  <span aria-hidden="true">{DOCTOR_SYMBOLS[c.status]}</span> {DOCTOR_LABELS[c.status]}
                </td>
                <th scope="row" className={`${td} text-left font-normal`}>{c.label}</th>
                <td className={td}>
                  {c.detail}
                  {c.fix && (c.status === "fail" || c.status === "warn") ? <p className="text-slate-600">→ {c.fix}</p> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
