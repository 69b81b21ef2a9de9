import { z } from "zod";
import { uuidSchema } from "@/lib/ids";
import { ASSISTANT_CONTEXTS } from "@/lib/ai/contexts";

export const MAX_QUESTION_CHARS = 4000;

/**
 * The body `POST /api/chat` accepts: the conversation id, the new user message (text only) and the context.
 * The history comes from the database, never from the client, so a client cannot forge earlier turns or tool
 * results.
 */
export const chatRequestSchema = z.object({
  id: uuidSchema,
  context: z.enum(ASSISTANT_CONTEXTS),
  message: z.object({
    id: z.string().min(1).max(100),
    role: z.literal("user"),
    parts: z
      .array(z.object({ type: z.literal("text"), text: z.string().trim().min(1).max(MAX_QUESTION_CHARS) }))
      .min(1)
      .max(4),
  }),
});

export type ChatRequest = z.infer<typeof chatRequestSchema>;

export function questionText(req: ChatRequest): string {
  return req.message.parts.map((p) => p.text).join("\n");
}
