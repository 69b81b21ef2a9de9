"use client";

import { useEffect, useRef } from "react";

/** True when a key press belongs to a text field (shortcuts must not steal typing). */
function typing(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  if (!t) return false;
  const tag = t.tagName;
  return t.isContentEditable || tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT";
}

/** True when the key lands on a control that has its own meaning for Enter and Space (links, buttons). */
function onControl(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  return Boolean(t?.closest?.("a[href],button,[role=button],summary"));
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
      if ((e.key === "Enter" || e.key === " ") && onControl(e)) return;
      const handler = ref.current[e.key];
      if (handler && handler(e) !== false) e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
