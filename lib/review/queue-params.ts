/**
 * The review queue's URL (filters, search and cursor) ⇄ typed filters. Pure and client-safe: the page parses, the
 * filter form and the pager write.
 */
import type { DocumentStatus } from "@/lib/enums";
import { parseQuarterKey, quarterRange } from "@/lib/tax/quarters";
import { parseAmount } from "@/lib/money";
import { isUuid } from "@/lib/ids";

export type QueueParams = {
  status: DocumentStatus | "pending" | "";
  direction: "received" | "issued" | "";
  quarter: string;
  counterparty: string;
  min: string;
  max: string;
  q: string;
};

const STATUSES = ["uploaded", "processing", "extracted", "needs_review", "approved", "rejected", "failed", "duplicate", "pending"];

type Raw = Record<string, string | string[] | undefined>;
const one = (raw: Raw, k: string) => {
  const v = raw[k];
  return (Array.isArray(v) ? v[0] : v)?.slice(0, 100) ?? "";
};

export function readQueueParams(raw: Raw): QueueParams {
  const status = one(raw, "status");
  const direction = one(raw, "direction");
  return {
    status: (STATUSES.includes(status) ? status : "") as QueueParams["status"],
    direction: direction === "received" || direction === "issued" ? direction : "",
    quarter: parseQuarterKey(one(raw, "quarter")) ? one(raw, "quarter") : "",
    counterparty: one(raw, "counterparty"),
    min: one(raw, "min"),
    max: one(raw, "max"),
    q: one(raw, "q"),
  };
}

export function readCursor(raw: Raw): { after?: string; before?: string; last?: boolean } {
  const after = one(raw, "after");
  const before = one(raw, "before");
  if (isUuid(after)) return { after };
  if (isUuid(before)) return { before };
  return one(raw, "last") === "1" ? { last: true } : {};
}

/** Typed filters for db/queries/review.ts (unparseable amounts are ignored). */
export function toFilters(p: QueueParams) {
  const quarter = parseQuarterKey(p.quarter);
  const range = quarter ? quarterRange(quarter) : null;
  const min = p.min ? parseAmount(p.min) : null;
  const max = p.max ? parseAmount(p.max) : null;
  return {
    status: p.status || undefined,
    direction: p.direction || undefined,
    issueFrom: range?.from,
    issueTo: range?.to,
    counterparty: p.counterparty || undefined,
    minCents: min ?? undefined,
    maxCents: max ?? undefined,
    search: p.q || undefined,
    searchCents: p.q ? parseAmount(p.q) : null,
  };
}

/** The query string for these params plus a cursor (empty values left out). */
export function queueHref(p: QueueParams, cursor: Record<string, string> = {}): string {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...p, ...cursor })) if (v) s.set(k, v);
  const q = s.toString();
  return q ? `/review?${q}` : "/review";
}
