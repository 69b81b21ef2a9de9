import { describe, expect, it } from "vitest";
import { ASSISTANT_CONTEXTS } from "@/lib/ai/contexts";
import { systemPrompt } from "@/lib/ai/prompts";

const book = { legalName: "Lucía Pérez Gómez", nif: "12345678Z" };
const now = new Date("2026-05-10T10:00:00Z");

describe("system prompts", () => {
  it.each(ASSISTANT_CONTEXTS)("%s: Spanish, dated, grounded in tools, scoped and with the gestor caveat", (context) => {
    const p = systemPrompt({ context, book, now });
    expect(p).toContain("autónomos en España en 2026");
    expect(p).toContain("Responde en español");
    expect(p).toContain("2026-05-10");
    expect(p).toContain("2T 2026");
    expect(p).toContain("2026-07-20");
    expect(p).toContain("Lucía Pérez Gómez");
    expect(p).toMatch(/cifras del libro salen SIEMPRE de las herramientas/);
    expect(p).toContain("getQuarterSummary");
    expect(p).toMatch(/Solo tienes acceso a este libro/);
    expect(p).toMatch(/No sustituyes el asesoramiento de un gestor/);
  });

  it("gives each context its own focus", () => {
    const prompts = Object.fromEntries(ASSISTANT_CONTEXTS.map((c) => [c, systemPrompt({ context: c, book, now })]));
    expect(prompts.tax).toMatch(/Modelo 303/);
    expect(prompts.tax).toMatch(/Modelo 130/);
    expect(prompts.tax).toMatch(/Modelo 111/);
    expect(prompts.accounting).toMatch(/gastos son deducibles/);
    expect(prompts.invoicing).toMatch(/morosos/);
    expect(prompts.invoicing).toMatch(/factura electrónica/);
    expect(prompts.payments).toMatch(/conciliación/);
    expect(prompts.payments).toMatch(/fraude/);
    expect(new Set(Object.values(prompts)).size).toBe(4);
    expect(prompts.accounting).not.toMatch(/Modelo 111/);
  });
});
