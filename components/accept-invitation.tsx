"use client";

import { useActionState } from "react";
import { acceptInvitationAction } from "@/app/(auth)/invitations/actions";
import { Button } from "@/components/ui/button";

export function AcceptInvitationForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState(acceptInvitationAction, null);
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="token" value={token} />
      {state?.ok === false ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.error}
        </p>
      ) : null}
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Aceptando…" : "Aceptar la invitación"}
      </Button>
    </form>
  );
}
