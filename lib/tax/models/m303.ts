/**
 * Modelo 303 (IVA, autoliquidación trimestral), régimen general, box by box.
 *
 * Source: the form of the Orden EHA/3786/2008 as last amended by the Orden HAC/819/2024 (BOE-A-2024-16129, first
 * used for 3T 2024) and the AEAT's "Instrucciones para cumplimentar el modelo 303". Boxes used here:
 * - IVA devengado, régimen general: 4 % → 01 base / 02 tipo / 03 cuota; 5 % → 153/154/155; 10 % → 04/05/06;
 *   21 % → 07/08/09. Each cuota is base × tipo as the form computes it, rounded to the cent half away from zero.
 * - Adquisiciones intracomunitarias de bienes y servicios (reverse charge from another EU state) → 10/11;
 *   otras operaciones con inversión del sujeto pasivo (services from outside the EU, domestic reverse charge) →
 *   12/13; modificación de bases y cuotas (issued credit notes, and credit notes on reverse-charge purchases) →
 *   14/15 with their sign.
 * - Recargo de equivalencia charged, by the recargo rate of each line (lib/tax/vat.ts recargoRateOf):
 *   1,75 % (tobacco) → 156/157/158; 1,4 % → 19/20/21; 5,2 % → 22/23/24; 0 / 0,5 / 0,62 / 1 % share 16/17/18 (one
 *   tipo box: the form asks for the rate with the larger cuota, as it does for shared IVA boxes); 0,26 % (on the
 *   2 % of 2024) → 168/169/170. From the 2026 form on, 0,5 % has its own 168/169/170 (0,26 % is gone) and 16/17/18
 *   keep the rest. Its modifications (credit notes) → 25/26. Checked against the record layouts of the
 *   OCA l10n-spain module l10n_es_aeat_mod303 (data/2024-10 and data/2026 export configs, box names and fixed
 *   tipo values "00175" for 157, "00140" for 20, "00520" for 23, "00026"/"00050" for 169).
 * - 27 total devengado = 03 + 155 + 06 + 09 + 11 + 13 + 15 + 18 + 158 + 170 + 21 + 24 + 26.
 * - IVA deducible: operaciones interiores corrientes → 28/29 (× the invoice's deductible share); bienes de
 *   inversión 30/31, importaciones 32–35 (not produced by invoices here: always 0); adquisiciones
 *   intracomunitarias corrientes → 36/37, de bienes de inversión 38/39 (0); rectificación de deducciones (received
 *   credit notes) → 40/41 with their sign; 42, 43, 44 (compensaciones REAGP, regularizaciones) 0.
 * - 45 = 29 + 31 + 33 + 35 + 37 + 39 + 41 + 42 + 43 + 44; 46 = 27 − 45.
 * - Resultado: 64 = 46 (no simplified or REAGP regime here); 65 = 100 % (attributable to the State: no foral
 *   tax); 66 = 64 × 65; 77 = 0 (import IVA deferred); 110 = cuotas a compensar pendientes de periodos anteriores;
 *   78 = the part of 110 applied now, only when 66 is positive and never more than 66; 87 = 110 − 78 left for
 *   later; 68 = 0 (regularización anual); 69 = 66 + 77 − 78 + 68; 70 = 0 (no complementaria); 71 = 69 − 70.
 *   A negative 71 in 1T–3T is "a compensar" (it adds to the next 110); in 4T the filer chooses refund or carry.
 *   (The 2021 split of the old box 67 into 110/78/87, Orden HAC/646/2021.)
 * Rates other than 0/4/5/10/21 % (2 %, 7,5 %: Orden HAC/819/2024 boxes for temporary rates) and exempt or 0 %
 * sales are left out of the boxes and listed in `notes`.
 */
import { addTo, emptyBoxes, type BoxKind, type Boxes } from "@/lib/tax/models/boxes";
import {
  invoiceBase,
  invoiceLines,
  invoiceVat,
  ivaMayBeDeducted,
  reverseChargeOrigin,
  type TaxInvoice,
} from "@/lib/tax/ledger";
import { applyPercent } from "@/lib/tax/rounding";
import { cuota as cuotaOf, recargoRateOf } from "@/lib/tax/vat";

export const M303_BOXES = [
  "01", "02", "03", "153", "154", "155", "04", "05", "06", "07", "08", "09",
  "10", "11", "12", "13", "14", "15",
  "156", "157", "158", "168", "169", "170", "16", "17", "18", "19", "20", "21", "22", "23", "24", "25", "26", "27",
  "28", "29", "30", "31", "32", "33", "34", "35", "36", "37", "38", "39", "40", "41", "42", "43", "44", "45", "46",
  "64", "65", "66", "77", "110", "78", "87", "68", "69", "70", "71",
] as const;

const RATE_BOXES = new Set(["02", "154", "05", "08", "17", "157", "169", "20", "23", "65"]);
export function m303Kind(box: string): BoxKind {
  return RATE_BOXES.has(box) ? "rate" : "amount";
}

