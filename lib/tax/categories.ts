/**
 * Expense categories of an invoice: a short fixed list, guessed at extraction and editable on review. The
 * category matters to the returns in one place: `alquiler` sends the IRPF withheld to the modelo 115 instead of
 * the 111.
 */
export const EXPENSE_CATEGORIES = [
  "alquiler",
  "suministros",
  "servicios_profesionales",
  "software",
  "material",
  "transporte",
  "comidas",
  "otros",
] as const;
export type ExpenseCategory = (typeof EXPENSE_CATEGORIES)[number];

export const CATEGORY_LABELS: Record<ExpenseCategory, string> = {
  alquiler: "Alquiler",
  suministros: "Suministros",
  servicios_profesionales: "Servicios profesionales",
  software: "Software",
  material: "Material",
  transporte: "Transporte",
  comidas: "Comidas",
  otros: "Otros",
};

/** Words that point at a category, checked in this order on the document's text (accents folded, lower case). */
const HINTS: [ExpenseCategory, RegExp][] = [
  ["alquiler", /\b(alquiler|arrendamiento|arrendador|renta del local|mensualidad del local)\b/],
  ["suministros", /\b(electricidad|energia electrica|suministro|gas natural|agua|telefonia|fibra optica|internet|movil|kwh)\b/],
  ["servicios_profesionales", /\b(honorarios|asesoria|gestoria|consultoria|abogad[oa]|notari[ao]|servicios profesionales)\b/],
  ["software", /\b(software|licencia|suscripcion|subscription|saas|hosting|dominio|cloud)\b/],
  ["transporte", /\b(taxi|renfe|billete|vuelo|gasolina|gasoleo|combustible|diesel|aparcamiento|parking|peaje)\b/],
  ["comidas", /\b(restaurante|menu del dia|comida|cena|cafeteria|bar)\b/],
  ["material", /\b(papeleria|material de oficina|toner|ordenador|portatil|monitor|ferreteria)\b/],
];

/** A first guess at the category from the document's text; null when nothing points anywhere. */
export function guessCategory(text: string): ExpenseCategory | null {
  const folded = text.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase();
  return HINTS.find(([, re]) => re.test(folded))?.[0] ?? null;
}

const fold = (s: string) => s.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase().trim();

/**
 * A stored category → the fixed list: the list's own keys, their labels, and the free-text names the review form
 * offered before the list was fixed ("Software y suscripciones", "Vehículo y combustible"…); anything else is `otros`.
 */
export function toExpenseCategory(stored: string | null | undefined): ExpenseCategory | null {
  if (!stored || !stored.trim()) return null;
  const f = fold(stored);
  const exact = EXPENSE_CATEGORIES.find((c) => c === f || fold(CATEGORY_LABELS[c]) === f);
  if (exact) return exact;
  const first = f.split(/[\s,;/]+/)[0];
  const byWord: Record<string, ExpenseCategory> = {
    alquiler: "alquiler", suministros: "suministros", telefonia: "suministros", servicios: "servicios_profesionales",
    software: "software", material: "material", viajes: "transporte", vehiculo: "transporte", transporte: "transporte",
    comidas: "comidas",
  };
  return byWord[first] ?? "otros";
}
