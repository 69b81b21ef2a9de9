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
  tooLargeMessage,
  type InboxItem,
} from "@/lib/documents/status";
import { messageFor } from "@/lib/errors";

type Upload = {
  key: string;
  name: string;
  size: number;
  progress: number; // 0..1
  state: "uploading" | "done" | "duplicate" | "repeated" | "error";
  error?: string;
  /** The stored document, once the server has it: the card clears itself when that document is processed. */
  documentId?: string;
};

const ACCEPT = "application/pdf,image/jpeg,image/png,image/webp,application/xml,text/xml,.pdf,.jpg,.jpeg,.png,.webp,.xml";
const POLL_MS = 1500;
const PARALLEL_UPLOADS = 3;

/** Sends one file with XMLHttpRequest, which (unlike fetch) reports upload progress. */
function sendFile(
  file: File | File[],
  onProgress: (p: number) => void,
): Promise<{ status: number; body: unknown; retryAfter: number }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", Array.isArray(file) ? "/api/documents?join=1" : "/api/documents");
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () =>
      resolve({ status: xhr.status, body: xhr.response, retryAfter: Number(xhr.getResponseHeader("Retry-After")) || 0 });
    xhr.onerror = () => reject(new Error("network"));
    const form = new FormData();
    // An array: photos of one document, joined by the server.
    if (Array.isArray(file)) {
      for (const f of file) form.append("file", f, f.name);
    } else form.append("file", file, file.name);
    xhr.send(form);
  });
}

/** The same content picked twice in one selection: SHA-256 where the browser offers it, else name + size + date. */
async function fingerprint(file: File): Promise<string> {
  if (globalThis.crypto?.subtle) {
    const digest = await crypto.subtle.digest("SHA-256", await file.arrayBuffer());
    return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
  }
  return `${file.name}|${file.size}|${file.lastModified}`;
}

