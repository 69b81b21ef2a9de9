import { describe, expect, it } from "vitest";
import { chatErrorCode, chatErrorMessage, newConversationId } from "@/components/assistant/chat-errors";
import { messageFor } from "@/lib/errors";

describe("chat errors in the pane", () => {
  it("maps stream codes, refused requests and network failures to Spanish messages", () => {
    expect(chatErrorMessage(new Error("assistant:provider_rate_limited"))).toBe(messageFor("assistant:provider_rate_limited"));
    const refused = JSON.stringify({ error: { code: "ratelimit:exceeded", message: "x" } });
    expect(chatErrorCode(new Error(refused))).toBe("ratelimit:exceeded");
    expect(chatErrorCode(new TypeError("Failed to fetch"))).toBe("network");
    expect(chatErrorMessage(new Error("TypeError: cannot read x of undefined at foo.js:1"))).toBe(messageFor("assistant:failed"));
    expect(chatErrorMessage(undefined)).toBeNull();
  });

  it("makes v4 UUIDs", () => {
    expect(newConversationId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
