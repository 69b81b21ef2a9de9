import { randomBytes } from "node:crypto";
import { test as base, type Page } from "@playwright/test";
import { AuthPages } from "./pages";

export { expect } from "@playwright/test";

export const PASSWORD = "contraseña-segura-1";
export const unique = () => randomBytes(4).toString("hex");

export type Account = { name: string; email: string; password: string; legalName: string; nif: string };

/** A fresh account for `name` ("Lucía Pérez" → lucia-1a2b3c4d@example.com, book "Lucía Pérez Gómez", NIF 12345678Z). */
export function newAccount(name: string, o: { legalName?: string; nif?: string } = {}): Account {
  const first = name.split(" ")[0].normalize("NFD").replace(/[^a-zA-Z]/g, "").toLowerCase();
  return {
    name,
    email: `${first}-${unique()}@example.com`,
    password: PASSWORD,
    legalName: o.legalName ?? `${name} Gómez`,
    nif: o.nif ?? "12345678Z",
  };
}

type Fixtures = {
  /** Registers a new owner (with their own book) on the test's page; it ends signed in on /inbox. */
  register: (name: string, o?: { legalName?: string; nif?: string }) => Promise<Account>;
  /** A page in a browser context of its own (another person), closed after the test. */
  newPersonPage: () => Promise<Page>;
};

/** The specs' `test`: Playwright's, plus the register step and other people's pages (model: ai-chatbot tests/fixtures.ts). */
export const test = base.extend<Fixtures>({
  register: async ({ page }, use) => {
    await use(async (name, o) => {
      const account = newAccount(name, o);
      await new AuthPages(page).register(account);
      return account;
    });
  },
  newPersonPage: async ({ browser }, use) => {
    const contexts: Awaited<ReturnType<typeof browser.newContext>>[] = [];
    await use(async () => {
      const context = await browser.newContext();
      contexts.push(context);
      return context.newPage();
    });
    await Promise.all(contexts.map((c) => c.close()));
  },
});

/** Registers `name` on another page (a second person in their own context). */
export async function registerOn(page: Page, name: string, o: { legalName?: string; nif?: string } = {}): Promise<Account> {
  const account = newAccount(name, o);
  await new AuthPages(page).register(account);
  return account;
}
