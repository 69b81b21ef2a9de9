"use client";

import { useActionState, useState } from "react";
import {
  inviteAction,
  revokeInvitationAction,
  revokeMemberAction,
} from "@/app/(app)/settings/actions";
import type { ActionResult } from "@/lib/auth/action";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

export function InviteForm({ smtp }: { smtp: boolean }) {
  const [state, action, pending] = useActionState(inviteAction, null);
  const invited = state?.ok ? state.data : null;
  const error = state?.ok === false ? (state.fieldErrors?.email ?? state.error) : undefined;
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-4">
      <form action={action} className="flex flex-wrap items-end gap-3" noValidate>
        <div className="min-w-64 flex-1">
          <Field label="Correo de tu gestor/a" name="email" type="email" autoComplete="off" required error={error} />
        </div>
        <Button type="submit" disabled={pending}>
          {pending ? "Invitando…" : "Invitar"}
        </Button>
      </form>
      {invited ? (
        <div className="space-y-2 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm" data-testid="invite-result">
          <p className="text-emerald-900">
            Invitación creada para <strong>{invited.email}</strong>
            {invited.emailed ? " y enviada por correo." : smtp ? ". No se pudo enviar el correo: copia el enlace." : ". Copia el enlace y envíaselo."}{" "}
            Caduca en 7 días y solo sirve una vez.
          </p>
          <div className="flex gap-2">
            <input
              readOnly
              value={invited.link}
              aria-label="Enlace de invitación"
              data-testid="invite-link"
              className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 py-1 font-mono text-xs"
              onFocus={(e) => e.currentTarget.select()}
            />
            <Button
              type="button"
              variant="secondary"
              onClick={async () => {
                await navigator.clipboard?.writeText(invited.link).catch(() => {});
                setCopied(true);
              }}
            >
              {copied ? "Copiado" : "Copiar"}
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  );
}

function RevokeButton({
  action,
  name,
  value,
  label,
  confirmText,
}: {
  action: (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;
  name: string;
  value: string;
  label: string;
  confirmText: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form
      action={formAction}
      onSubmit={(e) => {
        if (!window.confirm(confirmText)) e.preventDefault();
      }}
    >
      <input type="hidden" name={name} value={value} />
      <Button type="submit" variant="secondary" disabled={pending} className="px-2 py-1 text-xs">
        {pending ? "…" : label}
      </Button>
      {state?.ok === false ? <p role="alert" className="text-xs text-red-700">{state.error}</p> : null}
    </form>
  );
}

export function RevokeMemberButton({ userId, name }: { userId: string; name: string }) {
  return (
    <RevokeButton action={revokeMemberAction} name="userId" value={userId} label="Retirar acceso"
      confirmText={`¿Retirar el acceso de ${name}? Dejará de ver este libro al instante.`} />
  );
}

export function RevokeInvitationButton({ invitationId, email }: { invitationId: string; email: string }) {
  return (
    <RevokeButton action={revokeInvitationAction} name="invitationId" value={invitationId} label="Anular"
      confirmText={`¿Anular la invitación a ${email}?`} />
  );
}
