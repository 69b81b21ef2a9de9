/**
 * A stand-in for the Anthropic Messages API on loopback, for tests: it speaks `POST /v1/messages` with streaming SSE
 * (message_start, content_block_start / content_block_delta / content_block_stop for text and tool_use with
 * input_json_delta, message_delta with usage, message_stop) and error bodies as the real API sends them. Each
 * request takes the next scripted turn (or asks `respond`), and every request is recorded for assertions.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type StubUsage = { input: number; output: number };
export type StubTurn =
  /** A text answer, streamed one delta per chunk. */
  | { kind: "text"; chunks: string[]; usage?: StubUsage; delayMs?: number }
  /** A tool call (optionally after some text), its JSON input streamed in pieces. */
  | { kind: "tool_use"; name: string; input: unknown; id?: string; text?: string; usage?: StubUsage; delayMs?: number }
  /** An HTTP error as the API returns it (429 rate_limit_error, 500 api_error, 529 overloaded_error…). */
  | { kind: "error"; status: number; type: string; message: string }
  /** Accepts the request and never answers (for timeouts). */
  | { kind: "hang" };

export type RecordedRequest = {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: AnthropicRequestBody;
};
export type AnthropicContentBlock =
  | { type: "text"; text: string }
  | { type: "tool_use"; id: string; name: string; input: unknown }
  | { type: "tool_result"; tool_use_id: string; content: string | { type: string; text?: string }[]; is_error?: boolean };
export type AnthropicRequestBody = {
  model: string;
  stream?: boolean;
  system?: string | { type: "text"; text: string }[];
  messages: { role: "user" | "assistant"; content: string | AnthropicContentBlock[] }[];
  tools?: { name: string; description?: string; input_schema: unknown }[];
  [k: string]: unknown;
};

export type AnthropicStub = {
  /** Root URL (`http://127.0.0.1:port`); the API lives under `/v1`. */
  url: string;
  requests: RecordedRequest[];
  /** Adds turns to the script, answered in order. */
  enqueue: (...turns: StubTurn[]) => void;
  /** Drops the script and the recorded requests. */
  reset: () => void;
  close: () => Promise<void>;
};

export type StubOptions = {
  port?: number;
  script?: StubTurn[];
  /** Used when the script is empty: decides the turn from the request. */
  respond?: (req: RecordedRequest) => StubTurn;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function sse(res: ServerResponse, type: string, data: Record<string, unknown>) {
  res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
}

let ids = 0;
const nextId = (p: string) => `${p}_stub_${(++ids).toString().padStart(6, "0")}`;

async function streamTurn(res: ServerResponse, body: AnthropicRequestBody, turn: Extract<StubTurn, { kind: "text" | "tool_use" }>) {
  const usage = turn.usage ?? { input: 100, output: 20 };
  const delay = turn.delayMs ?? 0;
  res.writeHead(200, {
    "content-type": "text/event-stream",
    "cache-control": "no-cache",
    connection: "keep-alive",
    "request-id": nextId("req"),
  });
  sse(res, "message_start", {
    message: {
      id: nextId("msg"),
      type: "message",
      role: "assistant",
      model: body.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: usage.input, output_tokens: 1 },
    },
  });
  let index = 0;
  const text = turn.kind === "text" ? turn.chunks : turn.text ? [turn.text] : [];
  if (text.length > 0) {
    sse(res, "content_block_start", { index, content_block: { type: "text", text: "" } });
    for (const chunk of text) {
      if (delay) await sleep(delay);
      sse(res, "content_block_delta", { index, delta: { type: "text_delta", text: chunk } });
    }
    sse(res, "content_block_stop", { index });
    index++;
  }
  if (turn.kind === "tool_use") {
    const json = JSON.stringify(turn.input ?? {});
    const id = turn.id ?? nextId("toolu");
    sse(res, "content_block_start", { index, content_block: { type: "tool_use", id, name: turn.name, input: {} } });
    const cut = Math.ceil(json.length / 2);
    for (const part of [json.slice(0, cut), json.slice(cut)]) {
      if (delay) await sleep(delay);
      sse(res, "content_block_delta", { index, delta: { type: "input_json_delta", partial_json: part } });
    }
    sse(res, "content_block_stop", { index });
  }
  sse(res, "message_delta", {
    delta: { stop_reason: turn.kind === "tool_use" ? "tool_use" : "end_turn", stop_sequence: null },
    usage: { output_tokens: usage.output },
  });
  sse(res, "message_stop", {});
  res.end();
}

export async function startAnthropicStub(opts: StubOptions = {}): Promise<AnthropicStub> {
  const script: StubTurn[] = [...(opts.script ?? [])];
  const requests: RecordedRequest[] = [];
  const hanging = new Set<ServerResponse>();

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (req.method !== "POST" || !req.url?.replace(/\?.*$/, "").endsWith("/v1/messages")) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ type: "error", error: { type: "not_found_error", message: "Not found" } }));
      return;
    }
    let body: AnthropicRequestBody;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      res.writeHead(400, { "content-type": "application/json" });
      res.end(JSON.stringify({ type: "error", error: { type: "invalid_request_error", message: "bad json" } }));
      return;
    }
    const recorded: RecordedRequest = { path: req.url, headers: req.headers, body };
    requests.push(recorded);
    const turn = script.shift() ?? opts.respond?.(recorded) ?? { kind: "text", chunks: ["(sin guion)"] };
    if (turn.kind === "hang") {
      hanging.add(res);
      res.on("close", () => hanging.delete(res));
      return;
    }
    if (turn.kind === "error") {
      res.writeHead(turn.status, { "content-type": "application/json", "request-id": nextId("req") });
      res.end(JSON.stringify({ type: "error", error: { type: turn.type, message: turn.message } }));
      return;
    }
    await streamTurn(res, body, turn);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    enqueue: (...turns) => void script.push(...turns),
    reset: () => {
      script.length = 0;
      requests.length = 0;
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The tool_result blocks of a request, with their content as parsed JSON when it is JSON. */
export function toolResults(req: RecordedRequest): { toolUseId: string; content: unknown; isError: boolean }[] {
  const out: { toolUseId: string; content: unknown; isError: boolean }[] = [];
  for (const m of req.body.messages) {
    if (typeof m.content === "string") continue;
    for (const b of m.content) {
      if (b.type !== "tool_result") continue;
      const raw = typeof b.content === "string" ? b.content : b.content.map((c) => c.text ?? "").join("");
      let content: unknown = raw;
      try {
        content = JSON.parse(raw);
      } catch {
        /* plain text */
      }
      out.push({ toolUseId: b.tool_use_id, content, isError: Boolean(b.is_error) });
    }
  }
  return out;
}

/** The text of the last user message (ignoring tool results). */
export function lastUserText(req: RecordedRequest): string {
  const users = req.body.messages.filter((m) => m.role === "user");
  const last = users[users.length - 1];
  if (!last) return "";
  if (typeof last.content === "string") return last.content;
  return last.content
    .filter((b): b is { type: "text"; text: string } => b.type === "text")
    .map((b) => b.text)
    .join("\n");
}

export function systemText(req: RecordedRequest): string {
  const s = req.body.system;
  return typeof s === "string" ? s : (s ?? []).map((b) => b.text).join("\n");
}
