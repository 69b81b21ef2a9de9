import type { Metadata } from "next";
import { InviteForm, RevokeInvitationButton, RevokeMemberButton } from "@/components/team-access";
import { requireBookContext } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { listAccess } from "@/lib/invitations/service";
import { formatDateTime } from "@/lib/documents/status";

export const metadata: Metadata = { title: "Ajustes" };
export const dynamic = "force-dynamic";

const ROLE = { owner: "Titular", accountant: "Gestor/a" } as const;
const INVITATION_STATE = { valid: "Pendiente", expired: "Caducada", used: "Aceptada", revoked: "Anulada", not_found: "—" } as const;

export default async function SettingsPage() {
  const ctx = await requireBookContext();
  const owner = ctx.role === "owner";
  const access = owner ? await listAccess(ctx.db, { userId: ctx.user.id, bookId: ctx.book.id }) : null;
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">Ajustes</h1>
        <p className="text-sm text-slate-600">
          {ctx.book.legalName} · {ctx.book.nif} · tu papel: {ROLE[ctx.role]}
        </p>
      </div>
      {!access ? (
        <p className="rounded-md bg-slate-50 p-4 text-sm text-slate-700">
          Revisas este libro como gestor/a. Solo el titular puede invitar o retirar accesos.
        </p>
      ) : (
        <>
          <section aria-labelledby="invite-heading" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
            <h2 id="invite-heading" className="text-lg font-semibold">Invitar a tu gestor/a</h2>
            <p className="text-sm text-slate-600">
              Tu gestor/a podrá revisar, corregir y aprobar tus facturas. Puedes retirarle el acceso cuando quieras.
            </p>
            <InviteForm smtp={Boolean(env().SMTP_URL)} />
          </section>
          <section aria-labelledby="members-heading" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
            <h2 id="members-heading" className="text-lg font-semibold">Quién tiene acceso</h2>
            <ul className="divide-y divide-slate-100 text-sm" data-testid="members">
              {access.members.map((m) => (
                <li key={m.userId} className="flex items-center justify-between gap-4 py-2" data-testid="member-row" data-email={m.email}>
                  <span>
                    <span className="font-medium">{m.name}</span> <span className="text-slate-500">{m.email}</span> ·{" "}
                    {ROLE[m.role]}
                  </span>
                  {m.role === "accountant" ? <RevokeMemberButton userId={m.userId} name={m.name} /> : null}
                </li>
              ))}
            </ul>
            {access.invitations.length > 0 ? (
              <>
                <h3 className="pt-2 text-sm font-semibold text-slate-700">Invitaciones</h3>
                <ul className="divide-y divide-slate-100 text-sm">
                  {access.invitations.map((i) => (
                    <li key={i.id} className="flex items-center justify-between gap-4 py-2">
                      <span>
                        {i.email} · {INVITATION_STATE[i.state]} · enviada {formatDateTime(i.createdAt.toISOString())}
                      </span>
                      {i.state === "valid" ? <RevokeInvitationButton invitationId={i.id} email={i.email} /> : null}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </section>
        </>
      )}
    </div>
  );
}
