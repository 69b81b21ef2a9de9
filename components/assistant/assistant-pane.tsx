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

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        toggleRef.current?.focus();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open]);

  if (pathname?.startsWith("/assistant")) return null;

  return (
    <>
      <button
        ref={toggleRef}
        type="button"
        aria-expanded={open}
        aria-controls={PANE_ID}
        onClick={() => {
          setOpen((o) => !o);
          setMounted(true);
        }}
        className="fixed bottom-4 right-4 z-40 rounded-full bg-brand-600 px-4 py-2 text-sm font-medium text-white shadow-lg hover:bg-brand-700"
      >
        {open ? "Cerrar asistente" : "Asistente"}
      </button>
      <aside
        id={PANE_ID}
        aria-label="Asistente"
        hidden={!open}
        className="fixed inset-y-0 right-0 z-30 flex w-full max-w-md flex-col border-l border-slate-200 bg-white shadow-xl"
      >
        <div className="flex items-center justify-between border-b border-slate-200 px-4 py-2">
          <h2 className="text-base font-semibold">Asistente</h2>
          <div className="flex items-center gap-3 text-sm">
            <Link href="/assistant" className="text-brand-700 hover:underline" onClick={() => setOpen(false)}>
              Pantalla completa
            </Link>
            <button
              type="button"
              onClick={() => {
                setOpen(false);
                toggleRef.current?.focus();
              }}
              className="rounded-md px-2 py-1 text-slate-700 hover:bg-slate-100"
              aria-label="Cerrar el asistente"
            >
              ✕
            </button>
          </div>
        </div>
        {/* Mounted on first open, then kept (a stream in progress survives closing the pane). */}
        {mounted ? <AssistantChat key={bookId} configured={configured} variant="pane" autoFocus={open} /> : null}
      </aside>
    </>
  );
}
