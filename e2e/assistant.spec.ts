import { AssistantChatArea } from "./assistant-pages";
import { expect, test } from "./fixtures";

/** The app runs against a loopback Anthropic stand-in (e2e/anthropic-stub-server.ts, started by e2e/serve.mjs). */
test("ask in the side pane, watch the answer stream in, reload and find it in the history; full page with a tool", async ({
  page,
  register,
}) => {
  await register("Lucía Pérez");

  // The pane opens from any signed-in page, with the keyboard too.
  const pane = AssistantChatArea.pane(page);
  await expect(pane.root).toBeHidden();
  await pane.toggle().focus();
  await page.keyboard.press("Enter");
  await expect(pane.root).toBeVisible();
  await expect(pane.toggle()).toHaveCount(0); // the toggle now reads "Cerrar asistente"
  await expect(page.getByRole("button", { name: "Cerrar asistente" })).toHaveAttribute("aria-expanded", "true");
  await expect(pane.question()).toBeFocused();

  const question = "¿Cuándo se presenta el modelo 303?";
  await pane.ask(question, "tax");
  await expect(pane.root.getByTestId("chat-question").last()).toContainText(question);

  // Streaming: the first words are there while the stop button is still offered, and the rest arrives after.
  const answer = pane.lastAnswer();
  await expect(answer).toContainText("Respuesta de prueba.");
  await expect(pane.root.getByRole("button", { name: "Detener" })).toBeVisible();
  await expect(answer).not.toContainText("al trimestre.");
  await expect(answer).toContainText("El modelo 303 se presenta del 1 al 20 del mes siguiente al trimestre.");
  await expect(answer.locator("strong")).toHaveText("Respuesta de prueba."); // Markdown rendered
  await pane.waitIdle();

  // Escape closes the pane and gives focus back to its button.
  await page.keyboard.press("Escape");
  await expect(pane.root).toBeHidden();
  await expect(pane.toggle()).toBeFocused();

  // After a reload the conversation is in the history, and opening it shows the exchange.
  await page.reload();
  await pane.toggle().click();
  await pane.root.getByText("Historial").click();
  await pane.historyItem(question).click();
  await expect(pane.root.getByTestId("chat-question")).toHaveCount(1);
  await expect(pane.root.getByTestId("chat-question")).toContainText(question);
  await expect(pane.lastAnswer()).toContainText("del mes siguiente al trimestre.");

  // The full page: the same history, and a question that makes the model call getQuarterSummary on this book.
  await page.getByRole("link", { name: "Asistente" }).click();
  await expect(page).toHaveURL(/\/assistant$/);
  const full = AssistantChatArea.fullPage(page);
  await expect(page.getByRole("heading", { name: "Asistente", level: 1 })).toBeVisible();
  await expect(full.historyItem(question)).toBeVisible();
  await full.root.getByRole("button", { name: "Nueva conversación" }).click();
  await full.ask("¿Cómo va el trimestre?", "accounting");
  await expect(full.lastAnswer()).toContainText("has emitido 0 facturas por una base de 0,00 €");
  await expect(full.lastAnswer().getByTestId("chat-tool")).toContainText("Consultado: resumen del trimestre");
  await full.waitIdle();
  await expect(page).toHaveURL(/\/assistant\?c=[0-9a-f-]{36}$/);

  await page.reload();
  await expect(full.root.getByTestId("chat-question")).toHaveCount(1);
  await expect(full.root.getByTestId("chat-question")).toContainText("¿Cómo va el trimestre?");
  await expect(full.lastAnswer()).toContainText("has emitido 0 facturas");
  await expect(full.root.getByLabel("Tema")).toHaveValue("accounting");
  await expect(full.root.getByTestId("chat-history-item")).toHaveCount(2);
});
