/**
 * Intake addresses and sender allow-lists. Pure: no I/O.
 *
 * Each book has a token; mail reaches it at `<local>+<token>@<domain>` (plus-addressing on the deployment's one
 * mailbox, `INTAKE_ADDRESS`) or at the alias `<token>@<domain>` when the deployment routes a domain to it.
 */
import { randomBytes } from "node:crypto";

const TOKEN_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"; // no l/o/0/1: read aloud or typed without mistakes
export const TOKEN_PATTERN = /^[a-km-np-z2-9]{12}$/;

/** A new random intake token (12 characters, 60 bits). */
export function newIntakeToken(): string {
  const bytes = randomBytes(12);
  return [...bytes].map((b) => TOKEN_ALPHABET[b % TOKEN_ALPHABET.length]).join("");
}

/** The book's address from the deployment's base address (`facturas@midominio.es` → `facturas+<token>@midominio.es`). */
export function intakeAddress(base: string, token: string): string {
  const at = base.lastIndexOf("@");
  const local = base.slice(0, at).split("+")[0];
  return `${local}+${token}@${base.slice(at + 1)}`;
}

/** Tokens a message's recipients may carry: the part after `+`, or the whole local part (alias). */
export function tokensIn(addresses: string[]): string[] {
  const out = new Set<string>();
  for (const raw of addresses) {
    const a = raw.trim().toLowerCase().replace(/^<|>$/g, "");
    const at = a.lastIndexOf("@");
    if (at <= 0) continue;
    const local = a.slice(0, at);
    const plus = local.lastIndexOf("+");
    const candidate = plus >= 0 ? local.slice(plus + 1) : local;
    if (TOKEN_PATTERN.test(candidate)) out.add(candidate);
  }
  return [...out];
}

/** An allow-list entry normalised: `ana@x.es` or `@x.es` (a bare `x.es` is a domain); null if not one. */
export function normalizeSenderRule(entry: string): string | null {
  const e = entry.trim().toLowerCase();
  if (!e) return null;
  if (/^[^\s@<>]+@[^\s@<>]+\.[a-z]{2,}$/.test(e)) return e;
  const domain = e.replace(/^@/, "");
  return /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/.test(domain) ? `@${domain}` : null;
}

/** Whether `sender` may send to a book with this allow-list (empty list: anyone). */
export function senderAllowed(sender: string | null, rules: string[]): boolean {
  if (rules.length === 0) return true;
  if (!sender) return false;
  const s = sender.trim().toLowerCase();
  const domain = s.slice(s.lastIndexOf("@") + 1);
  return rules.some((r) => (r.startsWith("@") ? domain === r.slice(1) || domain.endsWith(`.${r.slice(1)}`) : s === r));
}
