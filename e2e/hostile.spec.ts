import { randomBytes } from "node:crypto";
import http from "node:http";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { makeInvoicePdf } from "../lib/testing/fixtures";
import { BIDI_NAME, blankPagesPdf, contentBombPdf, encryptedPdf, pixelBombPng } from "../lib/testing/hostile";
import { AuthPages } from "./pages";

/**
 * The hostile-file suite against the built app (embedded default): every file is made here, each gets its status
 * and Spanish message, and /api/health keeps answering after each. Also: sign-in brute force, revoked sessions,
 * framing headers. No timings are asserted.
 */
const unique = () => randomBytes(4).toString("hex");
const PASSWORD = "contraseña-segura-1";
const port = Number(process.env.E2E_PORT ?? 3100);

async function healthy(request: APIRequestContext) {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  return res;
}

async function upload(request: APIRequestContext, name: string, mimeType: string, buffer: Buffer) {
  const res = await request.post("/api/documents", { multipart: { file: { name, mimeType, buffer } } });
  return { status: res.status(), body: (await res.json().catch(() => null)) as Record<string, unknown> | null };
}

/** A chunked body (no Content-Length) that keeps sending until the server answers; returns status and bytes sent. */
function chunkedUpload(cookie: string, totalBytes: number): Promise<{ status: number; sent: number }> {
  return new Promise((resolve, reject) => {
    const boundary = "----hostile" + unique();
    const req = http.request({
      host: "127.0.0.1",
      port,
      path: "/api/documents",
      method: "POST",
      headers: { cookie, "content-type": `multipart/form-data; boundary=${boundary}`, "transfer-encoding": "chunked" },
    });
    let sent = 0;
    let answered = false;
    req.on("response", (res) => {
      answered = true;
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, sent }));
    });
    req.on("error", (e) => (answered ? undefined : reject(e)));
    req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="grande.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n`);
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    const pump = () => {
      while (!answered && sent < totalBytes) {
        sent += chunk.byteLength;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end(`\r\n--${boundary}--\r\n`);
    };
    pump();
  });
}

test("hostile files get their own answers and the server keeps serving", async ({ page, request: anonymous }) => {
  test.setTimeout(240_000);
  await new AuthPages(page).register({
    name: "Hostil Pruebas",
    email: `hostil-${unique()}@example.com`,
    password: PASSWORD,
    legalName: "Hostil Pruebas",
    nif: "12345678Z",
  });
  const request = page.request;

  // Public health says only up or down (details are for the operator: ADMIN_EMAILS or the first account).
  expect(await (await anonymous.get("/api/health")).json()).toEqual({ status: "ok" });

  const cases: { name: string; mime: string; make: () => Promise<Uint8Array> | Uint8Array; code: string; message: RegExp }[] = [
    { name: "bomba.pdf", mime: "application/pdf", make: () => contentBombPdf(100), code: "upload:too_complex", message: /demasiado complejo/ },
    { name: "cifrado.pdf", mime: "application/pdf", make: () => encryptedPdf(), code: "upload:pdf_encrypted", message: /PDF protegido con contraseña/ },
    { name: "500-paginas.pdf", mime: "application/pdf", make: () => blankPagesPdf(500), code: "upload:too_many_pages", message: /demasiadas páginas/ },
    { name: "enorme.png", mime: "image/png", make: () => pixelBombPng(), code: "upload:image_too_large", message: /demasiados píxeles/ },
  ];
  for (const c of cases) {
    const { status, body } = await upload(request, c.name, c.mime, Buffer.from(await c.make()));
    expect(status, c.name).toBe(400);
    const error = body?.error as { code: string; message: string };
    expect(error.code, c.name).toBe(c.code);
    expect(error.message, c.name).toMatch(c.message);
    await healthy(request);
  }

  // A chunked body past MAX_UPLOAD_MB (10) is refused while it streams.
  const cookie = (await page.context().cookies()).map((k) => `${k.name}=${k.value}`).join("; ");
  const big = await chunkedUpload(cookie, 40 * 1024 * 1024);
  expect(big.status).toBe(413);
  await healthy(request);

  // A bidi name on a real PDF: accepted, shown without the override and with the real type's extension.
  const pdf = Buffer.from(await makeInvoicePdf());
  const named = await upload(request, BIDI_NAME, "application/octet-stream", pdf);
  expect(named.status).toBe(201);
  const inbox = (await (await request.get("/api/documents")).json()) as { items: { filename: string }[] };
  expect(inbox.items.map((i) => i.filename)).toContain("facturafdp.pdf");
  expect(JSON.stringify(inbox)).not.toContain("\u202E");
  await healthy(request);
});