/** IVA rate (bp) → [base, tipo, cuota] boxes of the IVA devengado. */
export const DEVENGADO_BOXES: Record<number, [string, string, string]> = {
  400: ["01", "02", "03"],
  500: ["153", "154", "155"],
  1000: ["04", "05", "06"],
  2100: ["07", "08", "09"],
};
/** The recargo de equivalencia [base, tipo, cuota] boxes of a recargo rate (bp) in a year's form; null: none. */
export function recargoBoxes(recargoBp: number, year: number): [string, string, string] | null {
  const form2026 = year >= 2026;
  switch (recargoBp) {
    case 175:
      return ["156", "157", "158"];
    case 140:
      return ["19", "20", "21"];
    case 520:
      return ["22", "23", "24"];
    case 50:
      return form2026 ? ["168", "169", "170"] : ["16", "17", "18"];
    case 26:
      return form2026 ? ["16", "17", "18"] : ["168", "169", "170"];
    case 0:
    case 62:
    case 100:
      return ["16", "17", "18"];
    default:
      return null;
  }
}
/** The recargo rows of the form and the tipo each prints whatever is declared; null: the 16/17/18 row, whose tipo varies. */
function recargoRows(year: number): [[string, string, string], number | null][] {
  return [
    [["156", "157", "158"], 175],
    [["168", "169", "170"], year >= 2026 ? 50 : 26],
    [["16", "17", "18"], null],
    [["19", "20", "21"], 140],
    [["22", "23", "24"], 520],
  ];
}
/** Self-assessment rate when a reverse-charge invoice names none (LIVA art. 90: the general rate). */
export const DEFAULT_REVERSE_CHARGE_BP = 2100;

export type M303Input = {
  /** The quarter's invoices that count (already filtered by date and review status). */
  invoices: TaxInvoice[];
  /** The period's year: it picks the form's layout (recargoBoxes). */
  year: number;
  bookNif: string;
  /** Box 110: cuotas a compensar pendientes de periodos anteriores (cents, ≥ 0). */
  pendingCents: number;
  /** 4T only: the filer asks for a refund of a negative result instead of carrying it forward. */
  isLastPeriod: boolean;
  refund: boolean;
};

export type M303Outcome = "ingresar" | "compensar" | "devolver" | "cero";

export type M303Result = Boxes & {
  outcome: M303Outcome;
  /** What the next period's (or next year's) box 110 starts from. */
  nextPendingCents: number;
  notes: string[];
};

/** Bases of recargo de equivalencia by base box and recargo rate: a shared box's cuota is summed rate by rate. */
export type RecargoBases = Map<string, Map<number, number>>;

/** Issued invoice lines → 01–09 / 153–155 bases, and recargo bases; credit notes → 14/15 and 25/26. */
export function addIssued(b: Boxes, inv: TaxInvoice, notes: string[], recargo: RecargoBases, year: number) {
  for (const line of invoiceLines(inv)) {
    if (inv.docType === "credit_note") {
      addTo(b, "14", line.baseCents, inv.id);
      addTo(b, "15", line.vatCents, inv.id);
      if (line.recargoCents !== 0) {
        addTo(b, "25", line.baseCents, inv.id);
        addTo(b, "26", line.recargoCents, inv.id);
      }
      continue;
    }
    const boxes = DEVENGADO_BOXES[line.rateBp];
    if (!boxes) {
      notes.push(`Factura emitida ${inv.number ?? inv.id}: tipo ${line.rateBp / 100} % fuera de las casillas 01–09/153–155 (exenta, 0 % u otro tipo); no se incluye.`);
      continue;
    }
    addTo(b, boxes[0], line.baseCents, inv.id);
    const rate = recargoRateOf(line);
    if (rate === null) continue;
    const re = recargoBoxes(rate, year);
    if (!re) {
      notes.push(`Factura emitida ${inv.number ?? inv.id}: recargo de equivalencia del ${rate / 100} % sin casilla en el modelo; no se incluye.`);
      continue;
    }
    addTo(b, re[0], line.baseCents, inv.id);
    const byRate = recargo.get(re[0]) ?? new Map<number, number>();
    byRate.set(rate, (byRate.get(rate) ?? 0) + line.baseCents);
    recargo.set(re[0], byRate);
  }
}

/** Received reverse-charge invoice → self-assessed IVA devengado (10/11 or 12/13, or 14/15) and its deduction. */
export function addReverseCharge(b: Boxes, inv: TaxInvoice) {
  const base = invoiceBase(inv);
  const cuota = cuotaOf(base, inv.reverseChargeRateBp ?? DEFAULT_REVERSE_CHARGE_BP);
  const eu = reverseChargeOrigin(inv.vendorTaxId) === "eu";
  const [devBase, devCuota] = inv.docType === "credit_note" ? ["14", "15"] : eu ? ["10", "11"] : ["12", "13"];
  addTo(b, devBase, base, inv.id);
  addTo(b, devCuota, cuota, inv.id);
  const [dedBase, dedCuota] = inv.docType === "credit_note" ? ["40", "41"] : eu ? ["36", "37"] : ["28", "29"];
  addTo(b, dedBase, applyPercent(base, inv.deductiblePct), inv.id);
  addTo(b, dedCuota, applyPercent(cuota, inv.deductiblePct), inv.id);
}

