import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/db/client";
import { getUserByEmail } from "@/db/queries/users";
import { sessionTokenIsCurrent } from "@/lib/auth/account";
import { SESSION_MAX_AGE, SESSION_UPDATE_AGE } from "@/lib/auth/config";
import { authSecret, env } from "@/lib/env";
import { rateLimitedCode, recordSignInFailure, signInAllowed, verifyPasswordConstantTime } from "@/lib/auth/throttle";
import { clientIp } from "@/lib/http/client-ip";
import { log } from "@/lib/log";

/** A refused sign-in over the limits; the code carries the wait (`rate_limited:<seconds>`). */
export class SignInRateLimited extends CredentialsSignin {
  constructor(retryAfter: number) {
    super();
    this.code = rateLimitedCode(retryAfter);
  }
}

const credentialsSchema = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(200),
});

/**
 * next-auth (v5): email + password credentials, JWT sessions. Initialised lazily so the secret (AUTH_SECRET, or the
 * embedded default's generated one) is read at request time, not at build time.
 */
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: authSecret(),
  trustHost: true,
  // Secure (`__Secure-` prefixed) cookies when the public URL is HTTPS: decided per deployment, not per request,
  // so every reader agrees on the cookie name.
  useSecureCookies: env().APP_URL?.startsWith("https:") ?? false,
  // Short-lived, renewed while used (see SESSION_MAX_AGE), and revocable (the session version, checked below).
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE, updateAge: SESSION_UPDATE_AGE },
  pages: { signIn: "/login" },
  providers: [
    Credentials({
      credentials: { email: { type: "email" }, password: { type: "password" } },
      // The one place every password sign-in passes (the login form's action and /api/auth/callback/credentials).
      authorize: async (raw, request) => {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) throw new CredentialsSignin();
        const ip = clientIp(request.headers);
        const gate = await signInAllowed({ email: parsed.data.email, ip });
        if (!gate.ok) {
          log.warn("auth.signin_rate_limited", { ip, retryAfter: gate.retryAfter });
          throw new SignInRateLimited(gate.retryAfter);
        }
        const db = await getDb();
        const user = await getUserByEmail(db, { email: parsed.data.email });
        // Always one scrypt run, account or not: the answer's timing does not tell which e-mails exist.
        if (!(await verifyPasswordConstantTime(parsed.data.password, user?.passwordHash)) || !user) {
          await recordSignInFailure({ email: parsed.data.email, ip });
          throw new CredentialsSignin();
        }
        return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    // Runs for every session read: a token whose version is older than the user's (after a logout or a password
    // change) is dropped, so a copied cookie stops working at once.
    async jwt({ token, user }) {
      if (user?.id) {
        token.uid = user.id;
        token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
        return token;
      }
      if (typeof token.uid !== "string") return null;
      return (await sessionTokenIsCurrent(await getDb(), { uid: token.uid, sv: typeof token.sv === "number" ? token.sv : undefined })) ? token : null;
    },
    session({ session, token }) {
      if (typeof token.uid === "string") session.user.id = token.uid;
      return session;
    },
  },
}));
