import type { Metadata } from "next";
import { listInbox } from "@/db/queries/documents";
import { UploadInbox } from "@/components/upload-inbox";
import { requireBookContext } from "@/lib/auth/session";
import { tooLargeMessage } from "@/lib/documents/status";
import { env } from "@/lib/env";
import { messageFor } from "@/lib/errors";

export const metadata: Metadata = { title: "Bandeja de entrada" };
export const dynamic = "force-dynamic";

type ShareParams = { compartidos?: string; repetidos?: string; rechazados?: string; rechazado?: string };

/** What the share target (app/share/route.ts) reports back, in Spanish; null when the page was not opened by it. */
function shareSummary(q: ShareParams, maxUploadMb: number): { text: string; error: boolean } | null {
  if (q.compartidos === undefined) return null;
  const n = (s?: string) => (s && /^\d{1,3}$/.test(s) ? Number(s) : 0);
  const [ok, dup, bad] = [n(q.compartidos), n(q.repetidos), n(q.rechazados)];
  const parts: string[] = [];
  if (ok) parts.push(ok === 1 ? "Recibido 1 documento compartido: ya está en la bandeja." : `Recibidos ${ok} documentos compartidos: ya están en la bandeja.`);
  if (dup) parts.push(dup === 1 ? "1 ya lo habías subido (duplicado)." : `${dup} ya los habías subido (duplicados).`);
  if (bad) {
    const why = q.rechazado === "upload:too_large" ? tooLargeMessage(maxUploadMb) : messageFor(q.rechazado);
    parts.push(`${bad === 1 ? "1 no se pudo añadir" : `${bad} no se pudieron añadir`}: ${why}`);
  }
  return { text: parts.join(" ") || "No se recibió ningún archivo.", error: bad > 0 && ok === 0 };
}

export default async function InboxPage({ searchParams }: { searchParams: Promise<ShareParams> }) {
  const ctx = await requireBookContext();
  const shared = shareSummary(await searchParams, env().MAX_UPLOAD_MB);
  const items = await listInbox(ctx.db, { bookId: ctx.book.id });
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Bandeja de entrada</h1>
        <p className="text-sm text-slate-600">
          Sube facturas y tickets (PDF, JPG, PNG o WebP, hasta {env().MAX_UPLOAD_MB} MB). Extraemos fecha, número,
          NIF, bases, IVA y total.
        </p>
      </div>
      {shared ? (
        <p role="status" data-testid="share-summary"
          className={`rounded-md px-3 py-2 text-sm ${shared.error ? "bg-red-50 text-red-800" : "bg-emerald-50 text-emerald-900"}`}>
          {shared.text}
        </p>
      ) : null}
      <UploadInbox initialItems={items} maxUploadMb={env().MAX_UPLOAD_MB} canDelete={ctx.role === "owner"} />
    </div>
  );
}
