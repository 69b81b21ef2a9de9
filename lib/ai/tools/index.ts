import "server-only";
import { getInvoice } from "@/lib/ai/tools/get-invoice";
import { getQuarterSummary } from "@/lib/ai/tools/get-quarter-summary";
import { listPendingReview } from "@/lib/ai/tools/list-pending-review";
import { searchInvoices } from "@/lib/ai/tools/search-invoices";
import type { ToolScope } from "@/lib/ai/tools/shared";

/** The assistant's tools, every one bound to the caller's book: the scope is fixed here, not by the prompt. */
export function createChatTools(scope: ToolScope) {
  return {
    getQuarterSummary: getQuarterSummary(scope),
    searchInvoices: searchInvoices(scope),
    getInvoice: getInvoice(scope),
    listPendingReview: listPendingReview(scope),
  };
}

export type ChatTools = ReturnType<typeof createChatTools>;
