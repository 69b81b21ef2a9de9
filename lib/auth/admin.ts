import "server-only";
import type { Db } from "@/db/client";
import { getFirstUserId } from "@/db/queries/users";
import { env } from "@/lib/env";

/** Parses ADMIN_EMAILS ("a@x.es, b@y.es") into lower-case addresses. */
export function adminEmails(raw: string | undefined): string[] {
  return (raw ?? "")
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
}

/**
 * Operators (health details, monitoring): the addresses in ADMIN_EMAILS when it is set; otherwise the first
 * account registered (on the embedded default, whoever installed it).
 */
export async function isAdmin(db: Db, user: { id: string; email: string }): Promise<boolean> {
  const list = adminEmails(env().ADMIN_EMAILS);
  if (list.length > 0) return list.includes(user.email.toLowerCase());
  return (await getFirstUserId(db)) === user.id;
}
