import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Db } from "@/db/client";
import { createUserWithBook } from "@/db/queries/users";
import { createStorage, type Storage } from "@/lib/storage";

let n = 0;
/** A user who owns a book, straight in the database (registration is tested through its own path). */
export async function createOwner(db: Db, opts: { nif?: string } = {}) {
  n++;
  const created = await createUserWithBook(db, {
    email: `owner${n}-${Date.now()}@example.com`,
    name: `Owner ${n}`,
    passwordHash: "scrypt$x",
    legalName: `Autónomo ${n}`,
    nif: opts.nif ?? "12345678Z",
  });
  if (!created) throw new Error("could not create owner");
  return { userId: created.user.id, bookId: created.bookId };
}

/** Local-disk storage in a temporary directory, removed by `cleanup`. */
export function tempStorage(): { storage: Storage; root: string; cleanup: () => void } {
  const root = mkdtempSync(path.join(os.tmpdir(), "anclora-storage-"));
  return {
    storage: createStorage({ driver: "local", root }),
    root,
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}
