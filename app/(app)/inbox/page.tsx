import type { Metadata } from "next";
import { listInbox } from "@/db/queries/documents";
import { UploadInbox } from "@/components/upload-inbox";
import { requireBookContext } from "@/lib/auth/session";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Bandeja de entrada" };
export const dynamic = "force-dynamic";

export default async function InboxPage() {
  const ctx = await requireBookContext();
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
      <UploadInbox initialItems={items} maxUploadMb={env().MAX_UPLOAD_MB} />
    </div>
  );
}
