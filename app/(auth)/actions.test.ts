import { beforeEach, describe, expect, it, vi } from "vitest";
import { getUserByEmail } from "@/db/queries/users";
import { listMemberships } from "@/db/queries/books";
import { verifyPassword } from "@/lib/auth/password";
import { testbed } from "@/lib/testing/testbed";

const bed = testbed();
const signIn = vi.fn();
let ip = "10.0.0.1";

vi.mock(import("@/db/client"), async (importOriginal) => ({ ...(await importOriginal()), getDb: async () => bed.handle.db }));
vi.mock("@/lib/auth", () => ({ signIn: (...a: unknown[]) => signIn(...a), signOut: vi.fn(), auth: async () => null }));
vi.mock("next-auth", () => {
  class AuthError extends Error {}
  return { AuthError, CredentialsSignin: class extends AuthError {} };
});
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": ip }),
  cookies: async () => ({ get: () => undefined }),
}));

const { registerAction } = await import("./actions");

function form(fields: Record<string, string>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

/** Runs the action and returns where it redirected (Next's redirect throws), or the form state it returned. */
async function submit(fields: Record<string, string>) {
  try {
    return { state: await registerAction({}, form(fields)) };
  } catch (e) {
    const digest = (e as { digest?: string }).digest ?? "";
    if (!digest.startsWith("NEXT_REDIRECT")) throw e;
    return { redirect: digest.split(";")[2] };
  }
}

const owner = (email: string, password = "contraseña-nueva-1") => ({
  name: "Lucía Pérez",
  email,
  password,
  legalName: "Lucía Pérez Gómez",
  nif: "12345678Z",
});

describe("registerAction", () => {
  beforeEach(() => {
    signIn.mockReset();
    ip = `10.1.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;
  });

  it("answers a new e-mail and an existing one the same: the login page with the notice, nobody signed in", async () => {
    const email = `lucia-${Date.now()}@example.com`;
    const first = await submit(owner(email));
    expect(first).toEqual({ redirect: "/login?registered=1" });
    const user = await getUserByEmail(bed.handle.db, { email });
    expect(user).toBeDefined();
    expect(await listMemberships(bed.handle.db, { userId: user!.id })).toHaveLength(1);

    // The same e-mail again, with another password and book: same answer, and the account is untouched.
    const again = await submit({ ...owner(email, "otra-contraseña-2"), legalName: "Otra SL", nif: "B12345674" });
    expect(again).toEqual(first);
    const after = await getUserByEmail(bed.handle.db, { email });
    expect(after!.passwordHash).toBe(user!.passwordHash);
    expect(await verifyPassword("contraseña-nueva-1", after!.passwordHash)).toBe(true);
    expect(await listMemberships(bed.handle.db, { userId: user!.id })).toHaveLength(1);
    expect(signIn).not.toHaveBeenCalled();
  });

  it("an invitee's registration keeps the invitation as the callback, for a new and an existing e-mail alike", async () => {
    const email = `gestor-${Date.now()}@example.com`;
    const callbackUrl = "/invitations/abcdefghijklmnopqrstuvwxyz012345";
    const fields = { name: "Gestoría Martín", email, password: "contraseña-nueva-1", callbackUrl };
    const expected = { redirect: `/login?registered=1&callbackUrl=${encodeURIComponent(callbackUrl)}` };
    expect(await submit(fields)).toEqual(expected);
    expect(await submit(fields)).toEqual(expected);
    const user = await getUserByEmail(bed.handle.db, { email });
    expect(await listMemberships(bed.handle.db, { userId: user!.id })).toHaveLength(0);
    expect(signIn).not.toHaveBeenCalled();
  });

  it("hashes the password on both paths (no timing difference from skipping scrypt)", async () => {
    const password = await import("@/lib/auth/password");
    const spy = vi.spyOn(password, "hashPassword");
    const email = `mario-${Date.now()}@example.com`;
    await submit(owner(email));
    await submit(owner(email));
    expect(spy).toHaveBeenCalledTimes(2);
    spy.mockRestore();
  });

  it("still returns field errors for invalid input, without creating anything", async () => {
    const res = await submit({ ...owner("no-es-un-correo"), nif: "123" });
    expect(res.state?.fieldErrors).toMatchObject({ email: expect.any(String), nif: expect.any(String) });
    expect(res.state?.values?.email).toBe("no-es-un-correo");
  });
});
