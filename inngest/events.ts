import { eventType } from "inngest";
import { z } from "zod";
import { uuidSchema } from "@/lib/ids";

/** Typed events, imported by senders and functions alike. Names are `domain/noun.verb`. */
export const documentUploaded = eventType("document/uploaded", {
  schema: z.object({ documentId: uuidSchema }),
});
