import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import JSZip from "jszip";
import { makeInvoicePdf, SAMPLE_INVOICE, type FixtureInvoice } from "../lib/testing/fixtures";
import { AuthPages, InboxPage } from "./pages";

const unique = () => randomBytes(4).toString("hex");
const todayPrinted = () =>
  new Intl.DateTimeFormat("es-ES", { timeZone: "Europe/Madrid", day: "2-digit", month: "2-digit", year: "numeric" }).format(new Date());
const pdf = async (inv: Partial<FixtureInvoice>) => Buffer.from(await makeInvoicePdf({ ...SAMPLE_INVOICE, ...inv }));

async function approve(page: Page, number: string) {
  await page.goto("/review");
  await page.getByTestId("queue-row").filter({ hasText: number }).getByRole("link").first().click();
  await expect(page).toHaveURL(/\/documents\/[0-9a-f-]{36}$/);
  const url = page.url();
  await page.getByRole("button", { name: "Aprobar" }).click();
  // Approving opens the next pending document when there is one (with a confirmation); else it stays, approved.
  await expect(page.getByTestId("approved-banner").or(page.locator('[data-testid="status"][data-status="approved"]'))).toBeVisible();
  await page.goto(new URL(url).pathname);
  await expect(page.getByTestId("status")).toHaveAttribute("data-status", "approved");
}

test("the quarter: an issued and a received invoice give the 303, and the quarter pack downloads", async ({ page }) => {
  await new AuthPages(page).register({
    name: "Lucía Pérez",
    email: `lucia-tax-${unique()}@example.com`,
    password: "contraseña-segura-1",
    legalName: "Lucía Pérez Gómez",
    nif: "12345678Z",
  });
  const date = todayPrinted();
  // Issued by the book (its own NIF as the vendor's): income. Received from a stationer: expense.
  const files = [
    { name: "emitida.pdf", buffer: await pdf({ vendor: "Lucía Pérez Gómez", vendorNif: "12345678Z", customerNif: "A58818501", number: "2026-001", date, base: "2.000,00", vat: "420,00", total: "2.420,00" }) },
    { name: "recibida.pdf", buffer: await pdf({ number: "F-2026-0042", date }) },
  ];
  const inbox = new InboxPage(page);
  await page.goto("/inbox");
  await inbox.upload(files.map((f) => ({ ...f, mimeType: "application/pdf" })));
  for (const f of files) await inbox.waitProcessed(f.name);
  await approve(page, "2026-001");
  await approve(page, "F-2026-0042");

  await page.getByRole("navigation", { name: "Principal" }).getByRole("link", { name: "Impuestos" }).click();
  await expect(page).toHaveURL(/\/taxes/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Impuestos trimestrales");
  const m303 = page.getByTestId("m303");
  // 21 % on 2.000 = 420 charged; 210 deductible from the stationer; 420 − 210 = 210 to pay.
  await expect(m303.getByTestId("m303-07")).toHaveText(/2\.000,00\s€/);
  await expect(m303.getByTestId("m303-09")).toHaveText(/420,00\s€/);
  await expect(m303.getByTestId("m303-29")).toHaveText(/210,00\s€/);
  await expect(m303.getByTestId("m303-71")).toHaveText(/210,00\s€/);
  await expect(page.getByTestId("plain-lines")).toContainText(/Modelo 303: a ingresar 210,00\s€ hasta el/);
  // Click-through: the box's documents link to the invoice.
  await m303.locator('[data-box="09"] summary').click();
  await expect(m303.locator('[data-box="09"] a')).toContainText("2026-001");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-pack").click()]);
  expect(download.suggestedFilename()).toMatch(/^\d{4}-[1-4]T-12345678Z\.zip$/);
  const zip = await JSZip.loadAsync(await readFile((await download.path())!));
  const names = Object.keys(zip.files);
  const year = download.suggestedFilename().slice(0, 4);
  expect(names).toEqual(expect.arrayContaining([`${year}12345678ZE.xlsx`, `${year}12345678ZR.xlsx`]));
  expect(names.filter((n) => n.startsWith("documentos/") && n.endsWith(".pdf"))).toHaveLength(2);
  expect(names.some((n) => /_A58818501_2026-001\.pdf$/.test(n))).toBe(true);

  // Mark the quarter filed: the page says who and when.
  await page.getByRole("button", { name: /Marcar \dT como presentado/ }).click();
  await expect(page.getByRole("button", { name: "Desmarcar como presentado" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Trimestres" }).locator('[aria-current="page"]')).toContainText("Presentado el");
});
