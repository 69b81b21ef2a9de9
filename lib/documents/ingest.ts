import "server-only";
import { createHash, randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { findDocumentBySha, getDocumentById, insertDocument } from "@/db/queries/documents";
import { enqueueOrMarkFailed } from "@/lib/queue";
import type { Document } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { validateUpload, type AcceptedType } from "@/lib/documents/sniff";
import { documentKey, type Storage } from "@/lib/storage";

export type IngestDeps = {
  db: Db;
  storage: Storage;
  enqueue: (documentId: string) => Promise<void>;
  maxBytes: number;
};

/** Extensions that name each accepted type (the first is the one we write). */
const EXTENSIONS: Record<AcceptedType["ext"], string[]> = {
  pdf: ["pdf"],
  jpg: ["jpg", "jpeg", "jpe"],
  png: ["png"],
  webp: ["webp"],
  xml: ["xml"],
};

/**
 * A user's filename is display text only: no path, no control characters, no bidirectional controls (U+202E can
 * show "factura‮fdp.exe" as "facturaexe.pdf"), bounded length — and, given the detected type, an extension that
 * tells the truth: a PDF named `factura.exe` is stored as `factura.pdf`, one with no extension gets `.pdf`.
 */
export function displayFilename(name: string | undefined | null, detected?: AcceptedType["ext"]): string {
  const base = (name ?? "").split(/[\\/]/).pop() ?? "";
  const clean = base
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, "")
    // bidi embeddings/overrides/isolates and marks, zero-width and BOM characters
    .replace(/[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, "")
    .trim();
  if (!detected) return clean.slice(0, 200) || "documento";
  const dot = clean.lastIndexOf(".");
  const stem = (dot >= 0 ? clean.slice(0, dot) : clean).trim();
  const ext = dot >= 0 ? clean.slice(dot + 1).toLowerCase() : "";
  const keep = EXTENSIONS[detected].includes(ext) ? clean.slice(dot + 1) : detected;
  return `${(stem || "documento").slice(0, 190)}.${keep}`;
}

function isUniqueViolation(e: unknown): boolean {
  for (let c: unknown = e; c; c = (c as { cause?: unknown }).cause) {
    if ((c as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

/**
 * One uploaded file: validate (size, real type, opens) → sha256 → duplicate check → store under a server-made
 * key → insert the row → queue `document/uploaded`. The same content twice in a book gives a `duplicate` row
 * pointing at the original and no second job. Nothing is lost: if queuing fails the stored document is marked
 * `failed` (code `pipeline:failed`) and the inbox offers a retry.
 */
export async function ingestUpload(
  deps: IngestDeps,
  input: {
    bookId: string;
    /** Null when no person uploaded it (e-mail intake). */
    userId: string | null;
    filename: string;
    bytes: Uint8Array;
    /** How it arrived (default: uploaded in the app); for e-mail, the sender. */
    source?: { kind: "upload" | "email"; detail?: string | null };
  },
): Promise<{ document: Document; duplicate: boolean }> {
  const type = await validateUpload(input.bytes, { maxBytes: deps.maxBytes });
  const sha256 = createHash("sha256").update(input.bytes).digest("hex");
  const base = {
    bookId: input.bookId,
    uploadedBy: input.userId,
    originalFilename: displayFilename(input.filename, type.ext),
    mimeType: type.mime,
    sizeBytes: input.bytes.byteLength,
    sha256,
    source: input.source?.kind ?? "upload",
    sourceDetail: input.source?.detail ?? null,
  };

  const recordDuplicate = async (original: Document) => ({
    document: await insertDocument(deps.db, {
      ...base,
      id: randomUUID(),
      status: "duplicate",
      duplicateOf: original.id,
      storageKey: null,
    }),
    duplicate: true,
  });

  const existing = await findDocumentBySha(deps.db, { bookId: input.bookId, sha256 });
  if (existing) return recordDuplicate(existing);

  const id = randomUUID();
  const storageKey = documentKey({ bookId: input.bookId, documentId: id, ext: type.ext, date: new Date() });
  try {
    await deps.storage.put(storageKey, input.bytes, type.mime);
  } catch (e) {
    log.error("upload.storage_failed", { bookId: input.bookId, err: e });
    throw new AppError("upload:storage_failed", undefined, { cause: e });
  }

  let document: Document;
  try {
    document = await insertDocument(deps.db, { ...base, id, storageKey, status: "uploaded" });
  } catch (e) {
    // Two uploads of the same file raced: the other one won; this one is the duplicate.
    await deps.storage.delete(storageKey).catch(() => {});
    if (isUniqueViolation(e)) {
      const winner = await findDocumentBySha(deps.db, { bookId: input.bookId, sha256 });
      if (winner) return recordDuplicate(winner);
    }
    throw e;
  }

  // The file and row are safe either way; if the queue refuses, the document shows as failed with a retry.
  if (!(await enqueueOrMarkFailed(deps.db, document.id, deps.enqueue))) {
    document = (await getDocumentById(deps.db, { id: document.id })) ?? document;
  }
  log.info("upload.accepted", { documentId: document.id, bookId: input.bookId, mime: type.mime, size: base.sizeBytes });
  return { document, duplicate: false };
}
