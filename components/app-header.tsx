"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useId, useState } from "react";
import { logoutAction } from "@/app/(auth)/actions";
import { BookSwitcher } from "@/components/book-switcher";

export type HeaderProps = {
  links: { href: string; label: string }[];
  books: { id: string; label: string }[];
  currentBookId: string;
  currentBookLabel: string;
  email: string;
};

/**
 * The signed-in header. From `lg` up: brand, links, book, e-mail and "Salir" on one line. On a phone: brand and a
 * "Menú" button that opens the same links, the book and "Salir" as a list (closed again on navigation or Escape).
 */
export function AppHeader({ links, books, currentBookId, currentBookLabel, email }: HeaderProps) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const menuId = useId();

  useEffect(() => setOpen(false), [pathname]);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open]);

  const current = (href: string) => (pathname === href || pathname?.startsWith(`${href}/`) ? "page" : undefined);
  const book =
    books.length > 1 ? (
      <BookSwitcher current={currentBookId} books={books} />
    ) : (
      <span className="max-w-xs truncate text-slate-600" data-testid="current-book">
        {currentBookLabel}
      </span>
    );
  const logout = (
    <form action={logoutAction}>
      <button type="submit" className="rounded-md px-2 py-1 text-slate-700 hover:bg-slate-100">
        Salir
      </button>
    </form>
  );

  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-3">
        <div className="flex min-w-0 items-center gap-6">
          <Link href="/inbox" className="shrink-0 text-lg font-semibold text-brand-700">
            Anclora Flow
          </Link>
          <nav aria-label="Principal" className="hidden items-center gap-4 lg:flex">
            {links.map((l) => (
              <Link
                key={l.href}
                href={l.href}
                aria-current={current(l.href)}
                className="text-sm font-medium text-slate-700 hover:text-brand-700 aria-[current=page]:text-brand-700"
              >
                {l.label}
              </Link>
            ))}
          </nav>
        </div>
        <div className="hidden min-w-0 items-center gap-4 text-sm lg:flex">
          {book}
          <span className="hidden text-slate-500 xl:inline">{email}</span>
          {logout}
        </div>
        <button
          type="button"
          className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 lg:hidden"
          aria-expanded={open}
          aria-controls={menuId}
          onClick={() => setOpen((o) => !o)}
        >
          {open ? "Cerrar menú" : "Menú"}
        </button>
      </div>
      {open ? (
        <div id={menuId} className="border-t border-slate-200 px-4 pb-4 lg:hidden" data-testid="mobile-menu">
          <nav aria-label="Principal">
            <ul className="divide-y divide-slate-100">
              {links.map((l) => (
                <li key={l.href}>
                  <Link
                    href={l.href}
                    aria-current={current(l.href)}
                    onClick={() => setOpen(false)}
                    className="block py-3 text-base font-medium text-slate-800 aria-[current=page]:text-brand-700"
                  >
                    {l.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <div className="mt-2 space-y-2 border-t border-slate-200 pt-3 text-sm">
            <div className="flex min-w-0">{book}</div>
            <p className="truncate text-slate-500">{email}</p>
            {logout}
          </div>
        </div>
      ) : null}
    </header>
  );
}
