import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { logoutAction } from "@/app/(auth)/actions";
import { getBookContext, getSessionUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sin libros" };
export const dynamic = "force-dynamic";

/** A signed-in user with no book: an accountant who has not accepted an invitation yet, or whose access ended. */
export default async function WelcomePage() {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  if (await getBookContext()) redirect("/inbox");
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">Aún no tienes acceso a ningún libro</h1>
      <p className="mb-6 text-sm text-slate-600">
        Abre el enlace de invitación que te ha enviado tu cliente para empezar a revisar sus facturas. Si tu acceso se
        ha retirado, pídele una nueva invitación.
      </p>
      <form action={logoutAction}>
        <button type="submit" className="text-sm font-medium text-brand-700 underline">
          Salir
        </button>
      </form>
    </>
  );
}
