import type { Metadata } from "next";
import { InviteForm, RevokeInvitationButton, RevokeMemberButton } from "@/components/team-access";
import { requireBookContext } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { listAccess } from "@/lib/invitations/service";
import { formatDateTime } from "@/lib/documents/status";
import { AllowedSendersForm, IntakeAddress } from "@/components/intake-settings";
import { ChangePasswordForm } from "@/components/auth-forms";
import { getOrCreateIntakeSettings, listIntakeMessages } from "@/db/queries/intake";
import { intakeAddress } from "@/lib/intake/address";
import { outcomeLabel } from "@/lib/intake/settings";

export const metadata: Metadata = { title: "Ajustes" };
export const dynamic = "force-dynamic";

const ROLE = { owner: "Titular", accountant: "Gestor/a" } as const;
const INVITATION_STATE = { valid: "Pendiente", expired: "Caducada", used: "Aceptada", revoked: "Anulada", not_found: "—" } as const;

export default async function SettingsPage({ searchParams }: { searchParams: Promise<{ password?: string }> }) {
  const { password } = await searchParams;
  const ctx = await requireBookContext();
  const owner = ctx.role === "owner";
  const access = owner ? await listAccess(ctx.db, { userId: ctx.user.id, bookId: ctx.book.id }) : null;
  const intake = await getOrCreateIntakeSettings(ctx.db, { bookId: ctx.book.id });
  const messages = await listIntakeMessages(ctx.db, { bookId: ctx.book.id, limit: 20 });
  const base = env().INTAKE_ADDRESS;
  const mailOn = Boolean(env().IMAP_URL || env().INBOUND_EMAIL_SECRET);
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
      <section aria-labelledby="intake-heading" className="space-y-4 rounded-xl border border-slate-200 bg-white p-4" data-testid="intake-settings">
        <h2 id="intake-heading" className="text-lg font-semibold">Recibir facturas por correo</h2>
        <p className="text-sm text-slate-600">
          Reenvía (o pide a tus proveedores que envíen) las facturas a esta dirección: cada PDF, imagen o factura
          electrónica adjunta entra en tu bandeja como si la hubieras subido.
        </p>
        {base ? (
          <IntakeAddress address={intakeAddress(base, intake.token)} />
        ) : (
          <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
            Quien administra la aplicación aún no ha configurado el buzón de entrada (INTAKE_ADDRESS). El código de este
            libro es <code className="font-mono">{intake.token}</code>: su dirección será <code className="font-mono">buzón+{intake.token}@dominio</code>.
          </p>
        )}
        {base && !mailOn ? (
          <p className="text-xs text-slate-500">La recepción aún no está activa: falta IMAP_URL o INBOUND_EMAIL_SECRET en el servidor.</p>
        ) : null}
        <AllowedSendersForm senders={intake.allowedSenders} editable={owner} />
        <div>
          <h3 className="text-sm font-semibold text-slate-700">Últimos correos recibidos</h3>
          {messages.length === 0 ? (
            <p className="text-sm text-slate-600" data-testid="intake-empty">Todavía no ha llegado ningún correo a esta dirección.</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm" data-testid="intake-messages">
              {messages.map((m) => (
                <li key={m.id} className="py-2" data-testid="intake-message" data-outcome={m.outcome ?? "pending"}>
                  <div className="flex flex-wrap items-baseline justify-between gap-2">
                    <span className="font-medium">{m.subject || "(sin asunto)"}</span>
                    <span className="text-xs text-slate-500">{formatDateTime(m.createdAt.toISOString())}</span>
                  </div>
                  <div className="text-slate-600">
                    {m.fromAddress ?? "remitente desconocido"} · <strong>{outcomeLabel(m.outcome)}</strong>
                    {m.attachments.some((a) => a.documentId)
                      ? ` · ${m.attachments.filter((a) => a.documentId).length} documento(s)`
                      : ""}
                  </div>
                  {m.reason ? <p className="text-xs text-slate-600">{m.reason}</p> : null}
                </li>
              ))}
            </ul>
          )}
        </div>
      </section>
      <section aria-labelledby="password-heading" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
        <h2 id="password-heading" className="text-lg font-semibold">Tu contraseña</h2>
        <p className="text-sm text-slate-600">
          Al cambiarla se cierran tus sesiones en otros navegadores y dispositivos; en este sigues dentro.
        </p>
        <ChangePasswordForm changed={password === "changed"} />
      </section>
    </div>
  );
}
