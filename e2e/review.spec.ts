import type { Page } from "@playwright/test";
import { makeInvoicePdf, SAMPLE_INVOICE, type FixtureInvoice } from "../lib/testing/fixtures";
import { expect, PASSWORD, test, unique } from "./fixtures";
import { AuthPages, InboxPage } from "./pages";


/** Today in Spain as printed on an invoice (dd/mm/yyyy): neither future nor in a closed quarter. */
const todayPrinted = () =>
  new Intl.DateTimeFormat("es-ES", { timeZone: "Europe/Madrid", day: "2-digit", month: "2-digit", year: "numeric" }).format(new Date());

const pdf = async (inv: Partial<FixtureInvoice>) => Buffer.from(await makeInvoicePdf({ ...SAMPLE_INVOICE, ...inv }));

async function uploadAndWait(page: Page, files: { name: string; buffer: Buffer }[]) {
  const inbox = new InboxPage(page);
  await page.goto("/inbox");
  await inbox.upload(files.map((f) => ({ ...f, mimeType: "application/pdf" })));
  for (const f of files) await inbox.waitProcessed(f.name);
}

test("owner invites an accountant, who corrects a wrong total and approves; the owner sees it", async ({ page, register, newPersonPage }) => {
  await register("Lucía Pérez");
  // The printed total is wrong: 1.000,00 + 210,00 is not 1.250,00.
  await uploadAndWait(page, [{ name: "factura-total-mal.pdf", buffer: await pdf({ number: "F-2026-0100", date: todayPrinted(), total: "1.250,00" }) }]);

  // Owner invites the accountant from /settings and copies the link.
  await page.goto("/settings");
  const accountantEmail = `gestor-${unique()}@example.com`;
  await page.getByLabel("Correo de tu gestor/a").fill(accountantEmail);
  await page.getByRole("button", { name: "Invitar" }).click();
  const link = await page.getByTestId("invite-link").inputValue();
  expect(link).toMatch(/\/invitations\/[A-Za-z0-9_-]{40,}$/);

  // The accountant opens the link, registers (account only), comes back and accepts.
  const acc = await newPersonPage();
  await acc.goto(new URL(link).pathname);
  await expect(acc.getByText("Lucía Pérez Gómez")).toBeVisible();
  await acc.getByRole("link", { name: "Crear cuenta" }).click();
  await expect(acc.getByLabel("Razón social o nombre fiscal")).toHaveCount(0);
  await expect(acc.getByLabel("Correo electrónico")).toHaveValue(accountantEmail);
  await acc.getByLabel("Nombre", { exact: true }).fill("Gestoría Martín");
  await acc.getByLabel("Contraseña").fill(PASSWORD);
  await acc.getByRole("button", { name: "Crear cuenta" }).click();
  await new AuthPages(acc).signInAfterRegistering({ email: accountantEmail, password: PASSWORD });
  await expect(acc).toHaveURL(/\/invitations\//);
  await acc.getByRole("button", { name: "Aceptar la invitación" }).click();
  await expect(acc).toHaveURL(/\/review$/);
  await expect(acc.getByRole("heading", { name: "Revisión" })).toBeVisible();

  // The accountant opens the document: the total check fails and approval is blocked.
  await acc.getByTestId("queue-row").filter({ hasText: "F-2026-0100" }).getByRole("link").click();
  await expect(acc).toHaveURL(/\/documents\/[0-9a-f-]{36}$/);
  const docPath = new URL(acc.url()).pathname;
  const total = acc.getByLabel("Total (€)");
  await expect(total).toHaveValue("1.250,00");
  await expect(acc.getByTestId("checks").locator('[data-code="total_mismatch"]')).toBeVisible();
  await expect(acc.getByRole("button", { name: "Aprobar" })).toBeDisabled();
  await total.fill("1.210,00");
  await expect(acc.getByTestId("checks")).toContainText("Todas las comprobaciones son correctas");
  await acc.getByRole("button", { name: "Aprobar" }).click();
  await expect(acc.getByTestId("status")).toHaveAttribute("data-status", "approved");

  // The owner sees the approved figures and who changed the total.
  await page.goto(docPath);
  await expect(page.getByTestId("status")).toHaveAttribute("data-status", "approved");
  await expect(page.getByLabel("Total (€)")).toHaveValue("1.210,00");
  await expect(page.getByLabel("Total (€)")).toBeDisabled();
  const entry = page.locator('[data-testid="history-entry"][data-field="totalCents"]');
  await expect(entry).toContainText("Gestoría Martín");
  await expect(entry).toContainText(/1\.250,00\s€/);
  await expect(entry).toContainText(/1\.210,00\s€/);
  await expect(page.locator('[data-testid="history-entry"][data-action="document.approved"]')).toContainText("Gestoría Martín");

  // Revoking removes access at once: the accountant's next request is a 404.
  await page.goto("/settings");
  page.once("dialog", (d) => void d.accept());
  await page.locator(`[data-testid="member-row"][data-email="${accountantEmail}"]`).getByRole("button", { name: "Retirar acceso" }).click();
  await expect(page.locator(`[data-testid="member-row"][data-email="${accountantEmail}"]`)).toHaveCount(0);
  // With no book left the app sends the accountant to /welcome (with another client's book it would be a 404).
  await acc.goto(docPath);
  await expect(acc).toHaveURL(/\/welcome$/);
  await expect(acc.getByText("Aún no tienes acceso a ningún libro")).toBeVisible();
  await expect(acc.locator("body")).not.toContainText("F-2026-0100");
  expect((await acc.request.get(`/api/files/${docPath.split("/").pop()}`)).status()).toBe(404);
});

test("keyboard: j/k through three documents in the queue and on the review page, ? for help", async ({ page, register }) => {
  await register("Mario Ruiz", { legalName: "Mario Ruiz SL", nif: "B12345674" });
  await uploadAndWait(page, [
    { name: "uno.pdf", buffer: await pdf({ number: "A-1", vendorNif: "B12345674" }) },
    { name: "dos.pdf", buffer: await pdf({ number: "A-2", base: "100,00", vat: "21,00", total: "121,00" }) },
    { name: "tres.pdf", buffer: await pdf({ number: "A-3", base: "10,00", vat: "2,10", total: "12,10" }) },
  ]);
  await page.goto("/review");
  const rows = page.getByTestId("queue-row");
  await expect(rows).toHaveCount(3);
  const ids = await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-id")!));
  const selected = page.locator('[data-testid="queue-row"][aria-current="true"]');
  await expect(selected).toHaveAttribute("data-id", ids[0]);
  await page.keyboard.press("j");
  await expect(selected).toHaveAttribute("data-id", ids[1]);
  await page.keyboard.press("j");
  await expect(selected).toHaveAttribute("data-id", ids[2]);
  await page.keyboard.press("j"); // stays on the last
  await expect(selected).toHaveAttribute("data-id", ids[2]);
  await page.keyboard.press("k");
  await page.keyboard.press("k");
  await expect(selected).toHaveAttribute("data-id", ids[0]);

  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Atajos de teclado" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);

  await page.keyboard.press("/");
  await expect(page.getByTestId("queue-search")).toBeFocused();
  await page.keyboard.press("Escape");

  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/documents/${ids[0]}$`));
  await expect(page.getByLabel("Total (€)")).toBeVisible();
  await page.keyboard.press("j");
  await expect(page).toHaveURL(new RegExp(`/documents/${ids[1]}$`));
  await expect(page.getByLabel("Total (€)")).toBeVisible();
  await page.keyboard.press("j");
  await expect(page).toHaveURL(new RegExp(`/documents/${ids[2]}$`));
  await expect(page.getByLabel("Total (€)")).toBeVisible();
  await page.keyboard.press("k");
  await expect(page).toHaveURL(new RegExp(`/documents/${ids[1]}$`));
  // Typing in a field is not a shortcut.
  await page.keyboard.press("e");
  await page.keyboard.type("jk");
  await expect(page).toHaveURL(new RegExp(`/documents/${ids[1]}$`));
  // The PDF is rendered in the page by pdf.js.
  await expect(page.getByTestId("pdf-pages")).toHaveAttribute("data-pages", "1");
});

test("the reviewer sets the category and the reverse charge of an expense, and they are kept", async ({ page, register }) => {
  await register("Irene Solís");
  await uploadAndWait(page, [{ name: "nube.pdf", buffer: await pdf({ vendor: "Estudio Norte S.L.", number: "EN-77", date: todayPrinted() }) }]);
  await page.goto("/review");
  await page.getByTestId("queue-row").filter({ hasText: "EN-77" }).getByRole("link").click();
  await expect(page).toHaveURL(/\/documents\/[0-9a-f-]{36}$/);

  // The category is a list of the returns' categories, not free text.
  const category = page.getByLabel("Categoría");
  await expect(category.locator("option")).toHaveText(["Sin categoría", "Alquiler", "Suministros", "Servicios profesionales", "Software", "Material", "Transporte", "Comidas", "Otros"]);
  await category.selectOption("software");
  await expect(page.getByLabel("Tipo de autoliquidación (%)")).toHaveCount(0);
  await page.getByLabel(/Autoliquido el IVA de esta factura/).check();
  await page.getByLabel("Tipo de autoliquidación (%)").fill("10");
  await page.getByLabel("Deducible (%)").fill("80");
  await page.getByRole("button", { name: "Guardar", exact: true }).click();
  await expect(page.getByTestId("review-result")).toHaveText("Cambios guardados.");

  await page.reload();
  await expect(page.getByLabel("Categoría")).toHaveValue("software");
  await expect(page.getByLabel(/Autoliquido el IVA de esta factura/)).toBeChecked();
  await expect(page.getByLabel("Tipo de autoliquidación (%)")).toHaveValue("10");
  await expect(page.getByLabel("Deducible (%)")).toHaveValue("80");
  await expect(page.locator('[data-testid="history-entry"][data-field="reverseCharge"]')).toContainText("Sí");
  await expect(page.locator('[data-testid="history-entry"][data-field="category"]')).toContainText("Software");

  // An invoice the book issued is never self-assessed: switching to income clears the mark.
  await page.getByLabel("Tipo de operación").selectOption("issued");
  await expect(page.getByLabel(/Autoliquido el IVA de esta factura/)).toHaveCount(0);
});