/** Received domestic invoice → 28/29 (credit notes → 40/41), times its deductible share; tickets without NIF: none. */
export function addDeductible(b: Boxes, inv: TaxInvoice, bookNif: string) {
  if (!ivaMayBeDeducted(inv, bookNif) || inv.deductiblePct <= 0) return;
  const vat = invoiceVat(inv);
  if (vat === 0) return; // exempt purchases (insurance, training…) carry no IVA to deduct
  const [baseBox, cuotaBox] = inv.docType === "credit_note" ? ["40", "41"] : ["28", "29"];
  addTo(b, baseBox, applyPercent(invoiceBase(inv), inv.deductiblePct), inv.id);
  addTo(b, cuotaBox, applyPercent(vat, inv.deductiblePct), inv.id);
}

/**
 * Rates and cuotas computed from the summed bases, as the form does. A recargo box shared by several rates gets the
 * sum of each rate's cuota and, as its tipo, the rate with the larger cuota.
 */
export function fillRatesAndCuotas(b: Boxes, recargo: RecargoBases, year: number) {
  const v = b.values;
  for (const [rate, [base, tipo, cuota]] of Object.entries(DEVENGADO_BOXES)) {
    v[tipo] = Number(rate);
    v[cuota] = cuotaOf(v[base], Number(rate));
    if (b.sources[base]) b.sources[cuota] = b.sources[base];
  }
  for (const [[base, tipo, cuota], fixed] of recargoRows(year)) {
    const parts = [...(recargo.get(base) ?? new Map<number, number>())].map(([rate, cents]) => ({ rate, cuota: cuotaOf(cents, rate) }));
    v[cuota] = parts.reduce((s, p) => s + p.cuota, 0);
    const largest = parts.reduce<{ rate: number; cuota: number } | null>((m, p) => (m === null || Math.abs(p.cuota) > Math.abs(m.cuota) ? p : m), null);
    v[tipo] = fixed ?? largest?.rate ?? 0;
    if (b.sources[base]) b.sources[cuota] = b.sources[base];
  }
}

/** 27 = total cuota devengada. */
export function totalDevengado(v: Record<string, number>): number {
  return ["03", "155", "06", "09", "11", "13", "15", "18", "158", "170", "21", "24", "26"].reduce((s, k) => s + v[k], 0);
}
/** 45 = total a deducir. */
export function totalDeducir(v: Record<string, number>): number {
  return ["29", "31", "33", "35", "37", "39", "41", "42", "43", "44"].reduce((s, k) => s + v[k], 0);
}

/** 78: compensation applied now — only against a positive 66 (+ 77), at most that much and at most 110. */
export function compensationApplied(result66: number, pending110: number): number {
  return result66 > 0 ? Math.min(pending110, result66) : 0;
}

/** Carries the result: what 71 means and what the next 110 is. */
export function outcomeOf(
  box71: number,
  box87: number,
  { isLastPeriod, refund }: { isLastPeriod: boolean; refund: boolean },
): { outcome: M303Outcome; nextPendingCents: number } {
  if (box71 > 0) return { outcome: "ingresar", nextPendingCents: box87 };
  if (box71 === 0) return { outcome: "cero", nextPendingCents: box87 };
  if (isLastPeriod && refund) return { outcome: "devolver", nextPendingCents: box87 };
  return { outcome: "compensar", nextPendingCents: box87 - box71 };
}

export function computeM303(input: M303Input): M303Result {
  const b = emptyBoxes(M303_BOXES);
  const notes: string[] = [];
  const recargo: RecargoBases = new Map();
  for (const inv of input.invoices) {
    if (inv.direction === "issued") addIssued(b, inv, notes, recargo, input.year);
    else if (inv.reverseCharge) addReverseCharge(b, inv);
    else addDeductible(b, inv, input.bookNif);
  }
  fillRatesAndCuotas(b, recargo, input.year);
  const v = b.values;
  v["27"] = totalDevengado(v);
  v["45"] = totalDeducir(v);
  v["46"] = v["27"] - v["45"];
  v["64"] = v["46"];
  v["65"] = 10_000;
  v["66"] = cuotaOf(v["64"], v["65"]);
  v["77"] = 0;
  v["110"] = input.pendingCents;
  v["78"] = compensationApplied(v["66"] + v["77"], v["110"]);
  v["87"] = v["110"] - v["78"];
  v["68"] = 0;
  v["69"] = v["66"] + v["77"] - v["78"] + v["68"];
  v["70"] = 0;
  v["71"] = v["69"] - v["70"];
  const { outcome, nextPendingCents } = outcomeOf(v["71"], v["87"], input);
  return { ...b, outcome, nextPendingCents, notes };
}
