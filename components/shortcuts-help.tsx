"use client";

import { useEffect, useRef } from "react";

/**
 * The keyboard help overlay ("?"): a native modal <dialog>, so focus stays inside while it is open, Escape closes
 * it, and focus goes back to where it was when it closes.
 */
export function ShortcutsHelp({ open, onClose, items }: { open: boolean; onClose: () => void; items: [string, string][] }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby="shortcuts-title"
      onClose={onClose}
      onClick={(e) => e.target === ref.current && onClose()}
      className="m-auto w-full max-w-sm rounded-xl bg-white p-5 shadow-xl backdrop:bg-slate-900/40"
    >
      {open ? (
        <>
          <h2 id="shortcuts-title" className="mb-3 text-lg font-semibold">
            Atajos de teclado
          </h2>
          <dl className="space-y-2 text-sm">
            {items.map(([key, what]) => (
              <div key={key} className="flex justify-between gap-4">
                <dt>
                  <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs">{key}</kbd>
                </dt>
                <dd className="text-slate-700">{what}</dd>
              </div>
            ))}
          </dl>
          <button type="button" onClick={onClose} className="mt-4 text-sm font-medium text-brand-700 hover:underline" autoFocus>
            Cerrar (Esc)
          </button>
        </>
      ) : null}
    </dialog>
  );
}
