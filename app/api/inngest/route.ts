import { serve } from "inngest/next";
import { functions, inngest } from "@/inngest";

export const runtime = "nodejs";
/**
 * Each Inngest step is one request here; the longest is `text` on a scanned PDF (render + OCR of up to 10 pages).
 * 300 s is Vercel's maximum on Hobby and its default on Pro (README → Deploy → Vercel has the measured step times).
 */
export const maxDuration = 300;

/**
 * Inngest calls this route to run the functions (Inngest Cloud, or a self-hosted / dev server). On the embedded
 * default (no INNGEST_EVENT_KEY / INNGEST_DEV) the same functions run in-process (lib/queue) and nothing calls here.
 */
export const { GET, POST, PUT } = serve({ client: inngest, functions });
