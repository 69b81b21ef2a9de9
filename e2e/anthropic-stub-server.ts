/**
 * The Anthropic stand-in for the e2e run (started by e2e/serve.mjs, which points the app's ANTHROPIC_BASE_URL here).
 * Answers by rule: a question about "trimestre" asks for getQuarterSummary and then reads the figures back; any
 * other question gets a Markdown answer streamed slowly enough to watch it arrive.
 */
import { startAnthropicStub, toolResults, type RecordedRequest, type StubTurn } from "../lib/testing/anthropic-stub";

const port = Number(process.env.E2E_ANTHROPIC_PORT ?? 3199);

function lastMessageHasToolResult(req: RecordedRequest) {
  const last = req.body.messages[req.body.messages.length - 1];
  return Array.isArray(last?.content) && last.content.some((b) => b.type === "tool_result");
}

function respond(req: RecordedRequest): StubTurn {
  if (lastMessageHasToolResult(req)) {
    const results = toolResults(req);
    const summary = results[results.length - 1]?.content as { period?: string; income?: { invoices?: number; base?: string } };
    return {
      kind: "text",
      chunks: [
        `En el **${summary?.period ?? "trimestre"}** `,
        `has emitido ${summary?.income?.invoices ?? 0} facturas `,
        `por una base de ${summary?.income?.base ?? "0,00 €"}.`,
      ],
      delayMs: 100,
    };
  }
  const users = req.body.messages.filter((m) => m.role === "user");
  const last = users[users.length - 1];
  const text = typeof last?.content === "string" ? last.content : JSON.stringify(last?.content ?? "");
  if (/trimestre/i.test(text)) {
    return { kind: "tool_use", name: "getQuarterSummary", input: { year: 2026, quarter: 1 } };
  }
  return {
    kind: "text",
    chunks: ["**Respuesta de prueba.** ", "El modelo 303 ", "se presenta ", "del 1 al 20 ", "del mes siguiente ", "al trimestre."],
    delayMs: 400,
    usage: { input: 120, output: 30 },
  };
}

const stub = await startAnthropicStub({ port, respond });
console.log(`anthropic stub listening on ${stub.url}`);
const stop = () => void stub.close().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
