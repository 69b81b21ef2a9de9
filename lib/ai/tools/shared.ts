import "server-only";
import type { Db } from "@/db/client";
import { log } from "@/lib/log";
import { formatEuros } from "@/lib/money";

/** What every tool is built with: the database and the one book the caller may read. */
export type ToolScope = { db: Db; bookId: string };

/** Cents → "1.234,56 €" (null stays null), the form the model repeats verbatim to Spanish readers. */
export function euros(cents: number | null | undefined): string | null {
  return cents === null || cents === undefined ? null : formatEuros(cents);
}

/**
 * Runs a tool's body; a failure is logged with its details and the model gets a short message only (no SQL, no
 * stack), so nothing internal reaches the conversation.
 */
export async function guarded<T>(tool: string, body: () => Promise<T>): Promise<T | { error: string }> {
  try {
    return await body();
  } catch (err) {
    log.error("assistant.tool_failed", { tool, err });
    return { error: "No se pudieron leer los datos del libro. Inténtalo de nuevo más tarde." };
  }
}
