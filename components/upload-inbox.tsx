"use client";

import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import { formatEuros } from "@/lib/money";
import {
  formatBytes,
  formatDateTime,
  formatIsoDate,
  IN_PROGRESS,
  STATUS_LABELS,
  STATUS_STYLES,
  sourceLabel,
  type InboxItem,
} from "@/lib/documents/status";
import { ERROR_MESSAGES, messageFor } from "@/lib/errors";

type Upload = {
  key: string;
  name: string;
  size: number;
  progress: number; // 0..1
  state: "uploading" | "done" | "duplicate" | "error";
  error?: string;
};

const ACCEPT = "application/pdf,image/jpeg,image/png,image/webp,application/xml,text/xml,.pdf,.jpg,.jpeg,.png,.webp,.xml";
const POLL_MS = 1500;
const PARALLEL_UPLOADS = 3;

/** Sends one file with XMLHttpRequest, which (unlike fetch) reports upload progress. */
function sendFile(
  file: File,
  onProgress: (p: number) => void,
): Promise<{ status: number; body: unknown; retryAfter: number }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/documents");
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () =>
      resolve({ status: xhr.status, body: xhr.response, retryAfter: Number(xhr.getResponseHeader("Retry-After")) || 0 });
    xhr.onerror = () => reject(new Error("network"));
    const form = new FormData();
    form.append("file", file, file.name);
    xhr.send(form);
  });
}

