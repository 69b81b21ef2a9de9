import { describe, expect, it } from "vitest";
import { createUserWithBook, getUserById, revokeSessions } from "@/db/queries/users";
import { changePassword, sessionTokenIsCurrent } from "@/lib/auth/account";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { testbed } from "@/lib/testing/testbed";

const bed = testbed();

let n = 0;
async function userWithPassword(password: string) {
  n++;
  const created = await createUserWithBook(bed.handle.db, {
    email: `pw${n}-${Date.now()}@example.com`,
    name: `Usuario ${n}`,
    passwordHash: await hashPassword(password),
    legalName: `Autónomo ${n}`,
    nif: "12345678Z",
  });
  if (!created) throw new Error("could not create user");
  return created.user;
}

describe("password change", () => {
  it("sets the new password and ends every session issued before; the new version is current", async () => {
    const user = await userWithPassword("vieja-contraseña");
    const other = await userWithPassword("otra-contraseña");
    const db = bed.handle.db;
    // Two sessions of the user (two browsers) and one of someone else, all issued at version 0.
    const laptop = { uid: user.id, sv: 0 };
    const phone = { uid: user.id, sv: 0 };
    const stranger = { uid: other.id, sv: 0 };
    expect(await sessionTokenIsCurrent(db, laptop)).toBe(true);

    const res = await changePassword(db, { userId: user.id, currentPassword: "vieja-contraseña", newPassword: "nueva-contraseña" });

    expect(res).toEqual({ email: user.email, sessionVersion: 1 });
    expect(await sessionTokenIsCurrent(db, laptop)).toBe(false);
    expect(await sessionTokenIsCurrent(db, phone)).toBe(false);
    // The session re-issued for the browser that changed it carries the new version.
    expect(await sessionTokenIsCurrent(db, { uid: user.id, sv: res.sessionVersion })).toBe(true);
    expect(await sessionTokenIsCurrent(db, stranger)).toBe(true);
    const stored = (await getUserById(db, { id: user.id }))!.passwordHash;
    expect(await verifyPassword("nueva-contraseña", stored)).toBe(true);
    expect(await verifyPassword("vieja-contraseña", stored)).toBe(false);
  });

  it("refuses a wrong current password and changes nothing", async () => {
    const user = await userWithPassword("vieja-contraseña");
    const db = bed.handle.db;
    await expect(
      changePassword(db, { userId: user.id, currentPassword: "no-es-esta", newPassword: "nueva-contraseña" }),
    ).rejects.toMatchObject({ code: "auth:wrong_password" });
    expect(await sessionTokenIsCurrent(db, { uid: user.id, sv: 0 })).toBe(true);
    expect(await verifyPassword("vieja-contraseña", (await getUserById(db, { id: user.id }))!.passwordHash)).toBe(true);
  });

  it("a token without a version counts as version 0; an unknown user's token is never current", async () => {
    const user = await userWithPassword("vieja-contraseña");
    const db = bed.handle.db;
    expect(await sessionTokenIsCurrent(db, { uid: user.id })).toBe(true);
    await revokeSessions(db, { userId: user.id });
    expect(await sessionTokenIsCurrent(db, { uid: user.id })).toBe(false);
    expect(await sessionTokenIsCurrent(db, { uid: "00000000-0000-4000-8000-000000000000", sv: 0 })).toBe(false);
  });
});
