import { serve } from "inngest/next";
import { functions, inngest } from "@/inngest";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

export const runtime = "nodejs";
/**
 * Each Inngest step is one request here; the longest is `text` on a scanned PDF (render + OCR of up to 10 pages).
 * 300 s is Vercel's maximum on Hobby and its default on Pro (README → Deploy → Vercel has the measured step times).
 */
export const maxDuration = 300;

const handlers = serve({ client: inngest, functions });
type Handler = typeof handlers.GET;

/**
 * Inngest calls this route to run the functions (Inngest Cloud, or a self-hosted / dev server). On the embedded
 * default (no INNGEST_EVENT_KEY / INNGEST_DEV) the same functions run in-process (lib/queue) and nothing calls here:
 * the route answers 404 `inngest:not_configured` instead of letting the SDK fail with a 500.
 */
function whenConfigured(handler: Handler): Handler {
  return (async (...args: Parameters<Handler>) =>
    env().inngestEnabled ? handler(...args) : new AppError("inngest:not_configured").toResponse()) as Handler;
}

export const GET = whenConfigured(handlers.GET);
export const POST = whenConfigured(handlers.POST);
export const PUT = whenConfigured(handlers.PUT);
