import { createProcessDocumentFunction } from "@/inngest/functions/process-document";
import { appPipelineDeps } from "@/lib/documents/pipeline";

export { inngest } from "@/inngest/client";

export const processDocumentFn = createProcessDocumentFunction(appPipelineDeps);

/** Every function the app serves at /api/inngest. */
export const functions = [processDocumentFn];
