/**
 * Runs once when the Node.js server starts: on the embedded default, documents a crash left in `uploaded` or
 * `processing` are queued again (with Inngest configured, Inngest owns retries), and the intake mailbox is polled
 * when IMAP_URL is set.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { recoverUnfinished } = await import("@/lib/queue");
  const { log } = await import("@/lib/log");
  recoverUnfinished().catch((err) => log.error("queue.recover_failed", { err }));
  // E-mail intake on the embedded default: poll IMAP_URL in-process (with Inngest, the poll-mailbox cron does).
  const { startMailboxPolling } = await import("@/lib/intake/schedule");
  startMailboxPolling();
}
