import { AuthPages } from "./pages";
import { expect, PASSWORD, registerOn, test } from "./fixtures";

/** e2e/serve.mjs names this address in ADMIN_EMAILS: its owner is the instance's operator. */
const OPERATOR = "operadora-e2e@example.test";

test("the operator sees the monitoring page and runs the doctor; anyone else gets a 404", async ({ page, newPersonPage, request: anonymous }) => {
  await new AuthPages(page).register({ name: "Olga Operadora", email: OPERATOR, password: PASSWORD, legalName: "Olga Operadora SL", nif: "B12345674" });

  await page.getByRole("link", { name: "Monitorización" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Monitorización" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Documentos por estado" })).toBeVisible();
  await page.getByRole("button", { name: "Ejecutar diagnóstico" }).click();
  const doctor = page.getByTestId("doctor");
  await expect(doctor.getByRole("status")).toContainText("correctas");
  await expect(doctor.getByRole("table", { name: "Resultado de cada comprobación" })).toContainText("AUTH_SECRET");

  // /api/health: the operator gets each check's details; the public answer is only up or down.
  const details = (await (await page.request.get("/api/health")).json()) as Record<string, unknown>;
  expect(details).toMatchObject({ status: "ok", database: { ok: true } });
  expect(await (await anonymous.get("/api/health")).json()).toEqual({ status: "ok" });

  const other = await newPersonPage();
  await registerOn(other, "Mario Ruiz");
  await expect(other.getByRole("link", { name: "Monitorización" })).toHaveCount(0);
  const res = await other.goto("/admin/monitoring");
  expect(res?.status()).toBe(404);
});
