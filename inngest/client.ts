import { Inngest } from "inngest";

/**
 * The one Inngest client. Mode and keys come from the environment the SDK reads itself
 * (INNGEST_EVENT_KEY, INNGEST_SIGNING_KEY, INNGEST_DEV, INNGEST_BASE_URL; see lib/env.ts and .env.example).
 * Without INNGEST_EVENT_KEY or INNGEST_DEV nothing is sent: lib/queue runs the same functions in-process.
 */
export const inngest = new Inngest({ id: "anclora-flow" });
