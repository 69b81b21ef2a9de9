import type { Metadata } from "next";
import { uuidSchema } from "@/lib/ids";
import { AssistantChat, type OpenConversation } from "@/components/assistant/assistant-chat";
import { getConversationMessages, listConversations } from "@/db/queries/chat";
import type { ChatUIMessage } from "@/lib/ai/chat-message";
import { isAssistantConfigured } from "@/lib/ai/model";
import { requireBookContext } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Asistente" };
export const dynamic = "force-dynamic";

export default async function AssistantPage({ searchParams }: { searchParams: Promise<{ c?: string }> }) {
  const ctx = await requireBookContext();
  const configured = isAssistantConfigured();
  const scope = { bookId: ctx.book.id, userId: ctx.user.id };
  const conversations = configured ? await listConversations(ctx.db, scope) : [];
  const requested = uuidSchema.safeParse((await searchParams).c);
  let initial: OpenConversation | undefined;
  if (configured && requested.success) {
    const rows = await getConversationMessages(ctx.db, { ...scope, conversationId: requested.data });
    if (rows.length > 0) {
      initial = {
        id: requested.data,
        context: rows[rows.length - 1].context,
        messages: rows.map((m) => ({ id: m.id, role: m.role, parts: m.parts }) as ChatUIMessage),
      };
    }
  }
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">Asistente</h1>
        <p className="text-sm text-slate-600">
          Pregunta por impuestos, contabilidad, facturación o cobros. Las cifras salen de tus facturas; es orientativo y no
          sustituye el consejo de tu gestor.
        </p>
      </div>
      <AssistantChat
        configured={configured}
        variant="page"
        initialConversations={conversations}
        initialConversation={initial}
        autoFocus
      />
    </div>
  );
}
