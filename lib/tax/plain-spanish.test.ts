import { describe, expect, it } from "vitest";
import { fromLedgerFile, ledgerSchema } from "@/lib/tax/ledger-file";
import { formatLongDate, quarterLines } from "@/lib/tax/plain-spanish";
import { computeYear } from "@/lib/tax/year";
import { WORKED_YEAR } from "@/lib/testing/tax-ledger";

const nb = (s: string) => s.replace(/\u00a0/g, " ");

describe("plain-Spanish lines", () => {
  const year = computeYear(fromLedgerFile(ledgerSchema.parse(WORKED_YEAR)));
  it("formats dates the Spanish way", () => expect(formatLongDate("2027-02-01")).toBe("1 de febrero de 2027"));
  it.each([
    [0, ["Modelo 303: a ingresar 1.110,00 € hasta el 20 de abril de 2026.", "Modelo 130: a ingresar 638,80 € hasta el 20 de abril de 2026.", "Modelo 111: ingresa 22,50 € de retenciones hasta el 20 de abril de 2026.", "Modelo 115: ingresa 152,00 € de retenciones hasta el 20 de abril de 2026."]],
    [1, ["Modelo 303: sale a compensar 345,00 €; preséntalo hasta el 20 de julio de 2026 sin pagar nada. Quedan 345,00 € para restar en los próximos trimestres."]],
    [2, ["Modelo 303: resultado cero gracias a lo pendiente de compensar; preséntalo hasta el 20 de octubre de 2026. Quedan 203,50 € para los próximos trimestres."]],
    [3, ["Modelo 303: a ingresar 1.628,50 € hasta el 1 de febrero de 2027.", "Modelo 130: a ingresar 390,80 € hasta el 1 de febrero de 2027.", "Modelo 111: sin retenciones este trimestre, nada que ingresar."]],
  ] as const)("quarter %i", (i, expected) => {
    const lines = quarterLines(year.quarters[i]).map(nb);
    for (const l of expected) expect(lines).toContain(l);
  });
});
