/** The body of POST /api/chat (the schema lives in lib/ai so the route's core can validate without Next). */
export { chatRequestSchema, type ChatRequest } from "@/lib/ai/chat-request";