export function UploadInbox({
  initialItems,
  maxUploadMb,
  canDelete = false,
}: {
  initialItems: InboxItem[];
  maxUploadMb: number;
  /** The book's owner may delete documents that are not approved. */
  canDelete?: boolean;
}) {
  const [items, setItems] = useState(initialItems);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [dragging, setDragging] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);
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
  const dismiss = (key: string) => setUploads((us) => us.filter((u) => u.key !== key));

  // A card whose document has finished processing has said what it had to: its row in the list takes over.
  useEffect(() => {
    const settled = new Set(items.filter((i) => !IN_PROGRESS.includes(i.status)).map((i) => i.id));
    setUploads((us) => {
      const left = us.filter((u) => !(u.state === "done" && u.documentId && settled.has(u.documentId)));
      return left.length === us.length ? us : left;
    });
  }, [items]);

  const uploadOne = async (file: File | File[], key: string) => {
    if ((Array.isArray(file) ? file : [file]).some((f) => f.size > maxUploadMb * 1024 * 1024)) {
      patch(key, { state: "error", error: tooLargeMessage(maxUploadMb) });
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
      const b = body as { duplicate?: boolean; document?: { id: string }; error?: { code: string; message: string } } | null;
      if (status >= 200 && status < 300) {
        patch(key, { state: b?.duplicate ? "duplicate" : "done", progress: 1, documentId: b?.document?.id });
      } else if (b?.error?.code === "upload:too_large") {
        patch(key, { state: "error", error: tooLargeMessage(maxUploadMb) });
      } else {
        patch(key, { state: "error", error: b?.error?.message ?? messageFor(b?.error?.code) });
      }
    } catch {
      patch(key, { state: "error", error: "No se pudo conectar con el servidor. Comprueba tu conexión." });
    }
  };

  const addFiles = async (list: FileList | File[]) => {
    const picked = Array.from(list);
    if (picked.length === 0) return;
    // The same file twice in one selection is sent once; the repeat says so (it is not an earlier upload).
    const prints = await Promise.all(picked.map((f) => fingerprint(f).catch(() => `${f.name}|${f.size}`)));
    const seen = new Set<string>();
    const repeated = picked.map((_, i) => (seen.has(prints[i]) ? true : (seen.add(prints[i]), false)));
    const stamp = Date.now();
    const cards: Upload[] = picked.map((f, i) => ({
      key: `${stamp}-${i}-${f.name}`,
      name: f.name,
      size: f.size,
      progress: 0,
      state: repeated[i] ? "repeated" : "uploading",
    }));
    setUploads((us) => [...cards, ...us]);
    const files = picked.filter((_, i) => !repeated[i]);
    const batch = cards.filter((_, i) => !repeated[i]);
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

  // "Unir fotos": photos wait in a tray and go up together as one document.
  const [joining, setJoining] = useState(false);
  const [tray, setTray] = useState<File[]>([]);
  const pick = (list: FileList) => {
    // Copy now: the input is cleared right after, which empties its FileList before a state updater would run.
    const files = Array.from(list);
    if (!joining) return void addFiles(files);
    setTray((t) => [...t, ...files].slice(0, 8));
  };
  const uploadTray = async () => {
    const photos = tray;
    if (photos.length === 0) return;
    setTray([]);
    if (photos.length === 1) return void addFiles(photos);
    const key = `${Date.now()}-join`;
    const name = `${photos[0].name} + ${photos.length - 1} ${photos.length === 2 ? "foto" : "fotos"}`;
    setUploads((us) => [{ key, name, size: photos.reduce((n, f) => n + f.size, 0), progress: 0, state: "uploading" }, ...us]);
    await uploadOne(photos, key);
    await refresh();
  };

  const remove = async (d: InboxItem) => {
    if (!window.confirm(`¿Eliminar «${d.filename}»? Se borran el archivo y sus datos; el historial guarda que lo eliminaste.`)) return;
    const res = await fetch(`/api/documents/${d.id}`, { method: "DELETE" });
    if (res.ok) setNotice({ text: `«${d.filename}» eliminado.`, error: false });
    else {
      const b = (await res.json().catch(() => null)) as { error?: { message: string } } | null;
      setNotice({ text: b?.error?.message ?? "No se pudo eliminar.", error: true });
    }
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
          <p className="text-base font-medium">
            <span className="hidden sm:inline">Arrastra aquí tus facturas y tickets</span>
            <span className="sm:hidden">Sube una factura o haz una foto del ticket</span>
          </p>
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
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" checked={joining} onChange={(e) => setJoining(e.target.checked)} />
            Unir varias fotos en un documento (ticket largo, factura de varias páginas)
          </label>
          {joining && tray.length > 0 ? (
            <div className="w-full rounded-md border border-slate-200 bg-slate-50 p-3 text-left text-sm" data-testid="photo-tray">
              <p className="font-medium">
                {tray.length} {tray.length === 1 ? "foto" : "fotos"} para un documento
              </p>
              <ol className="mt-1 list-decimal pl-5 text-slate-600">
                {tray.map((f, i) => (
                  <li key={`${i}-${f.name}`} className="truncate">{f.name}</li>
                ))}
              </ol>
              <div className="mt-2 flex flex-wrap gap-2">
                <button type="button" onClick={() => void uploadTray()}
                  className="rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700">
                  Subir como un documento ({tray.length} {tray.length === 1 ? "foto" : "fotos"})
                </button>
                <button type="button" onClick={() => setTray([])}
                  className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-100">
                  Descartar las fotos
                </button>
              </div>
            </div>
          ) : null}
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
              if (e.target.files) pick(e.target.files);
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
              if (e.target.files) pick(e.target.files);
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
              <li key={u.key} className="rounded-md border border-slate-200 bg-white px-3 py-2 text-sm" data-testid="upload-row" data-state={u.state}>
                <div className="flex items-center justify-between gap-3">
                  <span className="min-w-0 truncate font-medium">{u.name}</span>
                  <span className="flex shrink-0 items-center gap-2">
                    <span className="text-slate-500">{formatBytes(u.size)}</span>
                    {u.state !== "uploading" ? (
                      <button
                        type="button"
                        onClick={() => dismiss(u.key)}
                        aria-label={`Quitar ${u.name} de la lista`}
                        className="rounded px-2 py-0.5 text-slate-500 hover:bg-slate-100 hover:text-slate-800"
                      >
                        ✕
                      </button>
                    ) : null}
                  </span>
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
                ) : u.state === "repeated" ? (
                  <p className="mt-1 text-slate-600">Repetido en esta selección: se sube una sola vez.</p>
                ) : (
                  <p className="mt-1 text-emerald-700">Subido: procesando… Su estado aparece en la lista de documentos.</p>
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
        {notice ? (
          <p role="status" data-testid="inbox-notice"
            className={`rounded-md px-3 py-2 text-sm ${notice.error ? "bg-red-50 text-red-800" : "bg-emerald-50 text-emerald-900"}`}>
            {notice.text}
          </p>
        ) : null}
        {items.length === 0 ? (
          <div className="rounded-xl border border-slate-200 bg-white p-8 text-center text-slate-600" data-testid="empty-inbox">
            <p className="font-medium">Aún no hay documentos.</p>
            <p className="text-sm">Sube tu primera factura o ticket y verás aquí los datos extraídos.</p>
          </div>
        ) : (
          // One table: rows are cards on a phone (label beside each value), table rows from `sm` up.
          <div className="rounded-xl border border-slate-200 bg-white sm:overflow-x-auto">
            <table className="block w-full text-left text-sm sm:table" data-testid="documents-table">
              <thead className="hidden bg-slate-50 text-xs uppercase text-slate-500 sm:table-header-group">
                <tr>
                  <th scope="col" className="px-3 py-2">Archivo</th>
                  <th scope="col" className="px-3 py-2">Estado</th>
                  <th scope="col" className="px-3 py-2">Proveedor</th>
                  <th scope="col" className="px-3 py-2">Fecha</th>
                  <th scope="col" className="px-3 py-2 text-right">Total</th>
                  <th scope="col" className="px-3 py-2"><span className="sr-only">Acciones</span></th>
                </tr>
              </thead>
              <tbody className="block divide-y divide-slate-100 sm:table-row-group">
                {items.map((d) => (
                  <tr key={d.id} data-testid="document-row" data-status={d.status} data-filename={d.filename}
                    className="grid grid-cols-2 gap-x-3 gap-y-1 p-3 sm:table-row sm:p-0">
                    <td className="col-span-2 min-w-0 sm:max-w-xs sm:px-3 sm:py-2">
                      <Link href={`/documents/${d.id}`} className="block truncate font-medium text-brand-700 hover:underline">
                        {d.filename}
                      </Link>
                      <span className="text-xs text-slate-500">{formatDateTime(d.uploadedAt)}</span>
                      <span className="block truncate text-xs text-slate-500" data-testid="source">
                        {sourceLabel(d)}
                      </span>
                    </td>
                    <td className="sm:px-3 sm:py-2">
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
                    <td className="min-w-0 text-right sm:px-3 sm:py-2 sm:text-left">
                      <div className="truncate">{d.counterpartyName ?? "—"}</div>
                      {d.counterpartyTaxId ? <div className="text-xs text-slate-500">{d.counterpartyTaxId}</div> : null}
                    </td>
                    <td className="whitespace-nowrap sm:px-3 sm:py-2">
                      <span className="text-xs text-slate-500 sm:hidden">Fecha </span>
                      {formatIsoDate(d.issueDate)}
                    </td>
                    <td className="whitespace-nowrap text-right tabular-nums font-medium sm:px-3 sm:py-2 sm:font-normal" data-testid="total">
                      <span className="text-xs font-normal text-slate-500 sm:hidden">Total </span>
                      {d.totalCents === null ? "—" : formatEuros(d.totalCents)}
                    </td>
                    <td className="col-span-2 flex justify-end gap-2 empty:hidden sm:table-cell sm:px-3 sm:py-2 sm:text-right">
                      {d.status === "failed" ? (
                        <button
                          type="button"
                          onClick={() => void retry(d.id)}
                          className="rounded-md border border-slate-300 px-2 py-1 text-xs font-medium hover:bg-slate-100"
                        >
                          Reintentar
                        </button>
                      ) : null}
                      {canDelete && d.status !== "approved" && !IN_PROGRESS.includes(d.status) ? (
                        <button
                          type="button"
                          onClick={() => void remove(d)}
                          aria-label={`Eliminar ${d.filename}`}
                          className="rounded-md border border-slate-300 px-2 py-1 text-xs font-medium text-red-800 hover:bg-red-50 sm:ml-2"
                        >
                          Eliminar
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
