import { makeInvoicePdf, makeReceiptPng, SAMPLE_INVOICE } from "../lib/testing/fixtures";
import { expect, registerOn, test } from "./fixtures";
import { AuthPages, InboxPage } from "./pages";


test("register, upload a PDF and a PNG, see them extracted; bad type, duplicate, and another user's access", async ({
  page,
  register,
  newPersonPage,
}) => {
  const auth = new AuthPages(page);
  const inbox = new InboxPage(page);
  await register("Lucía Pérez");
  await expect(page.getByRole("heading", { name: "Bandeja de entrada" })).toBeVisible();
  await expect(page.getByTestId("empty-inbox")).toBeVisible();

  const pdf = Buffer.from(await makeInvoicePdf());
  const png = Buffer.from(
    await makeReceiptPng({
      ...SAMPLE_INVOICE,
      vendor: "Cafetería La Plaza S.L.",
      number: "T-0917",
      date: "02/04/2026",
      base: "50,00",
      vatRate: 10,
      vat: "5,00",
      total: "55,00",
    }),
  );
  await inbox.upload([
    { name: "factura-papeleria.pdf", mimeType: "application/pdf", buffer: pdf },
    { name: "ticket-cafeteria.png", mimeType: "image/png", buffer: png },
  ]);

  const pdfRow = await inbox.waitProcessed("factura-papeleria.pdf");
  await expect(pdfRow.getByTestId("total")).toHaveText(/1\.210,00\s€/);
  const pngRow = await inbox.waitProcessed("ticket-cafeteria.png");
  await expect(pngRow.getByTestId("total")).toHaveText(/55,00\s€/);

  // A text file renamed .pdf is refused with a clear Spanish message, and nothing is added.
  await inbox.upload([{ name: "nota.pdf", mimeType: "application/pdf", buffer: Buffer.from("esto no es un PDF\n") }]);
  await expect(page.getByTestId("upload-error").first()).toContainText("Tipo de archivo no admitido");
  await expect(inbox.row("nota.pdf")).toHaveCount(0);

  // The same PDF again is marked as a duplicate.
  await inbox.upload([{ name: "factura-papeleria-otra-vez.pdf", mimeType: "application/pdf", buffer: pdf }]);
  await expect(inbox.row("factura-papeleria-otra-vez.pdf")).toHaveAttribute("data-status", "duplicate");

  // The document page shows the extracted fields beside the file.
  await pdfRow.getByRole("link").click();
  await expect(page).toHaveURL(/\/documents\/[0-9a-f-]{36}$/);
  const documentUrl = new URL(page.url()).pathname;
  const documentId = documentUrl.split("/").pop()!;
  await expect(page.getByLabel("Número de factura")).toHaveValue("F-2026-0042");
  await expect(page.getByLabel("NIF / NIF-IVA")).toHaveValue("B12345674");
  const own = await page.request.get(`/api/files/${documentId}`);
  expect(own.status()).toBe(200);
  expect(own.headers()["content-type"]).toBe("application/pdf");

  // A second user can neither open the page nor download the file.
  const otherPage = await newPersonPage();
  await registerOn(otherPage, "Mario Ruiz", { legalName: "Mario Ruiz SL", nif: "B12345674" });
  const pageResponse = await otherPage.goto(documentUrl);
  expect(pageResponse?.status()).toBe(404);
  const fileResponse = await otherPage.request.get(`/api/files/${documentId}`);
  expect(fileResponse.status()).toBe(404);

  await auth.logout();
  const anonymous = await page.request.get(`/api/files/${documentId}`);
  expect(anonymous.status()).toBe(401);
});
