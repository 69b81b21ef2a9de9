/** Reads a UI message stream response (SSE of JSON chunks) into its chunks, for tests. */
export type UiChunk = { type: string; [k: string]: unknown };

export async function readUiStream(res: Response): Promise<UiChunk[]> {
  const text = await res.text();
  const chunks: UiChunk[] = [];
  for (const line of text.split("\n")) {
    if (!line.startsWith("data: ")) continue;
    const data = line.slice(6).trim();
    if (data === "[DONE]") continue;
    chunks.push(JSON.parse(data));
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
