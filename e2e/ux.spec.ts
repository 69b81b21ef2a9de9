import type { Page, TestInfo } from "@playwright/test";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { makeInvoicePdf, makeReceiptPng, SAMPLE_INVOICE, type FixtureInvoice } from "../lib/testing/fixtures";
import { AssistantChatArea } from "./assistant-pages";
import { expect, PASSWORD, test, unique } from "./fixtures";
import { InboxPage } from "./pages";

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };

const todayPrinted = () =>
  new Intl.DateTimeFormat("es-ES", { timeZone: "Europe/Madrid", day: "2-digit", month: "2-digit", year: "numeric" }).format(new Date());
const pdf = async (inv: Partial<FixtureInvoice>) => Buffer.from(await makeInvoicePdf({ ...SAMPLE_INVOICE, ...inv }));

/** An invoice with a second page of payment terms (a multi-page document). */
async function twoPagePdf(inv: Partial<FixtureInvoice>) {
  const doc = await PDFDocument.load(await makeInvoicePdf({ ...SAMPLE_INVOICE, ...inv }));
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595, 842]).drawText("Condiciones de pago: transferencia a 30 días.", { x: 60, y: 790, size: 12, font });
  return Buffer.from(await doc.save());
}

async function expectNoHorizontalScroll(page: Page) {
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

/** Screenshots of the main pages are kept under Playwright's output dir (test-results/), not committed. */
async function shot(page: Page, info: TestInfo, name: string) {
  await page.screenshot({ path: info.outputPath(`${name}.png`), fullPage: true });
}

test.describe("phone (390×844)", () => {
  test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

  test("menu reaches every page, Hacer foto, joined photos, cards, share target, delete and dismiss, Enviar, no horizontal scroll", async ({
    page,
    register,
  }, info) => {
    test.setTimeout(300_000);
    // The password survives a form error (a wrong sign-in; a registration would count against the per-IP limit).
    await page.goto("/login");
    await page.getByLabel("Correo electrónico").fill(`nadie-${unique()}@example.com`);
    await page.getByLabel("Contraseña").fill(PASSWORD);
    await page.getByRole("button", { name: "Entrar" }).click();
    await expect(page.getByText("El correo o la contraseña no son correctos.")).toBeVisible();
    await expect(page.getByLabel("Contraseña")).toHaveValue(PASSWORD);

    await register("Lucía Pérez");
    const inbox = new InboxPage(page);
    await expect(page.getByRole("heading", { name: "Bandeja de entrada" })).toBeVisible();
    await expectNoHorizontalScroll(page);

    // Every header link through the menu.
    for (const [name, url] of [
      ["Revisión", /\/review$/],
      ["Ajustes", /\/settings$/],
      ["Asistente", /\/assistant$/],
      ["Bandeja de entrada", /\/inbox$/],
    ] as const) {
      await page.getByRole("button", { name: "Menú" }).click();
      await page.getByTestId("mobile-menu").getByRole("link", { name }).click();
      await expect(page).toHaveURL(url);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expect(page.getByTestId("mobile-menu")).toHaveCount(0);
      await expectNoHorizontalScroll(page);
      await shot(page, info, `phone-${url.source.replace(/\W/g, "")}`);
    }
    await page.getByRole("button", { name: "Menú" }).click();
    await expect(page.getByTestId("mobile-menu").getByRole("button", { name: "Salir" })).toBeVisible();
    await expect(page.getByTestId("mobile-menu").getByTestId("current-book")).toContainText("12345678Z");
    await page.getByRole("button", { name: "Cerrar menú" }).click();

    // "Hacer foto": the camera input (capture=environment) takes a photo of a ticket.
    const photo = Buffer.from(
      await makeReceiptPng({ ...SAMPLE_INVOICE, vendor: "Cafetería La Plaza S.L.", number: "T-0917", date: todayPrinted(), base: "50,00", vatRate: 10, vat: "5,00", total: "55,00" }),
    );
    const chooser = page.waitForEvent("filechooser");
    await page.getByRole("button", { name: "Hacer foto" }).click();
    const fc = await chooser;
    expect(await fc.element().getAttribute("capture")).toBe("environment");
    await fc.setFiles({ name: "foto-ticket.png", mimeType: "image/png", buffer: photo });
    const card = await inbox.waitProcessed("foto-ticket.png");
    // The card shows date and total on the phone; the upload card clears itself once processed.
    await expect(card.getByTestId("total")).toBeVisible();
    await expect(card.getByTestId("total")).toContainText(/55,00\s€/);
    await expect(page.getByTestId("upload-row")).toHaveCount(0);
    await expectNoHorizontalScroll(page);
    await shot(page, info, "phone-inbox-cards");

    // The same file twice in one selection is sent once and says so; a too-big file names the limit; cards dismiss.
    const twice = await pdf({ number: "R-1", date: todayPrinted() });
    await inbox.upload([
      { name: "repetida.pdf", mimeType: "application/pdf", buffer: twice },
      { name: "repetida-copia.pdf", mimeType: "application/pdf", buffer: twice },
      { name: "enorme.pdf", mimeType: "application/pdf", buffer: Buffer.alloc(10 * 1024 * 1024 + 1, 0x20) },
    ]);
    await expect(page.locator('[data-testid="upload-row"][data-state="repeated"]')).toContainText("Repetido en esta selección");
    await expect(page.getByTestId("upload-error")).toContainText("supera el tamaño máximo permitido (10 MB)");
    await inbox.waitProcessed("repetida.pdf");
    await expect(inbox.row("repetida-copia.pdf")).toHaveCount(0);
    await page.getByRole("button", { name: "Quitar enorme.pdf de la lista" }).click();
    await page.getByRole("button", { name: "Quitar repetida-copia.pdf de la lista" }).click();
    await expect(page.getByTestId("upload-row")).toHaveCount(0);

    // The PWA's share target: a PDF posted to /share lands in this book's inbox.
    const manifest = await page.request.get("/manifest.webmanifest");
    expect((await manifest.json()).share_target).toMatchObject({ action: "/share", method: "POST" });
    expect((await page.request.get("/favicon.ico")).status()).toBe(200);
    const shared = await page.request.post("/share", {
      multipart: { file: { name: "compartida.pdf", mimeType: "application/pdf", buffer: await pdf({ number: "S-77", date: todayPrinted() }) } },
      maxRedirects: 0,
    });
    expect(shared.status()).toBe(303);
    const landing = shared.headers()["location"];
    expect(landing).toMatch(/\/inbox\?compartidos=1$/);
    const landingUrl = new URL(landing, page.url());
    await page.goto(landingUrl.pathname + landingUrl.search);
    await expect(page.getByTestId("share-summary")).toContainText("Recibido 1 documento compartido");
    await inbox.waitProcessed("compartida.pdf");

    // The owner deletes a document that is not approved.
    page.once("dialog", (d) => void d.accept());
    await inbox.row("compartida.pdf").getByRole("button", { name: "Eliminar compartida.pdf" }).click();
    await expect(page.getByTestId("inbox-notice")).toContainText("«compartida.pdf» eliminado");
    await expect(inbox.row("compartida.pdf")).toHaveCount(0);

    // The document page and the review queue fit the phone too.
    await inbox.row("foto-ticket.png").getByRole("link").click();
    await expect(page.getByLabel("Total (€)")).toBeVisible();
    await expectNoHorizontalScroll(page);
    await shot(page, info, "phone-document");

    // Several photos of one long ticket become one document.
    await page.goto("/inbox");
    const part = (lines: Partial<FixtureInvoice>) =>
      makeReceiptPng({ ...SAMPLE_INVOICE, vendor: "Ferretería El Clavo S.L.", number: "T-55", date: todayPrinted(), base: "20,00", vatRate: 21, vat: "4,20", total: "24,20", ...lines });
    await page.getByLabel(/Unir varias fotos en un documento/).check();
    for (const [name, data] of [["parte-1.png", await part({})], ["parte-2.png", await part({ number: "T-55b" })]] as const) {
      const chooser = page.waitForEvent("filechooser");
      await page.getByRole("button", { name: "Hacer foto" }).click();
      await (await chooser).setFiles({ name, mimeType: "image/png", buffer: Buffer.from(data) });
    }
    await expect(page.getByTestId("photo-tray")).toContainText("2 fotos para un documento");
    await page.getByRole("button", { name: "Subir como un documento (2 fotos)" }).click();
    const row = await inbox.waitProcessed("parte-1 (2 fotos).jpg");
    await expect(row).toHaveCount(1);
    await expectNoHorizontalScroll(page);

    // The assistant pane on the phone: Enviar is clickable.
    const pane = AssistantChatArea.pane(page);
    await pane.toggle().click();
    await pane.question().fill("¿Cuándo se presenta el modelo 303?");
    await pane.root.getByRole("button", { name: "Enviar" }).click();
    await expect(pane.lastAnswer()).toContainText("del mes siguiente al trimestre.");
    await expectNoHorizontalScroll(page);
  });
});

test.describe("desktop (1366×900)", () => {
  test.use({ viewport: DESKTOP });

  test("review that flows: approve opens the next, bulk approve takes warnings, the viewer fits, hints; the assistant pane", async ({
    page,
    register,
  }, info) => {
    test.setTimeout(240_000);
    await register("Mario Ruiz");
    const inbox = new InboxPage(page);
    await inbox.upload([
      { name: "n1.pdf", mimeType: "application/pdf", buffer: await pdf({ number: "N-1", date: todayPrinted() }) },
      { name: "n2.pdf", mimeType: "application/pdf", buffer: await pdf({ number: "N-2", date: todayPrinted(), base: "100,00", vat: "21,00", total: "121,00" }) },
      { name: "error.pdf", mimeType: "application/pdf", buffer: await pdf({ number: "E-1", date: todayPrinted(), total: "999,00" }) },
      // Warnings only: dated in a quarter whose filing period is over.
      { name: "w1.pdf", mimeType: "application/pdf", buffer: await pdf({ number: "W-1", date: "15/01/2025" }) },
      { name: "w2.pdf", mimeType: "application/pdf", buffer: await pdf({ number: "W-2", date: "20/02/2025", base: "10,00", vat: "2,10", total: "12,10" }) },
    ]);
    for (const f of ["n1.pdf", "n2.pdf", "error.pdf", "w1.pdf", "w2.pdf"]) await inbox.waitProcessed(f);
    await expect(page.getByTestId("upload-row")).toHaveCount(0);
    await shot(page, info, "desktop-inbox");

    // Approve shows a confirmation and opens the next pending document.
    await page.getByRole("link", { name: "Revisión" }).click();
    await expect(page).toHaveURL(/\/review$/);
    await shot(page, info, "desktop-review");
    await page.getByTestId("queue-row").filter({ hasText: "N-1" }).getByRole("link").click();
    await expect(page.getByLabel("Número de factura")).toHaveValue("N-1");
    const first = page.url();
    await page.getByRole("button", { name: "Aprobar", exact: true }).click();
    await expect(page.getByTestId("approved-banner")).toContainText("Documento aprobado");
    expect(page.url()).not.toBe(first);
    await expect(page.getByTestId("status")).toHaveAttribute("data-status", /^(extracted|needs_review)$/);
    await page.getByTestId("approved-banner").getByRole("link", { name: "Ver el aprobado" }).click();
    await expect(page.getByTestId("status")).toHaveAttribute("data-status", "approved");
    await expect(page.getByTestId("low-confidence")).toHaveCount(0);

    // Bulk approval takes every pending document without errors, warnings included, and says what it skipped.
    await page.goto("/review");
    const bulk = page.getByTestId("bulk-approve");
    await expect(bulk).toHaveText("Aprobar los que no tienen errores (3)");
    await bulk.click();
    await expect(page.getByTestId("queue-message")).toHaveText("3 aprobados.");
    await page.goto("/inbox");
    for (const f of ["w1.pdf", "w2.pdf", "n2.pdf"]) await expect(inbox.row(f)).toHaveAttribute("data-status", "approved");
    await expect(inbox.row("error.pdf")).toHaveAttribute("data-status", "needs_review");
    // Approved documents cannot be deleted; the others can.
    await expect(inbox.row("w1.pdf").getByRole("button", { name: /Eliminar/ })).toHaveCount(0);
    await expect(inbox.row("error.pdf").getByRole("button", { name: "Eliminar error.pdf" })).toBeVisible();

    // The viewer opens a two-page PDF fitted to the pane's width, pages are navigable, zoom keeps every edge reachable.
    await inbox.upload([
      {
        name: "dos-paginas.pdf",
        mimeType: "application/pdf",
        buffer: await twoPagePdf({ number: "M-1", date: todayPrinted(), irpf: { rate: 15, amount: "150,00" }, total: "1.060,00" }),
      },
    ]);
    await (await inbox.waitProcessed("dos-paginas.pdf")).getByRole("link").click();
    const viewer = page.getByTestId("viewer");
    await expect(page.getByTestId("pdf-pages")).toHaveAttribute("data-pages", "2");
    const firstPage = page.locator('[data-page="1"]');
    await expect(firstPage.locator("canvas")).toBeVisible();
    const fit = await viewer.evaluate((el) => {
      const pageBox = el.querySelector("[data-page='1']")!.getBoundingClientRect();
      return { client: el.clientWidth, scroll: el.scrollWidth, page: pageBox.width };
    });
    expect(fit.scroll).toBeLessThanOrEqual(fit.client);
    expect(fit.page).toBeGreaterThan(fit.client * 0.9);
    await expect(page.getByTestId("page-nav")).toContainText("Página 1 de 2");
    await page.getByRole("button", { name: "Página siguiente" }).click();
    await expect(page.getByTestId("page-nav")).toContainText("Página 2 de 2");
    await page.getByRole("button", { name: "Acercar" }).click();
    await page.getByRole("button", { name: "Acercar" }).click();
    await expect(page.getByTestId("viewer-zoom")).toHaveText("150 %");
    await expect.poll(() => viewer.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    const edges = await viewer.evaluate((el) => {
      el.scrollLeft = 0;
      const left = el.querySelector("[data-page='1']")!.getBoundingClientRect().left - el.getBoundingClientRect().left;
      el.scrollLeft = el.scrollWidth;
      const right = el.getBoundingClientRect().right - el.querySelector("[data-page='1']")!.getBoundingClientRect().right;
      return { left, right };
    });
    expect(edges.left).toBeGreaterThanOrEqual(0);
    expect(edges.right).toBeGreaterThanOrEqual(0);
    await page.getByRole("button", { name: "Ajustar al ancho" }).click();
    await expect(page.getByTestId("viewer-zoom")).toHaveText("100 %");

    // The focused field's source box is highlighted and brought into view.
    await page.getByLabel("Total (€)").focus();
    await expect(page.locator('[data-box="totalCents"][data-box-active="true"]').first()).toBeInViewport();

    // IRPF withheld on a received invoice: the hint says where it goes; it does not block approval.
    await expect(page.getByTestId("hints")).toContainText("Retención a ingresar en el 111/115");
    await expect(page.getByRole("button", { name: "Aprobar", exact: true })).toBeEnabled();
    await shot(page, info, "desktop-document");
    await page.goto("/settings");
    await shot(page, info, "desktop-settings");

    // Assistant pane: Enviar sends on a real click, and the pane reopens on the last conversation.
    const pane = AssistantChatArea.pane(page);
    await pane.toggle().click();
    await expect(pane.root).toBeVisible();
    const question = "¿Cuándo se presenta el modelo 303?";
    await pane.question().fill(question);
    await pane.root.getByRole("button", { name: "Enviar" }).click();
    await expect(pane.lastAnswer()).toContainText("del mes siguiente al trimestre.");
    await pane.waitIdle();
    await shot(page, info, "desktop-assistant-pane");
    // The close control is in the pane's header, away from the composer.
    const close = page.getByRole("button", { name: "Cerrar asistente" });
    const send = pane.root.getByRole("button", { name: "Enviar" });
    const [a, b] = [await close.boundingBox(), await send.boundingBox()];
    expect(a && b && (a.y + a.height <= b.y || b.y + b.height <= a.y || a.x + a.width <= b.x || b.x + b.width <= a.x)).toBe(true);

    await page.reload();
    await pane.toggle().click();
    await expect(pane.root.getByTestId("chat-question")).toContainText(question);
    await expect(pane.lastAnswer()).toContainText("del mes siguiente al trimestre.");
    await page.goto("/assistant");
    await shot(page, info, "desktop-assistant");
  });
});
