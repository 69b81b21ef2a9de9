"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AuthError, CredentialsSignin } from "next-auth";
import { getDb } from "@/db/client";
import { revokeSessions } from "@/db/queries/users";
import { signIn, signOut } from "@/lib/auth";
import { getSessionUser } from "@/lib/auth/session";
import { changePassword, registerAccount } from "@/lib/auth/account";
import {
  rateLimitedSeconds,
  recordSignInFailure,
  signInAllowed,
  throttleRegistration,
  waitInSpanish,
} from "@/lib/auth/throttle";
import { clientIp } from "@/lib/http/client-ip";
import { fieldErrorsOf, isAppError, messageFor } from "@/lib/errors";
import { log } from "@/lib/log";
import {
  PASSWORD_CHANGED_PATH,
  afterRegistration,
  changePasswordSchema,
  isInvitationCallback,
  loginSchema,
  registerAccountSchema,
  registerSchema,
  safeCallback,
  type FormState,
} from "./schema";

/** The Spanish refusal for a rate-limited attempt, with the wait. */
function rateLimitedState(code: "ratelimit:signin" | "ratelimit:register", seconds: number, values: Record<string, string>): FormState {
  return { error: `${messageFor(code)} (Espera ${waitInSpanish(seconds)}.)`, values };
}

/** Per-IP and per-e-mail limits on registration; null when allowed. */
async function registrationRefused(email: string, values: Record<string, string>): Promise<FormState | null> {
  const gate = await throttleRegistration({ email, ip: clientIp(await headers()) });
  return gate.ok ? null : rateLimitedState("ratelimit:register", gate.retryAfter, values);
}

function formValues(form: FormData, keys: string[]) {
  return Object.fromEntries(keys.map((k) => [k, String(form.get(k) ?? "")]));
}

/**
 * Registration answers the same whether the e-mail is new or already has an account: the password is hashed on
 * both paths, nobody is signed in, and both end on the login page with a neutral notice (`afterRegistration`).
 */
export async function registerAction(_prev: FormState, form: FormData): Promise<FormState> {
  const callbackUrl = String(form.get("callbackUrl") ?? "");
  if (isInvitationCallback(callbackUrl)) return registerForInvitation(form, callbackUrl);
  const values = formValues(form, ["name", "email", "legalName", "nif"]);
  const parsed = registerSchema.safeParse({ ...values, password: form.get("password") });
  if (!parsed.success) {
    return { error: messageFor("validation:invalid"), fieldErrors: fieldErrorsOf(parsed.error.issues), values };
  }
  const { legalName, nif, ...input } = parsed.data;
  const refused = await registrationRefused(input.email, values);
  if (refused) return refused;
  const userId = await registerAccount(await getDb(), { ...input, book: { legalName, nif } });
  log.info(userId ? "auth.registered" : "auth.register_existing", userId ? { userId } : {});
  redirect(afterRegistration());
}

/** An invitee registers an account only, then signs in and goes back to the invitation to accept it. */
async function registerForInvitation(form: FormData, callbackUrl: string): Promise<FormState> {
  const values = formValues(form, ["name", "email"]);
  const parsed = registerAccountSchema.safeParse({ ...values, password: form.get("password") });
  if (!parsed.success) {
    return { error: messageFor("validation:invalid"), fieldErrors: fieldErrorsOf(parsed.error.issues), values };
  }
  const refused = await registrationRefused(parsed.data.email, values);
  if (refused) return refused;
  const userId = await registerAccount(await getDb(), parsed.data);
  log.info(userId ? "auth.registered" : "auth.register_existing", userId ? { userId, invited: true } : { invited: true });
  redirect(afterRegistration(callbackUrl));
}

export async function loginAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formValues(form, ["email"]);
  const parsed = loginSchema.safeParse({
    email: form.get("email"),
    password: form.get("password"),
    callbackUrl: form.get("callbackUrl") ?? undefined,
  });
  if (!parsed.success) {
    return { error: messageFor("validation:invalid"), fieldErrors: fieldErrorsOf(parsed.error.issues), values };
  }
  try {
    await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: safeCallback(parsed.data.callbackUrl),
    });
  } catch (e) {
    if (e instanceof AuthError) {
      const wait = e instanceof CredentialsSignin ? rateLimitedSeconds(e.code) : null;
      if (wait !== null) return rateLimitedState("ratelimit:signin", wait, values);
      return { error: messageFor("auth:invalid_credentials"), values };
    }
    throw e; // NEXT_REDIRECT on success
  }
  return { ok: true };
}

/** Signs out and revokes the user's sessions everywhere (a copied cookie stops working too). */
export async function logoutAction() {
  const user = await getSessionUser();
  if (user) {
    await revokeSessions(await getDb(), { userId: user.id });
    log.info("auth.logout", { userId: user.id });
  }
  await signOut({ redirectTo: "/login" });
}

/**
 * Changes the signed-in user's password and ends their other sessions: the session version goes up (every token
 * issued before is refused) and this browser gets a new session with the new version. Wrong current passwords
 * count as failed sign-ins (same limits), so a borrowed session cannot be used to guess the password.
 */
export async function changePasswordAction(_prev: FormState, form: FormData): Promise<FormState> {
  const user = await getSessionUser();
  if (!user) return { error: messageFor("auth:unauthorized") };
  const parsed = changePasswordSchema.safeParse({
    currentPassword: form.get("currentPassword"),
    newPassword: form.get("newPassword"),
  });
  if (!parsed.success) return { error: messageFor("validation:invalid"), fieldErrors: fieldErrorsOf(parsed.error.issues) };
  const who = { email: user.email, ip: clientIp(await headers()) };
  const gate = await signInAllowed(who);
  if (!gate.ok) return rateLimitedState("ratelimit:signin", gate.retryAfter, {});
  try {
    await changePassword(await getDb(), { userId: user.id, ...parsed.data });
  } catch (e) {
    if (isAppError(e) && e.code === "auth:wrong_password") {
      await recordSignInFailure(who);
      return { error: messageFor(e.code), fieldErrors: { currentPassword: messageFor(e.code) } };
    }
    throw e;
  }
  log.info("auth.password_changed", { userId: user.id });
  try {
    // A fresh session for this browser, carrying the new version.
    await signIn("credentials", { email: user.email, password: parsed.data.newPassword, redirect: false });
  } catch (e) {
    if (!(e instanceof AuthError)) throw e;
    log.warn("auth.password_changed_reissue_failed", { userId: user.id });
    await signOut({ redirectTo: "/login" });
  }
  // A new request, with the new cookie: re-rendering this one would still read the old (now refused) session.
  redirect(PASSWORD_CHANGED_PATH);
}
