import type { InferUITools, UIDataTypes, UIMessage } from "ai";
import type { ChatTools } from "@/lib/ai/tools";

/** The UI message shared by the route and `useChat` (type only: importing it pulls no server code). */
export type ChatUIMessage = UIMessage<unknown, UIDataTypes, InferUITools<ChatTools>>;
