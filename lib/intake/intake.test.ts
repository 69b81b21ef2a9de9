import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { documents, intakeMessages } from "@/db/schema";
import { beginIntakeMessage, getOrCreateIntakeSettings, setAllowedSenders } from "@/db/queries/intake";
import { ingestUpload } from "@/lib/documents/ingest";
import { intakeAddress } from "@/lib/intake/address";
import { intakeMessage, type IntakeDeps } from "@/lib/intake/intake";
import { createOwner, tempStorage } from "@/lib/testing/book";
import { createTestDb } from "@/lib/testing/db";
import { BASIC_INVOICE, bytesOf, facturaeXml } from "@/lib/testing/einvoices";
import { makeInvoicePdf } from "@/lib/testing/fixtures";
import { composeMail } from "@/lib/testing/mail";

describe("e-mail intake (real PostgreSQL, local storage)", () => {
  let handle: Awaited<ReturnType<typeof createTestDb>>;
  let store: ReturnType<typeof tempStorage>;
  let deps: IntakeDeps;
  let queued: string[];
  let pdf: Uint8Array;

  beforeAll(async () => {
    handle = await createTestDb();
    store = tempStorage();
    queued = [];
    deps = { db: handle.db, storage: store.storage, enqueue: async (id) => void queued.push(id), maxBytes: 10 * 1024 * 1024 };
    pdf = await makeInvoicePdf();
  });
  afterAll(async () => {
    await handle?.close();
    store?.cleanup();
  });

  async function book() {
    const owner = await createOwner(handle.db);
    const settings = await getOrCreateIntakeSettings(handle.db, { bookId: owner.bookId });
    return { ...owner, address: intakeAddress("facturas@anclora.test", settings.token), token: settings.token };
  }
  const docsOf = (bookId: string) => handle.db.select().from(documents).where(eq(documents.bookId, bookId));

  it("turns each attachment into a document of the addressed book, once per Message-ID", async () => {
    const b = await book();
    const raw = await composeMail({
      to: b.address,
      attachments: [
        { filename: "factura.pdf", content: pdf, contentType: "application/pdf" },
        { filename: "factura.xml", content: facturaeXml(BASIC_INVOICE), contentType: "application/xml" },
      ],
    });
    const first = await intakeMessage(deps, { raw, transport: "webhook" });
    expect(first.status).toBe("processed");
    if (first.status !== "processed") return;
    expect(first.message).toMatchObject({ outcome: "ingested", reason: null, fromAddress: "facturas@proveedor.es", transport: "webhook" });
    const docs = await docsOf(b.bookId);
    expect(docs.map((d) => [d.originalFilename, d.mimeType, d.source, d.sourceDetail, d.status, d.uploadedBy]).sort()).toEqual([
      ["factura.pdf", "application/pdf", "email", "facturas@proveedor.es", "uploaded", null],
      ["factura.xml", "application/xml", "email", "facturas@proveedor.es", "uploaded", null],
    ]);
    expect(queued).toEqual(expect.arrayContaining(docs.map((d) => d.id)));

    const again = await intakeMessage(deps, { raw, transport: "imap" });
    expect(again.status).toBe("already_processed");
    expect(await docsOf(b.bookId)).toHaveLength(2);
  });

  it("finishes a message a crash left half done without duplicating its documents", async () => {
    const b = await book();
    const messageId = `<crash-${Date.now()}@proveedor.es>`;
    const raw = await composeMail({
      to: `Facturas <${b.token}@alias.anclora.test>`,
      messageId,
      attachments: [
        { filename: "a.pdf", content: pdf },
        { filename: "b.xml", content: facturaeXml({ ...BASIC_INVOICE, number: "77" }) },
      ],
    });
    // The crash: the message was claimed and its first attachment stored, but nothing was recorded after that.
    await beginIntakeMessage(handle.db, { bookId: b.bookId, messageId, transport: "imap", fromAddress: null, subject: null });
    await ingestUpload(deps, { bookId: b.bookId, userId: null, filename: "a.pdf", bytes: pdf, source: { kind: "email" } });

    const r = await intakeMessage(deps, { raw, transport: "imap" });
    expect(r.status).toBe("processed");
    const docs = await docsOf(b.bookId);
    expect(docs.map((d) => d.status).sort()).toEqual(["uploaded", "uploaded"]);
    if (r.status === "processed") expect(r.message.attachments.map((a) => a.documentId).sort()).toEqual(docs.map((d) => d.id).sort());
  });

  it("holds the allow-list: other senders are recorded as refused and nothing is stored", async () => {
    const b = await book();
    await setAllowedSenders(handle.db, { bookId: b.bookId, senders: ["@luz.es"] });
    const refused = await intakeMessage(deps, {
      raw: await composeMail({ from: "spam@otro.com", to: b.address, attachments: [{ filename: "x.pdf", content: pdf }] }),
      transport: "webhook",
    });
    expect(refused.status === "processed" && refused.message).toMatchObject({ outcome: "sender_refused", reason: expect.stringContaining("spam@otro.com") });
    expect(await docsOf(b.bookId)).toHaveLength(0);
    const allowed = await intakeMessage(deps, {
      raw: await composeMail({ from: "facturacion@luz.es", to: b.address, attachments: [{ filename: "luz.pdf", content: pdf }] }),
      transport: "webhook",
    });
    expect(allowed.status === "processed" && allowed.message.outcome).toBe("ingested");
    expect(await docsOf(b.bookId)).toHaveLength(1);
  });

  it("records messages with no usable attachment with a reason, and keeps the usable ones of a mixed message", async () => {
    const b = await book();
    const none = await intakeMessage(deps, { raw: await composeMail({ to: b.address }), transport: "webhook" });
    expect(none.status === "processed" && none.message).toMatchObject({ outcome: "no_attachment", reason: "El correo no traía archivos adjuntos." });

    const hostile = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a SYSTEM "file:///etc/passwd">]><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&a;</Invoice>`;
    const bad = await intakeMessage(deps, {
      raw: await composeMail({ to: b.address, attachments: [{ filename: "notas.txt", content: "hola" }, { filename: "x.xml", content: hostile }] }),
      transport: "webhook",
    });
    expect(bad.status === "processed" && bad.message).toMatchObject({ outcome: "no_attachment", reason: expect.stringContaining("notas.txt") });
    if (bad.status === "processed") {
      expect(bad.message.attachments.map((a) => a.errorCode)).toEqual(["upload:unsupported_type", "einvoice:dtd_forbidden"]);
    }

    const mixed = await intakeMessage(deps, {
      raw: await composeMail({ to: b.address, attachments: [{ filename: "notas.txt", content: "hola" }, { filename: "f.xml", content: bytesOf(facturaeXml({ ...BASIC_INVOICE, number: "88" })) }] }),
      transport: "webhook",
    });
    expect(mixed.status === "processed" && mixed.message).toMatchObject({ outcome: "partial", reason: expect.stringContaining("notas.txt") });
    expect(await docsOf(b.bookId)).toHaveLength(1);
  });

  it("ignores mail to an address that is no book's, recording nothing", async () => {
    const before = (await handle.db.select().from(intakeMessages)).length;
    const r = await intakeMessage(deps, { raw: await composeMail({ to: "facturas+zzzzzzzzzzzz@anclora.test", attachments: [{ filename: "x.pdf", content: pdf }] }), transport: "webhook" });
    expect(r.status).toBe("unknown_recipient");
    expect((await handle.db.select().from(intakeMessages)).length).toBe(before);
  });
});
