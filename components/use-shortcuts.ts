"use client";

import { useEffect, useRef } from "react";

/** True when a key press belongs to a text field (shortcuts must not steal typing). */
function typing(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  if (!t) return false;
  const tag = t.tagName;
  return t.isContentEditable || tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT";
}

/**
 * Single-key shortcuts (j, k, a, /, ?…). Ignored while typing in a field, except Escape, which also leaves the field.
 * Handlers may return false to let the browser handle the key.
 */
export function useShortcuts(map: Record<string, (e: KeyboardEvent) => void | boolean>) {
  const ref = useRef(map);
  ref.current = map;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === "Escape") {
        if (typing(e)) (e.target as HTMLElement).blur();
        ref.current.Escape?.(e);
        return;
      }
      if (typing(e)) return;
      const handler = ref.current[e.key];
      if (handler && handler(e) !== false) e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
