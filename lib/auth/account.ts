import "server-only";
import type { Db } from "@/db/client";
import { createUser, createUserWithBook, getSessionVersion, getUserById, setPasswordAndRevokeSessions } from "@/db/queries/users";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";

/**
 * True while a session token is current: its user exists and its session version is the user's (logout and
 * password change bump the version, so every token issued before stops working). Read on every session check.
 */
export async function sessionTokenIsCurrent(db: Db, token: { uid: string; sv?: number }): Promise<boolean> {
  const current = await getSessionVersion(db, { userId: token.uid });
  return current !== null && current === (token.sv ?? 0);
}

/**
 * Changes the password of a signed-in user who knows the current one, and ends all of their sessions (the new
 * session version is returned: the caller re-issues the current session with it, every other one is refused).
 */
export async function changePassword(
  db: Db,
  { userId, currentPassword, newPassword }: { userId: string; currentPassword: string; newPassword: string },
): Promise<{ email: string; sessionVersion: number }> {
  const user = await getUserById(db, { id: userId });
  if (!user) throw new AppError("auth:unauthorized");
  if (!(await verifyPassword(currentPassword, user.passwordHash))) throw new AppError("auth:wrong_password");
  const sessionVersion = await setPasswordAndRevokeSessions(db, { userId, passwordHash: await hashPassword(newPassword) });
  if (sessionVersion === null) throw new AppError("auth:unauthorized");
  return { email: user.email, sessionVersion };
}

/**
 * Registers an account (with its own book, or none for an invitee) without telling anyone whether the e-mail was
 * already taken: the password is hashed on both paths (same scrypt cost), nobody is signed in, and the caller
 * answers the same either way. Returns the new user's id for the log, or null when the e-mail had an account.
 */
export async function registerAccount(
  db: Db,
  input: { email: string; name: string; password: string; book?: { legalName: string; nif: string } },
): Promise<string | null> {
  const passwordHash = await hashPassword(input.password);
  const account = { email: input.email, name: input.name, passwordHash };
  if (input.book) return (await createUserWithBook(db, { ...account, ...input.book }))?.user.id ?? null;
  return (await createUser(db, account))?.id ?? null;
}
