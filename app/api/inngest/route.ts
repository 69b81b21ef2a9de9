import { serve } from "inngest/next";
import { functions, inngest } from "@/inngest";

export const runtime = "nodejs";

/**
 * Inngest calls this route to run the functions (Inngest Cloud, or a self-hosted / dev server). On the embedded
 * default (no INNGEST_EVENT_KEY / INNGEST_DEV) the same functions run in-process (lib/queue) and nothing calls here.
 */
export const { GET, POST, PUT } = serve({ client: inngest, functions });
