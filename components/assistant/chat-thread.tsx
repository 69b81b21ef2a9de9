"use client";
import { useChat } from "@ai-sdk/react";
import { DefaultChatTransport } from "ai";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { chatErrorMessage } from "@/components/assistant/chat-errors";
import { ChatMessageView } from "@/components/assistant/chat-message-view";
import { Button } from "@/components/ui/button";
import type { ChatUIMessage } from "@/lib/ai/chat-message";
import type { AssistantContext } from "@/lib/ai/contexts";

type Props = {
  conversationId: string;
  initialMessages: ChatUIMessage[];
  context: AssistantContext;
  onFinished: () => void;
  autoFocus?: boolean;
};

/** One conversation: the messages streaming in, the question box, stop and retry. */
export function ChatThread({ conversationId, initialMessages, context, onFinished, autoFocus }: Props) {
  const contextRef = useRef(context);
  contextRef.current = context;
  const transport = useMemo(
    () =>
      new DefaultChatTransport<ChatUIMessage>({
        api: "/api/chat",
        prepareSendMessagesRequest: ({ id, messages }) => ({
          body: { id, context: contextRef.current, message: messages[messages.length - 1] },
        }),
      }),
    [],
  );
  const { messages, sendMessage, status, stop, error, regenerate, clearError } = useChat<ChatUIMessage>({
    id: conversationId,
    messages: initialMessages,
    transport,
    experimental_throttle: 40,
    onFinish: () => onFinished(),
  });
  const [input, setInput] = useState("");
  const inputId = useId();
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const endRef = useRef<HTMLDivElement>(null);
  const busy = status === "submitted" || status === "streaming";
  const errorMessage = chatErrorMessage(error);

  useEffect(() => {
    endRef.current?.scrollIntoView?.({ block: "end" });
  }, [messages, status]);
  useEffect(() => {
    if (autoFocus) textareaRef.current?.focus();
  }, [autoFocus]);

  function submit() {
    const text = input.trim();
    if (!text || busy) return;
    clearError();
    void sendMessage({ text });
    setInput("");
  }

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div
        role="log"
        aria-live="polite"
        aria-busy={busy}
        aria-label="Conversación con el asistente"
        className="min-h-0 flex-1 space-y-4 overflow-y-auto px-4 py-3"
        data-testid="chat-log"
      >
        {messages.length === 0 ? (
          <p className="text-sm text-slate-500">
            Pregunta por tus cifras: «¿Cuánto IVA tengo que ingresar este trimestre?», «¿Qué facturas de Iberdrola tengo
            este año?», «¿Qué documentos me quedan por revisar?».
          </p>
        ) : (
          messages.map((m) => <ChatMessageView key={m.id} message={m} />)
        )}
        {status === "submitted" ? (
          <p className="text-xs text-slate-500" data-testid="chat-thinking">
            Pensando…
          </p>
        ) : null}
        {errorMessage ? (
          <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800" data-testid="chat-error">
            <p>{errorMessage}</p>
            <Button variant="secondary" className="mt-2" onClick={() => void regenerate()}>
              Reintentar
            </Button>
          </div>
        ) : null}
        <div ref={endRef} />
      </div>
      <form
        className="border-t border-slate-200 p-3"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label htmlFor={inputId} className="sr-only">
          Tu pregunta
        </label>
        <textarea
          id={inputId}
          ref={textareaRef}
          value={input}
          onChange={(e) => setInput(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              submit();
            }
          }}
          rows={2}
          maxLength={4000}
          placeholder="Escribe tu pregunta (Intro para enviar, Mayús+Intro para salto de línea)"
          className="block w-full resize-none rounded-md border border-slate-300 bg-white px-3 py-2 text-sm focus:border-brand-500 focus:ring-1 focus:ring-brand-500"
        />
        <div className="mt-2 flex items-center justify-between gap-2">
          <p className="text-xs text-slate-500">Orientativo: no sustituye a tu gestor.</p>
          {busy ? (
            <Button type="button" variant="secondary" onClick={() => void stop()}>
              Detener
            </Button>
          ) : (
            <Button type="submit" disabled={!input.trim()}>
              Enviar
            </Button>
          )}
        </div>
      </form>
    </div>
  );
}