export function UploadInbox({ initialItems, maxUploadMb }: { initialItems: InboxItem[]; maxUploadMb: number }) {
  const [items, setItems] = useState(initialItems);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [dragging, setDragging] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const fileInput = useRef<HTMLInputElement>(null);
  const cameraInput = useRef<HTMLInputElement>(null);

  const refresh = useCallback(async () => {
    const res = await fetch("/api/documents", { cache: "no-store" });
    if (res.ok) setItems(((await res.json()) as { items: InboxItem[] }).items);
  }, []);

  const busy = uploads.some((u) => u.state === "uploading") || items.some((i) => IN_PROGRESS.includes(i.status));
  useEffect(() => {
    if (!busy) return;
    const t = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(t);
  }, [busy, refresh]);

  const patch = (key: string, p: Partial<Upload>) =>
    setUploads((us) => us.map((u) => (u.key === key ? { ...u, ...p } : u)));

  const uploadOne = async (file: File, key: string) => {
    if (file.size > maxUploadMb * 1024 * 1024) {
      patch(key, { state: "error", error: ERROR_MESSAGES["upload:too_large"] });
      return;
    }
    try {
      let res = await sendFile(file, (progress) => patch(key, { progress }));
      // Rate limited: wait as the server asks (bounded) and try again, a few times, before showing the error.
      for (let attempt = 0; res.status === 429 && attempt < 3; attempt++) {
        patch(key, { progress: 0 });
        await new Promise((r) => setTimeout(r, Math.min(res.retryAfter || 5, 60) * 1000));
        res = await sendFile(file, (progress) => patch(key, { progress }));
      }
      const { status, body } = res;
      const b = body as { duplicate?: boolean; error?: { code: string; message: string } } | null;
      if (status >= 200 && status < 300) {
        patch(key, { state: b?.duplicate ? "duplicate" : "done", progress: 1 });
      } else {
        patch(key, { state: "error", error: b?.error?.message ?? messageFor(b?.error?.code) });
      }
    } catch {
      patch(key, { state: "error", error: "No se pudo conectar con el servidor. Comprueba tu conexión." });
    }
  };

  const addFiles = async (list: FileList | File[]) => {
    const files = Array.from(list);
    if (files.length === 0) return;
    const batch = files.map((f, i) => ({
      key: `${Date.now()}-${i}-${f.name}`,
      name: f.name,
      size: f.size,
      progress: 0,
      state: "uploading" as const,
    }));
    setUploads((us) => [...batch, ...us]);
    setAnnouncement(`Subiendo ${files.length} ${files.length === 1 ? "archivo" : "archivos"}…`);
    let next = 0;
    const worker = async () => {
      while (next < files.length) {
        const i = next++;
        await uploadOne(files[i], batch[i].key);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_UPLOADS, files.length) }, worker));
    setAnnouncement("Subida terminada.");
    await refresh();
  };

  const retry = async (id: string) => {
    const res = await fetch(`/api/documents/${id}/retry`, { method: "POST" });
    if (!res.ok) {
      const b = (await res.json().catch(() => null)) as { error?: { message: string } } | null;
      setAnnouncement(b?.error?.message ?? "No se pudo reintentar.");
    }
    await refresh();
  };

  return (
    <div className="space-y-8">
      <section aria-labelledby="upload-heading">
        <h2 id="upload-heading" className="sr-only">
          Subir documentos
        </h2>
        <div
          data-testid="dropzone"
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            void addFiles(e.dataTransfer.files);
          }}
          className={`flex flex-col items-center justify-center gap-3 rounded-xl border-2 border-dashed p-8 text-center transition-colors ${
            dragging ? "border-brand-500 bg-brand-50" : "border-slate-300 bg-white"
          }`}
        >
          <p className="text-base font-medium">Arrastra aquí tus facturas y tickets</p>
          <p className="text-sm text-slate-500">PDF, JPG, PNG, WebP o factura electrónica XML (Facturae, UBL, Factur-X) · hasta {maxUploadMb} MB por archivo</p>
          <div className="flex flex-wrap justify-center gap-3">
            <button
              type="button"
              onClick={() => fileInput.current?.click()}
              className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
            >
              Elegir archivos
            </button>
            <button
              type="button"
              onClick={() => cameraInput.current?.click()}
              className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-100 sm:hidden"
            >
              Hacer foto
            </button>
          </div>
          <label className="sr-only" htmlFor="file-input">
            Archivos para subir
          </label>
          <input
            id="file-input"
            ref={fileInput}
            type="file"
            multiple
            accept={ACCEPT}
            className="sr-only"
            data-testid="file-input"
            onChange={(e) => {
              if (e.target.files) void addFiles(e.target.files);
              e.target.value = "";
            }}
          />
          <input
            ref={cameraInput}
            type="file"
            accept="image/*"
            capture="environment"
            className="sr-only"
            tabIndex={-1}
            aria-hidden="true"
            onChange={(e) => {
              if (e.target.files) void addFiles(e.target.files);
              e.target.value = "";
            }}
          />
        </div>
        <p aria-live="polite" className="sr-only">
          {announcement}
        </p>
        {uploads.length > 0 ? (
          <ul className="mt-4 space-y-2" aria-label="Subidas" data-testid="uploads">
            {uploads.map((u) => (
              <li key={u.key} className="rounded-md border border-slate-200 bg-white px-3 py-2 text-sm" data-testid="upload-row">
                <div className="flex items-center justify-between gap-3">
                  <span className="truncate font-medium">{u.name}</span>
                  <span className="shrink-0 text-slate-500">{formatBytes(u.size)}</span>
                </div>
                {u.state === "uploading" ? (
                  <progress
                    className="mt-2 h-2 w-full"
                    max={1}
                    value={u.progress}
                    aria-label={`Subiendo ${u.name}`}
                  />
                ) : u.state === "error" ? (
                  <p role="alert" className="mt-1 text-red-700" data-testid="upload-error">
                    {u.error}
                  </p>
                ) : u.state === "duplicate" ? (
                  <p className="mt-1 text-violet-800">Ya lo habías subido: marcado como duplicado.</p>
                ) : (
                  <p className="mt-1 text-emerald-700">Subido: su estado aparece en la lista de documentos.</p>
                )}
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      <section aria-labelledby="documents-heading" className="space-y-3">
        <div className="flex items-center justify-between">
          <h2 id="documents-heading" className="text-lg font-semibold">
            Documentos
          </h2>
          {busy ? <span className="text-sm text-slate-500">Actualizando…</span> : null}
        </div>
        {items.length === 0 ? (
          <div className="rounded-xl border border-slate-200 bg-white p-8 text-center text-slate-600" data-testid="empty-inbox">
            <p className="font-medium">Aún no hay documentos.</p>
            <p className="text-sm">Sube tu primera factura o ticket y verás aquí los datos extraídos.</p>
          </div>
        ) : (
          <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
            <table className="w-full text-left text-sm" data-testid="documents-table">
              <thead className="bg-slate-50 text-xs uppercase text-slate-500">
                <tr>
                  <th scope="col" className="px-3 py-2">Archivo</th>
                  <th scope="col" className="px-3 py-2">Estado</th>
                  <th scope="col" className="px-3 py-2">Proveedor</th>
                  <th scope="col" className="px-3 py-2">Fecha</th>
                  <th scope="col" className="px-3 py-2 text-right">Total</th>
                  <th scope="col" className="px-3 py-2"><span className="sr-only">Acciones</span></th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {items.map((d) => (
                  <tr key={d.id} data-testid="document-row" data-status={d.status} data-filename={d.filename}>
                    <td className="max-w-xs px-3 py-2">
                      <Link href={`/documents/${d.id}`} className="block truncate font-medium text-brand-700 hover:underline">
                        {d.filename}
                      </Link>
                      <span className="text-xs text-slate-500">{formatDateTime(d.uploadedAt)}</span>
                      <span className="block truncate text-xs text-slate-500" data-testid="source">
                        {sourceLabel(d)}
                      </span>
                    </td>
                    <td className="px-3 py-2">
                      <span
                        className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_STYLES[d.status]}`}
                        data-testid="status"
                      >
                        {STATUS_LABELS[d.status]}
                      </span>
                      {d.status === "failed" && d.errorMessage ? (
                        <p className="mt-1 text-xs text-red-700">{d.errorMessage}</p>
                      ) : null}
                    </td>
                    <td className="px-3 py-2">
                      <div className="truncate">{d.vendorName ?? "—"}</div>
                      {d.vendorTaxId ? <div className="text-xs text-slate-500">{d.vendorTaxId}</div> : null}
                    </td>
                    <td className="px-3 py-2 whitespace-nowrap">{formatIsoDate(d.issueDate)}</td>
                    <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums" data-testid="total">
                      {d.totalCents === null ? "—" : formatEuros(d.totalCents)}
                    </td>
                    <td className="px-3 py-2 text-right">
                      {d.status === "failed" ? (
                        <button
                          type="button"
                          onClick={() => void retry(d.id)}
                          className="rounded-md border border-slate-300 px-2 py-1 text-xs font-medium hover:bg-slate-100"
                        >
                          Reintentar
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
