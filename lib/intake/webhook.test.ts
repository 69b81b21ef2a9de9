import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documents } from "@/db/schema";
import { getOrCreateIntakeSettings } from "@/db/queries/intake";
import { AppError } from "@/lib/errors";
import { intakeAddress } from "@/lib/intake/address";
import type { IntakeDeps } from "@/lib/intake/intake";
import { handleInboundEmail, inboundResponseBody, secretMatches } from "@/lib/intake/webhook";
import { createOwner, tempStorage } from "@/lib/testing/book";
import { createTestDb } from "@/lib/testing/db";
import { BASIC_INVOICE, ublXml } from "@/lib/testing/einvoices";
import { composeMail } from "@/lib/testing/mail";

const SECRET = "s3cr3t-de-prueba-inbound";

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe("POST /api/inbound/email (raw MIME webhook)", () => {
  let handle: Awaited<ReturnType<typeof createTestDb>>;
  let store: ReturnType<typeof tempStorage>;
  let deps: IntakeDeps;

  beforeAll(async () => {
    handle = await createTestDb();
    store = tempStorage();
    deps = { db: handle.db, storage: store.storage, enqueue: async () => {}, maxBytes: 10 * 1024 * 1024 };
  });
  afterAll(async () => {
    await handle?.close();
    store?.cleanup();
  });

  const post = (body: Uint8Array, headers: Record<string, string> = {}, query = "") =>
    new Request(`http://localhost/api/inbound/email${query}`, { method: "POST", body: Buffer.from(body), headers: { "content-type": "message/rfc822", ...headers } });

  it("turns a raw MIME message into documents of the addressed book", async () => {
    const owner = await createOwner(handle.db);
    const { token } = await getOrCreateIntakeSettings(handle.db, { bookId: owner.bookId });
    const raw = await composeMail({ from: "billing@acme.example", to: intakeAddress("facturas@anclora.test", token), attachments: [{ filename: "inv.xml", content: ublXml(BASIC_INVOICE) }] });
    const r = await handleInboundEmail(post(raw, { authorization: `Bearer ${SECRET}` }), deps, { secret: SECRET, maxBytes: 1024 * 1024 });
    const body = inboundResponseBody(r);
    expect(body).toMatchObject({ status: "processed", outcome: "ingested", documents: [{ filename: "inv.xml", duplicate: false, errorCode: null }] });
    const docs = await handle.db.select().from(documents).where(eq(documents.bookId, owner.bookId));
    expect(docs.map((d) => [d.originalFilename, d.mimeType, d.source, d.sourceDetail])).toEqual([["inv.xml", "application/xml", "email", "billing@acme.example"]]);
  });

  it("finds the book from the envelope recipient (?to=) when the headers do not name it", async () => {
    const owner = await createOwner(handle.db);
    const { token } = await getOrCreateIntakeSettings(handle.db, { bookId: owner.bookId });
    const raw = await composeMail({ to: "lista@otra.example", attachments: [{ filename: "x.xml", content: ublXml({ ...BASIC_INVOICE, number: "9" }) }] });
    const r = await handleInboundEmail(post(raw, { "x-inbound-secret": SECRET }, `?to=${encodeURIComponent(`facturas+${token}@anclora.test`)}`), deps, { secret: SECRET, maxBytes: 1024 * 1024 });
    expect(r.status === "processed" && r.message.bookId).toBe(owner.bookId);
  });

  it("answers 401 to a wrong or missing secret, and stores nothing", async () => {
    const raw = await composeMail({ to: "facturas+abcdefghjkmn@anclora.test" });
    for (const headers of [{ authorization: "Bearer otro-secreto-cualquiera" }, {}] as Record<string, string>[]) {
      const err = await refusal(handleInboundEmail(post(raw, headers), deps, { secret: SECRET, maxBytes: 1024 * 1024 }));
      expect(err.code).toBe("intake:unauthorized");
      expect(err.toResponse().status).toBe(401);
    }
  });

  it("is off until a secret is configured, and refuses oversized messages with 413", async () => {
    const raw = await composeMail({ to: "x@y.es" });
    expect((await refusal(handleInboundEmail(post(raw, { authorization: `Bearer ${SECRET}` }), deps, { secret: undefined, maxBytes: 1024 }))).toResponse().status).toBe(404);
    const big = await refusal(handleInboundEmail(post(raw, { authorization: `Bearer ${SECRET}` }), deps, { secret: SECRET, maxBytes: 100 }));
    expect([big.code, big.toResponse().status]).toEqual(["intake:too_large", 413]);
  });

  it("compares secrets in constant time on their hashes", () => {
    expect(secretMatches(SECRET, SECRET)).toBe(true);
    expect(secretMatches(`${SECRET}x`, SECRET)).toBe(false);
    expect(secretMatches(null, SECRET)).toBe(false);
  });
});
