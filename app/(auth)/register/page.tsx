import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { RegisterForm } from "@/components/auth-forms";
import { getSessionUser } from "@/lib/auth/session";
import { isInvitationCallback, safeCallback } from "../schema";

export const metadata: Metadata = { title: "Crear cuenta" };

export default async function RegisterPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; email?: string }>;
}) {
  const { callbackUrl, email } = await searchParams;
  if (await getSessionUser()) redirect(safeCallback(callbackUrl));
  const invited = isInvitationCallback(callbackUrl);
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">Crea tu cuenta</h1>
      <p className="mb-6 text-sm text-slate-600">
        {invited
          ? "Crea tu cuenta de gestor/a; después aceptarás la invitación de tu cliente."
          : "Sube tus facturas y tickets; nosotros extraemos los datos fiscales."}
      </p>
      <RegisterForm callbackUrl={invited ? callbackUrl : undefined} accountOnly={invited} email={email} />
    </>
  );
}
