"use client";

/** The /taxes page's small forms (mark filed, book data, other expenses), each with its Spanish error in place. */
import { useActionState } from "react";
import type { TaxActionState } from "@/app/(app)/taxes/actions";

type Action = (prev: TaxActionState, form: FormData) => Promise<TaxActionState>;

export function ActionForm({ action, children, className, label }: { action: Action; children: React.ReactNode; className?: string; label?: string }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className={className} aria-label={label} aria-busy={pending}>
      {children}
      {state.error ? (
        <p role="alert" className="text-sm text-red-700">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
