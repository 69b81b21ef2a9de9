import "server-only";
/**
 * IMAP transport for the intake: polls the deployment's mailbox (`IMAP_URL`, e.g.
 * `imaps://facturas%40midominio.es:secret@imap.midominio.es/INBOX`) with imapflow. Every unseen message goes
 * through `intakeMessage` and is then flagged \Seen (and moved to `IMAP_PROCESSED_MAILBOX` when set). A crash
 * between intake and flagging leaves the message unseen; the next poll hands it to intake again, which knows its
 * Message-ID and stores nothing twice. A message intake cannot handle now (storage down) stays unseen for later.
 */
import { ImapFlow } from "imapflow";
import { log } from "@/lib/log";
import { intakeMessage, type IntakeDeps } from "@/lib/intake/intake";

export type ImapSettings = {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  pass: string;
  mailbox: string;
};

/** `imap[s]://user:pass@host[:port][/mailbox]` → connection settings (user and password URL-decoded). */
export function parseImapUrl(url: string): ImapSettings {
  const u = new URL(url);
  if (u.protocol !== "imap:" && u.protocol !== "imaps:") throw new Error("IMAP_URL must start with imap:// or imaps://");
  const secure = u.protocol === "imaps:";
  const mailbox = decodeURIComponent(u.pathname.replace(/^\//, "")) || "INBOX";
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 993 : 143,
    secure,
    user: decodeURIComponent(u.username),
    pass: decodeURIComponent(u.password),
    mailbox,
  };
}

/** Largest message fetched (attachments are checked one by one against MAX_UPLOAD_MB by the ingest). */
export const MAX_MESSAGE_BYTES = 60 * 1024 * 1024;

export type PollResult = { unseen: number; processed: number; alreadyProcessed: number; unknownRecipient: number; failed: number };

export async function pollMailbox(
  deps: IntakeDeps,
  opts: { url: string; processedMailbox?: string | null; envelopeTo?: string[] },
): Promise<PollResult> {
  const cfg = parseImapUrl(opts.url);
  const client = new ImapFlow({
    host: cfg.host,
    port: cfg.port,
    secure: cfg.secure,
    auth: { user: cfg.user, pass: cfg.pass },
    logger: false,
    disableAutoIdle: true,
  });
  const result: PollResult = { unseen: 0, processed: 0, alreadyProcessed: 0, unknownRecipient: 0, failed: 0 };
  await client.connect();
  try {
    if (opts.processedMailbox) await client.mailboxCreate(opts.processedMailbox).catch(() => {}); // exists already: fine
    const lock = await client.getMailboxLock(cfg.mailbox);
    try {
      const uids = (await client.search({ seen: false }, { uid: true })) || [];
      result.unseen = uids.length;
      for (const uid of uids) {
        const range = String(uid);
        try {
          const msg = await client.fetchOne(range, { source: true, size: true }, { uid: true });
          if (!msg || !msg.source) continue;
          if ((msg.size ?? msg.source.length) > MAX_MESSAGE_BYTES) {
            log.warn("intake.imap.too_large", { uid, size: msg.size });
          } else {
            const r = await intakeMessage(deps, { raw: new Uint8Array(msg.source), transport: "imap", envelopeTo: opts.envelopeTo });
            if (r.status === "processed") result.processed++;
            else if (r.status === "already_processed") result.alreadyProcessed++;
            else result.unknownRecipient++;
          }
          await client.messageFlagsAdd(range, ["\\Seen"], { uid: true });
          if (opts.processedMailbox) await client.messageMove(range, opts.processedMailbox, { uid: true });
        } catch (err) {
          // Left unseen: the next poll tries again (intake is idempotent on Message-ID).
          result.failed++;
          log.error("intake.imap.message_failed", { uid, err });
        }
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  log.info("intake.imap.polled", { ...result });
  return result;
}
