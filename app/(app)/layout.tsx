import { AppHeader } from "@/components/app-header";
import { AssistantPane } from "@/components/assistant/assistant-pane";
import { isAssistantConfigured } from "@/lib/ai/model";
import { isAdmin } from "@/lib/auth/admin";
import { requireBookContext } from "@/lib/auth/session";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const ctx = await requireBookContext();
  const admin = await isAdmin(ctx.db, ctx.user);
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
        Saltar al contenido
      </a>
      <AppHeader
        links={[
          { href: "/inbox", label: "Bandeja de entrada" },
          { href: "/assistant", label: "Asistente" },
          { href: "/review", label: "Revisión" },
          { href: "/taxes", label: "Impuestos" },
          ...(ctx.memberships.length > 1 || ctx.role === "accountant" ? [{ href: "/clients", label: "Mis clientes" }] : []),
          { href: "/settings", label: "Ajustes" },
          ...(admin ? [{ href: "/admin/monitoring", label: "Monitorización" }] : []),
        ]}
        books={ctx.memberships.map((m) => ({ id: m.book.id, label: `${m.book.legalName} · ${m.book.nif}` }))}
        currentBookId={ctx.book.id}
        currentBookLabel={`${ctx.book.legalName} · ${ctx.book.nif}`}
        email={ctx.user.email}
      />
      <main id="main" className="mx-auto max-w-6xl px-4 py-6 pb-20 md:py-8">
        {children}
      </main>
      <AssistantPane configured={isAssistantConfigured()} bookId={ctx.book.id} />
    </div>
  );
}
