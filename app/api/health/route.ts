import { sql } from "drizzle-orm";
import { NextResponse } from "next/server";
import { getDb, getDbHandle } from "@/db/client";
import { isAdmin } from "@/lib/auth/admin";
import { getSessionUser } from "@/lib/auth/session";
import { log } from "@/lib/log";
import { queueStatus } from "@/lib/queue";
import { getStorage } from "@/lib/storage";

export const runtime = "nodejs";

async function operatorAsking(): Promise<boolean> {
  try {
    const user = await getSessionUser();
    return user ? await isAdmin(await getDb(), user) : false;
  } catch {
    return false;
  }
}
export const dynamic = "force-dynamic";

type Check = { ok: boolean; kind?: string; error?: string; [k: string]: unknown };

async function check(name: string, fn: () => Promise<Omit<Check, "ok">>): Promise<Check> {
  try {
    return { ok: true, ...(await fn()) };
  } catch (e) {
    log.warn("health.check_failed", { check: name, err: e });
    return { ok: false, error: e instanceof Error ? e.name : "Error" };
  }
}

/**
 * 200 when database, storage and queue are all up; 503 otherwise. The public answer says only that
 * (`{ status }`); a signed-in operator (lib/auth/admin) also gets each check's details.
 */
export async function GET() {
  const [database, storage, queue] = await Promise.all([
    check("database", async () => {
      const h = await getDbHandle();
      await h.db.execute(sql`select 1`);
      return { kind: h.kind };
    }),
    check("storage", async () => {
      const s = getStorage();
      await s.check();
      return { kind: s.driver };
    }),
    check("queue", async () => {
      const q = await queueStatus();
      if (!q.ok) throw new Error("queue unavailable");
      return { kind: q.kind, pending: q.pending };
    }),
  ]);
  const ok = database.ok && storage.ok && queue.ok;
  const status = ok ? "ok" : "degraded";
  return NextResponse.json(
    (await operatorAsking()) ? { status, database, storage, queue } : { status },
    { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
