import { z } from "zod";

/** A date as yyyy-mm-dd that is a real calendar day (2026-02-29 and 2026-13-45 are not). Client-safe. */
export const isoDateSchema = z.iso.date("Fecha no válida.");

export function isIsoDate(s: unknown): s is string {
  return isoDateSchema.safeParse(s).success;
}
