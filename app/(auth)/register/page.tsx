import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { RegisterForm } from "@/components/auth-forms";
import { getSessionUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Crear cuenta" };

export default async function RegisterPage() {
  if (await getSessionUser()) redirect("/inbox");
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">Crea tu cuenta</h1>
      <p className="mb-6 text-sm text-slate-600">Sube tus facturas y tickets; nosotros extraemos los datos fiscales.</p>
      <RegisterForm />
    </>
  );
}
