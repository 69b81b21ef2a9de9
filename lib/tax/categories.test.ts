import { describe, expect, it } from "vitest";
import { guessCategory, toExpenseCategory } from "@/lib/tax/categories";

describe("guessCategory", () => {
  it.each<[string, string | null]>([
    ["Arrendamiento local c/ Mayor 3, mensualidad de marzo", "alquiler"],
    ["Iberdrola — Energía eléctrica, 230 kWh", "suministros"],
    ["Honorarios de asesoría fiscal 1T", "servicios_profesionales"],
    ["Suscripción anual — licencia de software", "software"],
    ["Gasolinera Norte · Gasóleo A", "transporte"],
    ["Restaurante La Plaza — menú del día", "comidas"],
    ["Papelería Sol: tóner y folios", "material"],
    ["Factura 2026-001", null],
  ])("%s → %s", (text, expected) => expect(guessCategory(text)).toBe(expected));
});

describe("toExpenseCategory", () => {
  it.each<[string | null, string | null]>([
    ["alquiler", "alquiler"],
    ["Servicios profesionales", "servicios_profesionales"],
    ["Software y suscripciones", "software"],
    ["Telefonía e Internet", "suministros"],
    ["Vehículo y combustible", "transporte"],
    ["Seguros", "otros"],
    ["", null],
    [null, null],
  ])("%s → %s", (stored, expected) => expect(toExpenseCategory(stored)).toBe(expected));
});
