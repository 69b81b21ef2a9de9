import "server-only";
/**
 * The one intake code for e-mailed documents, whatever the transport (IMAP poller or inbound webhook): parse the
 * raw MIME message (mailparser) → find the book by the token in a recipient address → once per Message-ID →
 * sender allow-list → each attachment through the same ingest as an upload (type, size, hostile files) → a
 * record of the message and of what became of each attachment, with a reason the user can read.
 *
 * Idempotent: the message row is claimed by (book, Message-ID) before anything is ingested, and after a crash the
 * next delivery finishes it; attachments already stored for it are not ingested twice.
 */
import { createHash } from "node:crypto";
import { simpleParser, type AddressObject, type ParsedMail } from "mailparser";
import type { Db } from "@/db/client";
import { findDocumentBySha } from "@/db/queries/documents";
import {
  beginIntakeMessage,
  completeIntakeMessage,
  findIntakeByTokens,
  saveIntakeAttachments,
} from "@/db/queries/intake";
import type { IntakeAttachment, IntakeMessage } from "@/db/schema";
import { ingestUpload, type IngestDeps } from "@/lib/documents/ingest";
import { isAppError, messageFor } from "@/lib/errors";
import { log } from "@/lib/log";
import { senderAllowed, tokensIn } from "@/lib/intake/address";

export type IntakeDeps = IngestDeps;

export type IntakeResult =
  | { status: "unknown_recipient"; messageId: string }
  | { status: "already_processed"; message: IntakeMessage }
  | { status: "processed"; message: IntakeMessage };

function addressesOf(v: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(v) ? v : v ? [v] : [];
  return list.flatMap((a) => a.value.flatMap((x) => (x.address ? [x.address] : [])));
}

function headerAddresses(mail: ParsedMail, name: string): string[] {
  const v = mail.headers.get(name);
  if (!v) return [];
  const text = typeof v === "string" ? v : Array.isArray(v) ? v.join(",") : typeof v === "object" && "text" in v ? String(v.text) : "";
  return text.match(/[^\s<>,;"]+@[^\s<>,;"]+/g) ?? [];
}

/** Every address the message was delivered to: To, Cc, Bcc, Delivered-To, X-Original-To, and the envelope's. */
export function recipientsOf(mail: ParsedMail, envelopeTo: string[] = []): string[] {
  return [
    ...envelopeTo,
    ...addressesOf(mail.to),
    ...addressesOf(mail.cc),
    ...addressesOf(mail.bcc),
    ...headerAddresses(mail, "delivered-to"),
    ...headerAddresses(mail, "x-original-to"),
  ];
}

const REASONS = {
  noAttachment: "El correo no traía archivos adjuntos.",
  noneUsable: "Ningún adjunto era un PDF, una imagen (JPG, PNG, WebP) o una factura electrónica válida.",
} as const;

/**
 * Takes one raw e-mail in. `envelopeTo`: recipients the transport knows beyond the headers (a webhook's envelope,
 * the mailbox's own address). Unknown recipients are not recorded (there is no book to record them in).
 */
export async function intakeMessage(
  deps: IntakeDeps,
  input: { raw: Uint8Array; transport: "imap" | "webhook"; envelopeTo?: string[] },
): Promise<IntakeResult> {
  const mail = await simpleParser(Buffer.from(input.raw), { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true });
  const messageId = mail.messageId?.trim() || `sha256:${createHash("sha256").update(input.raw).digest("hex")}`;
  const settings = await findIntakeByTokens(deps.db, { tokens: tokensIn(recipientsOf(mail, input.envelopeTo)) });
  if (!settings) {
    log.warn("intake.unknown_recipient", { messageId, transport: input.transport });
    return { status: "unknown_recipient", messageId };
  }
  const bookId = settings.bookId;
  const from = mail.from?.value[0]?.address?.toLowerCase() ?? null;
  const { message, fresh } = await beginIntakeMessage(deps.db, {
    bookId,
    messageId,
    transport: input.transport,
    fromAddress: from,
    subject: mail.subject?.slice(0, 300) ?? null,
  });
  if (!fresh && message.outcome !== null) return { status: "already_processed", message };

  if (!senderAllowed(from, settings.allowedSenders)) {
    const done = await completeIntakeMessage(deps.db, {
      id: message.id,
      outcome: "sender_refused",
      reason: `El remitente ${from ?? "(sin remitente)"} no está en la lista de remitentes permitidos de este libro.`,
      attachments: [],
    });
    log.info("intake.sender_refused", { bookId, messageId });
    return { status: "processed", message: done };
  }

  // Inline images of an HTML body (logos in signatures) are not documents; everything else is tried.
  const files = mail.attachments.filter((a) => !a.related);
  const done: IntakeAttachment[] = [...message.attachments];
  for (const [i, a] of files.entries()) {
    const bytes = new Uint8Array(a.content);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const filename = a.filename || `adjunto-${i + 1}`;
    if (done.some((d) => d.sha256 === sha256)) continue;
    if (!fresh) {
      // Resuming after a crash: a document already stored for this file was this message's.
      const existing = await findDocumentBySha(deps.db, { bookId, sha256 });
      if (existing) {
        done.push({ filename, sha256, documentId: existing.id, duplicate: false, errorCode: null });
        await saveIntakeAttachments(deps.db, { id: message.id, attachments: done });
        continue;
      }
    }
    try {
      const { document, duplicate } = await ingestUpload(deps, {
        bookId,
        userId: null,
        filename,
        bytes,
        source: { kind: "email", detail: from },
      });
      done.push({ filename, sha256, documentId: document.id, duplicate, errorCode: null });
    } catch (e) {
      if (!isAppError(e) || !(e.code.startsWith("upload:") || e.code.startsWith("einvoice:")) || e.code === "upload:storage_failed") throw e;
      done.push({ filename, sha256, documentId: null, duplicate: false, errorCode: e.code });
    }
    await saveIntakeAttachments(deps.db, { id: message.id, attachments: done });
  }

  const taken = done.filter((d) => d.documentId);
  const refused = done.filter((d) => d.errorCode);
  const outcome = taken.length === 0 ? "no_attachment" : refused.length ? "partial" : "ingested";
  const reason =
    done.length === 0
      ? REASONS.noAttachment
      : taken.length === 0
        ? `${REASONS.noneUsable} ${refused.map((r) => `${r.filename}: ${messageFor(r.errorCode)}`).join(" ")}`
        : refused.length
          ? `No se añadieron: ${refused.map((r) => `${r.filename} (${messageFor(r.errorCode)})`).join("; ")}`
          : null;
  const final = await completeIntakeMessage(deps.db, { id: message.id, outcome, reason, attachments: done });
  log.info("intake.message", { bookId, messageId, transport: input.transport, outcome, documents: taken.length });
  return { status: "processed", message: final };
}
