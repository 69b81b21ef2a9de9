import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { BASIC_INVOICE, facturaeXml, ublXml } from "../lib/testing/einvoices";
import { composeMail } from "../lib/testing/mail";
import { AuthPages, InboxPage } from "./pages";

const unique = () => randomBytes(4).toString("hex");
/** The same secret e2e/serve.mjs gives the server. */
const INBOUND_SECRET = "e2e-inbound-secret-0123456789";

test("an uploaded e-invoice shows its fields at full confidence with no OCR; an e-mailed one arrives by the book's address", async ({ page }) => {
  const inbox = new InboxPage(page);
  await new AuthPages(page).register({
    name: "Elena Martín",
    email: `elena-${unique()}@example.com`,
    password: "contraseña-segura-1",
    legalName: "Elena Martín Ruiz",
    nif: "12345678Z",
  });

  // A signed Facturae 3.2.2, sniffed by content (the browser's type is ignored).
  await inbox.upload([{ name: "factura-A-0042.xml", mimeType: "text/xml", buffer: Buffer.from(facturaeXml(BASIC_INVOICE, { signed: true })) }]);
  const row = await inbox.waitProcessed("factura-A-0042.xml");
  await expect(row).toHaveAttribute("data-status", "extracted");
  await expect(row.getByTestId("total")).toHaveText(/106,00\s€/);
  await expect(row.getByTestId("source")).toHaveText("Subido · factura electrónica");

  await row.getByRole("link").click();
  await expect(page.getByLabel("Número de factura")).toHaveValue("A-0042");
  await expect(page.getByLabel("NIF / NIF-IVA")).toHaveValue("B12345674");
  await expect(page.getByText(/Origen del texto: factura electrónica \(Facturae 3\.2\.2\), sin OCR · confianza 100 %/)).toBeVisible();
  await expect(page.getByTestId("einvoice-view")).toContainText("Firma XAdES de PROVEEDOR DE PRUEBAS SL");

  // Settings: the book's own intake address, then a message delivered to it through the inbound webhook.
  await page.goto("/settings");
  const address = await page.getByTestId("intake-address").inputValue();
  expect(address).toMatch(/^facturas\+[a-z2-9]{12}@anclora\.test$/);
  await expect(page.getByTestId("intake-empty")).toBeVisible();

  const raw = await composeMail({
    from: "Acme <billing@acme.example>",
    to: address,
    subject: "Invoice 2026-77",
    attachments: [{ filename: "acme-77.xml", content: ublXml({ ...BASIC_INVOICE, number: "77", series: undefined, irpf: undefined, total: "121.00" }) }],
  });
  const refused = await page.request.post("/api/inbound/email", { data: Buffer.from(raw), headers: { "content-type": "message/rfc822", authorization: "Bearer wrong-secret-wrong-secret" } });
  expect(refused.status()).toBe(401);
  const res = await page.request.post("/api/inbound/email", { data: Buffer.from(raw), headers: { "content-type": "message/rfc822", authorization: `Bearer ${INBOUND_SECRET}` } });
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ outcome: "ingested", documents: [{ filename: "acme-77.xml" }] });

  await page.reload();
  await expect(page.getByTestId("intake-message")).toHaveAttribute("data-outcome", "ingested");
  await expect(page.getByTestId("intake-message")).toContainText("billing@acme.example");
  await page.goto("/inbox");
  const mailed = await inbox.waitProcessed("acme-77.xml");
  await expect(mailed.getByTestId("source")).toHaveText("Correo de billing@acme.example · factura electrónica");
});
