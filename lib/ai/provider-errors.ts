import { APICallError, RetryError } from "ai";
import type { ErrorCode } from "@/lib/errors";

/**
 * What went wrong talking to the model, as an error code the pane explains in Spanish. The provider's own text
 * (and anything else internal) is logged by the caller, never sent to the browser.
 */
export function providerErrorCode(error: unknown): ErrorCode {
  let e = error;
  if (RetryError.isInstance(e)) e = e.lastError;
  if (APICallError.isInstance(e)) {
    const status = e.statusCode ?? 0;
    if (status === 429) return "assistant:provider_rate_limited";
    if (status === 401 || status === 403) return "assistant:provider_auth";
    if (status === 408 || status === 504) return "assistant:timeout";
    if (status >= 500 || status === 0) return "assistant:provider_unavailable";
    return "assistant:failed";
  }
  const name = (e as { name?: unknown })?.name;
  if (name === "TimeoutError") return "assistant:timeout";
  const code = (e as { code?: unknown; cause?: { code?: unknown } })?.cause?.code ?? (e as { code?: unknown })?.code;
  if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "ECONNRESET") return "assistant:provider_unavailable";
  return "assistant:failed";
}
