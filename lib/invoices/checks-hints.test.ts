import { describe, expect, it } from "vitest";
import { checkInvoice, hasErrors, mentionsReverseCharge, taxHints, type CheckInput, type HintContext } from "./checks";
import { CHECKED_INVOICE } from "@/lib/testing/invoices";

const base: CheckInput = CHECKED_INVOICE;
const OWN = "12345678Z";
const ctx: HintContext = { ownTaxId: OWN };
const hints = (input: Partial<CheckInput>, c: Partial<HintContext> = {}) => taxHints({ ...base, ...input }, { ...ctx, ...c }).map((h) => h.code);

const euService: Partial<CheckInput> = {
  counterpartyName: "Cloud Hosting GmbH",
  counterpartyTaxId: "DE123456789",
  lines: [{ rateBp: 0, baseCents: 5_000, vatCents: 0, recargoCents: 0 }],
  totalCents: 5_000,
};
const ticket: Partial<CheckInput> = {
  docType: "simplified",
  counterpartyTaxId: null,
  lines: [{ rateBp: 1000, baseCents: 5_000, vatCents: 500, recargoCents: 0 }],
  totalCents: 5_500,
};

describe("tax hints (informational, never blocking)", () => {
  it.each<[string, Partial<CheckInput>, Partial<HintContext>, string[]]>([
    ["an ordinary Spanish invoice", {}, {}, []],
    ["an EU vendor's invoice at 0 %", euService, {}, ["reverse_charge_eu"]],
    ["an EU vendor charging its own VAT", { ...euService, lines: [{ rateBp: 1900, baseCents: 5_000, vatCents: 950, recargoCents: 0 }], totalCents: 5_950 }, {}, []],
    ["an EU invoice we issued", { ...euService, direction: "issued" }, {}, []],
    ["a Spanish 0 % invoice that says inversión del sujeto pasivo", { lines: [{ rateBp: 0, baseCents: 100_000, vatCents: 0, recargoCents: 0 }], totalCents: 100_000 }, { reverseChargeMentioned: true }, ["reverse_charge_domestic"]],
    ["a ticket without the book's NIF", ticket, {}, ["vat_not_deductible"]],
    ["a ticket with the book's NIF (cualificada)", ticket, { customerTaxId: `ES${OWN}` }, []],
    ["a ticket with another NIF", ticket, { customerTaxId: "B12345674" }, ["vat_not_deductible"]],
    ["a ticket we issued", { ...ticket, direction: "issued" }, {}, []],
    ["IRPF withheld on a received invoice", { irpfRateBp: 1500, irpfCents: 15_000, totalCents: 106_000 }, {}, ["irpf_to_withhold"]],
    ["IRPF on an invoice we issued", { direction: "issued", irpfRateBp: 1500, irpfCents: 15_000, totalCents: 106_000 }, {}, []],
  ])("%s", (_name, input, c, expected) => {
    expect(hints(input, c)).toEqual(expected);
  });

  it("says where in the 303 and which model, and never blocks approval", () => {
    const [rc] = taxHints({ ...base, ...euService }, ctx);
    expect(rc).toMatchObject({ severity: "info" });
    expect(rc.message).toMatch(/^Autoliquida el IVA en el 303 \(casillas 10\/11 .*36\/37/);
    const [irpf] = taxHints({ ...base, irpfRateBp: 1500, irpfCents: 15_000, totalCents: 106_000 }, ctx);
    expect(irpf.message).toMatch(/^Retención a ingresar en el 111\/115/);
    const [vat] = taxHints({ ...base, ...ticket }, ctx);
    expect(vat.message).toMatch(/^IVA no deducible/);
    const all = [...checkInvoice({ ...base, ...euService }, { today: "2026-05-10" }), rc, irpf, vat];
    expect(hasErrors(all)).toBe(false);
  });

  it("reads a reverse-charge mention in Spanish or English", () => {
    expect(mentionsReverseCharge("VAT reverse charge — Article 196 Directive 2006/112/EC")).toBe(true);
    expect(mentionsReverseCharge("Operación con INVERSIÓN DEL SUJETO PASIVO (art. 84.Uno.2º LIVA)")).toBe(true);
    expect(mentionsReverseCharge("Factura 2026-01 · IVA 21 %")).toBe(false);
  });
});
