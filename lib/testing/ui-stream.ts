/** Reads a UI message stream response (SSE of JSON chunks) into its chunks, for tests. */
export type UiChunk = { type: string; [k: string]: unknown };

export async function readUiStream(res: Response, onChunk?: (chunk: UiChunk) => void): Promise<UiChunk[]> {
  const chunks: UiChunk[] = [];
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let pending = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    pending += value;
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      if (!line.startsWith("data: ")) continue;
      const data = line.slice(6).trim();
      if (data === "[DONE]") continue;
      const chunk = JSON.parse(data) as UiChunk;
      chunks.push(chunk);
      onChunk?.(chunk);
    }
  }
  return chunks;
}

/** The streamed text of the answer, deltas joined. */
export function streamedText(chunks: UiChunk[]): string {
  return chunks
    .filter((c) => c.type === "text-delta")
    .map((c) => String(c.delta))
    .join("");
}
