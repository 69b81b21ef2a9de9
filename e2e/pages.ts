import { expect, type Page } from "@playwright/test";

/** Page objects for the flows the e2e tests walk through. */
export class AuthPages {
  constructor(private readonly page: Page) {}

  async register(u: { name: string; email: string; password: string; legalName: string; nif: string }) {
    await this.page.goto("/register");
    await this.page.getByLabel("Nombre", { exact: true }).fill(u.name);
    await this.page.getByLabel("Correo electrónico").fill(u.email);
    await this.page.getByLabel("Contraseña").fill(u.password);
    await this.page.getByLabel("Razón social o nombre fiscal").fill(u.legalName);
    await this.page.getByLabel("NIF / NIE / CIF").fill(u.nif);
    await this.page.getByRole("button", { name: "Crear cuenta" }).click();
    // Registration never signs in (the answer is the same for an e-mail that already has an account): sign in.
    await this.signInAfterRegistering(u);
    await expect(this.page).toHaveURL(/\/inbox$/);
  }

  /** On the login page registration ends on (neutral notice), signs in; the caller checks where it lands. */
  async signInAfterRegistering(u: { email: string; password: string }) {
    await expect(this.page).toHaveURL(/\/login\?registered=1/);
    await expect(this.page.getByTestId("registered-notice")).toContainText("Si la dirección es nueva");
    await this.login(u);
  }

  async login(u: { email: string; password: string }) {
    await this.page.getByLabel("Correo electrónico").fill(u.email);
    await this.page.getByLabel("Contraseña").fill(u.password);
    await this.page.getByRole("button", { name: "Entrar" }).click();
  }

  async logout() {
    await this.page.getByRole("button", { name: "Salir" }).click();
    await expect(this.page).toHaveURL(/\/login/);
  }
}

export class InboxPage {
  constructor(private readonly page: Page) {}

  async upload(files: { name: string; mimeType: string; buffer: Buffer }[]) {
    await this.page.getByTestId("file-input").setInputFiles(files);
  }

  row(filename: string) {
    return this.page.locator(`[data-testid="document-row"][data-filename="${filename}"]`);
  }

  /** Waits until the document has finished processing and returns its row. */
  async waitProcessed(filename: string) {
    const row = this.row(filename).first();
    await expect(row).toHaveAttribute("data-status", /^(extracted|needs_review)$/, { timeout: 90_000 });
    return row;
  }
}
