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
    await expect(this.page).toHaveURL(/\/inbox$/);
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
