import "server-only";
import { createAnthropic } from "@ai-sdk/anthropic";
import type { LanguageModel } from "ai";
import { env, type Env } from "@/lib/env";

/**
 * The AI SDK's Anthropic provider wants the versioned base (`…/v1`); people usually write the API's root
 * (`https://api.anthropic.com`, as the Anthropic SDK does). Accept both.
 */
export function normaliseAnthropicBaseUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const trimmed = url.replace(/\/+$/, "");
  return /\/v1$/.test(trimmed) ? trimmed : `${trimmed}/v1`;
}

/** The chat model, or null when no ANTHROPIC_API_KEY is configured (the pane then explains how to set one). */
export function createChatModel(
  e: Pick<Env, "ANTHROPIC_API_KEY" | "ANTHROPIC_BASE_URL" | "CLAUDE_MODEL"> = env(),
): LanguageModel | null {
  if (!e.ANTHROPIC_API_KEY) return null;
  const anthropic = createAnthropic({
    apiKey: e.ANTHROPIC_API_KEY,
    baseURL: normaliseAnthropicBaseUrl(e.ANTHROPIC_BASE_URL),
  });
  return anthropic(e.CLAUDE_MODEL);
}

export function isAssistantConfigured(): boolean {
  return Boolean(env().ANTHROPIC_API_KEY);
}
