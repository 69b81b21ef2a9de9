"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { AssistantChat } from "@/components/assistant/assistant-chat";

const PANE_ID = "assistant-pane";

/**
 * The assistant as a side pane on every signed-in page: a toggle button (aria-expanded), Escape closes it and
 * gives focus back to the toggle. Hidden on /assistant, which shows the assistant full page. `bookId` keys the chat:
 * switching book starts from that book's conversations, never the previous one's.
 */
export function AssistantPane({ configured, bookId }: { configured: boolean; bookId: string }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const [mounted, setMounted] = useState(false);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  const close = () => {
    returnFocus.current = true;
    setOpen(false);
  };
  // The floating button comes back when the pane closes: give it the focus the pane had.
  useEffect(() => {
    if (!open && returnFocus.current) {
      returnFocus.current = false;
      toggleRef.current?.focus();
    }
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") close();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open]);

  if (pathname?.startsWith("/assistant")) return null;

  // One toggle, never over the pane's controls: floating while closed, in the pane's header while open.
  return (
    <>
      {open ? null : (
        <button
          ref={toggleRef}
          type="button"
          aria-expanded={false}
          aria-controls={PANE_ID}
          onClick={() => {
            setOpen(true);
            setMounted(true);
          }}
          className="fixed bottom-4 right-4 z-40 rounded-full bg-brand-600 px-4 py-2 text-sm font-medium text-white shadow-lg hover:bg-brand-700"
        >
          Asistente
        </button>
      )}
      <aside
        id={PANE_ID}
        aria-label="Asistente"
        hidden={!open}
        className="fixed inset-y-0 right-0 z-30 flex w-full max-w-md flex-col border-l border-slate-200 bg-white shadow-xl"
      >
        <div className="flex items-center justify-between gap-2 border-b border-slate-200 px-4 py-2">
          <h2 className="text-base font-semibold">Asistente</h2>
          <div className="flex items-center gap-3 text-sm">
            <Link href="/assistant" className="text-brand-700 hover:underline" onClick={() => setOpen(false)}>
              Pantalla completa
            </Link>
            {open ? (
              <button
                type="button"
                aria-expanded={true}
                aria-controls={PANE_ID}
                onClick={close}
                className="rounded-md border border-slate-300 px-2 py-1 text-slate-700 hover:bg-slate-100"
              >
                Cerrar asistente
              </button>
            ) : null}
          </div>
        </div>
        {/* Mounted on first open, then kept (a stream in progress survives closing the pane). */}
        {mounted ? <AssistantChat key={bookId} configured={configured} variant="pane" autoFocus={open} resumeLast /> : null}
      </aside>
    </>
  );
}
