import { inngest } from "@/inngest/client";

/**
 * Polls the intake mailbox (IMAP_URL) every minute when the app runs with Inngest; one run at a time. Without
 * IMAP_URL it does nothing. The embedded default polls in-process instead (lib/intake/schedule.ts).
 */
export const pollMailboxFn = inngest.createFunction(
  { id: "poll-mailbox", triggers: [{ cron: "* * * * *" }], concurrency: { limit: 1 }, retries: 0 },
  async ({ step }) =>
    step.run("poll", async () => {
      const { pollMailboxOnce } = await import("@/lib/intake/schedule");
      return (await pollMailboxOnce()) ?? { skipped: "IMAP_URL not set" };
    }),
);
