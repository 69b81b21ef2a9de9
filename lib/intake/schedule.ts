import "server-only";
/**
 * When the mailbox is polled. With Inngest, the `poll-mailbox` cron function does it (every minute, one run at a
 * time). On the embedded default, this in-process interval does (every IMAP_POLL_SECONDS), never two polls at once.
 * Both call `pollMailboxOnce`, so the two modes read the mailbox with the same code.
 */
import { getDb } from "@/db/client";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { pollMailbox, type PollResult } from "@/lib/intake/imap";
import { enqueueDocument } from "@/lib/queue";
import { getStorage } from "@/lib/storage";

/** One poll of IMAP_URL with the app's adapters; null when no mailbox is configured. */
export async function pollMailboxOnce(): Promise<PollResult | null> {
  const e = env();
  if (!e.IMAP_URL) return null;
  return pollMailbox(
    { db: await getDb(), storage: getStorage(), enqueue: enqueueDocument, maxBytes: e.maxUploadBytes },
    { url: e.IMAP_URL, processedMailbox: e.IMAP_PROCESSED_MAILBOX ?? null },
  );
}

const g = globalThis as unknown as { __ancloraMailPoll?: NodeJS.Timeout };

/** Embedded default: starts the interval once per process (no-op with Inngest or without IMAP_URL). */
export function startMailboxPolling(): boolean {
  const e = env();
  if (!e.IMAP_URL || e.inngestEnabled || g.__ancloraMailPoll) return false;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await pollMailboxOnce();
    } catch (err) {
      log.error("intake.imap.poll_failed", { err });
    } finally {
      running = false;
    }
  };
  g.__ancloraMailPoll = setInterval(() => void tick(), e.IMAP_POLL_SECONDS * 1000);
  g.__ancloraMailPoll.unref();
  void tick();
  log.info("intake.imap.polling", { everySeconds: e.IMAP_POLL_SECONDS });
  return true;
}