test("pages cannot be framed and carry a CSP nonce", async ({ request }) => {
  const res = await request.get("/login");
  const csp = res.headers()["content-security-policy"] ?? "";
  expect(csp).toContain("frame-ancestors 'none'");
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(await res.text()).toContain(`nonce="${nonce}"`);
  expect(res.headers()["x-frame-options"]).toBe("DENY");
  expect(res.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(res.headers()["strict-transport-security"]).toBeUndefined(); // plain HTTP here
  const api = await request.get("/api/health");
  expect(api.headers()["x-frame-options"]).toBe("DENY");
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
});

test("sign-in: the 11th attempt is refused even with the right password; logout revokes a copied cookie", async ({
  page,
  playwright,
  baseURL,
}) => {
  const email = `limite-${unique()}@example.com`;
  const auth = new AuthPages(page);
  await auth.register({ name: "Límite", email, password: PASSWORD, legalName: "Límite SL", nif: "12345678Z" });

  // Logout, then the cookie copied before it → 401.
  const copied = await page.context().storageState();
  expect((await page.request.get("/api/documents")).status()).toBe(200);
  await auth.logout();
  const stale = await playwright.request.newContext({ baseURL, storageState: copied });
  expect((await stale.get("/api/documents")).status()).toBe(401);
  await stale.dispose();

  // Brute force through next-auth's own endpoint.
  const api = await playwright.request.newContext({ baseURL });
  const attempt = async (password: string) => {
    const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
    return api.post("/api/auth/callback/credentials", {
      form: { email, password, csrfToken, callbackUrl: "/inbox" },
      maxRedirects: 0,
    });
  };
  for (let i = 1; i <= 10; i++) {
    const res = await attempt(`mala-${i}`);
    expect(res.status(), `attempt ${i}`).toBe(302);
    expect(res.headers().location).toContain("error=CredentialsSignin");
  }
  const eleventh = await attempt("mala-11");
  expect(eleventh.status()).toBe(429);
  expect(Number(eleventh.headers()["retry-after"])).toBeGreaterThan(0);
  expect(((await eleventh.json()) as { error: { message: string } }).error.message).toMatch(/Demasiados intentos/);
  const right = await attempt(PASSWORD);
  expect(right.status()).toBe(429);
  await api.dispose();

  // The login form says it too.
  await page.goto("/login");
  await page.getByLabel("Correo electrónico").fill(email);
  await page.getByLabel("Contraseña").fill(PASSWORD);
  await page.getByRole("button", { name: "Entrar" }).click();
  await expect(page.getByText(/Demasiados intentos de inicio de sesión/)).toContainText(/Espera \d+ minutos/);
});

test("a password change ends the other sessions; this browser stays signed in", async ({ page, playwright, baseURL }) => {
  const email = `cambio-${unique()}@example.com`;
  const auth = new AuthPages(page);
  await auth.register({ name: "Cambio", email, password: PASSWORD, legalName: "Cambio SL", nif: "12345678Z" });
  const copied = await page.context().storageState();

  await page.goto("/settings");
  await page.getByLabel("Contraseña actual").fill("no-es-la-mía");
  await page.getByLabel("Contraseña nueva").fill("contraseña-nueva-2");
  await page.getByRole("button", { name: "Cambiar contraseña" }).click();
  await expect(page.getByText("La contraseña actual no es correcta.").first()).toBeVisible();

  await page.getByLabel("Contraseña actual").fill(PASSWORD);
  await page.getByLabel("Contraseña nueva").fill("contraseña-nueva-2");
  await page.getByRole("button", { name: "Cambiar contraseña" }).click();
  await expect(page).toHaveURL(/\/settings\?password=changed$/);
  await expect(page.getByText("Contraseña cambiada")).toBeVisible();
  expect((await page.request.get("/api/documents")).status()).toBe(200);

  // The session copied before the change (another browser) is refused.
  const other = await playwright.request.newContext({ baseURL, storageState: copied });
  expect((await other.get("/api/documents")).status()).toBe(401);
  await other.dispose();
});
