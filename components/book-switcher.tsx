"use client";

import { usePathname } from "next/navigation";
import { useId, useRef } from "react";
import { switchBookAction } from "@/app/(app)/books/actions";

/** The book in use; a member of several books (an accountant with clients) switches here. */
export function BookSwitcher({ current, books }: { current: string; books: { id: string; label: string }[] }) {
  const form = useRef<HTMLFormElement>(null);
  const id = useId();
  const pathname = usePathname();
  const next = pathname.startsWith("/documents/") ? "/review" : pathname;
  return (
    <form action={switchBookAction} ref={form}>
      <input type="hidden" name="next" value={next} />
      <label className="sr-only" htmlFor={id}>
        Libro
      </label>
      <select
        id={id}
        name="bookId"
        defaultValue={current}
        data-testid={id}
        onChange={() => form.current?.requestSubmit()}
        className="max-w-56 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
      >
        {books.map((b) => (
          <option key={b.id} value={b.id}>
            {b.label}
          </option>
        ))}
      </select>
    </form>
  );
}
