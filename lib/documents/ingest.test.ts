import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listInbox } from "@/db/queries/documents";
import { isAppError } from "@/lib/errors";
import { createOwner, tempStorage } from "@/lib/testing/book";
import { createTestDb } from "@/lib/testing/db";
import { makeInvoicePdf, SAMPLE_INVOICE } from "@/lib/testing/fixtures";
import { displayFilename, ingestUpload, type IngestDeps } from "./ingest";

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => statSync(path.join(dir, f)).isFile());
}

describe("upload ingestion", () => {
  let handle: Awaited<ReturnType<typeof createTestDb>>;
  let store: ReturnType<typeof tempStorage>;
  let enqueued: string[];
  let deps: IngestDeps;

  beforeAll(async () => {
    handle = await createTestDb();
    store = tempStorage();
    enqueued = [];
    deps = {
      db: handle.db,
      storage: store.storage,
      enqueue: async (id) => void enqueued.push(id),
      maxBytes: 64 * 1024,
    };
  });
  afterAll(async () => {
    await handle?.close();
    store?.cleanup();
  });

  it("stores a valid PDF under a server-made key, never the user's filename, and queues it", async () => {
    const owner = await createOwner(handle.db);
    const { document, duplicate } = await ingestUpload(deps, {
      ...owner,
      filename: "../../etc/passwd factura marzo.pdf",
      bytes: await makeInvoicePdf(),
    });
    expect(duplicate).toBe(false);
    expect(document.status).toBe("uploaded");
    expect(document.mimeType).toBe("application/pdf");
    expect(document.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(document.originalFilename).toBe("passwd factura marzo.pdf");
    expect(document.storageKey).toMatch(new RegExp(`^${owner.bookId}/\\d{4}/\\d{2}/${document.id}\\.pdf$`));
    expect(filesUnder(store.root)).toEqual([document.storageKey]);
    expect(enqueued).toContain(document.id);
  });

  it.each([
    ["a text file renamed .pdf", "nota.pdf", new TextEncoder().encode("hola, esto no es un PDF"), "upload:unsupported_type"],
    ["an empty file", "vacio.pdf", new Uint8Array(), "upload:empty"],
    ["a file over the limit", "grande.pdf", new Uint8Array(65 * 1024).fill(0x25), "upload:too_large"],
  ])("refuses %s with a code and keeps nothing", async (_label, filename, bytes, code) => {
    const owner = await createOwner(handle.db);
    const before = filesUnder(store.root).length;
    const err = await ingestUpload(deps, { ...owner, filename, bytes }).catch((e) => e);
    expect(isAppError(err)).toBe(true);
    expect(err.code).toBe(code);
    expect(err.userMessage).toMatch(/[a-z]/);
    expect(await listInbox(handle.db, { bookId: owner.bookId })).toHaveLength(0);
    expect(filesUnder(store.root).length).toBe(before);
  });

  it("records a second upload of the same content as a duplicate without storing or queuing it", async () => {
    const owner = await createOwner(handle.db);
    const bytes = await makeInvoicePdf();
    const first = await ingestUpload(deps, { ...owner, filename: "a.pdf", bytes });
    const queuedBefore = enqueued.length;
    const filesBefore = filesUnder(store.root).length;
    const second = await ingestUpload(deps, { ...owner, filename: "b.pdf", bytes });
    expect(second.duplicate).toBe(true);
    expect(second.document).toMatchObject({ status: "duplicate", duplicateOf: first.document.id, storageKey: null });
    expect(enqueued.length).toBe(queuedBefore);
    expect(filesUnder(store.root).length).toBe(filesBefore);
  });

  it("keeps the document when queuing fails and marks it failed so the user can retry", async () => {
    const owner = await createOwner(handle.db);
    const { document } = await ingestUpload(
      { ...deps, enqueue: async () => Promise.reject(new Error("queue down")) },
      { ...owner, filename: "c.pdf", bytes: await makeInvoicePdf({ ...SAMPLE_INVOICE, number: "Q-1" }) },
    );
    const items = await listInbox(handle.db, { bookId: owner.bookId });
    expect(items.map((i) => [i.id, i.status, i.errorCode])).toEqual([[document.id, "failed", "pipeline:failed"]]);
    expect(document.status).toBe("failed");
    expect(filesUnder(store.root)).toContain(document.storageKey);
  });

  it.each([
    ["C:\\fakepath\\ticket.jpg", "ticket.jpg"],
    ["bad\u0000name\u0007.pdf", "badname.pdf"],
    ["", "documento"],
    ["x".repeat(300) + ".pdf", "x".repeat(200)],
  ])("turns the filename %j into display text %j", (input, out) => {
    expect(displayFilename(input)).toBe(out);
  });

  it("two identical uploads at the same moment give one original and one duplicate of it, one job and one file", async () => {
    const owner = await createOwner(handle.db);
    const bytes = await makeInvoicePdf({ ...SAMPLE_INVOICE, number: "RACE-1" });
    // Both uploads pass the duplicate check before either row exists: each waits at `put` for the other.
    let arrived = 0;
    let release!: () => void;
    const bothThere = new Promise<void>((r) => (release = r));
    const racing: IngestDeps = {
      ...deps,
      storage: {
        ...store.storage,
        put: async (key, body, type) => {
          if (++arrived === 2) release();
          await bothThere;
          return store.storage.put(key, body, type);
        },
      },
    };
    const before = enqueued.length;
    const results = await Promise.all([
      ingestUpload(racing, { ...owner, filename: "a.pdf", bytes }),
      ingestUpload(racing, { ...owner, filename: "b.pdf", bytes }),
    ]);
    expect(arrived).toBe(2);
    const original = results.find((r) => !r.duplicate)!;
    const copy = results.find((r) => r.duplicate)!;
    expect(original.document.status).toBe("uploaded");
    expect(copy.document).toMatchObject({ status: "duplicate", duplicateOf: original.document.id, storageKey: null });
    expect(enqueued.slice(before)).toEqual([original.document.id]);
    expect(filesUnder(store.root).filter((f) => f.startsWith(owner.bookId))).toEqual([original.document.storageKey]);
  });

  it.each([
    ["factura\u202Efdp.exe", "pdf", "facturafdp.pdf"],
    ["\u2067nota\u2069.pdf", "pdf", "nota.pdf"],
    ["foto.JPEG", "jpg", "foto.JPEG"],
    ["foto.png", "jpg", "foto.jpg"],
    ["escaneo", "png", "escaneo.png"],
    [".pdf", "pdf", "documento.pdf"],
    ["x".repeat(300) + ".pdf", "pdf", "x".repeat(190) + ".pdf"],
  ] as const)("with the detected type, %j becomes %j", (input, ext, out) => {
    expect(displayFilename(input, ext)).toBe(out);
  });
});
