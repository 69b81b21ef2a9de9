import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth-forms";
import { getSessionUser } from "@/lib/auth/session";
import { REGISTERED_NOTICE, safeCallback } from "../schema";

export const metadata: Metadata = { title: "Entrar" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; registered?: string }> }) {
  const { callbackUrl, registered } = await searchParams;
  if (await getSessionUser()) redirect(safeCallback(callbackUrl));
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">Entrar</h1>
      {registered ? (
        <p role="status" className="mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800" data-testid="registered-notice">
          {REGISTERED_NOTICE}
        </p>
      ) : null}
      <LoginForm callbackUrl={callbackUrl} />
    </>
  );
}
