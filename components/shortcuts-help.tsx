"use client";

/** The keyboard help overlay ("?"). */
export function ShortcutsHelp({ open, onClose, items }: { open: boolean; onClose: () => void; items: [string, string][] }) {
  if (!open) return null;
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40 p-4" onClick={onClose}>
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
        className="w-full max-w-sm rounded-xl bg-white p-5 shadow-xl"
        onClick={(e) => e.stopPropagation()}
      >
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
      </div>
    </div>
  );
}
