import { appDeps } from "@/inngest/deps";
import { createProcessDocumentFunction } from "@/inngest/functions/process-document";
import { pollMailboxFn } from "@/inngest/functions/poll-mailbox";

export { inngest } from "@/inngest/client";

export const processDocumentFn = createProcessDocumentFunction(appDeps);

/** Every function the app serves at /api/inngest. */
export const functions = [processDocumentFn, pollMailboxFn];
