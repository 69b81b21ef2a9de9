import { expect, type Locator, type Page } from "@playwright/test";

/** The assistant, as the side pane or the full page (both render the same chat). */
export class AssistantChatArea {
  constructor(
    private readonly page: Page,
    readonly root: Locator,
  ) {}

  static pane(page: Page) {
    return new AssistantChatArea(page, page.getByRole("complementary", { name: "Asistente" }));
  }

  static fullPage(page: Page) {
    return new AssistantChatArea(page, page.getByRole("main"));
  }

  toggle() {
    return this.page.getByRole("button", { name: "Asistente", exact: true });
  }

  question() {
    return this.root.getByLabel("Tu pregunta");
  }

  /** `context` is the picker's value: tax, accounting, invoicing or payments. */
  async ask(text: string, context = "tax") {
    await this.root.getByLabel("Tema").selectOption(context);
    await this.question().fill(text);
    await this.question().press("Enter");
  }

  lastAnswer() {
    return this.root.getByTestId("chat-answer").last();
  }

  historyItem(title: string | RegExp) {
    return this.root.getByTestId("chat-history-item").filter({ hasText: title });
  }

  async waitIdle() {
    await expect(this.root.getByRole("button", { name: "Enviar" })).toBeVisible();
  }
}
