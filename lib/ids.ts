import { z } from "zod";

/** Ids are UUIDs (documents, books, users, invitations, conversations…): the one schema for them. Client-safe. */
export const uuidSchema = z.uuid();

export function isUuid(s: unknown): s is string {
  return uuidSchema.safeParse(s).success;
}
