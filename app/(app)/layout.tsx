import Link from "next/link";
import { logoutAction } from "@/app/(auth)/actions";
import { AssistantPane } from "@/components/assistant/assistant-pane";
import { isAssistantConfigured } from "@/lib/ai/model";
import { BookSwitcher } from "@/components/book-switcher";
import { requireBookContext } from "@/lib/auth/session";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const ctx = await requireBookContext();
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
        Saltar al contenido
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-3">
          <div className="flex items-center gap-6">
            <Link href="/inbox" className="text-lg font-semibold text-brand-700">
              Anclora Flow
            </Link>
            <nav aria-label="Principal" className="flex items-center gap-4">
              <Link href="/inbox" className="text-sm font-medium text-slate-700 hover:text-brand-700">
                Bandeja de entrada
              </Link>
              <Link href="/assistant" className="text-sm font-medium text-slate-700 hover:text-brand-700">
                Asistente
              </Link>
              <Link href="/review" className="text-sm font-medium text-slate-700 hover:text-brand-700">
                Revisión
              </Link>
              <Link href="/taxes" className="text-sm font-medium text-slate-700 hover:text-brand-700">
                Impuestos
              </Link>
              {ctx.memberships.length > 1 || ctx.role === "accountant" ? (
                <Link href="/clients" className="text-sm font-medium text-slate-700 hover:text-brand-700">
                  Mis clientes
                </Link>
              ) : null}
              <Link href="/settings" className="text-sm font-medium text-slate-700 hover:text-brand-700">
                Ajustes
              </Link>
            </nav>
          </div>
          <div className="flex items-center gap-4 text-sm">
            {ctx.memberships.length > 1 ? (
              <BookSwitcher
                current={ctx.book.id}
                books={ctx.memberships.map((m) => ({ id: m.book.id, label: `${m.book.legalName} · ${m.book.nif}` }))}
              />
            ) : null}
            <span className={ctx.memberships.length > 1 ? "sr-only" : "hidden text-slate-600 sm:inline"} data-testid="current-book">
              {ctx.book.legalName} · {ctx.book.nif}
            </span>
            <span className="hidden text-slate-500 md:inline">{ctx.user.email}</span>
            <form action={logoutAction}>
              <button type="submit" className="rounded-md px-2 py-1 text-slate-700 hover:bg-slate-100">
                Salir
              </button>
            </form>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-8">
        {children}
      </main>
      <AssistantPane configured={isAssistantConfigured()} bookId={ctx.book.id} />
    </div>
  );
}
