import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { AcceptInvitationForm } from "@/components/accept-invitation";
import { logoutAction } from "@/app/(auth)/actions";
import { getSessionUser } from "@/lib/auth/session";
import { describeInvitation } from "@/lib/invitations/service";

export const metadata: Metadata = { title: "Invitación" };
export const dynamic = "force-dynamic";

const CLOSED = {
  not_found: "Esta invitación no existe o el enlace está incompleto.",
  expired: "Esta invitación ha caducado. Pide a tu cliente que te envíe otra.",
  used: "Esta invitación ya se ha utilizado.",
  revoked: "Tu cliente ha retirado esta invitación.",
} as const;

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const info = await describeInvitation(await getDb(), { token });
  if (info.state !== "valid") {
    return (
      <>
        <h1 className="mb-4 text-2xl font-semibold">Invitación</h1>
        <p role="alert" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900" data-testid="invitation-state">
          {CLOSED[info.state]}
        </p>
      </>
    );
  }
  const user = await getSessionUser();
  const here = `/invitations/${token}`;
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">Te invitan a revisar un libro</h1>
      <p className="mb-6 text-sm text-slate-700">
        {info.inviterName ? `${info.inviterName} te invita` : "Te invitan"} como gestor/a de{" "}
        <strong>{info.bookName}</strong>. Podrás revisar, corregir y aprobar sus facturas.
      </p>
      {!user ? (
        <div className="space-y-3">
          <p className="text-sm text-slate-600">
            La invitación es para <strong>{info.email}</strong>. Entra o crea tu cuenta con ese correo.
          </p>
          <div className="flex gap-3">
            <Link
              href={`/login?callbackUrl=${encodeURIComponent(here)}`}
              className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
            >
              Entrar
            </Link>
            <Link
              href={`/register?callbackUrl=${encodeURIComponent(here)}&email=${encodeURIComponent(info.email ?? "")}`}
              className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100"
            >
              Crear cuenta
            </Link>
          </div>
        </div>
      ) : user.email !== info.email ? (
        <div className="space-y-3">
          <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
            Has entrado como {user.email}, pero la invitación es para {info.email}.
          </p>
          <form action={logoutAction}>
            <button type="submit" className="text-sm font-medium text-brand-700 underline">
              Salir y entrar con otra cuenta
            </button>
          </form>
        </div>
      ) : (
        <AcceptInvitationForm token={token} />
      )}
    </>
  );
}
