"use client";

import { useActionState, useState } from "react";
import { saveAllowedSendersAction } from "@/app/(app)/settings/actions";
import { Button } from "@/components/ui/button";

/** The book's intake address, with a button that copies it. */
export function IntakeAddress({ address }: { address: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="flex gap-2">
      <input
        readOnly
        value={address}
        aria-label="Dirección de recepción de facturas"
        data-testid="intake-address"
        className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 py-1 font-mono text-sm"
        onFocus={(e) => e.currentTarget.select()}
      />
      <Button
        type="button"
        variant="secondary"
        onClick={async () => {
          await navigator.clipboard?.writeText(address).catch(() => {});
          setCopied(true);
        }}
      >
        {copied ? "Copiada" : "Copiar"}
      </Button>
      <span aria-live="polite" className="sr-only">
        {copied ? "Dirección copiada" : ""}
      </span>
    </div>
  );
}

/** The sender allow-list: one address or domain per line (owners edit it; accountants only read it). */
export function AllowedSendersForm({ senders, editable }: { senders: string[]; editable: boolean }) {
  const [state, action, pending] = useActionState(saveAllowedSendersAction, null);
  return (
    <form action={action} className="space-y-2">
      <label htmlFor="intake-senders" className="block text-sm font-medium">
        Remitentes permitidos
      </label>
      <p id="intake-senders-help" className="text-xs text-slate-600">
        Una dirección (ana@proveedor.es) o un dominio (@proveedor.es) por línea. Vacío: se acepta cualquier remitente
        que conozca la dirección.
      </p>
      <textarea
        id="intake-senders"
        name="senders"
        rows={4}
        defaultValue={senders.join("\n")}
        readOnly={!editable}
        aria-describedby="intake-senders-help"
        className="w-full rounded-md border border-slate-300 px-2 py-1 font-mono text-sm"
        data-testid="intake-senders"
      />
      {editable ? (
        <Button type="submit" disabled={pending}>
          {pending ? "Guardando…" : "Guardar remitentes"}
        </Button>
      ) : null}
      {state?.ok === false ? (
        <p role="alert" className="text-sm text-red-700">
          {state.error}
        </p>
      ) : state?.ok ? (
        <p role="status" className="text-sm text-emerald-700">
          Guardado: {state.data.count === 0 ? "cualquier remitente" : `${state.data.count} remitente(s) permitido(s)`}.
        </p>
      ) : null}
    </form>
  );
}
