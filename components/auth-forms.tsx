"use client";

import Link from "next/link";
import { startTransition, useActionState, type FormEvent } from "react";
import { changePasswordAction, loginAction, registerAction } from "@/app/(auth)/actions";
import type { FormState } from "@/app/(auth)/schema";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

/**
 * Submits through the action without React's automatic form reset, so a password typed before a validation error
 * is still there (the other fields come back from the action's `values`). Without JavaScript the form posts as usual.
 */
function keepValues(dispatch: (form: FormData) => void) {
  return (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    startTransition(() => dispatch(form));
  };
}

function FormError({ state }: { state: FormState }) {
  return state.error ? (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
      {state.error}
    </p>
  ) : null;
}

export function LoginForm({ callbackUrl }: { callbackUrl?: string }) {
  const [state, action, pending] = useActionState(loginAction, {});
  return (
    <form action={action} onSubmit={keepValues(action)} className="space-y-4" noValidate>
      <FormError state={state} />
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? ""} />
      <Field label="Correo electrónico" name="email" type="email" autoComplete="email" required
        defaultValue={state.values?.email} error={state.fieldErrors?.email} />
      <Field label="Contraseña" name="password" type="password" autoComplete="current-password" required
        error={state.fieldErrors?.password} />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Entrando…" : "Entrar"}
      </Button>
      <p className="text-center text-sm text-slate-600">
        ¿No tienes cuenta?{" "}
        <Link href={callbackUrl ? `/register?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/register"} className="font-medium text-brand-600 hover:underline">
          Crea una
        </Link>
      </p>
    </form>
  );
}

/** With an invitation's `callbackUrl` (`accountOnly`), only the account is asked for: the book is the client's. */
export function RegisterForm({ callbackUrl, accountOnly = false, email }: { callbackUrl?: string; accountOnly?: boolean; email?: string } = {}) {
  const [state, action, pending] = useActionState(registerAction, {});
  const v = state.values ?? {};
  const e = state.fieldErrors ?? {};
  return (
    <form action={action} onSubmit={keepValues(action)} className="space-y-4" noValidate>
      <FormError state={state} />
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? ""} />
      <Field label="Nombre" name="name" autoComplete="name" required defaultValue={v.name} error={e.name} />
      <Field label="Correo electrónico" name="email" type="email" autoComplete="email" required
        defaultValue={v.email ?? email} error={e.email} />
      <Field label="Contraseña" name="password" type="password" autoComplete="new-password" required minLength={8}
        hint="Al menos 8 caracteres." error={e.password} />
      {accountOnly ? null : (
      <fieldset className="space-y-4 rounded-md border border-slate-200 p-4">
        <legend className="px-1 text-sm font-medium text-slate-700">Tu actividad</legend>
        <Field label="Razón social o nombre fiscal" name="legalName" autoComplete="organization" required
          defaultValue={v.legalName} error={e.legalName} />
        <Field label="NIF / NIE / CIF" name="nif" required defaultValue={v.nif} error={e.nif}
          hint="Por ejemplo 12345678Z o B12345674." />
      </fieldset>
      )}
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Creando cuenta…" : "Crear cuenta"}
      </Button>
      <p className="text-center text-sm text-slate-600">
        ¿Ya tienes cuenta?{" "}
        <Link href={callbackUrl ? `/login?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/login"} className="font-medium text-brand-600 hover:underline">
          Entra
        </Link>
      </p>
    </form>
  );
}

/** Settings: a new password (the current one is asked again); every other session of the user ends. */
export function ChangePasswordForm({ changed = false }: { changed?: boolean }) {
  const [state, action, pending] = useActionState(changePasswordAction, {});
  return (
    <form action={action} className="max-w-sm space-y-4" noValidate data-testid="change-password">
      {changed && !state.error ? (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          Contraseña cambiada. Se han cerrado tus sesiones en otros navegadores y dispositivos.
        </p>
      ) : null}
      <FormError state={state} />
      <Field label="Contraseña actual" name="currentPassword" type="password" autoComplete="current-password" required
        error={state.fieldErrors?.currentPassword} />
      <Field label="Contraseña nueva" name="newPassword" type="password" autoComplete="new-password" required minLength={8}
        hint="Al menos 8 caracteres." error={state.fieldErrors?.newPassword} />
      <Button type="submit" disabled={pending}>
        {pending ? "Cambiando…" : "Cambiar contraseña"}
      </Button>
    </form>
  );
}
