"use client";
import Markdown from "react-markdown";
import type { ChatUIMessage } from "@/lib/ai/chat-message";

const TOOL_LABELS: Record<string, string> = {
  getQuarterSummary: "resumen del trimestre",
  searchInvoices: "búsqueda de facturas",
  getInvoice: "detalle de la factura",
  listPendingReview: "documentos pendientes de revisión",
};

const MARKDOWN =
  "space-y-2 break-words [&_a]:text-brand-700 [&_a]:underline [&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_h1]:font-semibold [&_h2]:font-semibold [&_h3]:font-semibold [&_ol]:list-decimal [&_ol]:pl-5 [&_table]:w-full [&_table]:text-xs [&_td]:border [&_td]:border-slate-200 [&_td]:px-1 [&_th]:border [&_th]:border-slate-200 [&_th]:px-1 [&_th]:text-left [&_ul]:list-disc [&_ul]:pl-5";

/** One message: the person's question as plain text, the assistant's answer as Markdown with its tool steps. */
export function ChatMessageView({ message }: { message: ChatUIMessage }) {
  const isUser = message.role === "user";
  return (
    <div
      data-testid={isUser ? "chat-question" : "chat-answer"}
      className={isUser ? "ml-8 rounded-lg bg-brand-50 px-3 py-2 text-sm" : "mr-2 text-sm text-slate-800"}
    >
      <p className="sr-only">{isUser ? "Tú:" : "Asistente:"}</p>
      {message.parts.map((part, i) => {
        if (part.type === "text") {
          return isUser ? (
            <p key={i} className="whitespace-pre-wrap">
              {part.text}
            </p>
          ) : (
            <div key={i} className={MARKDOWN}>
              <Markdown>{part.text}</Markdown>
            </div>
          );
        }
        if (part.type.startsWith("tool-")) {
          const name = part.type.slice(5);
          const state = "state" in part ? part.state : undefined;
          const done = state === "output-available";
          const failed = state === "output-error";
          return (
            <p key={i} className="my-1 text-xs text-slate-500" data-testid="chat-tool">
              {failed ? "No se pudo consultar" : done ? "Consultado:" : "Consultando"} {TOOL_LABELS[name] ?? name}
              {done || failed ? "" : "…"}
            </p>
          );
        }
        return null;
      })}
    </div>
  );
}
