"use client";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { chatErrorMessage, newConversationId } from "@/components/assistant/chat-errors";
import { ChatThread } from "@/components/assistant/chat-thread";
import { Button } from "@/components/ui/button";
import type { ChatUIMessage } from "@/lib/ai/chat-message";
import { ASSISTANT_CONTEXTS, CONTEXT_LABELS, type AssistantContext } from "@/lib/ai/contexts";
import { messageFor } from "@/lib/errors";

export type ConversationSummary = { id: string; title: string; context: AssistantContext; updatedAt: string };
export type OpenConversation = { id: string; messages: ChatUIMessage[]; context: AssistantContext };

type Props = {
  configured: boolean;
  variant: "pane" | "page";
  initialConversations?: ConversationSummary[];
  initialConversation?: OpenConversation;
  autoFocus?: boolean;
  /** Open the most recent conversation when the chat first loads (the pane reopens where the user left it). */
  resumeLast?: boolean;
};

const dateFmt = new Intl.DateTimeFormat("es-ES", { dateStyle: "short", timeStyle: "short", timeZone: "Europe/Madrid" });

/** The assistant: context picker, conversation history, new conversation, and the open conversation. */
export function AssistantChat({ configured, variant, initialConversations, initialConversation, autoFocus, resumeLast }: Props) {
  const [conversations, setConversations] = useState<ConversationSummary[] | null>(initialConversations ?? null);
  const [open, setOpen] = useState<OpenConversation>(
    () => initialConversation ?? { id: newConversationId(), messages: [], context: "tax" },
  );
  const [context, setContext] = useState<AssistantContext>(open.context);
  const [loadError, setLoadError] = useState<string | null>(null);
  const pickerId = useId();

  const refresh = useCallback(async () => {
    try {
      const res = await fetch("/api/chat/conversations", { cache: "no-store" });
      if (!res.ok) throw new Error(await res.text());
      const list = ((await res.json()) as { conversations: ConversationSummary[] }).conversations;
      setConversations(list);
      return list;
    } catch {
      /* the list is a convenience; the conversation itself still works */
      return null;
    }
  }, []);

  const resumed = useRef(false);
  useEffect(() => {
    if (!configured || initialConversations !== undefined) return;
    void refresh().then((list) => {
      // First load only: reopen the most recent conversation (the list is newest first).
      if (!resumeLast || resumed.current || !list?.length) return;
      resumed.current = true;
      void openConversation(list[0].id);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [configured, initialConversations, refresh]);

  async function openConversation(id: string) {
    setLoadError(null);
    try {
      const res = await fetch(`/api/chat/conversations/${id}`, { cache: "no-store" });
      if (!res.ok) throw new Error(await res.text());
      const data = (await res.json()) as OpenConversation;
      setOpen(data);
      setContext(data.context);
      if (variant === "page") window.history.replaceState(null, "", `/assistant?c=${id}`);
    } catch (e) {
      setLoadError(chatErrorMessage(e as Error));
    }
  }

  function startNew() {
    setOpen({ id: newConversationId(), messages: [], context });
    setLoadError(null);
    if (variant === "page") window.history.replaceState(null, "", "/assistant");
  }

  function finished() {
    void refresh();
    if (variant === "page") window.history.replaceState(null, "", `/assistant?c=${open.id}`);
  }

  if (!configured) {
    return (
      <div role="status" className="m-4 rounded-md border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900" data-testid="assistant-not-configured">
        <p className="font-medium">El asistente no está configurado.</p>
        <p className="mt-1">{messageFor("assistant:not_configured")}</p>
        <p className="mt-1">
          Por ejemplo, en <code>.env</code>: <code>ANTHROPIC_API_KEY=sk-ant-…</code> (opcional: <code>CLAUDE_MODEL</code>). El resto
          de la aplicación funciona igual sin él.
        </p>
      </div>
    );
  }

  const history = (
    <nav aria-label="Conversaciones anteriores" data-testid="chat-history">
      {conversations === null ? (
        <p className="text-xs text-slate-500">Cargando…</p>
      ) : conversations.length === 0 ? (
        <p className="text-xs text-slate-500">Aún no hay conversaciones.</p>
      ) : (
        <ul className="space-y-1">
          {conversations.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                onClick={() => void openConversation(c.id)}
                aria-current={c.id === open.id ? "true" : undefined}
                className="w-full rounded-md px-2 py-1 text-left text-sm hover:bg-slate-100 aria-[current]:bg-brand-50"
                data-testid="chat-history-item"
              >
                <span className="block truncate">{c.title}</span>
                <span className="block text-xs text-slate-500">
                  {CONTEXT_LABELS[c.context]?.label} · {dateFmt.format(new Date(c.updatedAt))}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );

  const toolbar = (
    <div className="flex flex-wrap items-end gap-2 border-b border-slate-200 px-4 py-2">
      <div className="min-w-0 flex-1">
        <label htmlFor={pickerId} className="block text-xs font-medium text-slate-600">
          Tema
        </label>
        <select
          id={pickerId}
          value={context}
          onChange={(e) => setContext(e.target.value as AssistantContext)}
          className="mt-0.5 block w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
        >
          {ASSISTANT_CONTEXTS.map((c) => (
            <option key={c} value={c}>
              {CONTEXT_LABELS[c].label} — {CONTEXT_LABELS[c].hint}
            </option>
          ))}
        </select>
      </div>
      <Button type="button" variant="secondary" onClick={startNew}>
        Nueva conversación
      </Button>
    </div>
  );

  const thread = (
    <>
      {loadError ? (
        <p role="alert" className="px-4 py-2 text-sm text-red-700">
          {loadError}
        </p>
      ) : null}
      <ChatThread
        key={open.id}
        conversationId={open.id}
        initialMessages={open.messages}
        context={context}
        onFinished={finished}
        autoFocus={autoFocus}
      />
    </>
  );

  if (variant === "page") {
    return (
      <div className="grid h-[calc(100vh-12rem)] min-h-[28rem] grid-cols-1 grid-rows-[auto_1fr] overflow-hidden rounded-lg border border-slate-200 bg-white md:grid-cols-[16rem_1fr] md:grid-rows-1">
        <div className="max-h-40 overflow-y-auto border-b border-slate-200 p-3 md:max-h-none md:border-b-0 md:border-r">
          <h2 className="mb-2 text-sm font-semibold text-slate-700">Historial</h2>
          {history}
        </div>
        <div className="flex min-h-0 flex-col">
          {toolbar}
          {thread}
        </div>
      </div>
    );
  }
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      {toolbar}
      <details className="border-b border-slate-200 px-4 py-2">
        <summary className="cursor-pointer text-sm font-medium text-slate-700">Historial</summary>
        <div className="mt-2 max-h-48 overflow-y-auto">{history}</div>
      </details>
      {thread}
    </div>
  );
}
