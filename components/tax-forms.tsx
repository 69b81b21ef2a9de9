"use client";

/** The /taxes page's small forms (mark filed, book data, other expenses), each with its Spanish error in place. */
import { useActionState } from "react";
import type { ActionResult } from "@/lib/auth/action";

type Action = (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;

export function ActionForm({ action, children, className, label }: { action: Action; children: React.ReactNode; className?: string; label?: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const error = state?.ok === false ? [state.error, ...Object.values(state.fieldErrors ?? {})].join(" ") : null;
  return (
    <form action={formAction} className={className} aria-label={label} aria-busy={pending}>
      {children}
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </form>
  );
}
