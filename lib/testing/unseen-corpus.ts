/**
 * A held-out extraction corpus (`npm run bench:unseen:corpus -- <out> [--seed N] [--count 80] [--families a|b|c]`):
 * Spanish invoices, bills, tickets, folios and fee notes in families and layouts that are not those of
 * ../shared/bench/dev and dev2, drawn from what such documents look like in Spain (not from the parser), with truth
 * JSON in the ../shared/bench format beside each file.
 * Family set `a` (the default; unchanged, so its corpora stay byte-identical for a seed): a two-column freelancer
 * invoice with the client block first, a utility or telecom bill, a shop ticket with several IVA rates in a base/cuota
 * table, a factura rectificativa citing the rectified invoice, an EU supplier invoice under reverse charge, a hotel
 * folio with tourist tax, a fee note (minuta) with IRPF 15 %, and a company invoice whose issuer is only named in the
 * footer.
 * Family set `b`: a supermarket till roll (long item list, weighed items, rate letter codes, IVA summary, card slip),
 * a food wholesaler's invoice to a restaurant (lines per albarán at 4/10/21 %, route, client no., due dates), a telecom
 * bill from a "…, S.A.U." (account and contract numbers, billing period, issue vs charge date), a web-shop invoice
 * (wide page, "Vendido por", order number and date, labels bilingual or English), a fuel-station ticket or invoice
 * (litres × €/l, IVA included, pump, plate), a car workshop invoice (parts with line discounts, labour hours, OR nº,
 * plate, km), an exempt service invoice from a professional (art. 20.Uno LIVA, IRPF on some), and an ERP invoice with
 * boxed header and totals grids (discount, recargo de equivalencia for retailers).
 * Family set `c`: an invoice written in Catalan (Núm., Data, Base imposable, Quota IVA, Venciment, Catalan month names;
 * truth language "es", the truth format knowing only es/en), a restaurant bill (table, diners, waiter, IVA 10 % included;
 * a voluntary tip printed after the total is not part of the invoice), a taxi meter receipt or VTC app receipt (licence,
 * plate, origin/destination, supplements, IVA 10 % included), an electricity bill (power and energy terms, the
 * electricity tax at 5,11269632 % and meter rental inside the IVA base, distributor, CUPS, charge date), an invoice with
 * an advance deducted after its total (the invoice total is base + IVA − IRPF; "Líquido a pagar" is not it), a long
 * invoice on one tall sheet with "Suma y sigue" / "Suma anterior" rows between its two pages (the page renderer draws
 * one page), a minimal bilingual freelancer invoice whose two party blocks carry no labels (IRPF 15 or 7 %, IBAN), and
 * a retailer's credit note for a returned item (negative lines, citing the original invoice or ticket and its date).
 * Distractor numbers (order, customer, contract, policy, phone, IBAN, CUPS, case, albarán, card authorisation, pump,
 * plate, km, licence, table, diners, tip, advance, running subtotals, RMA) and dates (due, billing period, delivery,
 * arrival, order, sessions, advance, original invoice) sit beside the real ones.
 * Deterministic for a seed and set. Test and benchmark material only.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { cuota } from "@/lib/tax/vat";
import { cifControlDigit, isPlausibleVatId, validateSpanishTaxId } from "@/lib/tax-id";
import { pageImage, photoOf, scannedPdf, seededRandom, textPdf, type Cell, type Page, type PageFont, type Row, type Shape } from "@/lib/testing/page-render";

export type TruthLine = { rate: number; base: number; vat: number };
export type UnseenTruth = {
  doc_type: "invoice" | "simplified" | "credit_note";
  language: "es" | "en";
  vendor_name: string;
  vendor_tax_id: string;
  customer_tax_id: string | null;
  invoice_number: string;
  issue_date: string;
  currency: "EUR";
  lines: TruthLine[];
  base_total: number;
  vat_total: number;
  irpf_rate: number;
  irpf_amount: number;
  recargo_equivalencia: number;
  total: number;
};
export type UnseenFormat = "pdf_text" | "pdf_scan" | "jpg_photo" | "png";
export type UnseenDoc = { family: string; page: Page; truth: UnseenTruth; meta: Record<string, unknown> };

// ───────────────────────────── randomness ─────────────────────────────

class Rng {
  private next: () => number;
  constructor(seed: number) {
    this.next = seededRandom(seed);
  }
  float() {
    return this.next();
  }
  int(lo: number, hi: number) {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  chance(p: number) {
    return this.next() < p;
  }
  digits(n: number) {
    let s = String(this.int(1, 9));
    while (s.length < n) s += String(this.int(0, 9));
    return s;
  }
  shuffle<T>(xs: T[]): T[] {
    const a = [...xs];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  }
}

// ───────────────────────────── formats ─────────────────────────────

const pad = (n: number | string, w: number) => String(n).padStart(w, "0");

type MoneyStyle = "es" | "es_nogroup" | "en" | "fr";
/** An amount in cents as printed: `es` 1.234,56 · `es_nogroup` 1234,56 · `en` 1,234.56 · `fr` 1 234,56. */
function money(cents: number, style: MoneyStyle = "es"): string {
  const neg = cents < 0;
  const abs = Math.abs(cents);
  const int = String(Math.floor(abs / 100));
  const dec = pad(abs % 100, 2);
  const group = (sep: string) => int.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  const body =
    style === "es" ? `${group(".")},${dec}` : style === "es_nogroup" ? `${int},${dec}` : style === "en" ? `${group(",")}.${dec}` : `${group(" ")},${dec}`;
  return neg ? `-${body}` : body;
}
const eur = (cents: number, style: MoneyStyle = "es") => (style === "en" ? `€${money(cents, style)}`.replace("€-", "-€") : `${money(cents, style)} €`);

const MONTHS_ES = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"];
const MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
type Ymd = { y: number; m: number; d: number };
type DateStyle = "dmy_slash" | "dmy_dash" | "dmy_dot" | "dmy_short" | "es_long" | "es_mon" | "en_long" | "en_us" | "iso";

function date(t: Ymd, style: DateStyle): string {
  const { y, m, d } = t;
  switch (style) {
    case "dmy_slash":
      return `${pad(d, 2)}/${pad(m, 2)}/${y}`;
    case "dmy_dash":
      return `${pad(d, 2)}-${pad(m, 2)}-${y}`;
    case "dmy_dot":
      return `${pad(d, 2)}.${pad(m, 2)}.${y}`;
    case "dmy_short":
      return `${pad(d, 2)}/${pad(m, 2)}/${String(y).slice(2)}`;
    case "es_long":
      return `${d} de ${MONTHS_ES[m - 1]} de ${y}`;
    case "es_mon":
      return `${pad(d, 2)}-${MONTHS_ES[m - 1].slice(0, 3)}-${y}`;
    case "en_long":
      return `${d} ${MONTHS_EN[m - 1]} ${y}`;
    case "en_us":
      return `${MONTHS_EN[m - 1]} ${d}, ${y}`;
    case "iso":
      return isoOf(t);
  }
}
const isoOf = (t: Ymd) => `${t.y}-${pad(t.m, 2)}-${pad(t.d, 2)}`;
function addDays(t: Ymd, days: number): Ymd {
  const dt = new Date(Date.UTC(t.y, t.m - 1, t.d + days));
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}
function monthStart(t: Ymd): Ymd {
  return { y: t.y, m: t.m, d: 1 };
}
function prevMonthRange(t: Ymd): [Ymd, Ymd] {
  const end = addDays(monthStart(t), -1);
  return [{ y: end.y, m: end.m, d: 1 }, end];
}
/** An issue date in Jan 2025 … Apr 2026. */
function issueDate(r: Rng): Ymd {
  return addDays({ y: 2025, m: 1, d: 8 }, r.int(0, 470));
}

// ───────────────────────────── tax ids ─────────────────────────────

const DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";
/** A valid DNI-style NIF (8 digits + check letter). */
function dni(r: Rng): string {
  const n = r.int(1_000_000, 79_999_999);
  const id = `${pad(n, 8)}${DNI_LETTERS[n % 23]}`;
  if (!validateSpanishTaxId(id).valid) throw new Error(`bad DNI ${id}`);
  return id;
}
function nie(r: Rng): string {
  const lead = r.pick(["X", "Y", "Z"]);
  const n = r.int(0, 9_999_999);
  const id = `${lead}${pad(n, 7)}${DNI_LETTERS[Number(`${"XYZ".indexOf(lead)}${pad(n, 7)}`) % 23]}`;
  if (!validateSpanishTaxId(id).valid) throw new Error(`bad NIE ${id}`);
  return id;
}
/** A valid CIF for organisation type `org` (B: S.L., A: S.A., …). */
function cif(r: Rng, org = "B"): string {
  const digits = r.digits(7);
  const c = cifControlDigit(digits);
  const id = `${org}${digits}${"PQRSNW".includes(org) ? "JABCDEFGHI"[c] : String(c)}`;
  if (!validateSpanishTaxId(id).valid) throw new Error(`bad CIF ${id}`);
  return id;
}
/** How a Spanish id is printed: plain, with ES, with a dash or with dots. */
function printId(id: string, r: Rng): string {
  const s = r.int(0, 5);
  if (s === 1) return `ES${id}`;
  if (s === 2) return /^\d/.test(id) ? `${id.slice(0, 8)}-${id.slice(8)}` : `${id.slice(0, 1)}-${id.slice(1)}`;
  if (s === 3 && /^\d/.test(id)) return `${id.slice(0, 2)}.${id.slice(2, 5)}.${id.slice(5, 8)}-${id.slice(8)}`;
  if (s === 3) return `${id.slice(0, 1)}-${id.slice(1, 3)}.${id.slice(3, 6)}.${id.slice(6)}`;
  return id;
}

type Country = "DE" | "FR" | "IT" | "NL" | "PT" | "IE" | "AT" | "BE";
function euVatId(r: Rng, c: Country): string {
  const body =
    c === "DE" ? r.digits(9) : c === "FR" ? `${pad(r.int(10, 99), 2)}${r.digits(9)}` : c === "IT" ? `0${r.digits(10)}` : c === "NL" ? `${r.digits(9)}B0${r.int(1, 3)}` : c === "PT" ? `5${r.digits(8)}` : c === "IE" ? `${r.digits(7)}${r.pick(["A", "H", "W", "T"])}` : c === "AT" ? `U${r.digits(8)}` : `0${r.digits(9)}`;
  const id = `${c}${body}`;
  if (!isPlausibleVatId(id)) throw new Error(`bad VAT id ${id}`);
  return id;
}

// ───────────────────────────── people, places, companies ─────────────────────────────

const GIVEN = ["Lucía", "Marta", "Elena", "Carmen", "Paula", "Laura", "Sara", "Irene", "Nuria", "Raquel", "Alba", "Beatriz", "Cristina", "Silvia", "Andrea", "Pablo", "Javier", "Daniel", "Alejandro", "David", "Sergio", "Jorge", "Álvaro", "Adrián", "Iván", "Rubén", "Óscar", "Miguel Ángel", "José Luis", "Francisco", "Tomás", "Marcos", "Héctor", "Íñigo", "Aitor", "Jordi", "Montserrat", "Ainhoa", "Nerea", "Begoña"];
const SURNAMES = ["García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez", "Romero", "Alonso", "Gutiérrez", "Navarro", "Torres", "Domínguez", "Vázquez", "Ramos", "Gil", "Serrano", "Blanco", "Molina", "Morales", "Suárez", "Ortega", "Delgado", "Castro", "Ortiz", "Rubio", "Marín", "Sanz", "Iglesias", "Núñez", "Medina", "Garrido", "Cortés", "Castillo", "Lozano", "Guerrero", "Cano", "Prieto", "Méndez", "Calvo", "Gallego", "Vidal", "León", "Márquez", "Herrera", "Peña", "Cabrera", "Campos", "Vega", "Fuentes", "Carrasco", "Caballero", "Nieto", "Aguilar", "Pascual", "Lorenzo", "Montero", "Hidalgo", "Ibáñez", "Ferrer", "Durán", "Benítez", "Vicente", "Arias", "Carmona", "Crespo", "Pastor", "Soler", "Parra", "Esteban", "Bravo", "Gallardo", "Echeverría", "Urrutia", "Goikoetxea", "Puig", "Casals", "Oliveira"];
const CITIES: [city: string, cp: number, province: string][] = [
  ["Valencia", 46001, "Valencia"], ["Madrid", 28001, "Madrid"], ["Barcelona", 8001, "Barcelona"], ["Sevilla", 41001, "Sevilla"], ["Zaragoza", 50001, "Zaragoza"],
  ["Málaga", 29001, "Málaga"], ["Bilbao", 48001, "Bizkaia"], ["Murcia", 30001, "Murcia"], ["Palma", 7001, "Illes Balears"], ["Valladolid", 47001, "Valladolid"],
  ["Vigo", 36201, "Pontevedra"], ["Gijón", 33201, "Asturias"], ["Alicante", 3001, "Alicante"], ["Córdoba", 14001, "Córdoba"], ["Granada", 18001, "Granada"],
  ["Pamplona", 31001, "Navarra"], ["Santander", 39001, "Cantabria"], ["Logroño", 26001, "La Rioja"], ["Burgos", 9001, "Burgos"], ["Salamanca", 37001, "Salamanca"],
  ["Castellón de la Plana", 12001, "Castellón"], ["Girona", 17001, "Girona"], ["A Coruña", 15001, "A Coruña"], ["Cáceres", 10001, "Cáceres"],
];
const STREETS = ["Calle Mayor", "Avda. de la Constitución", "C/ San Vicente", "Plaza de España", "Paseo de la Alameda", "Calle Colón", "Ronda Norte", "C/ Industria", "Avenida del Puerto", "Calle Real", "C/ Sant Antoni", "Travesía del Carmen", "Calle Doctor Fleming", "Avda. Blasco Ibáñez", "Calle Pintor Sorolla", "Gran Vía"];

type Place = { street: string; cityLine: string; city: string };
function place(r: Rng): Place {
  const [city, cp, province] = r.pick(CITIES);
  const street = `${r.pick(STREETS)}, ${r.int(1, 180)}${r.chance(0.4) ? `, ${r.int(1, 8)}º ${r.pick(["A", "B", "C", "D", "izda.", "dcha."])}` : ""}`;
  const code = pad(cp + r.int(0, 24), 5);
  return { street, city, cityLine: province === city ? `${code} ${city}` : `${code} ${city} (${province})` };
}
const personName = (r: Rng) => `${r.pick(GIVEN)} ${r.pick(SURNAMES)} ${r.pick(SURNAMES)}`;
const phone = (r: Rng) => (r.chance(0.5) ? `${r.pick(["91", "93", "96", "95", "98", "94"])}${r.int(1, 9)} ${r.digits(3)} ${r.digits(3)}` : `+34 6${r.digits(2)} ${r.digits(3)} ${r.digits(3)}`);
const iban = (r: Rng) => `ES${r.digits(2)} ${r.digits(4)} ${r.digits(4)} ${r.digits(2)}${r.digits(2)} ${r.digits(4)} ${r.digits(4)}`;
const emailOf = (name: string) =>
  `${name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w.length > 2)
    .slice(0, 2)
    .join(".")}@${["gmail.com", "outlook.es", "correo.es"][name.length % 3]}`;

type Party = { name: string; id: string; place: Place; person: boolean };
function companyName(r: Rng, sector: readonly string[], forms = ["S.L.", "S.L.", "S.A.", "S.L.U."]): string {
  const s = r.int(0, 3);
  if (s === 0) return `${r.pick(sector)} ${r.pick(SURNAMES)} ${r.pick(forms)}`;
  if (s === 1) return `${r.pick(sector)} ${r.pick(["del Levante", "del Norte", "Mediterráneo", "Ibérica", "del Sur", "Atlántica", "Castellana", "del Ebro", "Cantábrica"])} ${r.pick(forms)}`;
  if (s === 2) return `${r.pick(SURNAMES)} e Hijos ${r.pick(forms)}`;
  return `${r.pick(sector)} ${r.pick(SURNAMES)} y ${r.pick(SURNAMES)} ${r.pick(forms)}`;
}
const formToOrg = (name: string) => (/S\.A\.$/.test(name) ? "A" : /Coop/.test(name) ? "F" : "B");
function company(r: Rng, sector: readonly string[], forms?: string[]): Party {
  const name = companyName(r, sector, forms);
  return { name, id: cif(r, formToOrg(name)), place: place(r), person: false };
}
function person(r: Rng): Party {
  return { name: personName(r), id: r.chance(0.85) ? dni(r) : nie(r), place: place(r), person: true };
}
const CUSTOMER_SECTORS = ["Comercial", "Talleres", "Construcciones", "Servicios Integrales", "Inversiones", "Estudio", "Consultoría", "Gestión", "Climatización", "Agencia"];
const customerParty = (r: Rng) => (r.chance(0.75) ? company(r, CUSTOMER_SECTORS) : person(r));

// ───────────────────────────── figures ─────────────────────────────

type Figures = { lines: { rateBp: number; base: number; vat: number }[]; base: number; vat: number; irpfBp: number; irpf: number; total: number };
/** Per-rate bases (cents) → lines with cuota per line, IRPF on the taxable base, and the total. */
function figures(bases: [rateBp: number, baseCents: number][], irpfBp = 0): Figures {
  const lines = bases.map(([rateBp, base]) => ({ rateBp, base, vat: cuota(base, rateBp) }));
  const base = lines.reduce((a, l) => a + l.base, 0);
  const vat = lines.reduce((a, l) => a + l.vat, 0);
  const irpf = cuota(base, irpfBp);
  return { lines, base, vat, irpfBp, irpf, total: base + vat - irpf };
}
/** Gross (IVA-included) per-rate sums → the base and cuota that add up to it exactly; the gross moves by a cent when no base does. */
function fromGross(gross: number, rateBp: number): { base: number; vat: number; gross: number } {
  for (let g = gross; ; g += 1) {
    const base = Math.round((g * 10_000) / (10_000 + rateBp));
    for (const b of [base, base - 1, base + 1]) if (b + cuota(b, rateBp) === g) return { base: b, vat: g - b, gross: g };
  }
}
const e = (cents: number) => Math.round(cents) / 100;
function truthFigures(f: Figures): Pick<UnseenTruth, "lines" | "base_total" | "vat_total" | "irpf_rate" | "irpf_amount" | "recargo_equivalencia" | "total"> {
  return {
    lines: f.lines.map((l) => ({ rate: l.rateBp / 100, base: e(l.base), vat: e(l.vat) })),
    base_total: e(f.base),
    vat_total: e(f.vat),
    irpf_rate: f.irpfBp / 100,
    irpf_amount: e(f.irpf),
    recargo_equivalencia: 0,
    total: e(f.total),
  };
}
/** Item rows that sum exactly to `base`: [description, qty, unit price, amount] in cents. */
function splitItems(r: Rng, base: number, names: readonly string[], n: number): { desc: string; qty: number; unit: number; amount: number }[] {
  const picks = r.shuffle([...names]).slice(0, Math.max(1, Math.min(n, names.length)));
  const out: { desc: string; qty: number; unit: number; amount: number }[] = [];
  let left = base;
  picks.forEach((desc, i) => {
    const last = i === picks.length - 1;
    const share = last ? left : Math.round((left * (0.25 + r.float() * 0.5)) / 100) * 100;
    const qty = !last && share % 300 === 0 && share > 0 ? 3 : !last && share % 200 === 0 && share > 0 ? 2 : 1;
    out.push({ desc, qty, unit: share / qty, amount: share });
    left -= share;
  });
  return out;
}

// ───────────────────────────── page building ─────────────────────────────

const FONTS: PageFont[] = [
  { pdf: "Helvetica", image: "DejaVu Sans" },
  { pdf: "Helvetica", image: "Liberation Sans" },
  { pdf: "Times", image: "Liberation Serif" },
  { pdf: "Times", image: "DejaVu Serif" },
];
const MONO: PageFont[] = [
  { pdf: "Courier", image: "DejaVu Sans Mono" },
  { pdf: "Courier", image: "Liberation Mono" },
];

/** Rows keyed by y; cells on the same y go into one row. */
class Sheet {
  rows: Row[] = [];
  shapes: Shape[] = [];
  put(y: number, ...cells: Cell[]) {
    const row = this.rows.find((r) => Math.abs(r.y - y) < 1e-9);
    if (row) row.cells.push(...cells);
    else this.rows.push({ y, cells });
    return this;
  }
  box(x: number, y: number, w: number, h: number, fill?: string) {
    this.shapes.push({ kind: "rect", x, y, w, h, fill, stroke: fill ? undefined : "#666666" });
    return this;
  }
  rule(y: number, x1 = 0.07, x2 = 0.93) {
    this.shapes.push({ kind: "line", x1, y1: y, x2, y2: y });
    return this;
  }
  page(font: PageFont, width?: number, height?: number): Page {
    return { rows: [...this.rows].sort((a, b) => a.y - b.y), shapes: this.shapes, font, width, height };
  }
}
const R = (x: number, t: string, size = 9, bold = false): Cell => [x, t, size, { align: "right", bold }];
const L = (x: number, t: string, size = 9, bold = false): Cell => [x, t, size, { bold }];
const G = (x: number, t: string, size = 7): Cell => [x, t, size, { grey: true }];

function registryLine(r: Rng, city: string) {
  return `Inscrita en el Registro Mercantil de ${city}, Tomo ${r.int(1000, 9999)}, Folio ${r.int(1, 220)}, Hoja ${r.pick(["V", "M", "B", "SE", "Z", "MU", "PM", "GR"])}-${r.int(10000, 399999)}`;
}

/** The totals block at the right: label/amount pairs from `y` down. */
function totalsBlock(s: Sheet, y: number, pairs: [string, string, boolean?][], xl = 0.56, xr = 0.92, step = 0.022) {
  pairs.forEach(([label, amount, strong], i) => s.put(y + i * step, L(xl, label, strong ? 10.5 : 9, !!strong), R(xr, amount, strong ? 10.5 : 9, !!strong)));
  return y + pairs.length * step;
}

// ───────────────────────────── families ─────────────────────────────

type Family = { name: string; make: (r: Rng) => UnseenDoc };

/** 1. Modern freelancer invoice: the client block first (top left), the freelancer at the right, IRPF 15/7 % or none. */
const freelance2col: Family = {
  name: "freelance_2col",
  make(r) {
    const v = person(r);
    const trade = r.pick(["Diseño gráfico y branding", "Desarrollo web", "Traducción jurada EN-ES", "Fotografía profesional", "Consultoría UX", "Redacción de contenidos", "Ilustración editorial", "Formación en marketing digital"]);
    const c = customerParty(r);
    const issued = issueDate(r);
    const due = addDays(issued, r.pick([15, 30, 30, 45]));
    const ds: DateStyle = r.pick(["dmy_slash", "es_long", "dmy_dot", "dmy_dash"]);
    const ms: MoneyStyle = r.pick(["es", "es", "es_nogroup"]);
    const number = r.pick([`A-${issued.y}/${pad(r.int(1, 400), 4)}`, `${issued.y}-${pad(r.int(1, 120), 3)}`, `F${String(issued.y).slice(2)} ${pad(r.int(1, 900), 6)}`, `${pad(r.int(1, 99), 3)}/${String(issued.y).slice(2)}`]);
    const irpfBp = c.person ? 0 : r.pick([1500, 1500, 1500, 700, 0]);
    const hours = r.int(6, 90);
    const rate = r.pick([3500, 4000, 4500, 5500, 6000, 7500]);
    const extra = r.chance(0.5) ? r.int(8, 60) * 1000 : 0;
    const f = figures([[2100, hours * rate + extra]], irpfBp);
    const project = `P-${r.int(1000, 9999)}`;
    const po = `4500${r.digits(6)}`;
    const s = new Sheet();
    const layout = r.int(1, 2);
    const vId = printId(v.id, r);
    const cId = printId(c.id, r);
    const clientLabel = r.pick(["FACTURAR A", "Cliente", "Datos del cliente", "Para"]);
    if (layout === 1) {
      s.put(0.05, L(0.07, "Factura", 26, true));
      s.put(0.09, L(0.07, `Nº ${number}`, 11));
      s.put(0.05, R(0.93, v.name, 11, true));
      s.put(0.07, R(0.93, trade, 8.5));
      s.put(0.13, G(0.07, clientLabel.toUpperCase(), 8), G(0.55, "DE", 8));
      s.put(0.15, L(0.07, c.name, 10, true), L(0.55, v.name, 10, true));
      s.put(0.17, L(0.07, `${c.person ? "NIF" : "CIF"}: ${cId}`), L(0.55, `NIF: ${vId}`));
      s.put(0.19, L(0.07, c.place.street), L(0.55, v.place.street));
      s.put(0.21, L(0.07, c.place.cityLine), L(0.55, v.place.cityLine));
      s.put(0.23, L(0.55, `${phone(r)} · ${emailOf(v.name)}`, 8));
      s.box(0.07, 0.265, 0.86, 0.05, "#eeeeee");
      s.put(0.27, G(0.09, "Fecha de emisión", 8), G(0.31, "Vencimiento", 8), G(0.52, "Proyecto", 8), G(0.72, "Su pedido", 8));
      s.put(0.29, L(0.09, date(issued, ds)), L(0.31, date(due, ds)), L(0.52, project), L(0.72, po));
    } else {
      s.box(0.6, 0.0, 0.4, 1, "#f1f1f1");
      s.put(0.05, L(0.07, clientLabel, 9, true));
      s.put(0.07, L(0.07, c.name, 11));
      s.put(0.09, L(0.07, `${c.place.street} · ${c.place.cityLine}`, 8.5));
      s.put(0.11, L(0.07, `${c.person ? "NIF" : "CIF"} ${cId}`, 8.5));
      s.put(0.17, L(0.07, "FACTURA", 20, true));
      s.put(0.21, L(0.07, "Número"), L(0.25, number, 9, true));
      s.put(0.23, L(0.07, "Fecha"), L(0.25, date(issued, ds)));
      s.put(0.25, L(0.07, "Vence"), L(0.25, date(due, ds)));
      s.put(0.05, L(0.63, v.name, 11, true));
      s.put(0.07, L(0.63, trade, 8));
      s.put(0.1, L(0.63, `NIF ${vId}`, 8.5));
      s.put(0.12, L(0.63, v.place.street, 8));
      s.put(0.14, L(0.63, v.place.cityLine, 8));
      s.put(0.16, L(0.63, phone(r), 8));
      s.put(0.18, L(0.63, emailOf(v.name), 8));
      s.put(0.22, L(0.63, `Ref. proyecto ${project}`, 8));
    }
    const ty = 0.36;
    const xr = layout === 1 ? 0.93 : 0.57;
    s.rule(ty + 0.018, 0.07, xr);
    s.put(ty, L(0.07, "Concepto", 9, true), R(xr - 0.26, "Horas", 9, true), R(xr - 0.14, "Precio", 9, true), R(xr, "Importe", 9, true));
    s.put(ty + 0.03, L(0.07, `${trade} (${project})`.slice(0, layout === 1 ? 60 : 38), 8.5), R(xr - 0.26, String(hours), 8.5), R(xr - 0.14, money(rate, ms), 8.5), R(xr, money(hours * rate, ms), 8.5));
    if (extra) s.put(ty + 0.052, L(0.07, r.pick(["Licencias y recursos", "Gastos de desplazamiento", "Revisión adicional"]), 8.5), R(xr - 0.26, "1", 8.5), R(xr - 0.14, money(extra, ms), 8.5), R(xr, money(extra, ms), 8.5));
    const pairs: [string, string, boolean?][] = [
      [r.pick(["Subtotal", "Base imponible", "Suma"]), eur(f.base, ms)],
      [`IVA ${r.pick(["21 %", "(21%)", "21%"])}`, eur(f.vat, ms)],
    ];
    if (irpfBp) pairs.push([`${r.pick(["Retención IRPF", "IRPF", "Retención"])} ${irpfBp / 100} %`, eur(-f.irpf, ms)]);
    pairs.push([r.pick(["TOTAL", "Total factura", "Total a pagar"]), eur(f.total, ms), true]);
    const after = totalsBlock(s, 0.48, pairs, layout === 1 ? 0.56 : 0.3, xr);
    s.put(after + 0.05, L(0.07, `Forma de pago: transferencia a ${iban(r)}`, 8));
    if (!c.person && irpfBp) s.put(after + 0.07, G(0.07, "Retención practicada conforme al art. 101 de la Ley 35/2006 del IRPF."));
    return {
      family: this.name,
      page: s.page(r.pick(FONTS)),
      truth: { doc_type: "invoice", language: "es", vendor_name: v.name, vendor_tax_id: v.id, customer_tax_id: c.id, invoice_number: number, issue_date: isoOf(issued), currency: "EUR", ...truthFigures(f) },
      meta: { layout, date_style: ds, num_style: ms, distractors: ["due_date", "project", "purchase_order", "phone", "iban"], due_date: isoOf(due), customer_first: true },
    };
  },
};

/** 2. Utility / telecom bill: brand header, holder block, contract, CUPS or line, billing period, charge date; issuer in small print. */
const utility: Family = {
  name: "utility_bill",
  make(r) {
    const kind = r.pick(["luz", "luz", "gas", "telecom", "telecom", "agua"] as const);
    const brandWord = r.pick(["Lumen", "Enervia", "Solara", "Nortia", "Vatia", "Aqualia Sur", "Conecta", "Movinet", "Fibranet", "Ondavox", "Gasnor", "Aguas Claras"]);
    const legal =
      kind === "telecom"
        ? `${brandWord} Telecomunicaciones ${r.pick(["S.A.", "S.L.U.", "S.L."])}`
        : kind === "agua"
          ? `${brandWord} Gestión del Agua ${r.pick(["S.A.", "S.L."])}`
          : `${brandWord} Comercializadora ${r.pick(["de Energía S.L.U.", "S.A.", "Eléctrica S.L."])}`;
    const vId = cif(r, /S\.A\.$/.test(legal) ? "A" : "B");
    const v = { name: legal, id: vId, place: place(r) };
    const c = customerParty(r);
    const issued = issueDate(r);
    const [p0, p1] = prevMonthRange(issued);
    const charge = addDays(issued, r.int(5, 15));
    const ds: DateStyle = r.pick(["dmy_slash", "dmy_slash", "es_long", "dmy_dot", "dmy_short"]);
    const ms: MoneyStyle = r.pick(["es", "es_nogroup"]);
    const yy = String(issued.y).slice(2);
    const number = r.pick([`FE${yy} ${r.digits(9)}`, `F${yy} ${pad(r.int(1, 999999), 6)}`, `TF-${issued.y}-${r.digits(7)}`, `FA${yy}${pad(issued.m, 2)}/${r.digits(6)}`, `${r.pick(["S", "N", "C"])}${yy}${r.digits(8)}`]);
    const contract = r.digits(10);
    const custNo = r.digits(8);
    const rateBp = kind === "agua" ? 1000 : 2100;
    const s = new Sheet();
    const items: [string, number][] = [];
    if (kind === "luz") {
      const kw = r.pick([3.3, 4.6, 5.75, 6.9]);
      const days = p1.d;
      const kwh = r.int(120, 780);
      const pot = Math.round(kw * days * 10.5);
      const ener = Math.round(kwh * r.int(11, 19));
      const ie = Math.round(((pot + ener) * 511.27) / 10_000);
      const eq = r.pick([81, 99, 132]) * days / 10;
      items.push([`Término de potencia ${String(kw).replace(".", ",")} kW x ${days} días`, pot], [`Energía consumida ${kwh} kWh`, ener], ["Impuesto sobre la electricidad 5,11 %", ie], ["Alquiler de equipos de medida", Math.round(eq)]);
    } else if (kind === "gas") {
      const kwh = r.int(300, 2400);
      items.push(["Término fijo", r.int(400, 1200)], [`Consumo gas ${kwh} kWh`, Math.round(kwh * r.int(6, 11))], ["Impuesto especial hidrocarburos", r.int(80, 700)], ["Alquiler de contador", r.int(60, 250)]);
    } else if (kind === "telecom") {
      items.push([r.pick(["Cuota Fibra 600Mb + Móvil", "Tarifa Fusión Total", "Pack Empresa 1Gb + 2 líneas"]), r.int(3500, 9500)], ["Consumo fuera de tarifa", r.int(0, 1800)], [r.pick(["Centralita virtual", "Línea adicional", "Roaming"]), r.int(500, 2500)], ["Descuento promoción", -r.int(300, 1500)]);
    } else {
      const m3 = r.int(8, 60);
      items.push(["Cuota de servicio abastecimiento", r.int(600, 1500)], [`Consumo ${m3} m3`, Math.round(m3 * r.int(60, 140))], ["Alcantarillado", r.int(300, 1200)], ["Conservación de contadores", r.int(90, 300)]);
    }
    const base = items.reduce((a, [, x]) => a + x, 0);
    const f = figures([[rateBp, base]]);
    const holder = r.pick(["Titular", "Datos del titular", "Cliente", "Titular del contrato"]);
    const footerOnly = r.chance(0.6);
    const brand = kind === "telecom" ? brandWord.toLowerCase() : `${brandWord} ${kind === "agua" ? "agua" : "energía"}`;
    s.put(0.045, L(0.07, brand, 22, true));
    if (!footerOnly) s.put(0.075, L(0.07, `${legal} · CIF ${printId(vId, r)}`, 8));
    s.box(0.48, 0.035, 0.45, 0.17);
    s.put(0.05, L(0.54, r.pick(["Datos de la factura", "Su factura", "Resumen de la factura"]), 10, true));
    const nl = r.pick(["Nº factura:", "Número de factura:", "Factura nº:", "Nº de factura:"]);
    s.put(0.075, L(0.54, nl), R(0.915, number));
    s.put(0.095, L(0.54, r.pick(["Fecha de emisión:", "Fecha emisión:", "Fecha de factura:"])), R(0.915, date(issued, ds)));
    s.put(0.115, L(0.54, "Periodo de facturación:"));
    s.put(0.135, R(0.915, `del ${date(p0, ds)} al ${date(p1, ds)}`));
    s.put(0.155, L(0.54, r.pick(["Fecha de cargo:", "Se cargará el:", "Fecha límite de pago:"])), R(0.915, date(charge, ds)));
    s.put(0.175, L(0.54, "IMPORTE TOTAL", 10, true), R(0.915, eur(f.total, ms), 12, true));
    s.put(0.12, L(0.07, holder, 9, true));
    s.put(0.14, L(0.07, c.name));
    s.put(0.16, L(0.07, `NIF/CIF: ${printId(c.id, r)}`));
    s.put(0.18, L(0.07, c.place.street, 8.5));
    s.put(0.2, L(0.07, c.place.cityLine, 8.5));
    s.put(0.24, L(0.07, "Datos del contrato", 9, true));
    s.put(0.26, L(0.07, `Nº de contrato: ${contract}`, 8.5), L(0.52, `Nº de cliente: ${custNo}`, 8.5));
    const supply =
      kind === "luz" || kind === "gas"
        ? `CUPS: ES${r.digits(4)}${r.digits(12)}${r.pick(["JN", "FP", "KL", "AB"])}${r.pick(["0F", "1P", ""])}`
        : kind === "telecom"
          ? `Línea principal: ${r.digits(3)} ${r.digits(3)} ${r.digits(3)}`
          : `Nº de póliza: ${r.digits(6)}/${r.digits(2)}  ·  Contador nº ${r.digits(8)}`;
    s.put(0.28, L(0.07, supply, 8.5));
    s.put(0.3, L(0.07, `Dirección de suministro: ${c.place.street}, ${c.place.city}`, 8.5));
    s.rule(0.335);
    s.put(0.345, L(0.07, r.pick(["Detalle de la factura", "Conceptos facturados", "Cálculo de la factura"]), 10, true));
    items.forEach(([d, amt], i) => s.put(0.375 + i * 0.022, L(0.09, d, 8.5), R(0.9, eur(amt, ms), 8.5)));
    const y0 = 0.375 + items.length * 0.022 + 0.02;
    s.rule(y0 - 0.006, 0.5, 0.93);
    totalsBlock(s, y0, [
      [r.pick(["Base imponible", "Total base imponible", "Importe sin impuestos"]), eur(f.base, ms)],
      [`IVA ${rateBp / 100} % s/ ${money(f.base, ms)}`, eur(f.vat, ms)],
      [r.pick(["TOTAL FACTURA", "Total importe factura", "Total a pagar"]), eur(f.total, ms), true],
    ], 0.5, 0.9);
    s.put(0.7, L(0.07, `Forma de pago: domiciliación bancaria en ${iban(r).replace(/\d{4} \d{4}$/, "**** ****")}`, 8));
    s.put(0.72, L(0.07, `Atención al cliente: ${phone(r)}   ·   Averías: 900 ${r.digits(3)} ${r.digits(3)}`, 8));
    if (kind === "luz") s.put(0.74, L(0.07, `Lectura anterior (${date(p0, ds)}): ${r.digits(5)} kWh · Lectura actual (${date(p1, ds)}): ${r.digits(5)} kWh`, 8));
    s.put(0.93, G(0.07, `${legal} · CIF ${printId(vId, r)} · ${v.place.street}, ${v.place.cityLine}`));
    s.put(0.945, G(0.07, registryLine(r, v.place.city)));
    return {
      family: this.name,
      page: s.page(r.pick(FONTS)),
      truth: { doc_type: "invoice", language: "es", vendor_name: legal, vendor_tax_id: vId, customer_tax_id: c.id, invoice_number: number, issue_date: isoOf(issued), currency: "EUR", ...truthFigures(f) },
      meta: { kind, brand, footer_only_vendor: footerOnly, date_style: ds, num_style: ms, distractors: ["billing_period", "charge_date", "contract", "customer_number", kind === "telecom" ? "phone_line" : kind === "agua" ? "policy" : "cups", "iban", "phone", "registry"], period: [isoOf(p0), isoOf(p1)] },
    };
  },
};

/** 3. Shop ticket (factura simplificada) with several IVA rates and a base/cuota table; till-roll page. */
const ticketMulti: Family = {
  name: "ticket_multirate",
  make(r) {
    const shop = r.pick(["supermercado", "farmacia", "panaderia", "libreria"] as const);
    const catalogue: Record<typeof shop, [string, number][]> = {
      supermercado: [["LECHE ENTERA 1L", 400], ["PAN BARRA", 400], ["HUEVOS L DOC.", 400], ["ACEITE OLIVA 1L", 400], ["YOGUR NATURAL X4", 1000], ["POLLO FILETES", 1000], ["AGUA MINERAL 6X1,5", 1000], ["CAFE MOLIDO 250G", 1000], ["DETERGENTE LIQ.", 2100], ["PAPEL COCINA X2", 2100], ["CERVEZA LATA X6", 2100], ["GEL DUCHA 750ML", 2100]],
      farmacia: [["IBUPROFENO 600 40C", 400], ["PARACETAMOL 1G 40C", 400], ["AMOXICILINA 500", 400], ["TIRAS REACTIVAS", 1000], ["MASCARILLA FFP2 X10", 1000], ["GASAS ESTERILES", 1000], ["CREMA SOLAR SPF50", 2100], ["CHAMPU ANTICASPA", 2100], ["CEPILLO DENTAL", 2100]],
      panaderia: [["PAN CANDEAL", 400], ["BARRA RUSTICA", 400], ["HOGAZA INTEGRAL", 400], ["CROISSANT MANTEQ.", 1000], ["NAPOLITANA CHOCO", 1000], ["CAFE CON LECHE", 1000], ["ZUMO NARANJA", 1000], ["BOTELLA VINO", 2100], ["BOLSA TELA", 2100]],
      libreria: [["LIBRO NOVELA", 400], ["DICCIONARIO", 400], ["CUADERNO A4", 400], ["REVISTA", 400], ["BOLIGRAFO X3", 2100], ["CARPETA ANILLAS", 2100], ["CALCULADORA", 2100], ["PAPEL A4 500H", 2100], ["MOCHILA", 2100]],
    };
    const tradeNames: Record<typeof shop, string[]> = {
      supermercado: ["SUPER AHORRO", "MERCADO FAMILIAR", "SUPERMERCADOS EL PINO", "ALIMENTACION DIAZ"],
      farmacia: ["FARMACIA CENTRAL", "FARMACIA LDA. " + r.pick(SURNAMES).toUpperCase(), "FARMACIA DEL CARMEN"],
      panaderia: ["HORNO SANTA CLARA", "PANADERIA LA ESPIGA", "FORN DE PA CAL PEP"],
      libreria: ["LIBRERIA PAPELERIA LETRAS", "PAPELERIA EL LAPIZ", "LLIBRERIA NOVA"],
    };
    const trade = r.pick(tradeNames[shop]);
    const v: Party = shop === "farmacia" && r.chance(0.7) ? person(r) : company(r, ["Supermercados", "Alimentación", "Comercial", "Distribuciones", "Panificadora", "Librerías"]);
    const issued = issueDate(r);
    const ds: DateStyle = r.pick(["dmy_slash", "dmy_short", "dmy_dash"]);
    const ms: MoneyStyle = "es_nogroup";
    const number = r.pick([`T${pad(r.int(1, 99), 3)}/${pad(r.int(1, 999999), 6)}`, `FS${String(issued.y).slice(2)}-${pad(r.int(1, 99999), 6)}`, `${pad(r.int(1, 40), 3)}-${pad(r.int(1, 9), 3)}-${pad(r.int(1, 999999), 6)}`, `${r.int(1, 9)}${pad(r.int(1, 99), 2)}${pad(r.int(1, 99999), 5)}`]);
    // items: grouped per rate, gross prices (IVA included)
    const picked = r.shuffle(catalogue[shop]).slice(0, r.int(5, 8));
    const rates = [...new Set(picked.map(([, rt]) => rt))];
    if (rates.length < 2) picked.push(catalogue[shop].find(([, rt]) => rt !== rates[0])!);
    const items = picked.map(([name, rateBp]) => {
      const qty = r.chance(0.3) ? r.int(2, 4) : 1;
      const unit = r.int(45, 1290);
      return { name, rateBp, qty, unit, gross: qty * unit };
    });
    const byRate = new Map<number, number>();
    for (const it of items) byRate.set(it.rateBp, (byRate.get(it.rateBp) ?? 0) + it.gross);
    const parts = [...byRate.entries()].sort((a, b) => b[0] - a[0]).map(([rateBp, gross]) => ({ rateBp, ...fromGross(gross, rateBp) }));
    // when the split moved a gross by a cent, move the last item of that rate too (qty 1 so it stays exact)
    for (const p of parts) {
      const diff = p.gross - byRate.get(p.rateBp)!;
      if (diff) {
        const it = [...items].reverse().find((x) => x.rateBp === p.rateBp)!;
        it.gross += diff;
        it.unit = it.gross;
        it.qty = 1;
      }
    }
    const f = figures(parts.map((p) => [p.rateBp, p.base]));
    const code = new Map([[2100, "A"], [1000, "B"], [400, "C"]]);
    const H = 330 + items.length * 12 + parts.length * 12;
    const W = 226;
    const s = new Sheet();
    let y = 14;
    const at = (...cells: Cell[]) => {
      s.put(y / H, ...cells);
      y += 11.5;
    };
    const C = (t: string, size = 8, bold = false): Cell => [0.5, t, size, { align: "center", bold }];
    const l = (t: string, x = 0.05): Cell => [x, t, 7.5];
    const rr = (t: string, x = 0.95, bold = false): Cell => [x, t, 7.5, { align: "right", bold }];
    at(C(trade, 9.5, true));
    at(C(v.name.toUpperCase(), 7.5));
    at(C(`${v.person ? "NIF" : "CIF"}: ${printId(v.id, r)}`, 7.5));
    at(C(`${v.place.street}`.toUpperCase(), 7));
    at(C(`${v.place.cityLine}`.toUpperCase(), 7));
    at(C(`TEL. ${phone(r)}`, 7));
    y += 6;
    at(C(r.pick(["FACTURA SIMPLIFICADA", "FRA. SIMPLIFICADA", "TICKET - FACTURA SIMPLIFICADA"]), 8, true));
    at(l(`${r.pick(["Nº:", "Num.:", "Fra.Simpl.:", "Documento:"])} ${number}`));
    at(l(`${date(issued, ds)}  ${pad(r.int(8, 21), 2)}:${pad(r.int(0, 59), 2)}`), rr(`CAJA ${r.int(1, 6)}  OP.${r.int(10, 99)}`));
    y += 4;
    at(l("DESCRIPCION"), rr("IMPORTE"));
    for (const it of items) {
      const label = it.qty > 1 ? `${it.qty} x ${money(it.unit, ms)} ${it.name}` : it.name;
      at(l(label.slice(0, 32)), rr(`${money(it.gross, ms)} ${code.get(it.rateBp)}`));
    }
    y += 4;
    at(l(`${items.reduce((a, it) => a + it.qty, 0)} ARTICULOS`), rr(""));
    at([0.05, "TOTAL", 10, { bold: true }], [0.95, `${money(f.total, ms)} EUR`, 10, { align: "right", bold: true }]);
    y += 4;
    const paidCard = r.chance(0.5);
    if (paidCard) {
      at(l("TARJETA"), rr(money(f.total, ms)));
      at(l(`**** **** **** ${r.digits(4)}  AUT: ${r.digits(6)}`));
    } else {
      const given = Math.ceil(f.total / 1000) * 1000 + (r.chance(0.5) ? 1000 : 0);
      at(l("ENTREGADO"), rr(money(given, ms)));
      at(l("CAMBIO"), rr(money(given - f.total, ms)));
    }
    y += 6;
    at(l("TIPO"), rr("BASE", 0.5), rr("CUOTA", 0.72), rr("TOTAL"));
    for (const p of f.lines) at(l(`${code.get(p.rateBp)} ${p.rateBp / 100}%`), rr(money(p.base, ms), 0.5), rr(money(p.vat, ms), 0.72), rr(money(p.base + p.vat, ms)));
    at(l("SUMA"), rr(money(f.base, ms), 0.5), rr(money(f.vat, ms), 0.72), rr(money(f.total, ms)));
    y += 6;
    if (r.chance(0.5)) at(l(`TARJETA CLIENTE ${r.digits(10)}  PUNTOS ${r.int(10, 900)}`));
    at(C("IVA INCLUIDO - GRACIAS POR SU VISITA", 7));
    if (shop !== "farmacia") at(C("No se admiten devoluciones sin ticket", 6.5));
    return {
      family: this.name,
      page: s.page(r.pick(MONO), W, H),
      truth: { doc_type: "simplified", language: "es", vendor_name: v.name, vendor_tax_id: v.id, customer_tax_id: null, invoice_number: number, issue_date: isoOf(issued), currency: "EUR", ...truthFigures(f) },
      meta: { shop, trade_name: trade, date_style: ds, paid_card: paidCard, distractors: ["time", "till", "phone", paidCard ? "card" : "change", "tax_table"] },
    };
  },
};

/** 4. Factura rectificativa: negative amounts, cites the rectified invoice's number and date, and the reason. */
const rectificativa: Family = {
  name: "rectificativa",
  make(r) {
    const v = company(r, ["Suministros", "Distribuciones", "Mobiliario", "Equipos Hosteleros", "Materiales", "Recambios", "Papelería"]);
    const c = customerParty(r);
    const issued = issueDate(r);
    const orig = addDays(issued, -r.int(8, 70));
    const ds: DateStyle = r.pick(["dmy_slash", "dmy_dash", "es_long", "dmy_dot"]);
    const ms: MoneyStyle = r.pick(["es", "es", "es_nogroup"]);
    const yy = String(issued.y).slice(2);
    const seq = r.int(1, 90);
    const number = r.pick([`R-${issued.y}/${pad(seq, 4)}`, `AB${yy}-${pad(seq, 4)}`, `RA ${issued.y} ${pad(seq, 6)}`, `FR${yy}/${pad(seq, 3)}`]);
    const origNumber = r.pick([`A-${orig.y}/${pad(r.int(100, 900), 4)}`, `F${String(orig.y).slice(2)}-${pad(r.int(100, 9999), 5)}`, `${orig.y}/${pad(r.int(100, 2000), 5)}`]);
    const reason = r.pick(["Devolución de mercancía defectuosa", "Error en el precio unitario facturado", "Descuento por volumen (rappel) del trimestre", "Anulación parcial del pedido"]);
    const twoRates = r.chance(0.3);
    const b1 = -r.int(4000, 260000);
    const bases: [number, number][] = twoRates ? [[2100, b1], [1000, -r.int(2000, 60000)]] : [[2100, b1]];
    const f = figures(bases);
    const footerOnly = r.chance(0.4);
    const s = new Sheet();
    const title = r.pick(["FACTURA RECTIFICATIVA", "FACTURA RECTIFICATIVA (ABONO)", "ABONO - FACTURA RECTIFICATIVA"]);
    if (!footerOnly) {
      s.put(0.05, L(0.07, v.name, 14, true));
      s.put(0.072, L(0.07, `${v.place.street} · ${v.place.cityLine}`, 8.5));
      s.put(0.09, L(0.07, `CIF ${printId(v.id, r)} · Tel. ${phone(r)}`, 8.5));
    } else s.put(0.05, L(0.07, v.name.split(" ").slice(0, -1).join(" ").toUpperCase(), 16, true));
    s.put(0.05, R(0.93, title, 12, true));
    s.box(0.55, 0.13, 0.38, 0.12);
    s.put(0.14, L(0.57, r.pick(["Cliente", "Destinatario", "Facturar a"]), 8.5, true));
    s.put(0.16, L(0.57, c.name));
    s.put(0.18, L(0.57, c.place.street, 8.5));
    s.put(0.2, L(0.57, c.place.cityLine, 8.5));
    s.put(0.22, L(0.57, `NIF: ${printId(c.id, r)}`, 8.5));
    const refFirst = r.chance(0.5);
    const ref = `${r.pick(["Rectifica a la factura nº", "Factura rectificada:", "Factura original nº"])} ${origNumber} ${r.pick(["de fecha", "del", "emitida el"])} ${date(orig, ds)}`;
    const numLine = `${r.pick(["Nº rectificativa:", "Número:", "Factura nº:", "Nº abono:"])} ${number}`;
    const dateLine = `${r.pick(["Fecha:", "Fecha de emisión:", "Fecha expedición:"])} ${date(issued, ds)}`;
    const block = refFirst ? [ref, numLine, dateLine] : [numLine, dateLine, ref];
    block.forEach((t, i) => s.put(0.14 + i * 0.022, L(0.07, t, 9, t === numLine)));
    s.put(0.22, L(0.07, `Motivo: ${reason}`, 8.5));
    s.put(0.24, L(0.07, `Su pedido: ${r.digits(6)}  ·  Albarán ${pad(r.int(1, 9999), 5)}`, 8.5));
    const ty = 0.3;
    s.box(0.07, ty - 0.006, 0.86, 0.024, "#e6e6e6");
    s.put(ty, L(0.09, "Ref.", 8.5, true), L(0.2, "Descripción", 8.5, true), R(0.6, "Uds.", 8.5, true), R(0.72, "% IVA", 8.5, true), R(0.91, "Importe", 8.5, true));
    let y = ty + 0.032;
    for (const l of f.lines) {
      const its = splitItems(r, -l.base, ["Silla apilable", "Mesa plegable 120", "Cartucho tóner", "Lámpara LED 18W", "Cable 3x2,5 mm", "Grifo monomando", "Caja de tornillería", "Archivador A-Z"], r.int(1, 3));
      for (const it of its) {
        s.put(y, L(0.09, `${r.digits(5)}`, 8.5), L(0.2, it.desc, 8.5), R(0.6, `-${it.qty}`, 8.5), R(0.72, `${l.rateBp / 100}`, 8.5), R(0.91, money(-it.amount, ms), 8.5));
        y += 0.022;
      }
    }
    const pairs: [string, string, boolean?][] = [];
    for (const l of f.lines) pairs.push([`Base imponible ${l.rateBp / 100} %`, eur(l.base, ms)], [`Cuota IVA ${l.rateBp / 100} %`, eur(l.vat, ms)]);
    pairs.push([r.pick(["TOTAL RECTIFICATIVA", "Total a abonar", "TOTAL"]), eur(f.total, ms), true]);
    totalsBlock(s, Math.max(y + 0.04, 0.5), pairs);
    s.put(0.8, L(0.07, "El importe se abonará mediante transferencia a la cuenta indicada por el cliente.", 8));
    s.put(0.93, G(0.07, `${v.name} · CIF ${printId(v.id, r)} · ${v.place.street}, ${v.place.cityLine}`));
    s.put(0.945, G(0.07, registryLine(r, v.place.city)));
    return {
      family: this.name,
      page: s.page(r.pick(FONTS)),
      truth: { doc_type: "credit_note", language: "es", vendor_name: v.name, vendor_tax_id: v.id, customer_tax_id: c.id, invoice_number: number, issue_date: isoOf(issued), currency: "EUR", ...truthFigures(f) },
      meta: { footer_only_vendor: footerOnly, ref_first: refFirst, date_style: ds, num_style: ms, original_invoice: origNumber, original_date: isoOf(orig), distractors: ["original_invoice_number", "original_invoice_date", "order", "delivery_note", "registry"] },
    };
  },
};

/** 5. EU supplier invoice to a Spanish company under reverse charge: foreign address, VAT id, trade-register and tax numbers. */
const euReverse: Family = {
  name: "eu_reverse_charge",
  make(r) {
    const country = r.pick(["DE", "FR", "IT", "NL", "PT", "IE", "AT", "BE"] as const);
    const forms: Record<Country, string[]> = { DE: ["GmbH", "AG", "GmbH & Co. KG"], FR: ["SAS", "SARL", "SA"], IT: ["S.r.l.", "S.p.A."], NL: ["B.V."], PT: ["Lda.", "S.A."], IE: ["Ltd", "Limited"], AT: ["GmbH"], BE: ["BV", "SRL", "NV"] };
    const roots = ["Nordlicht", "Alpenwerk", "Lumière", "Atelier Rhône", "Tecnoservizi", "Ponte Digitale", "Van Dijk", "Hollandse", "Lusitana", "Tejo", "Cliffside", "Emerald", "Donau", "Brabant", "Kestrel", "Helix"];
    const what = r.pick(["Software", "Consulting", "Industrietechnik", "Logistics", "Design Studio", "Components", "Data Services", "Labs"]);
    const vName = `${r.pick(roots)} ${what} ${r.pick(forms[country])}`;
    const vId = euVatId(r, country);
    const cities: Record<Country, string> = { DE: "10115 Berlin, Deutschland", FR: "69002 Lyon, France", IT: "20121 Milano, Italia", NL: "1017 AB Amsterdam, Nederland", PT: "4050-123 Porto, Portugal", IE: "D02 X285 Dublin, Ireland", AT: "1010 Wien, Österreich", BE: "2000 Antwerpen, Belgique" };
    const streets: Record<Country, string> = { DE: `Friedrichstraße ${r.int(1, 200)}`, FR: `${r.int(1, 90)} rue de la République`, IT: `Via Torino ${r.int(1, 120)}`, NL: `Herengracht ${r.int(1, 500)}`, PT: `Rua de Santa Catarina ${r.int(1, 900)}`, IE: `${r.int(1, 90)} Baggot Street Lower`, AT: `Kärntner Straße ${r.int(1, 60)}`, BE: `Meir ${r.int(1, 120)}` };
    const regs: Record<Country, string> = {
      DE: `Amtsgericht Berlin-Charlottenburg HRB ${r.int(10000, 240000)} · St.-Nr. ${r.int(10, 99)}/${r.int(100, 999)}/${r.digits(5)}`,
      FR: `RCS Lyon ${r.digits(3)} ${r.digits(3)} ${r.digits(3)} · SIRET ${r.digits(3)} ${r.digits(3)} ${r.digits(3)} ${r.digits(5)}`,
      IT: `REA MI-${r.digits(7)} · Cap. soc. € 10.000 i.v.`,
      NL: `KvK ${r.digits(8)}`,
      PT: `Conservatória do Registo Comercial do Porto · Capital social 5.000 €`,
      IE: `Registered in Ireland No. ${r.digits(6)}`,
      AT: `FN ${r.digits(6)}${r.pick(["a", "b", "k"])} · Handelsgericht Wien`,
      BE: `RPR Antwerpen · Ondernemingsnr. 0${r.digits(3)}.${r.digits(3)}.${r.digits(3)}`,
    };
    const english = country !== "DE" && country !== "AT" ? r.chance(0.7) : r.chance(0.5);
    const c = company(r, CUSTOMER_SECTORS);
    const issued = issueDate(r);
    const due = addDays(issued, r.pick([14, 30, 30]));
    const service0 = addDays(monthStart(issued), -r.int(20, 40));
    const ds: DateStyle = english ? r.pick(["en_long", "dmy_dot", "dmy_slash", "en_us"]) : r.pick(["dmy_dot", "dmy_slash", "es_long"]);
    const ms: MoneyStyle = english ? r.pick(["en", "en", "es", "fr"]) : r.pick(["es", "fr"]);
    const yy = String(issued.y).slice(2);
    const number = r.pick([`RE-${issued.y}-${pad(r.int(1, 9999), 5)}`, `INV/${issued.y}/${pad(r.int(1, 999), 4)}`, `${issued.y}${pad(r.int(1, 99999), 6)}`, `F${yy}-${pad(r.int(1, 9999), 4)}`, `${country}${yy}${pad(r.int(1, 9999), 5)}`]);
    const items = splitItems(r, r.int(30000, 1800000), english ? ["Software licence (annual)", "Implementation services", "Technical support", "Spare parts kit", "Training workshop (2 days)", "Data processing fee", "Hosting Q1"] : ["Licencia de software anual", "Servicios de implantación", "Soporte técnico", "Kit de recambios", "Taller de formación (2 días)", "Cuota de procesamiento"], r.int(1, 4));
    const f = figures([[0, items.reduce((a, it) => a + it.amount, 0)]]);
    const money2 = (x: number) => (ms === "en" ? `€${money(x, ms)}` : `${money(x, ms)} EUR`);
    const s = new Sheet();
    const T = english
      ? { title: "INVOICE", no: r.pick(["Invoice no.", "Invoice number", "Invoice #"]), date: r.pick(["Invoice date", "Date of issue", "Date"]), due: "Due date", cust: r.pick(["Customer no.", "Client ID"]), order: r.pick(["Your order", "PO number"]), period: "Service period", to: r.pick(["Bill to", "Invoice to", "Customer"]), desc: "Description", qty: "Qty", unit: "Unit price", amt: "Amount", net: "Net amount", vat: "VAT 0 %", tot: r.pick(["Total due", "Invoice total", "Total EUR"]), rc: r.pick(["Reverse charge: VAT to be accounted for by the recipient (Art. 196 Council Directive 2006/112/EC).", "Reverse charge - intra-Community supply of services, Art. 44 and 196 VAT Directive.", "VAT reverse charge applies. Customer to self-assess VAT in Spain."]), vatId: r.pick(["VAT ID", "VAT No.", "VAT Reg. No."]), bank: "Bank details" }
      : { title: "FACTURA", no: "Factura nº", date: "Fecha de factura", due: "Vencimiento", cust: "Nº cliente", order: "Su pedido", period: "Periodo de servicio", to: "Cliente", desc: "Descripción", qty: "Cant.", unit: "Precio", amt: "Importe", net: "Base imponible", vat: "IVA 0 %", tot: "Total factura", rc: r.pick(["Inversión del sujeto pasivo (art. 84.Uno.2º LIVA). Operación intracomunitaria.", "Operación sujeta a inversión del sujeto pasivo - Art. 196 Directiva 2006/112/CE."]), vatId: "NIF-IVA", bank: "Datos bancarios" };
    const headerRight = r.chance(0.5);
    const hx = headerRight ? 0.55 : 0.07;
    s.put(0.05, L(hx, vName, 13, true));
    s.put(0.07, L(hx, streets[country], 8.5));
    s.put(0.088, L(hx, cities[country], 8.5));
    s.put(0.106, L(hx, `${T.vatId}: ${vId}`, 8.5));
    s.put(0.05, [headerRight ? 0.07 : 0.93, T.title, 20, { bold: true, align: headerRight ? "left" : "right" }]);
    s.put(0.16, L(0.07, T.to, 8.5, true));
    s.put(0.18, L(0.07, c.name));
    s.put(0.2, L(0.07, c.place.street, 8.5));
    s.put(0.218, L(0.07, `${c.place.cityLine}, ${english ? "Spain" : "España"}`, 8.5));
    s.put(0.236, L(0.07, `${T.vatId}: ES${c.id}`, 8.5));
    const meta: [string, string][] = [[T.no, number], [T.date, date(issued, ds)], [T.cust, r.digits(5)], [T.order, `PO-${r.digits(4)}`], [T.period, `${date(service0, ds)} - ${date(addDays(service0, 29), ds)}`], [T.due, date(due, ds)]];
    const order = r.shuffle(meta.slice(2));
    [meta[0], meta[1], ...order].forEach(([k, val], i) => s.put(0.16 + i * 0.02, L(0.55, k, 8.5), R(0.93, val, 8.5)));
    const ty = 0.33;
    s.rule(ty - 0.008);
    s.put(ty, L(0.07, T.desc, 8.5, true), R(0.62, T.qty, 8.5, true), R(0.77, T.unit, 8.5, true), R(0.93, T.amt, 8.5, true));
    s.rule(ty + 0.018);
    items.forEach((it, i) => s.put(ty + 0.03 + i * 0.022, L(0.07, it.desc, 8.5), R(0.62, String(it.qty), 8.5), R(0.77, money(it.unit, ms), 8.5), R(0.93, money(it.amount, ms), 8.5)));
    const after = totalsBlock(s, ty + 0.05 + items.length * 0.022 + 0.02, [[T.net, money2(f.base)], [T.vat, money2(0)], [T.tot, money2(f.total), true]]);
    s.put(after + 0.03, L(0.07, T.rc, 8));
    s.put(0.86, L(0.07, `${T.bank}: IBAN ${country}${r.digits(2)} ${r.digits(4)} ${r.digits(4)} ${r.digits(4)} ${r.digits(4)} ${r.digits(2)} · BIC ${r.pick(["DEUTDEFF", "BNPAFRPP", "UNCRITMM", "INGBNL2A", "BCOMPTPL", "AIBKIE2D", "GIBAATWW", "GEBABEBB"])}`, 8));
    s.put(0.93, G(0.07, `${vName} · ${streets[country]} · ${cities[country]} · ${regs[country]}`));
    return {
      family: this.name,
      page: s.page(r.pick(FONTS)),
      truth: { doc_type: "invoice", language: english ? "en" : "es", vendor_name: vName, vendor_tax_id: vId, customer_tax_id: c.id, invoice_number: number, issue_date: isoOf(issued), currency: "EUR", ...truthFigures(f) },
      meta: { country, header_right: headerRight, date_style: ds, num_style: ms, distractors: ["customer_number", "order", "service_period", "due_date", "trade_register", country === "DE" ? "steuernummer" : "registry", "foreign_iban"], due_date: isoOf(due) },
    };
  },
};

/** 6. Hotel folio: trade name vs operating company, stay dates, room and booking numbers, daily lines, tourist tax at 0 %. */
const hotelFolio: Family = {
  name: "hotel_folio",
  make(r) {
    const region = r.pick(["Baleares", "Cataluña", "Galicia", "none"] as const);
    const city = region === "Baleares" ? "Palma" : region === "Cataluña" ? r.pick(["Barcelona", "Girona"]) : region === "Galicia" ? "Santiago de Compostela" : r.pick(["Madrid", "Sevilla", "Valencia", "Salamanca"]);
    const trade = `Hotel ${r.pick(["Mirador", "Real", "Plaza", "Costa Azul", "Los Olivos", "Miramar", "Catedral", "Puerta del Sol"])} ${r.pick(["", "****", "***", "& Spa"])}`.trim();
    const v = company(r, ["Explotaciones Hoteleras", "Hoteles", "Gestión Turística", "Inversiones Hoteleras"]);
    const guestCo = customerParty(r);
    const guest = guestCo.person ? guestCo.name : personName(r);
    const arrival = issueDate(r);
    const nights = r.int(1, 5);
    const departure = addDays(arrival, nights);
    const issued = r.chance(0.8) ? departure : addDays(departure, 1);
    const ds: DateStyle = r.pick(["dmy_slash", "dmy_dash", "dmy_short"]);
    const ms: MoneyStyle = r.pick(["es", "es_nogroup"]);
    const yy = String(issued.y).slice(2);
    const number = r.pick([`FH${yy}/${pad(r.int(1, 99999), 5)}`, `${r.int(1, 3)}${yy}-${pad(r.int(1, 99999), 6)}`, `H-${issued.y}-${pad(r.int(1, 9999), 5)}`, `A${yy}${pad(r.int(1, 999999), 6)}`]);
    const persons = r.int(1, 2);
    const roomRate = r.int(65, 260) * 100;
    const dailies: { day: Ymd; desc: string; gross: number; rateBp: number }[] = [];
    const roomWord = r.pick(["Alojamiento", persons > 1 ? "Habitación doble" : "Habitación individual", "Estancia hab."]);
    for (let i = 0; i < nights; i++) {
      const day = addDays(arrival, i);
      dailies.push({ day, desc: roomWord, gross: roomRate, rateBp: 1000 });
      if (r.chance(0.5)) dailies.push({ day: addDays(day, 1), desc: "Desayuno buffet", gross: persons * r.pick([1200, 1500, 1800]), rateBp: 1000 });
      if (r.chance(0.25)) dailies.push({ day, desc: "Restaurante", gross: r.int(2500, 9000), rateBp: 1000 });
    }
    if (r.chance(0.5)) dailies.push({ day: arrival, desc: `Parking ${nights} noches`, gross: nights * r.pick([1500, 1800, 2200]), rateBp: 2100 });
    if (r.chance(0.3)) dailies.push({ day: departure, desc: "Lavandería", gross: r.int(800, 2400), rateBp: 2100 });
    const taxPer = region === "Baleares" ? r.pick([110, 220, 440]) : region === "Cataluña" ? r.pick([100, 300, 500]) : region === "Galicia" ? 150 : 0;
    const tourist = taxPer * nights * persons;
    // gross per rate → exact base + cuota (the last line of a rate absorbs the rounding cent)
    const grossBy = new Map<number, number>();
    for (const d of dailies) grossBy.set(d.rateBp, (grossBy.get(d.rateBp) ?? 0) + d.gross);
    const parts = [...grossBy.entries()].sort((a, b) => b[0] - a[0]).map(([rateBp, g]) => ({ rateBp, ...fromGross(g, rateBp) }));
    for (const p of parts) {
      const diff = p.gross - grossBy.get(p.rateBp)!;
      if (diff) [...dailies].reverse().find((d) => d.rateBp === p.rateBp)!.gross += diff;
    }
    const bases: [number, number][] = parts.map((p) => [p.rateBp, p.base]);
    if (tourist) bases.push([0, tourist]);
    const f = figures(bases);
    const s = new Sheet();
    s.put(0.045, [0.5, trade, 18, { align: "center", bold: true }]);
    s.put(0.07, [0.5, `${v.place.street.replace(/,.*/, "")} ${r.int(1, 90)} · ${city} · Tel. ${phone(r)}`, 8, { align: "center" }]);
    const legalTop = r.chance(0.5);
    if (legalTop) s.put(0.086, [0.5, `${v.name} - CIF ${printId(v.id, r)}`, 8, { align: "center" }]);
    s.put(0.12, L(0.07, r.pick(["FACTURA", "FACTURA - FOLIO", "Factura de estancia"]), 13, true));
    s.put(0.15, L(0.07, `${r.pick(["Factura nº", "Nº factura", "Número"])}: ${number}`, 9, true));
    s.put(0.17, L(0.07, `${r.pick(["Fecha", "Fecha factura", "Fecha de emisión"])}: ${date(issued, ds)}`));
    s.put(0.19, L(0.07, `Folio: ${r.digits(6)}    Reserva: ${r.pick(["", "BK"])}${r.digits(9)}`));
    s.put(0.21, L(0.07, `Habitación: ${r.int(1, 6)}${pad(r.int(1, 30), 2)}    Pax: ${persons}    Noches: ${nights}`));
    s.put(0.23, L(0.07, `Llegada: ${date(arrival, ds)}    Salida: ${date(departure, ds)}`));
    s.box(0.55, 0.135, 0.38, 0.11);
    s.put(0.145, L(0.57, "Huésped / Cliente", 8.5, true));
    s.put(0.165, L(0.57, guest));
    if (!guestCo.person) s.put(0.185, L(0.57, guestCo.name, 8.5));
    s.put(0.205, L(0.57, `${guestCo.person ? "NIF" : "CIF"}: ${printId(guestCo.id, r)}`, 8.5));
    s.put(0.225, L(0.57, guestCo.place.cityLine, 8.5));
    const ty = 0.28;
    s.rule(ty - 0.008);
    s.put(ty, L(0.07, "Fecha", 8.5, true), L(0.22, "Concepto", 8.5, true), R(0.72, "% IVA", 8.5, true), R(0.92, "Importe", 8.5, true));
    s.rule(ty + 0.018);
    let y = ty + 0.03;
    const sorted = [...dailies].sort((a, b) => isoOf(a.day).localeCompare(isoOf(b.day)));
    for (const d of sorted) {
      s.put(y, L(0.07, date(d.day, ds), 8.5), L(0.22, d.desc, 8.5), R(0.72, `${d.rateBp / 100}%`, 8.5), R(0.92, money(d.gross, ms), 8.5));
      y += 0.02;
    }
    if (tourist) {
      const label = region === "Baleares" ? "Impuesto estancias turísticas (ITS)" : region === "Cataluña" ? "Impuesto estancias establ. turísticos" : "Tasa turística municipal";
      s.put(y, L(0.07, date(arrival, ds), 8.5), L(0.22, `${label} ${nights}n x ${persons}p`, 8.5), R(0.72, "n/s", 8.5), R(0.92, money(tourist, ms), 8.5));
      y += 0.02;
    }
    y += 0.025;
    s.put(y, L(0.3, "Tipo", 8.5, true), R(0.55, "Base imponible", 8.5, true), R(0.72, "Cuota", 8.5, true), R(0.92, "Total", 8.5, true));
    y += 0.02;
    for (const l of f.lines) {
      s.put(y, L(0.3, l.rateBp ? `IVA ${l.rateBp / 100}%` : "No sujeto", 8.5), R(0.55, money(l.base, ms), 8.5), R(0.72, money(l.vat, ms), 8.5), R(0.92, money(l.base + l.vat, ms), 8.5));
      y += 0.02;
    }
    y += 0.01;
    s.put(y, L(0.3, r.pick(["TOTAL FACTURA", "TOTAL", "Total (EUR)"]), 11, true), R(0.92, eur(f.total, ms), 11, true));
    y += 0.04;
    s.put(y, L(0.07, `Pagado: ${r.pick(["VISA", "Mastercard", "AMEX"])} **** ${r.digits(4)}   ${money(f.total, ms)}     Saldo pendiente: 0,00`, 8.5));
    s.put(0.9, G(0.07, "Precios con IVA incluido. El impuesto turístico no está sujeto a IVA."));
    s.put(0.93, G(0.07, `${trade} es un establecimiento explotado por ${v.name}, CIF ${printId(v.id, r)},`));
    s.put(0.945, G(0.07, `con domicilio social en ${v.place.street}, ${v.place.cityLine}.`));
    return {
      family: this.name,
      page: s.page(r.pick(FONTS)),
      truth: { doc_type: "invoice", language: "es", vendor_name: v.name, vendor_tax_id: v.id, customer_tax_id: guestCo.id, invoice_number: number, issue_date: isoOf(issued), currency: "EUR", ...truthFigures(f) },
      meta: { region, trade_name: trade, legal_in_header: legalTop, date_style: ds, num_style: ms, nights, tourist_tax: e(tourist), distractors: ["arrival", "departure", "daily_dates", "folio", "booking", "room", "card", "balance"] },
    };
  },
};

/** 7. Fee note (minuta de honorarios) from a professional: IRPF 15 %, case numbers, colegiado number, sometimes a letter-style date. */
const minuta: Family = {
  name: "minuta",
  make(r) {
    const prof = r.pick(["Abogado", "Abogada", "Procurador de los Tribunales", "Arquitecto", "Ingeniero técnico", "Perito judicial"]);
    const v = person(r);
    const college = prof.startsWith("Abog") ? "ICA" : prof.startsWith("Proc") ? "ICP" : prof.startsWith("Arq") ? "COA" : "COIT";
    const c = customerParty(r);
    const issued = issueDate(r);
    const ds: DateStyle = r.pick(["es_long", "dmy_slash", "dmy_slash", "dmy_dot"]);
    const ms: MoneyStyle = r.pick(["es", "es"]);
    const number = r.pick([`${issued.y}/${pad(r.int(1, 150), 3)}`, `M-${String(issued.y).slice(2)}${pad(r.int(1, 150), 3)}`, `MIN ${issued.y}-${pad(r.int(1, 150), 4)}`, `${pad(r.int(1, 150), 3)}-${issued.y}`]);
    const caseNo = `${r.int(100, 2400)}/${issued.y - r.int(0, 2)}`;
    const concepts = prof.startsWith("Abog") || prof.startsWith("Proc")
      ? ["Estudio y preparación de la demanda", "Asistencia a audiencia previa", "Asistencia a juicio", "Redacción de escrito de conclusiones", "Honorarios por recurso de apelación", "Gestiones y comunicaciones con la parte contraria"]
      : ["Redacción de proyecto básico", "Dirección de obra (fase 1)", "Informe pericial de valoración", "Visita de inspección y toma de datos", "Certificado final de obra"];
    const items = splitItems(r, r.int(30, 420) * 1000 + r.pick([0, 0, 5000]), concepts, r.int(1, 3));
    const base = items.reduce((a, it) => a + it.amount, 0);
    const f = figures([[2100, base]], 1500);
    const provision = r.chance(0.35) ? Math.min(Math.round(f.total / 2 / 10000) * 10000 || 10000, f.total - 100) : 0;
    const s = new Sheet();
    const letter = ds === "es_long" && r.chance(0.7);
    s.put(0.05, L(0.07, v.name.toUpperCase(), 13, true));
    s.put(0.07, L(0.07, `${prof} · Colegiado nº ${r.int(1000, 19999)} ${college}`, 8.5));
    s.put(0.088, L(0.07, `${v.place.street} · ${v.place.cityLine}`, 8.5));
    s.put(0.106, L(0.07, `NIF ${printId(v.id, r)} · Tel. ${phone(r)} · ${emailOf(v.name)}`, 8.5));
    s.put(0.16, L(0.07, r.pick(["MINUTA DE HONORARIOS", "NOTA DE HONORARIOS", "FACTURA - MINUTA"]), 14, true));
    s.put(0.19, L(0.07, `${r.pick(["Minuta nº", "Nº de minuta", "Factura nº"])}: ${number}`, 9.5, true));
    if (!letter) s.put(0.21, L(0.07, `Fecha: ${date(issued, ds)}`));
    s.put(0.16, L(0.55, r.pick(["Cliente", "Sr./Sra.", "A la atención de"]), 8.5, true));
    s.put(0.18, L(0.55, c.name));
    s.put(0.2, L(0.55, `${c.person ? "NIF" : "CIF"} ${printId(c.id, r)}`, 8.5));
    s.put(0.22, L(0.55, c.place.street, 8.5));
    s.put(0.24, L(0.55, c.place.cityLine, 8.5));
    const court = prof.startsWith("Abog") || prof.startsWith("Proc");
    s.put(0.28, L(0.07, court ? `Asunto: Procedimiento ordinario nº ${caseNo}, Juzgado de Primera Instancia nº ${r.int(1, 24)} de ${c.place.city}` : `Expediente: ${caseNo} · Obra: ${c.place.street}`, 8.5));
    s.put(0.3, L(0.07, `Nuestra referencia: EXP-${issued.y - 1}-${pad(r.int(1, 400), 4)}`, 8.5));
    let y = 0.35;
    s.put(y, L(0.07, "Concepto", 9, true), R(0.92, "Importe", 9, true));
    s.rule(y + 0.018);
    y += 0.03;
    for (const it of items) {
      s.put(y, L(0.07, it.desc, 9), R(0.92, eur(it.amount, ms), 9));
      y += 0.024;
    }
    const pairs: [string, string, boolean?][] = [
      [r.pick(["Total honorarios", "Base imponible", "Suma honorarios"]), eur(f.base, ms)],
      ["IVA 21 %", eur(f.vat, ms)],
      [r.pick(["Retención IRPF 15 %", "A deducir IRPF (15 %)", "Retención a cuenta 15 %"]), eur(-f.irpf, ms)],
      [r.pick(["TOTAL MINUTA", "Total", "Total factura"]), eur(f.total, ms), true],
    ];
    if (provision) pairs.push(["Provisión de fondos recibida", eur(-provision, ms)], ["Pendiente de pago", eur(f.total - provision, ms)]);
    const after = totalsBlock(s, y + 0.04, pairs, 0.5, 0.92, 0.024);
    if (letter) s.put(after + 0.06, L(0.07, `En ${v.place.city}, a ${date(issued, "es_long")}.`, 9.5));
    s.put(after + (letter ? 0.1 : 0.06), L(0.07, `Ingreso en cuenta: ${iban(r)}`, 8.5));
    s.put(0.93, G(0.07, "Minuta sujeta a retención del IRPF conforme al art. 101.5 de la Ley 35/2006."));
    return {
      family: this.name,
      page: s.page(r.pick(FONTS)),
      truth: { doc_type: "invoice", language: "es", vendor_name: v.name, vendor_tax_id: v.id, customer_tax_id: c.id, invoice_number: number, issue_date: isoOf(issued), currency: "EUR", ...truthFigures(f) },
      meta: { profession: prof, letter_date: letter, date_style: ds, provision: e(provision), distractors: ["case_number", "collegiate_number", "reference", "phone", "iban", provision ? "provision" : "none"] },
    };
  },
};

/** 8. Company invoice whose issuer is named only in the footer: a logo word on top, the customer in the window position, albarán and pedido. */
const footerVendor: Family = {
  name: "footer_vendor",
  make(r) {
    const v = company(r, ["Suministros Técnicos", "Instalaciones", "Maquinaria", "Transportes", "Carpintería Metálica", "Artes Gráficas", "Servicios Informáticos", "Limpiezas"]);
    const logo = v.name.split(" ")[0].toUpperCase().slice(0, 6) + r.pick(["", "TEC", " GROUP", "PRO"]);
    const c = company(r, CUSTOMER_SECTORS);
    const issued = issueDate(r);
    const delivery = addDays(issued, -r.int(2, 20));
    const due = addDays(issued, r.pick([30, 60, 90]));
    const ds: DateStyle = r.pick(["dmy_slash", "dmy_dash", "es_mon", "dmy_short"]);
    const ms: MoneyStyle = r.pick(["es", "es"]);
    const yy = String(issued.y).slice(2);
    const number = r.pick([`F${yy} ${pad(r.int(1, 999999), 6)}`, `A-${issued.y}/${pad(r.int(1, 9999), 4)}`, `${yy}/${pad(r.int(1, 99999), 5)}`, `FV${issued.y}${pad(r.int(1, 9999), 5)}`]);
    const twoRates = r.chance(0.25);
    const bigBase = r.int(80000, 4200000);
    const bases: [number, number][] = twoRates ? [[2100, bigBase], [1000, r.int(5000, 200000)]] : [[2100, bigBase]];
    const f = figures(bases);
    const s = new Sheet();
    s.put(0.045, L(0.07, logo, 24, true));
    s.put(0.08, G(0.07, r.pick(["Soluciones para la industria", "Calidad y servicio desde 1987", "Su socio tecnológico", ""]), 8));
    s.put(0.15, L(0.55, c.name, 10, true));
    s.put(0.17, L(0.55, c.place.street));
    s.put(0.19, L(0.55, c.place.cityLine));
    s.put(0.21, L(0.55, `CIF ${printId(c.id, r)}`));
    const labels = r.pick([
      ["FACTURA", "Número", "Fecha", "Cód. cliente", "Forma de pago"],
      ["FACTURA", "Nº Factura", "Fecha Factura", "Cliente", "F. Pago"],
      ["Factura", "Serie/Número", "Fecha expedición", "Nº cliente", "Pago"],
    ]);
    s.put(0.15, L(0.07, labels[0], 16, true));
    s.box(0.07, 0.185, 0.43, 0.05);
    s.put(0.19, G(0.085, labels[1], 7.5), G(0.2, labels[2], 7.5), G(0.335, labels[3], 7.5), G(0.42, labels[4], 7.5));
    s.put(0.21, L(0.085, number, 8.5), L(0.2, date(issued, ds), 8.5), L(0.335, r.digits(5), 8.5), L(0.42, r.pick(["Giro 60d", "Transf.", "Recibo"]), 8.5));
    s.put(0.26, L(0.07, `Albarán ${yy}-${pad(r.int(1, 99999), 5)} de ${date(delivery, ds)}  ·  Su pedido nº ${r.digits(7)}`, 8.5));
    const ty = 0.3;
    s.box(0.07, ty - 0.006, 0.86, 0.024, "#e0e0e0");
    s.put(ty, L(0.085, "Código", 8.5, true), L(0.19, "Descripción", 8.5, true), R(0.56, "Cant.", 8.5, true), R(0.68, "Precio", 8.5, true), R(0.77, "IVA", 8.5, true), R(0.92, "Importe", 8.5, true));
    let y = ty + 0.032;
    const names = ["Rodamiento rígido 6204", "Motor trifásico 1,5 kW", "Cuadro eléctrico montado", "Mano de obra oficial 1ª", "Desplazamiento técnico", "Tornillería inox. (caja)", "Perfil aluminio 6 m", "Mantenimiento preventivo", "Licencia antivirus 25 puestos", "Impresión catálogos 2.000 uds"];
    for (const l of f.lines) {
      for (const it of splitItems(r, l.base, names, r.int(2, 4))) {
        s.put(y, L(0.085, `${r.pick(["MT", "RD", "SV", "PF"])}${r.digits(4)}`, 8.5), L(0.19, it.desc, 8.5), R(0.56, money(it.qty * 100, ms), 8.5), R(0.68, money(it.unit, ms), 8.5), R(0.77, `${l.rateBp / 100}%`, 8.5), R(0.92, money(it.amount, ms), 8.5));
        y += 0.022;
      }
    }
    y = Math.max(y + 0.03, 0.56);
    s.rule(y - 0.01);
    // bottom grid: one column per rate then the total
    s.put(y, G(0.07, "Base imponible", 7.5), G(0.25, "% IVA", 7.5), G(0.35, "Cuota IVA", 7.5), G(0.72, "TOTAL FACTURA", 7.5));
    f.lines.forEach((l, i) => s.put(y + 0.02 + i * 0.02, L(0.07, money(l.base, ms), 9), L(0.25, `${l.rateBp / 100}`, 9), L(0.35, money(l.vat, ms), 9)));
    s.put(y + 0.022, L(0.72, eur(f.total, ms), 13, true));
    s.put(y + 0.1, L(0.07, `Vencimiento: ${date(due, ds)}  ·  Domiciliación en ${iban(r)}`, 8.5));
    s.put(0.92, G(0.07, `${v.name} · CIF ${printId(v.id, r)} · ${v.place.street} · ${v.place.cityLine} · Tel. ${phone(r)}`));
    s.put(0.935, G(0.07, registryLine(r, v.place.city)));
    return {
      family: this.name,
      page: s.page(r.pick(FONTS)),
      truth: { doc_type: "invoice", language: "es", vendor_name: v.name, vendor_tax_id: v.id, customer_tax_id: c.id, invoice_number: number, issue_date: isoOf(issued), currency: "EUR", ...truthFigures(f) },
      meta: { logo, date_style: ds, num_style: ms, distractors: ["delivery_note", "delivery_date", "order", "customer_code", "due_date", "iban", "phone", "registry"], due_date: isoOf(due) },
    };
  },
};

export const FAMILIES: Family[] = [freelance2col, utility, ticketMulti, rectificativa, euReverse, hotelFolio, minuta, footerVendor];

// ───────────────────────────── families, set b ─────────────────────────────
// A second set (`--families b`) in layouts and wordings of their own: a supermarket till roll, a food wholesaler's
// monthly invoice, a telecom bill, a web-shop invoice, a fuel-station ticket, a car workshop invoice, an exempt
// service invoice from a professional, and an ERP invoice with boxed header and totals grids.

/** Per-rate gross sums (IVA included) → [rate, base] whose base + cuota is the gross; when a rate's gross must move
 * a cent, the last item of that rate that `adjustable` allows (else the last one) absorbs it. */
function grossBases<T extends { rateBp: number; gross: number }>(items: T[], adjustable: (it: T) => boolean = () => true): [number, number][] {
  const by = new Map<number, number>();
  for (const it of items) by.set(it.rateBp, (by.get(it.rateBp) ?? 0) + it.gross);
  return [...by.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([rateBp, g]) => {
      const p = fromGross(g, rateBp);
      if (p.gross !== g) {
        const mine = [...items].reverse().filter((x) => x.rateBp === rateBp);
        (mine.find(adjustable) ?? mine[0]).gross += p.gross - g;
      }
      return [rateBp, p.base] as [number, number];
    });
}
/** A till roll: rows placed in points from the top; the page height follows the content. */
class Roll {
  private rows: [number, Cell[]][] = [];
  y = 14;
  constructor(readonly W = 226) {}
  at(...cells: Cell[]) {
    this.rows.push([this.y, cells.filter((c) => c[1] !== "")]);
    this.y += 11.5;
    return this;
  }
  gap(pt = 5) {
    this.y += pt;
    return this;
  }
  page(font: PageFont): Page {
    const H = Math.round(this.y + 24);
    const s = new Sheet();
    for (const [y, cells] of this.rows) s.put(y / H, ...cells);
    return s.page(font, this.W, H);
  }
}
const rc = (t: string, size = 8, bold = false): Cell => [0.5, t, size, { align: "center", bold }];
const rl = (t: string, x = 0.05, size = 7.5): Cell => [x, t, size];
const rr = (t: string, x = 0.95, bold = false, size = 7.5): Cell => [x, t, size, { align: "right", bold }];
const hhmm = (r: Rng) => `${pad(r.int(8, 21), 2)}:${pad(r.int(0, 59), 2)}${r.chance(0.4) ? `:${pad(r.int(0, 59), 2)}` : ""}`;
const plate = (r: Rng) => `${r.digits(4)} ${Array.from({ length: 3 }, () => r.pick([..."BCDFGHJKLMNPRSTVWXYZ"])).join("")}`;
const kg = (grams: number) => `${Math.floor(grams / 1000)},${pad(grams % 1000, 3)}`;
/** A card-payment block as terminals print it: masked PAN, authorisation, merchant and terminal numbers. */
function cardBlock(r: Rng, total: number, ms: MoneyStyle): string[] {
  const lines = [
    r.pick(["TARJETA BANCARIA", "PAGO CON TARJETA", "VENTA TARJETA", "TARJ. CREDITO/DEBITO"]),
    `${r.pick(["VISA", "MASTERCARD", "MAESTRO", "VISA DEBIT"])} ${r.pick(["**** **** **** ", "************", "XXXX XXXX XXXX "])}${r.digits(4)}`,
    `AUT: ${r.digits(6)}   ${r.pick(["OP", "N.OP", "REF"])}: ${r.digits(6)}`,
    `COMERCIO: ${r.digits(9)}  TERM: ${r.digits(8)}`,
    `AID: A00000000${r.pick(["31010", "41010", "32010"])}  ARC: 00`,
  ];
  if (r.chance(0.5)) lines.push(r.pick(["CONTACTLESS", "PIN VERIFICADO", "OPERACION SIN PIN"]));
  lines.push(`IMPORTE: ${money(total, ms)} EUR`);
  return lines;
}

/** b1. Supermarket till roll: long item list with weighed items, rate letter codes, IVA summary, card slip. */
const supermarketTicket: Family = {
  name: "supermarket_ticket",
  make(r) {
    const catalogue: [string, number][] = [
      ["BARRA PAN", 400], ["PAN MOLDE INTEGRAL", 400], ["LECHE SEMIDESNATADA 1L", 400], ["HUEVOS CAMPEROS DOCENA", 400], ["QUESO TIERNO CUÑA", 400], ["HARINA TRIGO 1KG", 400], ["GARBANZO COCIDO", 400], ["LENTEJA PARDINA 1KG", 400],
      ["YOGUR GRIEGO 4U", 1000], ["FILETE PECHUGA POLLO", 1000], ["JAMON COCIDO LONCHAS", 1000], ["MERLUZA CONGELADA", 1000], ["AGUA MINERAL 1,5L", 1000], ["ZUMO NARANJA 1L", 1000], ["GALLETAS MARIA", 1000], ["CAFE NATURAL 250G", 1000], ["PIZZA BARBACOA", 1000], ["ARROZ REDONDO 1KG", 1000], ["TOMATE TRITURADO", 1000], ["CHOCOLATE CON LECHE", 1000], ["ATUN CLARO PACK 3", 1000],
      ["DETERGENTE LIQUIDO 40D", 2100], ["PAPEL HIGIENICO 12R", 2100], ["CERVEZA LATA 33CL", 2100], ["VINO TINTO CRIANZA", 2100], ["REFRESCO COLA 2L", 2100], ["GEL DE BAÑO 1L", 2100], ["LAVAVAJILLAS", 2100], ["BOLSA PLASTICO", 2100], ["PILAS ALCALINAS AA", 2100], ["SUAVIZANTE", 2100],
    ];
    const weighed: [string, number][] = [["PLATANO CANARIAS", 400], ["MANZANA GOLDEN", 400], ["TOMATE PERA", 400], ["PATATA", 400], ["NARANJA ZUMO", 400], ["PIMIENTO ROJO", 400], ["CARNE PICADA MIXTA", 1000], ["SALMON FRESCO", 1000]];
    const trade = r.pick(["SUPERMERCADOS", "SUPER", "HIPER", "AUTOSERVICIO", "MERCADO"]) + " " + r.pick(["LUNA", "EL ARCO", "DON PRECIO", "FAMILIA", "SOL Y MAR", "LA PLAZA", "BONAREA", "VERDEMAR"]);
    const v = company(r, ["Supermercados", "Distribuciones Alimentarias", "Comercial Alimentaria", "Autoservicios"], ["S.A.", "S.L.", "S.L.", "S.A."]);
    const issued = issueDate(r);
    const ds: DateStyle = r.pick(["dmy_slash", "dmy_slash", "dmy_short", "dmy_dash"]);
    const ms: MoneyStyle = "es_nogroup";
    const shop = pad(r.int(1, 2999), 4);
    const till = pad(r.int(1, 12), r.pick([2, 3]));
    const seq = pad(r.int(1, 999999), 6);
    const number = r.pick([`${shop}-${till}-${seq}`, `FS${shop}${String(issued.y).slice(2)}/${seq}`, `${shop}${till}${seq}`, `T${shop}-${seq}`]);
    const codes = r.pick([{ 2100: "A", 1000: "B", 400: "C" }, { 400: "A", 1000: "B", 2100: "C" }, { 400: "1", 1000: "2", 2100: "3" }] as Record<number, string>[]);
    const items: { name: string; rateBp: number; qty: number; unit: number; grams: number; gross: number }[] = [];
    for (const [name, rateBp] of r.shuffle(catalogue).slice(0, r.int(10, 22))) {
      const qty = r.chance(0.25) ? r.int(2, 6) : 1;
      const unit = r.int(35, rateBp === 2100 ? 1290 : 690);
      items.push({ name, rateBp, qty, unit, grams: 0, gross: qty * unit });
    }
    for (const [name, rateBp] of r.shuffle(weighed).slice(0, r.int(0, 4))) {
      const grams = r.int(150, 2400);
      const unit = r.int(99, rateBp === 400 ? 349 : 1690);
      items.push({ name, rateBp, qty: 1, unit, grams, gross: Math.round((grams * unit) / 1000) });
    }
    const list = r.shuffle(items);
    const f = figures(grossBases(list, (it) => it.qty === 1 && !it.grams));
    const roll = new Roll(r.pick([226, 210, 240]));
    const topName = r.chance(0.5);
    roll.at(rc(trade, 10, true));
    if (topName) roll.at(rc(v.name.toUpperCase(), 7.5));
    roll.at(rc(`${r.pick(["C.I.F.", "CIF", "C.I.F.:", "NIF"])} ${printId(v.id, r)}`, 7.5));
    roll.at(rc(v.place.street.toUpperCase(), 7)).at(rc(v.place.cityLine.toUpperCase(), 7));
    roll.at(rc(`TELF.: ${phone(r)}`, 7)).gap();
    const numLabel = r.pick(["FACTURA SIMPLIFICADA:", "FRA. SIMPLIFICADA Nº", "F. SIMPLIFICADA:", "Nº FACTURA SIMPL.:"]);
    if (r.chance(0.5)) roll.at(rl(`${numLabel} ${number}`));
    else roll.at(rc(numLabel.replace(/[:º]|Nº/g, "").trim(), 7.5, true)).at(rl(`${r.pick(["Nº", "NUM.", "DOC."])}: ${number}`));
    roll.at(rl(`${date(issued, ds)} ${hhmm(r)}`), rr(`${r.pick(["Nº Op.", "OP.", "Nº OPER."])}: ${r.digits(r.pick([4, 6]))}`));
    roll.at(rl(`${r.pick(["Caja", "CAJA", "TPV"])}: ${till}  ${r.pick(["Tienda", "Centro"])}: ${shop}`), rr(`${r.pick(["Atendido por", "Le atendió", "Cajero/a"])}: ${r.pick(GIVEN).toUpperCase()}`));
    roll.gap();
    const qtyCol = r.chance(0.5);
    roll.at(...(qtyCol ? [rl("UDS"), rl("DESCRIPCION", 0.14), rr("P.UNIT", 0.72), rr("IMPORTE")] : [rl("DESCRIPCION"), rr("EUR")]));
    for (const it of list) {
      const code = codes[it.rateBp];
      if (it.grams) {
        roll.at(rl(qtyCol ? it.name : `${it.name}`, qtyCol ? 0.14 : 0.05), rr(`${money(it.gross, ms)} ${code}`));
        roll.at(rl(`   ${kg(it.grams)} kg x ${money(it.unit, ms)} €/kg`, qtyCol ? 0.14 : 0.05, 7));
      } else if (qtyCol) roll.at(rl(String(it.qty)), rl(it.name.slice(0, 24), 0.14), rr(it.qty > 1 && it.unit * it.qty === it.gross ? money(it.unit, ms) : "", 0.72), rr(`${money(it.gross, ms)} ${code}`));
      else {
        roll.at(rl(it.name.slice(0, 28)), rr(`${money(it.gross, ms)} ${code}`));
        if (it.qty > 1 && it.unit * it.qty === it.gross) roll.at(rl(`   ${it.qty} x ${money(it.unit, ms)}`, 0.05, 7));
      }
    }
    roll.gap();
    roll.at(rl(`${r.pick(["Nº ARTICULOS", "TOTAL ARTICULOS", "ARTICULOS"])}: ${list.reduce((a, it) => a + (it.grams ? 1 : it.qty), 0)}`));
    roll.at([0.05, r.pick(["TOTAL", "TOTAL COMPRA", "TOTAL (€)", "TOTAL A PAGAR"]), 10, { bold: true }], rr(money(f.total, ms), 0.95, true, 10));
    if (r.chance(0.4)) roll.at(rl(`${r.pick(["HA AHORRADO", "AHORRO EN ESTA COMPRA", "DESCUENTOS APLICADOS"])}: ${money(r.int(30, 900), ms)} €`, 0.05, 7));
    roll.gap();
    const card = r.chance(0.65);
    if (card) for (const t of cardBlock(r, f.total, ms)) roll.at(rl(t, 0.05, 7));
    else {
      const given = Math.ceil(f.total / 500) * 500 + r.pick([0, 500, 1000]);
      roll.at(rl("EFECTIVO"), rr(money(given, ms))).at(rl("CAMBIO"), rr(money(given - f.total, ms)));
    }
    roll.gap();
    const taxFirst = r.chance(0.5);
    roll.at(rl(r.pick(["DESGLOSE IVA", "IVA INCLUIDO", "DETALLE IMPUESTOS"]), 0.05, 7.5));
    roll.at(rl(taxFirst ? "TIPO" : "COD"), rr(r.pick(["BASE IMP.", "BASE"]), 0.55), rr("CUOTA", 0.75), rr(r.pick(["TOTAL", "IMPORTE"])));
    for (const l of f.lines) roll.at(rl(taxFirst ? `${l.rateBp / 100}% ${codes[l.rateBp]}` : `${codes[l.rateBp]} ${l.rateBp / 100},00%`), rr(money(l.base, ms), 0.55), rr(money(l.vat, ms), 0.75), rr(money(l.base + l.vat, ms)));
    if (f.lines.length > 1) roll.at(rl("TOTAL"), rr(money(f.base, ms), 0.55), rr(money(f.vat, ms), 0.75), rr(money(f.total, ms)));
    roll.gap();
    if (!topName) roll.at(rc(`${v.name} - ${v.place.city}`, 6.5));
    if (r.chance(0.5)) roll.at(rc(`TARJETA CLIENTE ${r.digits(4)}****${r.digits(4)} PUNTOS: ${r.int(10, 1500)}`, 6.5));
    roll.at(rc(r.pick(["GRACIAS POR SU VISITA", "GRACIAS POR SU COMPRA", "LE ESPERAMOS PRONTO"]), 7));
    roll.at(rc(`Devoluciones: ${r.pick([15, 30])} días con ticket`, 6.5));
    return {
      family: this.name,
      page: roll.page(r.pick(MONO)),
      truth: { doc_type: "simplified", language: "es", vendor_name: v.name, vendor_tax_id: v.id, customer_tax_id: null, invoice_number: number, issue_date: isoOf(issued), currency: "EUR", ...truthFigures(f) },
      meta: { trade_name: trade, legal_at_top: topName, items: list.length, codes, qty_column: qtyCol, date_style: ds, paid_card: card, distractors: ["time", "operation", "till", "shop", "cashier", card ? "card_slip" : "change", "savings", "tax_table"] },
    };
  },
};

/** b2. Food wholesaler's monthly invoice to a restaurant: lines grouped by albarán, 4/10/21 %, route, client no., due dates, tax table. */
const wholesaler: Family = {
  name: "food_wholesaler",
  make(r) {
    const v = company(r, ["Distribuciones Hosteleras", "Comercial Alimentaria", "Frutas y Verduras", "Cash Hostelería", "Congelados", "Bebidas y Licores", "Almacenes"]);
    const restaurant = r.pick(["Restaurante", "Bar", "Cafetería", "Mesón", "Asador", "Taberna"]) + " " + r.pick(["El Puerto", "La Bodeguilla", "Casa Pepe", "Los Arcos", "La Parrilla", "El Rincón", "San Roque", "Mar Azul"]);
    const c = r.chance(0.8) ? company(r, ["Hostelería", "Restauración", "Gastronomía", "Inversiones Hosteleras"]) : person(r);
    const issued = issueDate(r);
    const ds: DateStyle = r.pick(["dmy_slash", "dmy_slash", "dmy_dash", "dmy_short"]);
    const ms: MoneyStyle = r.pick(["es", "es", "es_nogroup"]);
    const yy = String(issued.y).slice(2);
    const number = r.pick([`FV${yy}/${pad(r.int(1, 99999), 5)}`, `${yy}-A-${pad(r.int(1, 99999), 6)}`, `A${issued.y}${pad(r.int(1, 9999), 5)}`, `F-${pad(r.int(1, 999999), 7)}`]);
    const cat: [string, number, string][] = [
      ["Pan de hogaza", 400, "ud"], ["Leche entera brick 1L", 400, "caja"], ["Huevos M (bandeja 30)", 400, "bdj"], ["Harina de fuerza 25 kg", 400, "saco"], ["Tomate rama", 400, "kg"], ["Lechuga iceberg", 400, "ud"], ["Patata agria", 400, "kg"], ["Cebolla", 400, "kg"],
      ["Solomillo de cerdo", 1000, "kg"], ["Pechuga de pollo", 1000, "kg"], ["Calamar limpio congelado", 1000, "kg"], ["Gamba arrocera", 1000, "kg"], ["Arroz bomba 5 kg", 1000, "saco"], ["Aceite de girasol 5L", 1000, "garrafa"], ["Agua mineral 50cl x35", 1000, "pack"], ["Café grano 1 kg", 1000, "bolsa"], ["Nata cocinar 1L", 1000, "caja"], ["Queso manchego curado", 1000, "kg"],
      ["Cerveza barril 30L", 2100, "barril"], ["Vino tinto Rioja", 2100, "caja"], ["Refresco cola 200ml x24", 2100, "caja"], ["Lavavajillas industrial 20L", 2100, "garrafa"], ["Servilletas 40x40 (1200)", 2100, "caja"], ["Film transparente", 2100, "rollo"],
    ];
    const deliveries = Array.from({ length: r.int(2, 4) }, (_, i) => ({ no: `${r.pick(["", "A", "AL"])}${yy}-${pad(r.int(1, 99999), 5)}`, day: addDays(issued, -r.int(1 + i * 7, 6 + i * 7)) })).reverse();
    const lines: { alb: string; code: string; desc: string; qty: number; unitLabel: string; unit: number; dto: number; rateBp: number; amount: number }[] = [];
    for (const d of deliveries)
      for (const [desc, rateBp, u] of r.shuffle(cat).slice(0, r.int(3, 8))) {
        const byKg = u === "kg";
        const qty = byKg ? r.int(5, 120) * 100 : r.int(1, 12) * 1000;
        const unit = r.int(byKg ? 120 : 250, byKg ? 2400 : 6800);
        const dto = r.chance(0.2) ? r.pick([3, 5, 10]) : 0;
        lines.push({ alb: d.no, code: r.digits(5), desc, qty, unitLabel: u, unit, dto, rateBp, amount: Math.round(((qty / 1000) * unit * (100 - dto)) / 100) });
      }
    const portes = r.chance(0.35) ? r.pick([600, 900, 1200, 1500]) : 0;
    const byRate = new Map<number, number>();
    for (const l of lines) byRate.set(l.rateBp, (byRate.get(l.rateBp) ?? 0) + l.amount);
    if (portes) byRate.set(2100, (byRate.get(2100) ?? 0) + portes);
    const f = figures([...byRate.entries()].sort((a, b) => a[0] - b[0]));
    const s = new Sheet();
    const custNo = r.digits(r.pick([4, 5, 6]));
    const route = pad(r.int(1, 40), 2);
    s.put(0.04, L(0.07, v.name, 14, true));
    s.put(0.062, L(0.07, `${v.place.street} - ${v.place.cityLine}`, 8));
    s.put(0.078, L(0.07, `${r.pick(["C.I.F.", "CIF", "NIF"])}: ${printId(v.id, r)}   Tel. ${phone(r)}`, 8));
    s.put(0.094, G(0.07, `Reg. Sanitario ${r.pick(["40", "12", "10", "26"])}.${r.digits(6)}/${r.pick(["V", "M", "SE", "B", "A"])}`, 7));
    s.box(0.52, 0.03, 0.41, 0.1);
    s.put(0.037, L(0.54, r.pick(["FACTURA", "FACTURA", "Factura"]), 12, true));
    const meta: [string, string][] = [[r.pick(["Número:", "Nº Factura:", "Factura:"]), number], [r.pick(["Fecha:", "Fecha factura:", "F. Factura:"]), date(issued, ds)], [r.pick(["Nº cliente:", "Cliente nº:", "Cód. cliente:"]), custNo], [`Ruta: ${route}`, `${r.pick(["Repartidor", "Vendedor", "Agente"])}: ${r.int(1, 40)}`]];
    meta.forEach(([k, val], i) => s.put(0.062 + i * 0.017, L(0.54, k, 8.5), R(0.91, val, 8.5, i === 0)));
    s.put(0.15, L(0.07, r.pick(["Cliente:", "Datos cliente", "Facturar a:"]), 8, true));
    s.put(0.166, L(0.07, c.name, 9.5, true));
    s.put(0.182, L(0.07, `${restaurant} - ${c.place.street}`, 8.5));
    s.put(0.198, L(0.07, c.place.cityLine, 8.5));
    s.put(0.214, L(0.07, `${c.person ? "NIF" : "CIF"}: ${printId(c.id, r)}`, 8.5));
    s.put(0.166, L(0.55, `Entrega: ${restaurant}`, 8.5));
    s.put(0.182, L(0.55, `Horario: ${r.pick(["8:00-11:00", "7:30-10:00", "9:00-12:30"])}   ${r.pick(["Lunes y jueves", "Martes y viernes", "Diario"])}`, 8.5));
    const ty = 0.245;
    s.box(0.07, ty - 0.005, 0.86, 0.02, "#dddddd");
    const cols = { alb: 0.075, code: 0.17, desc: 0.23, qty: 0.6, unit: 0.69, dto: 0.75, iva: 0.8, amt: 0.925 };
    s.put(ty, L(cols.alb, "Albarán", 7.5, true), L(cols.code, "Código", 7.5, true), L(cols.desc, "Descripción", 7.5, true), R(cols.qty, "Cant.", 7.5, true), R(cols.unit, "Precio", 7.5, true), R(cols.dto, "Dto", 7.5, true), R(cols.iva, "IVA", 7.5, true), R(cols.amt, "Importe", 7.5, true));
    let y = ty + 0.022;
    const step = lines.length > 18 ? 0.0145 : 0.016;
    const size = lines.length > 18 ? 7 : 7.5;
    let last = "";
    for (const l of lines) {
      if (l.alb !== last) {
        const d = deliveries.find((x) => x.no === l.alb)!;
        s.put(y, L(cols.alb, `${r.pick(["Albarán nº", "S/Albarán", "Alb."])} ${l.alb} ${r.pick(["de", "fecha", "del"])} ${date(d.day, ds)}`, size, true));
        y += step;
        last = l.alb;
      }
      const q = l.unitLabel === "kg" ? `${kg(l.qty).replace(/,?0+$/, "")} kg` : `${l.qty / 1000}`;
      s.put(y, L(cols.alb, l.alb, size), L(cols.code, l.code, size), L(cols.desc, l.desc, size), R(cols.qty, q, size), R(cols.unit, money(l.unit, ms), size), R(cols.dto, l.dto ? `${l.dto}%` : "", size), R(cols.iva, `${l.rateBp / 100}`, size), R(cols.amt, money(l.amount, ms), size));
      y += step;
    }
    if (portes) {
      s.put(y, L(cols.desc, r.pick(["Portes", "Portes y transporte", "Gastos de envío"]), size), R(cols.iva, "21", size), R(cols.amt, money(portes, ms), size));
      y += step;
    }
    y = Math.max(y + 0.02, 0.66);
    s.rule(y - 0.008);
    s.put(y, L(0.07, "% IVA", 8, true), R(0.3, "Base imponible", 8, true), R(0.44, "Cuota IVA", 8, true), R(0.58, "Total", 8, true));
    f.lines.forEach((l, i) => s.put(y + 0.018 * (i + 1), L(0.07, `${l.rateBp / 100} %`, 8.5), R(0.3, money(l.base, ms), 8.5), R(0.44, money(l.vat, ms), 8.5), R(0.58, money(l.base + l.vat, ms), 8.5)));
    const yt = y + 0.018 * (f.lines.length + 1);
    s.put(yt, L(0.07, "Totales", 8.5, true), R(0.3, money(f.base, ms), 8.5, true), R(0.44, money(f.vat, ms), 8.5, true));
    s.box(0.64, y - 0.004, 0.29, 0.06);
    s.put(y + 0.004, L(0.66, r.pick(["TOTAL FACTURA", "TOTAL A PAGAR", "TOTAL EUROS"]), 9, true));
    s.put(y + 0.028, R(0.91, eur(f.total, ms), 13, true));
    const nDue = r.pick([1, 1, 2]);
    const dueAmt = nDue === 1 ? [f.total] : [Math.floor(f.total / 2), f.total - Math.floor(f.total / 2)];
    const dues = dueAmt.map((a, i) => `${date(addDays(issued, 30 * (i + 1)), ds)}  ${money(a, ms)}`);
    s.put(yt + 0.04, L(0.07, `Forma de pago: ${r.pick(["Recibo domiciliado", "Giro bancario", "Transferencia"])} ${r.pick([30, 60])} días   ·   Vencimientos: ${dues.join("   ")}`, 8));
    s.put(yt + 0.058, L(0.07, `Cuenta de cargo: ${iban(r).replace(/\d{4} \d{4}$/, "**** ****")}`, 8));
    s.put(0.93, G(0.07, `${v.name} · ${registryLine(r, v.place.city)}`));
    s.put(0.945, G(0.07, "Los envases retornables son propiedad de la empresa. No se admiten devoluciones pasadas 24 h de la entrega."));
    return {
      family: this.name,
      page: s.page(r.pick(FONTS)),
      truth: { doc_type: "invoice", language: "es", vendor_name: v.name, vendor_tax_id: v.id, customer_tax_id: c.id, invoice_number: number, issue_date: isoOf(issued), currency: "EUR", ...truthFigures(f) },
      meta: { restaurant, deliveries: deliveries.length, lines: lines.length, portes: e(portes), date_style: ds, num_style: ms, distractors: ["delivery_notes", "delivery_dates", "customer_number", "route", "sanitary_registry", "due_dates", "iban", "phone"] },
    };
  },
};

/** b3. Telecom / internet bill: brand, "…, S.A.U." legal name, account and contract numbers, billing period, issue vs charge date. */
const telecomBill: Family = {
  name: "telecom_bill",
  make(r) {
    const brand = r.pick(["Ondanet", "Telvia", "Fibranova", "Conectia", "Movilia", "Airanet", "Netkia", "Voxa"]);
    const legalForm = r.pick([", S.A.U.", " S.A.U.", ", S.A.", " S.L.U."]);
    const legal = `${brand} ${r.pick(["Telecomunicaciones", "Comunicaciones", "Telecom España", "Networks Iberia", "Servicios Digitales"])}${legalForm}`;
    const vId = cif(r, /S\.A\./.test(legalForm) ? "A" : "B");
    const vPlace = place(r);
    const c = customerParty(r);
    const issued = issueDate(r);
    const startDay = r.pick([1, 1, 8, 15, 21]);
    const p0 = startDay === 1 ? prevMonthRange(issued)[0] : addDays({ y: issued.y, m: issued.m, d: startDay }, -31 - r.int(0, 3));
    const p1 = startDay === 1 ? prevMonthRange(issued)[1] : addDays(p0, 29);
    const charge = addDays(issued, r.int(3, 12));
    const ds: DateStyle = r.pick(["dmy_slash", "dmy_slash", "es_long", "dmy_dot", "es_mon"]);
    const ms: MoneyStyle = r.pick(["es", "es", "es_nogroup"]);
    const yy = String(issued.y).slice(2);
    const number = r.pick([`${r.pick(["MA", "BA", "VA", "SE"])}${yy}-${r.digits(9)}`, `${r.pick(["TF", "FT", "F"])}${yy}${pad(issued.m, 2)}${r.digits(7)}`, `${yy}${r.digits(10)}`, `A${issued.y}/${r.digits(8)}`]);
    const account = r.digits(r.pick([9, 10, 12]));
    const contract = `${r.pick(["C", "CT", ""])}${r.digits(8)}`;
    const line = `6${r.digits(2)} ${r.digits(3)} ${r.digits(3)}`;
    const items: [string, number][] = [[r.pick(["Fibra 1 Gb + Móvil ilimitado", "Tarifa Conecta 600 Mb", "Pack Negocio Fibra + 2 líneas", "Fibra 300 Mb + TV"]), r.int(2500, 9900)]];
    if (r.chance(0.6)) items.push([r.pick(["Línea móvil adicional", "Bono datos 20 GB", "Paquete TV Deportes", "Centralita en la nube"]), r.int(500, 2900)]);
    if (r.chance(0.5)) items.push(["Consumo fuera de tarifa", r.int(10, 1900)]);
    if (r.chance(0.3)) items.push([r.pick(["Cuota de alta", "Router wifi 6 (cuota 3/12)", "Reparto de terminal (cuota 5/24)"]), r.int(300, 2500)]);
    if (r.chance(0.5)) items.push([r.pick(["Descuento permanencia", "Promoción bienvenida", "Descuento pack"]), -r.int(200, 1500)]);
    let base = items.reduce((a, [, x]) => a + x, 0);
    if (base <= 0) {
      items.push(["Cuota de mantenimiento", 500 - base]);
      base = 500;
    }
    const f = figures([[2100, base]]);
    const s = new Sheet();
    s.put(0.04, L(0.07, brand.toLowerCase(), 26, true));
    const summaryRight = r.chance(0.6);
    const [bx, tx] = summaryRight ? [0.52, 0.915] : [0.07, 0.46];
    const [hx] = summaryRight ? [0.07] : [0.55];
    s.box(bx, 0.1, 0.41, 0.19, "#f0f0f0");
    s.put(0.108, L(bx + 0.02, r.pick(["Resumen de tu factura", "Datos de la factura", "Tu factura de " + MONTHS_ES[p1.m - 1]]), 10, true));
    const rows: [string, string][] = [
      [r.pick(["Nº de factura", "Número de factura", "Factura nº"]), number],
      [r.pick(["Fecha de emisión", "Fecha emisión", "Emitida el"]), date(issued, ds)],
      [r.pick(["Periodo de facturación", "Periodo facturado", "Periodo"]), ""],
      ["", `${r.pick(["del", "Del"])} ${date(p0, ds)} al ${date(p1, ds)}`],
      [r.pick(["Fecha de cargo", "Fecha de cargo en cuenta", "Se cargará el"]), date(charge, ds)],
      [r.pick(["Nº de cuenta", "Nº cuenta cliente", "Código de cliente"]), account],
    ];
    const order = r.chance(0.5) ? rows : [rows[5], ...rows.slice(0, 5)];
    order.forEach(([k, val], i) => s.put(0.132 + i * 0.02, ...(k ? [L(bx + 0.02, k, 8.5)] : []), ...(val ? [R(tx, val, 8.5)] : [])));
    s.put(0.265, L(bx + 0.02, r.pick(["Total a pagar", "TOTAL A PAGAR", "Importe total"]), 10.5, true), R(tx, eur(f.total, ms), 13, true));
    s.put(0.11, L(hx, r.pick(["Titular", "Datos del titular", "Cliente"]), 8.5, true));
    s.put(0.13, L(hx, c.name, 9));
    s.put(0.148, L(hx, `${c.person ? "NIF" : "CIF"}: ${printId(c.id, r)}`, 8.5));
    s.put(0.166, L(hx, c.place.street, 8.5));
    s.put(0.184, L(hx, c.place.cityLine, 8.5));
    s.put(0.21, L(hx, `${r.pick(["Nº de contrato", "Contrato", "Nº contrato"])}: ${contract}`, 8.5));
    s.put(0.228, L(hx, `${r.pick(["Línea principal", "Nº de teléfono", "Servicio"])}: ${line}`, 8.5));
    s.put(0.33, L(0.07, r.pick(["Detalle de cargos", "Conceptos facturados", "¿Qué te cobramos?"]), 11, true));
    s.rule(0.35);
    items.forEach(([d, amt], i) => s.put(0.36 + i * 0.022, L(0.09, d, 8.5), ...(i === 0 ? [G(0.55, `${date(p0, "dmy_slash")} - ${date(p1, "dmy_slash")}`, 7)] : []), R(0.91, eur(amt, ms), 8.5)));
    let y = 0.36 + items.length * 0.022 + 0.02;
    s.rule(y - 0.008, 0.5, 0.93);
    y = totalsBlock(s, y, [
      [r.pick(["Base imponible", "Total sin impuestos", "Importe antes de impuestos"]), eur(f.base, ms)],
      [r.pick([`IVA 21 %`, `IVA (21%) sobre ${money(f.base, ms)}`, "Impuestos (IVA 21%)"]), eur(f.vat, ms)],
      [r.pick(["Total factura", "TOTAL", "Total a pagar"]), eur(f.total, ms), true],
    ], 0.5, 0.91);
    s.put(y + 0.04, L(0.07, r.pick(["Consumo del periodo", "Tu consumo"]), 9, true));
    s.put(y + 0.06, L(0.07, `Datos: ${r.int(1, 90)},${r.int(0, 9)} GB   ·   Llamadas: ${r.int(0, 400)} min   ·   SMS: ${r.int(0, 30)}`, 8.5));
    s.put(y + 0.078, L(0.07, `Importe de tu factura anterior: ${eur(r.int(1500, 12000), ms)}`, 8.5));
    s.put(y + 0.1, L(0.07, `Domiciliado en ${r.pick(["ES", "ES"])}${r.digits(2)} **** **** **** **** ${r.digits(4)}   ·   Referencia de pago: ${r.digits(13)}`, 8));
    s.put(y + 0.118, L(0.07, `Atención al cliente: 1${r.digits(3)} · Empresas: 900 ${r.digits(3)} ${r.digits(3)}`, 8));
    s.put(0.93, G(0.07, `${legal} · CIF ${printId(vId, r)} · ${vPlace.street}, ${vPlace.cityLine}`));
    s.put(0.945, G(0.07, registryLine(r, vPlace.city)));
    return {
      family: this.name,
      page: s.page(r.pick(FONTS)),
      truth: { doc_type: "invoice", language: "es", vendor_name: legal, vendor_tax_id: vId, customer_tax_id: c.id, invoice_number: number, issue_date: isoOf(issued), currency: "EUR", ...truthFigures(f) },
      meta: { brand, summary_right: summaryRight, date_style: ds, num_style: ms, period: [isoOf(p0), isoOf(p1)], charge_date: isoOf(charge), distractors: ["account", "contract", "phone_line", "billing_period", "charge_date", "previous_bill", "payment_reference", "usage", "registry"] },
    };
  },
};

/** b4. Web-shop invoice: wide page, "Vendido por", order number and order date beside the invoice's own, labels sometimes bilingual or English. */
const ecommerce: Family = {
  name: "ecommerce_invoice",
  make(r) {
    const mode = r.pick(["es", "es", "mixed", "mixed", "en"] as const);
    const T = (es: string, en: string) => (mode === "es" ? es : mode === "en" ? en : r.chance(0.5) ? `${es} / ${en}` : en);
    const v = company(r, ["Electrónica", "Tienda Online", "Comercio Electrónico", "Deportes", "Hogar y Jardín", "Informática", "Libros y Papelería"], ["S.L.", "S.L.", "S.L.U.", "S.A."]);
    const platform = r.pick(["Mercashop", "Compralia", "Tiendix", "Vendelo", "Kiosko.es", ""]);
    const b2b = r.chance(0.7);
    const c = b2b ? customerParty(r) : null;
    const buyer = c ? c.name : personName(r);
    const buyerPlace = c ? c.place : place(r);
    const issued = issueDate(r);
    const ordered = addDays(issued, -r.int(0, 6));
    const shipped = addDays(ordered, r.int(0, 2));
    const ds: DateStyle = mode === "en" ? r.pick(["en_long", "dmy_slash", "iso"]) : r.pick(["dmy_slash", "es_long", "iso", "dmy_dot"]);
    const ms: MoneyStyle = mode === "en" ? r.pick(["en", "es"]) : "es";
    const yy = String(issued.y).slice(2);
    const number = r.pick([`ES${yy}-${r.pick(["A", "W", "X"])}${r.digits(6)}`, `INV-${issued.y}-${pad(r.int(1, 99999), 6)}`, `${r.pick(["WEB", "TO", "EC"])}${yy}${pad(r.int(1, 999999), 6)}`, `${issued.y}/W/${pad(r.int(1, 9999), 5)}`]);
    const orderNo = r.pick([`${r.digits(3)}-${r.digits(7)}-${r.digits(7)}`, `#${r.digits(7)}`, `PED-${r.digits(8)}`, `${r.digits(10)}`]);
    const cat: [string, number][] = [
      ["Auriculares inalámbricos BT 5.3", 2100], ["Cable USB-C 2 m", 2100], ["Funda para portátil 15,6\"", 2100], ["Ratón ergonómico", 2100], ["Disco SSD externo 1 TB", 2100], ["Lámpara de escritorio LED", 2100], ["Zapatillas running", 2100], ["Mochila 30 L", 2100],
      ["Libro: Contabilidad para autónomos", 400], ["Libro: Guía de fotografía digital", 400], ["Agenda 2026 (libro)", 400],
      ["Café en cápsulas (pack 50)", 1000], ["Aceite de oliva virgen 5 L", 1000], ["Agua mineral 24 x 50 cl", 1000],
    ];
    const items = r.shuffle(cat).slice(0, r.int(1, 5)).map(([desc, rateBp]) => {
      const qty = r.chance(0.25) ? r.int(2, 4) : 1;
      const unit = r.int(rateBp === 2100 ? 690 : 350, rateBp === 2100 ? 24900 : 4900);
      return { desc, rateBp, qty, unit, amount: qty * unit, sku: `${r.pick(["B0", "SKU-", "REF "])}${r.digits(8)}` };
    });
    const ship = r.chance(0.5) ? r.pick([299, 399, 499, 590]) : 0;
    if (ship) items.push({ desc: T("Gastos de envío", "Shipping"), rateBp: 2100, qty: 1, unit: ship, amount: ship, sku: "" });
    const byRate = new Map<number, number>();
    for (const it of items) byRate.set(it.rateBp, (byRate.get(it.rateBp) ?? 0) + it.amount);
    const f = figures([...byRate.entries()].sort((a, b) => b[0] - a[0]));
    const s = new Sheet();
    const wide = r.chance(0.6);
    s.put(0.05, L(0.05, platform || v.name, 18, true));
    s.put(0.05, R(0.95, T(b2b ? "Factura" : "Factura simplificada", b2b ? "Invoice" : "Simplified invoice"), 16, true));
    const sold = `${T("Vendido por", "Sold by")}: ${v.name}`;
    s.put(0.11, L(0.05, sold, 9, true));
    s.put(0.13, L(0.05, `${v.place.street}, ${v.place.cityLine}`, 8.5));
    s.put(0.15, L(0.05, `${T("NIF", "VAT number")}: ${r.chance(0.5) ? "ES" : ""}${v.id}`, 8.5));
    const mx = wide ? 0.62 : 0.55;
    const meta: [string, string][] = r.shuffle([
      [T("Fecha del pedido", "Order date"), date(ordered, ds)],
      [T("Número de pedido", "Order number"), orderNo],
      [T("Fecha de envío", "Shipping date"), date(shipped, ds)],
    ]);
    const invRows: [string, string][] = [[T("Número de factura", "Invoice number"), number], [T("Fecha de factura", "Invoice date"), date(issued, ds)]];
    const allMeta = r.chance(0.5) ? [...invRows, ...meta] : [...meta.slice(0, 2), ...invRows, meta[2]];
    allMeta.forEach(([k, val], i) => s.put(0.11 + i * 0.022, L(mx, k, 8.5), R(0.95, val, 8.5, k === invRows[0][0])));
    const by = 0.11 + allMeta.length * 0.022 + 0.03;
    s.put(by, L(0.05, T("Dirección de facturación", "Billing address"), 8.5, true), L(0.36, T("Dirección de envío", "Delivery address"), 8.5, true));
    s.put(by + 0.022, L(0.05, buyer, 8.5), L(0.36, buyer, 8.5));
    s.put(by + 0.042, L(0.05, buyerPlace.street, 8.5), L(0.36, buyerPlace.street, 8.5));
    s.put(by + 0.062, L(0.05, buyerPlace.cityLine, 8.5), L(0.36, buyerPlace.cityLine, 8.5));
    if (c) s.put(by + 0.082, L(0.05, `${T("NIF/CIF", "Tax ID")}: ${printId(c.id, r)}`, 8.5));
    const ty = by + 0.13;
    s.box(0.05, ty - 0.006, 0.9, 0.026, "#e8e8e8");
    const X = wide ? { desc: 0.06, sku: 0.4, qty: 0.55, unit: 0.66, rate: 0.74, net: 0.84, gross: 0.94 } : { desc: 0.06, sku: 0.36, qty: 0.52, unit: 0.63, rate: 0.71, net: 0.82, gross: 0.94 };
    s.put(ty, L(X.desc, T("Descripción", "Description"), 8, true), L(X.sku, "ASIN / SKU", 8, true), R(X.qty, T("Cant.", "Qty"), 8, true), R(X.unit, T("Precio ud. (sin IVA)", "Unit price (excl. VAT)"), 7, true), R(X.rate, T("IVA %", "VAT rate"), 8, true), R(X.net, T("Total (sin IVA)", "Total (excl. VAT)"), 7.5, true), R(X.gross, T("Total (IVA incl.)", "Total (incl. VAT)"), 7.5, true));
    let y = ty + 0.035;
    for (const it of items) {
      s.put(y, L(X.desc, it.desc.slice(0, wide ? 44 : 36), 8.5), ...(it.sku ? [L(X.sku, it.sku, 8)] : []), R(X.qty, String(it.qty), 8.5), R(X.unit, money(it.unit, ms), 8.5), R(X.rate, `${it.rateBp / 100}%`, 8.5), R(X.net, money(it.amount, ms), 8.5), R(X.gross, money(it.amount + cuota(it.amount, it.rateBp), ms), 8.5));
      y += 0.025;
    }
    y += 0.02;
    s.rule(y - 0.008, 0.55, 0.95);
    const pairs: [string, string, boolean?][] = [[T("Total sin IVA", "Total excl. VAT"), eur(f.base, ms)]];
    for (const l of f.lines) pairs.push([`${T("IVA", "VAT")} ${l.rateBp / 100}%`, eur(l.vat, ms)]);
    pairs.push([T("Total a pagar", "Total payable"), eur(f.total, ms), true]);
    const after = totalsBlock(s, y, pairs, 0.58, 0.95, 0.024);
    s.put(after + 0.03, L(0.05, `${T("Pagado con", "Paid with")} ${r.pick(["Visa", "Mastercard", "PayPal", "Bizum"])} ${r.chance(0.5) ? `**** ${r.digits(4)}` : ""} · ${T("Transacción", "Transaction")} ${r.digits(12)}`, 8));
    if (platform) s.put(0.9, G(0.05, `${T(`Este artículo ha sido vendido por ${v.name} a través de ${platform}.`, `This item was sold by ${v.name} via ${platform}.`)}`, 7.5));
    s.put(0.93, G(0.05, `${v.name} · ${registryLine(r, v.place.city)}`, 7));
    const W = wide ? 842 : 595;
    const H = wide ? 595 : 842;
    return {
      family: this.name,
      page: s.page(r.pick(FONTS), W, H),
      truth: { doc_type: b2b ? "invoice" : "simplified", language: mode === "en" ? "en" : "es", vendor_name: v.name, vendor_tax_id: v.id, customer_tax_id: c ? c.id : null, invoice_number: number, issue_date: isoOf(issued), currency: "EUR", ...truthFigures(f) },
      meta: { mode, platform, wide, b2b, date_style: ds, num_style: ms, order_date: isoOf(ordered), distractors: ["order_number", "order_date", "shipping_date", "sku", "line_gross", "transaction", "registry"] },
    };
  },
};

/** b5. Fuel station: litres × €/l, IVA 21 % included, pump number, plate; a full invoice to a company or a simplified ticket. */
const fuelStation: Family = {
  name: "fuel_station",
  make(r) {
    const trade = `${r.pick(["E.S.", "ESTACION DE SERVICIO", "AREA DE SERVICIO", "GASOLINERA"])} ${r.pick(["LOS PINOS", "EL CRUCE", "SAN ANTONIO", "LA VEGA", "KM 42", "VIRGEN DEL CARMEN", "PUERTO", "LAS ROZAS"])}`;
    const v = company(r, ["Estaciones de Servicio", "Combustibles", "Petróleos", "Carburantes", "Cooperativa Agrícola"], ["S.L.", "S.L.", "S.A.", "S. Coop."]);
    const full = r.chance(0.45);
    const c = full ? (r.chance(0.8) ? company(r, ["Transportes", "Construcciones", "Talleres", "Servicios Integrales", "Distribuciones"]) : person(r)) : null;
    const issued = issueDate(r);
    const ds: DateStyle = r.pick(["dmy_slash", "dmy_short", "dmy_dash"]);
    const ms: MoneyStyle = "es_nogroup";
    const yy = String(issued.y).slice(2);
    const seq = pad(r.int(1, 999999), 6);
    const number = full ? r.pick([`F${yy}/${seq}`, `FA-${issued.y}-${seq}`, `${r.int(1, 9)}${yy}${seq}`]) : r.pick([`T${yy}${seq}`, `${pad(r.int(1, 99), 2)}/${seq}`, `FS-${seq}`, `${r.digits(4)}${seq}`]);
    const product = r.pick(["GASOLEO A", "DIESEL E+", "SIN PLOMO 95", "SP 98", "GASOLINA 95 E5", "GASOLEO A+"]);
    const ppl = r.int(1329, 1789); // thousandths of a euro per litre (1,329 €/l); litres below are in millilitres
    const prepaid = r.chance(0.4);
    let litres: number; // millilitres
    let fuel: number;
    if (prepaid) {
      fuel = r.pick([1000, 2000, 3000, 4000, 5000, 6000]);
      litres = Math.floor((fuel * 10_000) / ppl);
    } else {
      litres = r.int(8000, 80000);
      fuel = Math.round((litres * ppl) / 10_000);
    }
    const items: { desc: string; rateBp: number; gross: number; fuel?: boolean }[] = [{ desc: product, rateBp: 2100, gross: fuel, fuel: true }];
    if (r.chance(0.3)) items.push({ desc: r.pick(["LAVADO PROGRAMA 2", "ADBLUE 10L", "ACEITE 5W30 1L", "LIMPIAPARABRISAS 5L"]), rateBp: 2100, gross: r.int(300, 1900) });
    if (r.chance(0.25)) items.push({ desc: r.pick(["AGUA 1,5L", "CAFE SOLO", "BOCADILLO", "SANDWICH MIXTO"]), rateBp: 1000, gross: r.int(90, 450) });
    const disc = r.chance(0.2) ? -Math.round(litres / 1000) * r.pick([3, 5]) : 0;
    if (disc) items.push({ desc: `DTO. ${r.pick(["CLUB", "FIDELIZACION", "FLOTA"])}`, rateBp: 2100, gross: disc });
    const f = figures(grossBases(items, (it) => !it.fuel && it.gross > 0));
    const pump = r.int(1, 12);
    const roll = new Roll(full && r.chance(0.5) ? 300 : 226);
    roll.at(rc(trade, 9.5, true));
    roll.at(rc(v.name.toUpperCase(), 7.5));
    roll.at(rc(`${r.pick(["C.I.F.", "CIF", "N.I.F."])}: ${printId(v.id, r)}`, 7.5));
    roll.at(rc(`${v.place.street} - ${v.place.cityLine}`.toUpperCase(), 6.5));
    roll.gap();
    roll.at(rc(full ? r.pick(["FACTURA", "FACTURA COMPLETA", "FACTURA"]) : r.pick(["FACTURA SIMPLIFICADA", "TICKET", "TICKET - FRA. SIMPLIFICADA"]), 8.5, true));
    roll.at(rl(`${full ? r.pick(["Factura nº", "Nº Factura", "FRA. Nº"]) : r.pick(["Ticket nº", "Nº Ticket", "Nº"])}: ${number}`));
    roll.at(rl(`${r.pick(["Fecha", "FECHA"])}: ${date(issued, ds)}`), rr(`${r.pick(["Hora", "HORA"])}: ${hhmm(r)}`));
    roll.at(rl(`${r.pick(["Surtidor", "Surt.", "Bomba", "Manguera"])}: ${pad(pump, 2)}`), rr(`${r.pick(["Terminal", "TPV", "Caja"])}: ${r.int(1, 4)}`));
    if (full) {
      roll.gap();
      roll.at(rl(r.pick(["CLIENTE:", "DATOS CLIENTE:", "Cliente:"])));
      roll.at(rl(c!.name.toUpperCase().slice(0, 38)));
      roll.at(rl(`${c!.person ? "NIF" : "CIF"}: ${printId(c!.id, r)}`));
      roll.at(rl(c!.place.cityLine.toUpperCase()));
      roll.at(rl(`${r.pick(["Matrícula", "MATRICULA", "Vehículo"])}: ${plate(r)}`), rr(r.chance(0.6) ? `Km: ${r.int(5000, 420000)}` : ""));
    } else if (r.chance(0.5)) roll.at(rl(`${r.pick(["Matrícula", "MATRICULA"])}: ${plate(r)}`));
    roll.gap();
    roll.at(rl("PRODUCTO"), rr("LITROS", 0.52), rr("€/L", 0.72), rr("IMPORTE"));
    for (const it of items) {
      if (it.fuel) roll.at(rl(it.desc), rr(kg(litres).replace(/(\d),(\d{2})\d$/, "$1,$2"), 0.52), rr(`${Math.floor(ppl / 1000)},${pad(ppl % 1000, 3)}`, 0.72), rr(money(it.gross, ms)));
      else roll.at(rl(it.desc), rr(money(it.gross, ms)));
    }
    roll.gap();
    roll.at([0.05, "TOTAL", 10, { bold: true }], rr(`${money(f.total, ms)} €`, 0.95, true, 10));
    const oneLine = f.lines.length === 1 && r.chance(0.5);
    if (oneLine) roll.at(rl(`${r.pick(["IVA 21% incluido", "I.V.A. 21% INCLUIDO", "IVA incluido (21 %)"])}: ${money(f.vat, ms)}`));
    else {
      roll.at(rl(r.pick(["Base", "B.Imponible", "BASE"])), rr("%IVA", 0.55), rr("Cuota", 0.75), rr("Total"));
      for (const l of f.lines) roll.at(rl(money(l.base, ms)), rr(`${l.rateBp / 100}%`, 0.55), rr(money(l.vat, ms), 0.75), rr(money(l.base + l.vat, ms)));
    }
    roll.gap();
    const card = r.chance(0.8);
    if (card) for (const t of cardBlock(r, f.total, ms)) roll.at(rl(t, 0.05, 7));
    else roll.at(rl("EFECTIVO"), rr(money(Math.ceil(f.total / 1000) * 1000, ms)));
    if (r.chance(0.4)) roll.at(rl(`${r.pick(["PUNTOS ACUMULADOS", "Saldo club"])}: ${r.int(20, 3000)}`, 0.05, 7));
    roll.at(rc(r.pick(["GRACIAS Y BUEN VIAJE", "GRACIAS POR SU VISITA", "CONSERVE ESTE TICKET"]), 7));
    return {
      family: this.name,
      page: roll.page(r.pick(MONO)),
      truth: { doc_type: full ? "invoice" : "simplified", language: "es", vendor_name: v.name, vendor_tax_id: v.id, customer_tax_id: c ? c.id : null, invoice_number: number, issue_date: isoOf(issued), currency: "EUR", ...truthFigures(f) },
      meta: { trade_name: trade, full, product, prepaid, litres: litres / 1000, price_per_litre: ppl / 1000, pump, vat_one_line: oneLine, date_style: ds, distractors: ["time", "pump", "terminal", "litres", "price_per_litre", card ? "card_slip" : "cash", full ? "plate" : "none", "points"] },
    };
  },
};

/** b6. Car workshop invoice: vehicle block (plate, km, OR nº, VIN), parts with line discounts, labour hours, base after discount. */
const workshop: Family = {
  name: "workshop_invoice",
  make(r) {
    const v = r.chance(0.25) ? person(r) : company(r, ["Talleres", "Automoción", "Electromecánica", "Neumáticos", "Chapa y Pintura", "Servicio Oficial"]);
    const trade = v.person ? `Taller ${r.pick(["Mecánico", "Electromecánico", "de Automóviles"])} ${r.pick(SURNAMES)}` : "";
    const c = r.chance(0.6) ? person(r) : company(r, CUSTOMER_SECTORS);
    const issued = issueDate(r);
    const entry = addDays(issued, -r.int(0, 6));
    const ds: DateStyle = r.pick(["dmy_slash", "dmy_slash", "dmy_dash", "dmy_dot"]);
    const ms: MoneyStyle = r.pick(["es", "es", "es_nogroup"]);
    const yy = String(issued.y).slice(2);
    const number = r.pick([`T${yy}/${pad(r.int(1, 9999), 4)}`, `${issued.y}-${pad(r.int(1, 2999), 5)}`, `FT ${pad(r.int(1, 99999), 6)}`, `A${yy}-${pad(r.int(1, 999), 4)}`]);
    const orNo = r.digits(r.pick([4, 5, 6]));
    const car = r.pick(["SEAT LEON 1.6 TDI", "RENAULT CLIO 1.5 DCI", "VOLKSWAGEN GOLF 2.0 TDI", "TOYOTA COROLLA HYBRID", "PEUGEOT 308 1.2 PURETECH", "FORD TRANSIT CUSTOM", "CITROËN BERLINGO", "DACIA SANDERO"]);
    const parts: [string, number, number][] = [["Filtro de aceite", 600, 1900], ["Aceite 5W30 (litros)", 700, 1400], ["Filtro de aire", 900, 2800], ["Filtro de habitáculo", 900, 2600], ["Pastillas de freno del.", 2900, 8900], ["Discos de freno del. (par)", 5900, 14900], ["Batería 70Ah", 8900, 15900], ["Escobillas limpiaparabrisas", 1200, 3500], ["Neumático 205/55 R16", 5900, 11900], ["Kit distribución", 12900, 29900], ["Bujías (juego)", 2400, 6800], ["Amortiguador trasero", 4500, 11000]];
    const lineDisc = r.chance(0.5);
    const globalDisc = !lineDisc && r.chance(0.5) ? r.pick([5, 10, 15]) : 0;
    const rows = r.shuffle(parts).slice(0, r.int(2, 6)).map(([desc, lo, hi]) => {
      const qty = desc.includes("litros") ? r.int(4, 6) : desc.includes("Neum") ? r.pick([2, 4]) : 1;
      const unit = r.int(lo, hi);
      const dto = lineDisc && r.chance(0.6) ? r.pick([5, 10, 15, 20]) : 0;
      return { ref: `${r.pick(["", "R", "P"])}${r.digits(r.pick([6, 8]))}`, desc, qty: qty * 100, unit, dto, amount: Math.round((qty * unit * (100 - dto)) / 100) };
    });
    const hourly = r.pick([3800, 4200, 4500, 4850, 5200, 5500]);
    const hours = r.int(3, 40) * 25; // hundredths of an hour, quarter-hour steps
    const labour = { ref: "MO", desc: r.pick(["Mano de obra", "Mano de obra mecánica", "M.O. oficial 1ª"]), qty: hours, unit: hourly, dto: 0, amount: Math.round((hours * hourly) / 100) };
    const extra = r.chance(0.5) ? [{ ref: "", desc: r.pick(["Gestión de residuos", "Tasa medioambiental", "Material de taller"]), qty: 100, unit: r.int(250, 900), dto: 0, amount: 0 }] : [];
    for (const x of extra) x.amount = x.unit;
    const all = [...rows, labour, ...extra];
    const gross = all.reduce((a, x) => a + Math.round((x.qty * x.unit) / 100), 0);
    const afterLines = all.reduce((a, x) => a + x.amount, 0);
    const partsSum = rows.reduce((a, x) => a + x.amount, 0);
    const gDisc = globalDisc ? Math.round((partsSum * globalDisc) / 100) : 0;
    const f = figures([[2100, afterLines - gDisc]]);
    const s = new Sheet();
    if (trade) {
      s.put(0.04, L(0.07, trade, 16, true));
      s.put(0.065, L(0.07, `${v.name} · NIF ${printId(v.id, r)}`, 8.5));
    } else {
      s.put(0.04, L(0.07, v.name, 15, true));
      s.put(0.065, L(0.07, `CIF ${printId(v.id, r)}`, 8.5));
    }
    s.put(0.082, L(0.07, `${v.place.street} · ${v.place.cityLine} · Tel. ${phone(r)}`, 8));
    s.put(0.099, G(0.07, `Taller inscrito en el Registro Industrial nº ${r.pick(["46", "28", "08", "41"])}/${r.digits(5)}`, 7));
    s.put(0.04, R(0.93, r.pick(["FACTURA", "FACTURA DE REPARACIÓN", "Factura"]), 14, true));
    s.put(0.07, R(0.93, `${r.pick(["Nº", "Factura nº", "Número"])}: ${number}`, 9.5, true));
    s.put(0.088, R(0.93, `${r.pick(["Fecha", "Fecha factura"])}: ${date(issued, ds)}`, 9));
    s.box(0.07, 0.125, 0.42, 0.1);
    s.put(0.13, L(0.085, r.pick(["Cliente", "Propietario / Cliente"]), 8, true));
    s.put(0.148, L(0.085, c.name, 9));
    s.put(0.166, L(0.085, `${c.person ? "NIF" : "CIF"}: ${printId(c.id, r)}`, 8.5));
    s.put(0.184, L(0.085, c.place.street, 8.5));
    s.put(0.202, L(0.085, c.place.cityLine, 8.5));
    s.box(0.51, 0.125, 0.42, 0.1);
    const veh: [string, string][] = r.shuffle([
      [r.pick(["Matrícula", "Matric."]), plate(r)],
      [r.pick(["Km", "Kilómetros", "Km actuales"]), `${r.int(8, 380)}.${r.digits(3)}`],
      [r.pick(["OR nº", "Orden de reparación", "O.R."]), orNo],
      ["Bastidor", `VF${r.digits(3)}${r.pick(["ZZZ", "ABC", "KLM"])}${r.digits(9)}`],
      [r.pick(["Fecha entrada", "Entrada"]), date(entry, ds)],
    ]);
    s.put(0.13, L(0.525, `${r.pick(["Vehículo", "Marca/Modelo"])}: ${car}`, 8.5, true));
    veh.forEach(([k, val], i) => s.put(0.148 + (i >> 1) * 0.018, L(i % 2 ? 0.7 : 0.525, `${k}: ${val}`, 7.5)));
    const ty = 0.26;
    s.box(0.07, ty - 0.006, 0.86, 0.024, "#e4e4e4");
    s.put(ty, L(0.08, "Ref.", 8, true), L(0.2, "Descripción", 8, true), R(0.58, "Cant.", 8, true), R(0.68, "Precio", 8, true), R(0.77, r.pick(["Dto.", "% Dto", "Dto %"]), 8, true), R(0.92, "Importe", 8, true));
    let y = ty + 0.032;
    for (const x of all) {
      const q = x === labour ? `${money(x.qty, "es_nogroup")} h` : String(x.qty / 100);
      s.put(y, ...(x.ref ? [L(0.08, x.ref, 8.5)] : []), L(0.2, x.desc, 8.5), R(0.58, q, 8.5), R(0.68, money(x.unit, ms), 8.5), R(0.77, x.dto ? `${x.dto} %` : "", 8.5), R(0.92, money(x.amount, ms), 8.5));
      y += 0.022;
    }
    y += 0.03;
    s.rule(y - 0.01, 0.5, 0.93);
    const pairs: [string, string, boolean?][] = [];
    if (r.chance(0.5)) pairs.push([r.pick(["Total recambios", "Recambios"]), eur(partsSum, ms)], [r.pick(["Total mano de obra", "Mano de obra"]), eur(labour.amount, ms)]);
    if (lineDisc && afterLines !== gross) pairs.push([r.pick(["Importe bruto", "Suma bruta"]), eur(gross, ms)], [r.pick(["Descuentos", "Dto. aplicado"]), eur(afterLines - gross, ms)]);
    if (globalDisc) pairs.push([r.pick(["Suma", "Importe bruto"]), eur(afterLines, ms)], [`Dto. ${globalDisc} % s/ recambios`, eur(-gDisc, ms)]);
    pairs.push([r.pick(["Base imponible", "BASE IMPONIBLE", "Base imp."]), eur(f.base, ms)], [r.pick(["IVA 21 %", "I.V.A. 21%", "Cuota IVA (21 %)"]), eur(f.vat, ms)], [r.pick(["TOTAL FACTURA", "TOTAL", "Total a pagar"]), eur(f.total, ms), true]);
    const after = totalsBlock(s, y, pairs, 0.5, 0.92);
    s.put(after + 0.04, L(0.07, `Garantía de la reparación: ${r.pick(["3 meses o 2.000 km", "12 meses", "3 meses"])} (RD 1457/1986). Próxima revisión a los ${r.int(10, 30)}.000 km.`, 7.5));
    s.put(after + 0.06, L(0.07, `${r.pick(["Forma de pago", "Pago"])}: ${r.pick(["Tarjeta", "Efectivo", "Transferencia", "Bizum"])}`, 8));
    s.put(0.92, G(0.07, "El cliente declara haber recibido el vehículo a su entera satisfacción. Piezas sustituidas a disposición del cliente.", 7));
    return {
      family: this.name,
      page: s.page(r.pick(FONTS)),
      truth: { doc_type: "invoice", language: "es", vendor_name: v.name, vendor_tax_id: v.id, customer_tax_id: c.id, invoice_number: number, issue_date: isoOf(issued), currency: "EUR", ...truthFigures(f) },
      meta: { trade_name: trade || null, line_discounts: lineDisc, global_discount: globalDisc, date_style: ds, num_style: ms, gross: e(gross), distractors: ["plate", "km", "repair_order", "vin", "entry_date", "hours", "gross_before_discount", "registry", "phone"] },
    };
  },
};

/** b7. Exempt service invoice (health, education, training) from a professional: IVA exento citing art. 20.Uno LIVA, IRPF on some. */
const exemptServices: Family = {
  name: "exempt_services",
  make(r) {
    const kind = r.pick(["fisio", "psico", "dental", "clases", "formacion"] as const);
    const prof: Record<typeof kind, [title: string, art: string, items: string[], lo: number, hi: number]> = {
      fisio: ["Fisioterapeuta", "3º", ["Sesión de fisioterapia", "Punción seca", "Terapia manual", "Valoración inicial", "Drenaje linfático"], 3000, 6000],
      psico: ["Psicóloga General Sanitaria", "3º", ["Sesión de psicoterapia individual", "Evaluación psicológica", "Sesión de terapia de pareja", "Informe psicológico"], 4500, 9000],
      dental: ["Odontólogo", "5º", ["Limpieza bucal", "Empaste composite", "Endodoncia unirradicular", "Revisión y radiografía"], 3500, 22000],
      clases: ["Profesora particular", "10º", ["Clases particulares de matemáticas", "Clases de inglés (nivel B2)", "Preparación de selectividad", "Clases de piano"], 1500, 3500],
      formacion: ["Formador", "9º", ["Curso de prevención de riesgos laborales", "Formación en Excel avanzado", "Curso de manipulador de alimentos", "Taller de atención al cliente"], 15000, 90000],
    };
    const [title, art, names, lo, hi] = prof[kind];
    const v = person(r);
    const center = r.chance(0.5) ? `${kind === "fisio" ? "Clínica de Fisioterapia" : kind === "psico" ? "Centro de Psicología" : kind === "dental" ? "Clínica Dental" : kind === "clases" ? "Academia" : "Formación"} ${r.pick(["Alameda", "Sol", "Integral", "Avanza", "Norte", "Horizonte"])}` : "";
    const c = kind === "formacion" || r.chance(0.25) ? company(r, kind === "formacion" ? CUSTOMER_SECTORS : ["Mutua", "Seguros", "Servicios Médicos", "Colegio"]) : person(r);
    const irpfBp = c.person ? 0 : r.pick([1500, 1500, 700]);
    const issued = issueDate(r);
    const ds: DateStyle = r.pick(["dmy_slash", "es_long", "dmy_dash", "dmy_slash"]);
    const ms: MoneyStyle = r.pick(["es", "es", "es_nogroup"]);
    const yy = String(issued.y).slice(2);
    const number = r.pick([`${issued.y}/${pad(r.int(1, 400), 3)}`, `${r.pick(["F", "FC", "FA"])}${yy}-${pad(r.int(1, 999), 4)}`, `${pad(r.int(1, 400), 4)}/${yy}`, `${issued.y}-${pad(r.int(1, 400), 4)}`]);
    const sessions = kind === "formacion" ? [] : Array.from({ length: r.int(1, 6) }, () => addDays(issued, -r.int(1, 30))).sort((a, b) => isoOf(a).localeCompare(isoOf(b)));
    const unit = Math.round(r.int(lo, hi) / 500) * 500;
    const rows: { desc: string; qty: number; unit: number; amount: number; when?: Ymd }[] = [];
    if (kind === "formacion") {
      const hours = r.int(4, 40);
      const hourly = r.pick([4000, 5000, 6000, 7500]);
      rows.push({ desc: `${r.pick(names)} (${hours} h)`, qty: hours, unit: hourly, amount: hours * hourly });
      if (r.chance(0.4)) rows.push({ desc: "Material didáctico", qty: 1, unit: r.int(20, 90) * 100, amount: 0 });
    } else {
      const what = r.pick(names);
      for (const d of sessions) rows.push({ desc: what, qty: 1, unit, amount: unit, when: d });
      if (r.chance(0.3)) rows.push({ desc: r.pick(names.filter((n) => n !== what)), qty: 1, unit: unit + 1000, amount: unit + 1000, when: sessions[sessions.length - 1] });
    }
    for (const x of rows) if (!x.amount) x.amount = x.qty * x.unit;
    const base = rows.reduce((a, x) => a + x.amount, 0);
    const f = figures([[0, base]], irpfBp);
    const s = new Sheet();
    const top = center || v.name;
    s.put(0.045, L(0.07, top, 15, true));
    s.put(0.068, L(0.07, center ? `${v.name} · ${title}` : title, 9));
    if (kind !== "clases" && kind !== "formacion") s.put(0.085, L(0.07, `Nº Colegiado: ${r.pick(["", "28", "46", "08"])}${r.digits(4)}`, 8));
    s.put(0.102, L(0.07, `${r.pick(["NIF", "N.I.F.", "DNI"])}: ${printId(v.id, r)}`, 8.5));
    s.put(0.119, L(0.07, `${v.place.street}, ${v.place.cityLine}`, 8));
    s.put(0.136, L(0.07, `${phone(r)} · ${emailOf(v.name)}`, 8));
    if (kind === "fisio" || kind === "dental" || kind === "psico") s.put(0.153, G(0.07, `Centro sanitario autorizado ${r.pick(["CS", "C.", "Nº"])}${r.digits(5)}`, 7));
    s.put(0.045, R(0.93, "FACTURA", 16, true));
    const numFirst = r.chance(0.5);
    const numLine = `${r.pick(["Nº factura", "Factura nº", "Número"])}: ${number}`;
    const dateLine = `${r.pick(["Fecha", "Fecha de expedición", "Fecha factura"])}: ${date(issued, ds)}`;
    (numFirst ? [numLine, dateLine] : [dateLine, numLine]).forEach((t, i) => s.put(0.075 + i * 0.02, R(0.93, t, 9, t === numLine)));
    s.put(0.2, L(0.07, r.pick(["Datos del cliente", "Paciente / Cliente", "Facturar a", kind === "clases" ? "Alumno/a" : "Cliente"]), 8.5, true));
    s.put(0.22, L(0.07, c.name, 9.5));
    s.put(0.238, L(0.07, `${c.person ? "NIF" : "CIF"}: ${printId(c.id, r)}`, 8.5));
    s.put(0.256, L(0.07, `${c.place.street}, ${c.place.cityLine}`, 8.5));
    if (c.person && kind !== "clases") s.put(0.274, L(0.07, `Nº historia: ${r.digits(5)}`, 8));
    if (kind === "clases") s.put(0.274, L(0.07, `Curso ${issued.y - (issued.m < 9 ? 1 : 0)}/${issued.y + (issued.m < 9 ? 0 : 1)}`, 8));
    const ty = 0.32;
    s.rule(ty + 0.018);
    s.put(ty, L(0.07, "Fecha", 8.5, true), L(0.2, "Concepto", 8.5, true), R(0.66, "Uds.", 8.5, true), R(0.78, "Precio", 8.5, true), R(0.92, "Importe", 8.5, true));
    let y = ty + 0.03;
    for (const x of rows) {
      s.put(y, ...(x.when ? [L(0.07, date(x.when, "dmy_slash"), 8.5)] : []), L(0.2, x.desc, 8.5), R(0.66, String(x.qty), 8.5), R(0.78, money(x.unit, ms), 8.5), R(0.92, money(x.amount, ms), 8.5));
      y += 0.021;
    }
    y += 0.03;
    s.rule(y - 0.01, 0.5, 0.93);
    const artText = r.pick([`Operación exenta de IVA según el art. 20.Uno.${art} de la Ley 37/1992 del IVA.`, `Exento de IVA (art. 20.Uno.${art} LIVA).`, `IVA: exento en virtud del artículo 20.1.${art.replace("º", "")} de la Ley 37/1992.`]);
    const pairs: [string, string, boolean?][] = [[r.pick(["Base imponible", "Subtotal", "Total servicios"]), eur(f.base, ms)], [r.pick(["IVA (exento)", "IVA 0 %", "IVA exento"]), eur(0, ms)]];
    if (irpfBp) pairs.push([`${r.pick(["Retención IRPF", "IRPF", "Retención a cuenta IRPF"])} ${irpfBp / 100} %`, eur(-f.irpf, ms)]);
    pairs.push([r.pick(["TOTAL", "Total factura", irpfBp ? "Total a percibir" : "Total a pagar"]), eur(f.total, ms), true]);
    const after = totalsBlock(s, y, pairs, 0.5, 0.92);
    s.put(after + 0.035, L(0.07, artText, 8));
    s.put(after + 0.055, L(0.07, `${r.pick(["Forma de pago", "Pago"])}: ${r.pick(["Transferencia a " + iban(r), "Tarjeta", "Efectivo", "Bizum " + phone(r)])}`, 8));
    s.put(0.92, G(0.07, "Sus datos se tratan conforme al Reglamento (UE) 2016/679 para la gestión de la relación profesional.", 7));
    return {
      family: this.name,
      page: s.page(r.pick(FONTS)),
      truth: { doc_type: "invoice", language: "es", vendor_name: v.name, vendor_tax_id: v.id, customer_tax_id: c.id, invoice_number: number, issue_date: isoOf(issued), currency: "EUR", ...truthFigures(f) },
      meta: { kind, center: center || null, irpf: irpfBp > 0, exemption: `art. 20.Uno.${art} LIVA`, date_style: ds, num_style: ms, distractors: ["session_dates", "collegiate_number", "record_number", "health_registry", "phone", kind === "clases" ? "school_year" : "none"] },
    };
  },
};

/** b8. ERP invoice with a boxed header grid (labels over values) and a boxed totals grid per rate; a logo-size vendor name; recargo for retailers. */
const headerGrid: Family = {
  name: "header_grid",
  make(r) {
    const v = company(r, ["Muebles", "Cerámicas", "Textil", "Ferretería Industrial", "Papelería Mayorista", "Material Eléctrico", "Droguería", "Juguetería"]);
    const retailer = r.chance(0.3);
    const c = retailer ? person(r) : customerParty(r);
    const issued = issueDate(r);
    const ds: DateStyle = r.pick(["dmy_slash", "dmy_slash", "dmy_dash", "dmy_short", "dmy_dot"]);
    const ms: MoneyStyle = r.pick(["es", "es", "es_nogroup"]);
    const yy = String(issued.y).slice(2);
    const number = r.pick([`${yy}/${pad(r.int(1, 99999), 5)}`, `FV-${pad(r.int(1, 99999), 6)}`, `${issued.y}${pad(r.int(1, 9999), 4)}`, `A ${pad(r.int(1, 9999), 5)}`]);
    const dtoPct = r.pick([0, 0, 2, 3, 5]);
    const twoRates = r.chance(0.3);
    const names = ["Silla tapizada gris", "Mesa auxiliar roble", "Azulejo 20x20 (m2)", "Cable H07V-K 2,5 mm (rollo)", "Bombilla LED E27 10W", "Toalla algodón 500 g", "Archivador A4 lomo ancho", "Estantería metálica 5 baldas", "Lejía 5 L", "Puzzle 1000 piezas"];
    const rates = twoRates ? [2100, r.pick([1000, 400])] : [2100];
    const rows: { code: string; desc: string; qty: number; unit: number; amount: number; rateBp: number }[] = [];
    for (const rateBp of rates)
      for (const desc of r.shuffle(rateBp === 2100 ? names : rateBp === 1000 ? ["Agua mineral 1,5 L (pack 6)", "Galletas surtidas 1 kg", "Café molido 1 kg"] : ["Libro de recetas", "Cuaderno de actividades (libro)", "Pan tostado"]).slice(0, r.int(1, 5))) {
        const qty = r.int(1, 40);
        const unit = r.int(95, 18900);
        rows.push({ code: `${r.pick(["", "A", "0"])}${r.digits(5)}`, desc, qty, unit, amount: qty * unit, rateBp });
      }
    const reBp: Record<number, number> = { 2100: 520, 1000: 140, 400: 50 };
    const perRate = rates.map((rateBp) => {
      const bruto = rows.filter((x) => x.rateBp === rateBp).reduce((a, x) => a + x.amount, 0);
      const dto = Math.round((bruto * dtoPct) / 100);
      return { rateBp, bruto, dto, base: bruto - dto };
    });
    const f = figures(perRate.map((p) => [p.rateBp, p.base]));
    const re = retailer ? perRate.map((p) => cuota(p.base, reBp[p.rateBp])) : [];
    const reTotal = re.reduce((a, x) => a + x, 0);
    const total = f.total + reTotal;
    const s = new Sheet();
    const big = r.chance(0.5) ? v.name.toUpperCase() : v.name;
    s.put(0.04, L(0.07, big, big.length > 34 ? 15 : big.length > 26 ? 18 : 22, true));
    s.put(0.075, L(0.07, `${v.place.street} · ${v.place.cityLine}`, 8));
    s.put(0.09, L(0.07, `Tel. ${phone(r)} · ${r.pick(["C.I.F.", "CIF", "NIF"])} ${printId(v.id, r)}`, 8));
    s.box(0.55, 0.11, 0.38, 0.1);
    s.put(0.115, L(0.565, c.name, 9, true));
    s.put(0.133, L(0.565, c.place.street, 8.5));
    s.put(0.151, L(0.565, c.place.cityLine, 8.5));
    s.put(0.169, L(0.565, `${c.person ? "N.I.F." : "C.I.F."}: ${printId(c.id, r)}`, 8.5));
    const custCode = r.digits(r.pick([4, 5, 6]));
    const cells: [string, string][] = [
      [r.pick(["FACTURA Nº", "Nº FACTURA", "NÚMERO"]), number],
      [r.pick(["FECHA", "FECHA FACTURA"]), date(issued, ds)],
      [r.pick(["CÓD. CLIENTE", "CLIENTE", "Nº CLIENTE"]), custCode],
      [r.pick(["PÁGINA", "PÁG.", "HOJA"]), r.pick(["1", "1 de 1", "1/1"])],
    ];
    if (r.chance(0.5)) cells.push([r.pick(["AGENTE", "COMERCIAL", "VENDEDOR"]), pad(r.int(1, 40), 3)]);
    if (r.chance(0.5)) cells.push([r.pick(["N.I.F.", "C.I.F. CLIENTE"]), printId(c.id, r)]);
    const ordered = r.chance(0.5) ? cells : [cells[1], cells[0], ...cells.slice(2)];
    const gy = 0.235;
    const w = 0.86 / ordered.length;
    ordered.forEach(([k, val], i) => {
      s.box(0.07 + i * w, gy, w, 0.045);
      s.put(gy + 0.004, G(0.075 + i * w, k, 7));
      s.put(gy + 0.022, L(0.075 + i * w, val, 9, i === ordered.indexOf(cells[0])));
    });
    s.put(0.295, L(0.07, `${r.pick(["Forma de pago", "F. PAGO"])}: ${r.pick(["Giro 30/60 días", "Recibo 30 días", "Contado", "Transferencia 30 d"])}   ·   ${r.pick(["S/Pedido", "Su ref."])}: ${r.digits(6)}   ·   ${r.pick(["Albarán", "Alb."])}: ${pad(r.int(1, 99999), 6)}`, 8));
    const ty = 0.325;
    s.box(0.07, ty - 0.006, 0.86, 0.024, "#dcdcdc");
    s.put(ty, L(0.08, r.pick(["CÓDIGO", "ARTÍCULO", "REF."]), 8, true), L(0.19, "DESCRIPCIÓN", 8, true), R(0.6, r.pick(["CANT.", "UDS.", "CANTIDAD"]), 8, true), R(0.72, "PRECIO", 8, true), R(0.8, "% IVA", 8, true), R(0.92, "IMPORTE", 8, true));
    let y = ty + 0.032;
    for (const x of rows) {
      s.put(y, L(0.08, x.code, 8.5), L(0.19, x.desc, 8.5), R(0.6, money(x.qty * 100, "es_nogroup"), 8.5), R(0.72, money(x.unit, ms), 8.5), R(0.8, `${x.rateBp / 100}`, 8.5), R(0.92, money(x.amount, ms), 8.5));
      y += 0.021;
    }
    // the totals grid: one row per rate, the invoice total in its own cell
    const head: string[] = [r.pick(["IMPORTE BRUTO", "IMPORTE", "BRUTO"]), r.pick(["% DTO", "DTO %"]), r.pick(["DTO", "IMP. DTO", "DESCUENTO"]), retailer ? "BASE IMP." : "BASE IMPONIBLE", "% IVA", r.pick(["CUOTA IVA", "IMP. IVA", "I.V.A."])];
    if (retailer) head.push("% R.E.", r.pick(["CUOTA R.E.", "RECARGO"]));
    const gx = Array.from({ length: head.length }, (_, i) => 0.07 + (i * 0.6) / head.length);
    const cw = 0.6 / head.length;
    const ty2 = Math.max(y + 0.04, 0.7);
    head.forEach((h, i) => {
      s.box(gx[i], ty2, cw, 0.02 + 0.02 * perRate.length + 0.01);
      s.put(ty2 + 0.004, G(gx[i] + 0.004, h, 6.5));
    });
    perRate.forEach((p, j) => {
      const vals = [money(p.bruto, ms), dtoPct ? money(dtoPct * 100, "es_nogroup") : "", p.dto ? money(p.dto, ms) : "", money(p.base, ms), money(p.rateBp, "es_nogroup"), money(f.lines[j].vat, ms)];
      if (retailer) vals.push(money(reBp[p.rateBp], "es_nogroup"), money(re[j], ms));
      vals.forEach((t, i) => {
        if (t) s.put(ty2 + 0.024 + j * 0.02, R(gx[i] + cw - 0.006, t, 8.5));
      });
    });
    s.box(0.7, ty2, 0.23, 0.05, "#eeeeee");
    s.put(ty2 + 0.004, G(0.71, r.pick(["TOTAL FACTURA", "TOTAL (EUR)", "TOTAL A PAGAR"]), 7));
    s.put(ty2 + 0.024, R(0.92, eur(total, ms), 12, true));
    s.put(ty2 + 0.1, L(0.07, `${r.pick(["Vencimiento", "Vto."])}: ${date(addDays(issued, r.pick([30, 60])), ds)}   ·   IBAN ${iban(r)}`, 8));
    if (retailer) s.put(ty2 + 0.118, L(0.07, "Cliente acogido al régimen especial del recargo de equivalencia.", 8));
    s.put(0.93, G(0.07, `${v.name} · ${registryLine(r, v.place.city)}`, 7));
    const base = truthFigures(f);
    return {
      family: this.name,
      page: s.page(r.pick(FONTS)),
      truth: { doc_type: "invoice", language: "es", vendor_name: v.name, vendor_tax_id: v.id, customer_tax_id: c.id, invoice_number: number, issue_date: isoOf(issued), currency: "EUR", ...base, recargo_equivalencia: e(reTotal), total: e(total) },
      meta: { big_name: big, grid_cells: ordered.map(([k]) => k), discount_pct: dtoPct, recargo: retailer, date_style: ds, num_style: ms, distractors: ["customer_code", "page", "agent", "order", "delivery_note", "due_date", "iban", "registry", "gross_before_discount"] },
    };
  },
};

export const FAMILIES_B: Family[] = [supermarketTicket, wholesaler, telecomBill, ecommerce, fuelStation, workshop, exemptServices, headerGrid];

// ───────────────────────────── families, set c ─────────────────────────────
// A third set (`--families c`): an invoice in Catalan, a restaurant bill (tip outside the invoice), a taxi or VTC
// receipt, an electricity bill with the electricity tax and meter rental inside the IVA base, an invoice with an
// advance deducted after its total, a long invoice with "Suma y sigue" / "Suma anterior" rows, a minimal bilingual
// freelancer invoice with unlabelled party blocks, and a retailer's credit note for a returned item.

const MONTHS_CA = ["gener", "febrer", "març", "abril", "maig", "juny", "juliol", "agost", "setembre", "octubre", "novembre", "desembre"];
/** A date as Catalan documents print it: `12 de març de 2025`, `3 d'abril de 2025`, or numeric. */
function dateCa(t: Ymd, style: "long" | "slash" | "dot" | "dash"): string {
  if (style === "slash") return date(t, "dmy_slash");
  if (style === "dot") return date(t, "dmy_dot");
  if (style === "dash") return date(t, "dmy_dash");
  const m = MONTHS_CA[t.m - 1];
  return `${t.d} ${/^[aeiou]/.test(m) ? "d'" : "de "}${m} de ${t.y}`;
}
/** An address in Catalonia, street names in Catalan. */
function placeCa(r: Rng): Place {
  const [city, cp, province] = r.pick([["Barcelona", 8001, "Barcelona"], ["Girona", 17001, "Girona"], ["Lleida", 25001, "Lleida"], ["Tarragona", 43001, "Tarragona"], ["Sabadell", 8201, "Barcelona"], ["Reus", 43201, "Tarragona"], ["Manresa", 8241, "Barcelona"], ["Vic", 8500, "Barcelona"], ["Mataró", 8301, "Barcelona"], ["Figueres", 17600, "Girona"]] as const);
  const street = `${r.pick(["Carrer Major", "C/ de Sant Pere", "Passeig de Gràcia", "Rambla Nova", "Av. Diagonal", "Carrer del Mar", "Ronda de la Universitat", "Plaça de la Vila", "C/ de la Indústria", "Carrer de Balmes"])}, ${r.int(1, 220)}${r.chance(0.4) ? `, ${r.int(1, 6)}r ${r.int(1, 4)}a` : ""}`;
  const code = pad(cp + r.int(0, 40), 5);
  return { street, city, cityLine: province === city ? `${code} ${city}` : `${code} ${city} (${province})` };
}
/** A party of a given kind whose CIF letter follows its legal form (F for cooperatives, A for S.A.). */
function companyAs(r: Rng, name: string): Party {
  const org = /S\.A\.?U?\.?$/.test(name.replace(/,/g, "")) ? "A" : /S\.C\.C\.L\.|Coop/.test(name) ? "F" : "B";
  return { name, id: cif(r, org), place: placeCa(r), person: false };
}
/** A font size at which `text` fits a till roll `width` points wide in a monospaced font (at most `max`). */
const fit = (text: string, width: number, max: number) => Math.min(max, Math.floor(((width * 0.9) / (text.length * 0.6)) * 2) / 2);
const pct = (bp: number) => `${bp / 100} %`.replace(".", ",");
/** A table of points from the top on an A4-wide page of any height (a long invoice, an app receipt). */
class Tall {
  private rows: [number, Cell[]][] = [];
  private boxes: [number, number, number, number, string?][] = [];
  private rules: [number, number, number][] = [];
  y = 40;
  at(...cells: Cell[]) {
    this.rows.push([this.y, cells.filter((c) => c[1] !== "")]);
    return this;
  }
  next(pt = 14) {
    this.y += pt;
    return this;
  }
  rule(x1 = 0.07, x2 = 0.93, dy = -3) {
    this.rules.push([this.y + dy, x1, x2]);
    return this;
  }
  box(x: number, w: number, h: number, fill?: string, dy = -3) {
    this.boxes.push([this.y + dy, x, w, h, fill]);
    return this;
  }
  page(font: PageFont, minH = 842): Page {
    const H = Math.max(minH, Math.round(this.y + 60));
    const s = new Sheet();
    for (const [y, cells] of this.rows) s.put(y / H, ...cells);
    for (const [y, x, w, h, fill] of this.boxes) s.box(x, y / H, w, h / H, fill);
    for (const [y, x1, x2] of this.rules) s.rule(y / H, x1, x2);
    return s.page(font, 595, H);
  }
}

/** c1. An invoice in Catalan: Catalan labels and month names, Base imposable / Quota IVA, Venciment, IRPF on some. */
const catalanInvoice: Family = {
  name: "catalan_invoice",
  make(r) {
    const CA_SURNAMES = ["Puig", "Casals", "Soler", "Ferrer", "Vidal", "Roca", "Pujol", "Vila", "Serra", "Font", "Riera", "Bosch", "Costa", "Prat", "Sala", "Mas", "Camps", "Torrent"];
    const vendorIsPerson = r.chance(0.3);
    const sector = r.pick(["Serveis Informàtics", "Fusteria", "Instal·lacions Elèctriques", "Assessoria", "Disseny Gràfic", "Impremta", "Construccions", "Manteniments", "Traduccions", "Jardineria"]);
    const form = r.pick(["S.L.", "S.L.", "S.L.U.", "S.A.", "S.C.C.L."]);
    const v: Party = vendorIsPerson
      ? { name: `${r.pick(["Jordi", "Montserrat", "Núria", "Pere", "Marc", "Laia", "Oriol", "Mireia", "Arnau", "Gemma"])} ${r.pick(CA_SURNAMES)} ${r.pick(CA_SURNAMES)}`, id: dni(r), place: placeCa(r), person: true }
      : companyAs(r, r.chance(0.5) ? `${sector} ${r.pick(CA_SURNAMES)} ${form}` : `${r.pick(CA_SURNAMES)} i ${r.pick(CA_SURNAMES)} ${sector} ${form}`);
    const c0 = customerParty(r);
    const c = r.chance(0.8) ? { ...c0, place: placeCa(r) } : c0;
    const issued = issueDate(r);
    const due = addDays(issued, r.pick([0, 15, 30, 30, 60]));
    const ds = r.pick(["long", "slash", "slash", "dot", "dash"] as const);
    const ms: MoneyStyle = r.pick(["es", "es", "es_nogroup"]);
    const yy = String(issued.y).slice(2);
    const number = r.pick([`${issued.y}/${pad(r.int(1, 999), 4)}`, `F-${yy}${pad(r.int(1, 9999), 4)}`, `A ${pad(r.int(1, 99999), 5)}`, `FRA${issued.y}-${pad(r.int(1, 999), 3)}`]);
    const irpfBp = vendorIsPerson && !c.person ? r.pick([1500, 1500, 700]) : 0;
    const names21 = ["Hores de consultoria", "Manteniment web mensual", "Instal·lació de punts de llum", "Material elèctric divers", "Disseny de logotip i identitat", "Impressió de fullets (1.000 u.)", "Revisió de la instal·lació", "Desplaçament", "Traducció de documents (paraules)", "Poda i neteja de jardí", "Llicència de programari anual"];
    const rows: { desc: string; qty: number; unit: number; amount: number; rateBp: number }[] = [];
    for (const desc of r.shuffle(names21).slice(0, r.int(1, 4))) {
      const qty = r.chance(0.4) ? r.int(2, 12) : 1;
      const unit = r.int(1500, 48000);
      rows.push({ desc, qty, unit, amount: qty * unit, rateBp: 2100 });
    }
    if (!vendorIsPerson && r.chance(0.25)) {
      const qty = r.int(8, 40);
      const unit = r.int(900, 2400);
      rows.push({ desc: "Servei de càtering (menús)", qty, unit, amount: qty * unit, rateBp: 1000 });
    }
    const by = new Map<number, number>();
    for (const x of rows) by.set(x.rateBp, (by.get(x.rateBp) ?? 0) + x.amount);
    const f = figures([...by.entries()].sort((a, b) => b[0] - a[0]), irpfBp);
    const s = new Sheet();
    const custNo = r.digits(r.pick([4, 5]));
    const order = `${r.pick(["Comanda núm.", "Núm. comanda", "Pressupost núm."])} ${r.digits(5)}`;
    const numLabel = r.pick(["Núm.", "Número", "Núm. factura", "Factura núm.", "Nº factura"]);
    const dateLabel = r.pick(["Data", "Data factura", "Data d'emissió", "Data d'expedició"]);
    const dueLabel = r.pick(["Venciment", "Data de venciment", "Venc."]);
    const clientLabel = r.pick(["Client", "Dades del client", "Facturar a", "CLIENT"]);
    const layout = r.int(1, 2);
    if (layout === 1) {
      s.put(0.045, L(0.07, v.name, v.name.length > 34 ? 13 : 16, true));
      s.put(0.07, L(0.07, `${v.place.street} · ${v.place.cityLine}`, 8.5));
      s.put(0.087, L(0.07, `${r.pick(v.person ? ["NIF", "N.I.F.", "DNI"] : ["NIF", "N.I.F.", "CIF"])}: ${printId(v.id, r)}  ·  Tel. ${phone(r)}`, 8.5));
      s.put(0.045, R(0.93, "FACTURA", 20, true));
      s.box(0.55, 0.12, 0.38, 0.105);
      s.put(0.127, L(0.57, numLabel, 8.5), R(0.91, number, 9, true));
      s.put(0.149, L(0.57, dateLabel, 8.5), R(0.91, dateCa(issued, ds), 9));
      s.put(0.171, L(0.57, dueLabel, 8.5), R(0.91, dateCa(due, ds), 9));
      s.put(0.193, L(0.57, r.pick(["Codi client", "Núm. client"]), 8.5), R(0.91, custNo, 9));
      s.put(0.125, L(0.07, clientLabel, 8.5, true));
      s.put(0.147, L(0.07, c.name, 9.5));
      s.put(0.167, L(0.07, c.place.street, 8.5));
      s.put(0.185, L(0.07, c.place.cityLine, 8.5));
      s.put(0.203, L(0.07, `NIF: ${printId(c.id, r)}`, 8.5));
      s.put(0.245, L(0.07, order, 8.5));
    } else {
      s.put(0.05, L(0.07, "Factura", 24, true));
      s.put(0.05, R(0.93, v.name, 11, true));
      s.put(0.068, R(0.93, `NIF ${printId(v.id, r)}`, 8.5));
      s.put(0.084, R(0.93, v.place.street, 8.5));
      s.put(0.1, R(0.93, v.place.cityLine, 8.5));
      s.put(0.116, R(0.93, emailOf(v.person ? v.name : `info ${v.name.split(" ")[0]}`).replace(/@.*/, `@${r.pick(["gmail.com", "correu.cat", "outlook.es"])}`), 8.5));
      s.put(0.1, L(0.07, `${numLabel} ${number}`, 10, true));
      s.put(0.12, L(0.07, `${dateLabel}: ${dateCa(issued, ds)}`, 9));
      s.put(0.16, G(0.07, clientLabel.toUpperCase(), 8));
      s.put(0.178, L(0.07, c.name, 10, true));
      s.put(0.196, L(0.07, `${c.place.street}, ${c.place.cityLine}`, 8.5));
      s.put(0.214, L(0.07, `${r.pick(["NIF", "N.I.F.", "DNI/NIF"])} ${printId(c.id, r)}`, 8.5));
      s.put(0.245, L(0.07, `${order}   ·   ${dueLabel}: ${dateCa(due, ds)}`, 8.5));
    }
    const ty = 0.29;
    s.box(0.07, ty - 0.006, 0.86, 0.024, "#e4e4e4");
    const multi = f.lines.length > 1;
    s.put(ty, L(0.09, r.pick(["Concepte", "Descripció"]), 8.5, true), R(0.6, r.pick(["Quantitat", "Unitats", "Quant."]), 8.5, true), R(0.72, r.pick(["Preu", "Preu unitari"]), 8.5, true), ...(multi ? [R(0.8, "IVA", 8.5, true)] : []), R(0.91, "Import", 8.5, true));
    let y = ty + 0.032;
    for (const x of rows) {
      s.put(y, L(0.09, x.desc, 8.5), R(0.6, String(x.qty), 8.5), R(0.72, money(x.unit, ms), 8.5), ...(multi ? [R(0.8, `${x.rateBp / 100} %`, 8.5)] : []), R(0.91, money(x.amount, ms), 8.5));
      y += 0.022;
    }
    const pairs: [string, string, boolean?][] = [];
    if (multi) {
      for (const l of f.lines) pairs.push([`Base imposable ${pct(l.rateBp)}`, eur(l.base, ms)], [`${r.pick(["Quota IVA", "IVA"])} ${pct(l.rateBp)}`, eur(l.vat, ms)]);
    } else pairs.push([r.pick(["Base imposable", "Base imposable", "Suma"]), eur(f.base, ms)], [`${r.pick(["Quota IVA", "IVA", "Quota IVA"])} ${pct(2100)}`, eur(f.vat, ms)]);
    if (irpfBp) pairs.push([`${r.pick(["Retenció IRPF", "IRPF", "Retenció"])} ${pct(irpfBp)}`, eur(-f.irpf, ms)]);
    pairs.push([r.pick(["TOTAL", "Total factura", "Total a pagar", "TOTAL FACTURA"]), eur(f.total, ms), true]);
    const after = totalsBlock(s, Math.max(y + 0.04, 0.52), pairs);
    s.put(after + 0.04, L(0.07, `${r.pick(["Forma de pagament", "Forma de pagament:", "Pagament"])} ${r.pick(["transferència bancària", "rebut domiciliat", "transferència"])} · IBAN ${iban(r)}`, 8));
    if (irpfBp) s.put(after + 0.058, G(0.07, "Retenció practicada d'acord amb l'art. 101 de la Llei 35/2006 de l'IRPF."));
    s.put(0.9, G(0.07, "D'acord amb el Reglament (UE) 2016/679, les vostres dades s'incorporen a un fitxer del qual és responsable l'emissor."));
    if (!v.person) s.put(0.93, G(0.07, `${v.name} · Inscrita al Registre Mercantil de ${v.place.cityLine.match(/\((\w+)\)/)?.[1] ?? v.place.city}, Tom ${r.int(1000, 49999)}, Foli ${r.int(1, 220)}, Full ${r.pick(["B", "GI", "L", "T"])}-${r.int(10000, 499999)}`));
    return {
      family: this.name,
      page: s.page(r.pick(FONTS)),
      truth: { doc_type: "invoice", language: "es", vendor_name: v.name, vendor_tax_id: v.id, customer_tax_id: c.id, invoice_number: number, issue_date: isoOf(issued), currency: "EUR", ...truthFigures(f) },
      meta: { written_language: "ca", layout, date_style: ds, num_style: ms, due_date: isoOf(due), distractors: ["due_date", "customer_code", "order", "iban", "phone", "registry"] },
    };
  },
};

/** c2. Restaurant bill: table, diners, waiter, IVA 10 % included; a voluntary tip printed after the total is not part of the invoice. */
const restaurantBill: Family = {
  name: "restaurant_bill",
  make(r) {
    const trade = `${r.pick(["RESTAURANTE", "BAR", "CERVECERIA", "ASADOR", "MARISQUERIA", "TABERNA", "CASA DE COMIDAS"])} ${r.pick(["EL FOGON", "LA BODEGUILLA", "CASA PACO", "EL PUERTO", "LOS ARCOS", "LA HUERTA", "EL RINCON DE " + r.pick(GIVEN).toUpperCase(), "MESON DEL CARMEN"])}`;
    const v = r.chance(0.3) ? person(r) : company(r, ["Hostelería", "Restauración", "Grupo Gastronómico", "Explotaciones Hosteleras", "Restaurantes"]);
    const full = r.chance(0.25);
    const c = full ? company(r, CUSTOMER_SECTORS) : null;
    const issued = issueDate(r);
    const ds: DateStyle = r.pick(["dmy_slash", "dmy_short", "dmy_dash", "dmy_slash"]);
    const ms: MoneyStyle = "es_nogroup";
    const yy = String(issued.y).slice(2);
    const seq = pad(r.int(1, 99999), r.pick([5, 6]));
    const number = full ? r.pick([`F${yy}/${seq}`, `A-${issued.y}-${seq}`]) : r.pick([`FS${yy}/${seq}`, `T-${seq}`, `${r.int(1, 3)}/${seq}`, `S${issued.y}${seq}`]);
    const menu: [string, number, number][] = [
      ["MENU DEL DIA", 1100, 1650], ["CAÑA", 180, 320], ["AGUA 1/2 L", 150, 280], ["CROQUETAS CASERAS", 750, 1300], ["PULPO A FEIRA", 1600, 2400], ["ENTRECOT AÑOJO", 1900, 2900], ["VINO RIOJA CRIANZA BOT.", 1600, 3200], ["CAFE SOLO", 130, 220],
      ["CORTADO", 140, 230], ["TARTA DE QUESO", 550, 750], ["PAN Y ALIÑO", 150, 250], ["ENSALADA MIXTA", 850, 1250], ["PATATAS BRAVAS", 550, 850], ["CALAMARES ROMANA", 1000, 1600], ["PAELLA (RACION)", 1400, 2000], ["REFRESCO", 220, 330], ["COPA VINO BLANCO", 300, 500], ["FLAN CASERO", 450, 600],
    ];
    const diners = r.int(1, 8);
    const items = r.shuffle(menu).slice(0, r.int(3, 9)).map(([name, lo, hi]) => {
      const qty = r.chance(0.5) ? r.int(1, diners) : 1;
      const unit = Math.round(r.int(lo, hi) / 10) * 10;
      return { name, rateBp: 1000, qty, unit, gross: qty * unit };
    });
    const f = figures(grossBases(items, (it) => it.qty === 1));
    for (const it of items) if (it.qty === 1) it.unit = it.gross;
    const tipMode = r.pick(["none", "none", "paid", "suggested", "box"] as const);
    const tip = tipMode === "paid" ? r.pick([100, 200, 300, 500, Math.round(f.total * 0.1 / 10) * 10]) : 0;
    const roll = new Roll(r.pick([226, 210, 240]));
    roll.at(rc(trade, 9.5, true));
    roll.at(rc(v.name.toUpperCase(), fit(v.name, roll.W, 7.5)));
    roll.at(rc(`${r.pick(["NIF", "CIF", "C.I.F."])}: ${printId(v.id, r)}`, 7.5));
    roll.at(rc(v.place.street.toUpperCase(), 7)).at(rc(v.place.cityLine.toUpperCase(), 7));
    if (r.chance(0.6)) roll.at(rc(`TEL. ${phone(r)}`, 7));
    roll.gap();
    roll.at(rc(full ? "FACTURA" : r.pick(["FACTURA SIMPLIFICADA", "Factura simplificada", "FRA. SIMPLIFICADA"]), 8.5, true));
    roll.at(rl(`${r.pick(["Nº", "Num.", "Factura", "Nº Fra."])}: ${number}`));
    roll.at(rl(`${r.pick(["Fecha", "FECHA"])}: ${date(issued, ds)}`), rr(hhmm(r)));
    roll.at(rl(`${r.pick(["Mesa", "MESA", "Mesa nº"])}: ${r.int(1, 40)}`), rr(`${r.pick(["Comensales", "Pax", "COMENSALES"])}: ${diners}`));
    roll.at(rl(`${r.pick(["Camarero", "Le atendió", "Atendido por"])}: ${r.pick(GIVEN).toUpperCase()}`), rr(r.chance(0.5) ? `${r.pick(["Comanda", "Pedido"])} ${r.digits(4)}` : ""));
    if (full) {
      roll.gap();
      roll.at(rl("CLIENTE:")).at(rl(c!.name.toUpperCase().slice(0, 38))).at(rl(`CIF: ${printId(c!.id, r)}`)).at(rl(c!.place.cityLine.toUpperCase()));
    }
    roll.gap();
    roll.at(rl("UDS"), rl("DESCRIPCION", 0.14), rr("PRECIO", 0.72), rr("IMPORTE"));
    for (const it of items) roll.at(rl(String(it.qty)), rl(it.name.slice(0, 24), 0.14), rr(money(it.unit, ms), 0.72), rr(money(it.gross, ms)));
    roll.gap();
    const taxTable = r.chance(0.5);
    if (taxTable) {
      roll.at(rl(r.pick(["Base imponible", "BASE IMP.", "Base"])), rr(money(f.base, ms)));
      roll.at(rl(r.pick(["IVA 10%", "I.V.A. 10 %", "Cuota IVA 10%"])), rr(money(f.vat, ms)));
    }
    roll.at([0.05, r.pick(["TOTAL", "TOTAL EUROS", "TOTAL A PAGAR", "TOTAL (€)"]), 10, { bold: true }], rr(money(f.total, ms), 0.95, true, 10));
    if (!taxTable) roll.at(rl(r.pick([`IVA 10% INCLUIDO (${money(f.vat, ms)})`, "IMPUESTOS INCLUIDOS", `Base ${money(f.base, ms)}  IVA 10% ${money(f.vat, ms)}`]), 0.05, 7));
    if (diners > 1 && r.chance(0.4)) roll.at(rl(`${r.pick(["Por comensal", "Precio/pax"])}: ${money(Math.round(f.total / diners), ms)}`, 0.05, 7));
    roll.gap();
    if (tipMode === "paid") {
      roll.at(rl(r.pick(["PROPINA", "Propina (voluntaria)", "PROPINA VOLUNTARIA"])), rr(money(tip, ms)));
      roll.at(rl(r.pick(["TOTAL COBRADO", "Total con propina", "IMPORTE TARJETA"])), rr(money(f.total + tip, ms), 0.95, true));
      const note = "La propina es voluntaria y no forma parte de la factura.";
      roll.at(rl(note, 0.05, fit(note, roll.W, 6)));
    } else if (tipMode === "suggested") {
      roll.at(rl("Propina sugerida (voluntaria):", 0.05, 7));
      roll.at(rl(`5%: ${money(Math.round(f.total * 0.05), ms)}   10%: ${money(Math.round(f.total * 0.1), ms)}   15%: ${money(Math.round(f.total * 0.15), ms)}`, 0.05, 7));
    } else if (tipMode === "box") roll.at(rl("PROPINA: ________", 0.05, 7.5)).at(rl("TOTAL:   ________", 0.05, 7.5));
    roll.gap();
    const card = r.chance(0.7);
    if (card) for (const t of cardBlock(r, f.total + tip, ms)) roll.at(rl(t, 0.05, 7));
    else {
      const given = Math.ceil(f.total / 1000) * 1000 + r.pick([0, 1000]);
      roll.at(rl("EFECTIVO"), rr(money(given, ms))).at(rl("CAMBIO"), rr(money(given - f.total, ms)));
    }
    roll.at(rc(r.pick(["GRACIAS POR SU VISITA", "¡GRACIAS Y HASTA PRONTO!", "DISPONEMOS DE HOJAS DE RECLAMACIÓN"]), 7));
    return {
      family: this.name,
      page: roll.page(r.pick(MONO)),
      truth: { doc_type: full ? "invoice" : "simplified", language: "es", vendor_name: v.name, vendor_tax_id: v.id, customer_tax_id: c ? c.id : null, invoice_number: number, issue_date: isoOf(issued), currency: "EUR", ...truthFigures(f) },
      meta: { trade_name: trade, full, diners, tip_mode: tipMode, tip: e(tip), tax_table: taxTable, date_style: ds, distractors: ["time", "table", "diners", "waiter", "order", "tip", "total_with_tip", "per_diner", card ? "card_slip" : "change"] },
    };
  },
};

/** c3. Taxi receipt from the meter printer (licence, plate, fare, supplements) or a VTC app receipt; IVA 10 % included. */
const taxiReceipt: Family = {
  name: "taxi_receipt",
  make(r) {
    const vtc = r.chance(0.4);
    const v: Party = vtc ? company(r, ["Movilidad", "Transportes con Conductor", "VTC Servicios", "Traslados Urbanos", "Auto Servicios"], ["S.L.", "S.L.", "S.L.U."]) : person(r);
    const issued = issueDate(r);
    const ds: DateStyle = r.pick(["dmy_slash", "dmy_short", "dmy_dash"]);
    const ms: MoneyStyle = "es_nogroup";
    const yy = String(issued.y).slice(2);
    const number = vtc ? r.pick([`V${yy}-${r.digits(7)}`, `FS-${issued.y}-${pad(r.int(1, 999999), 6)}`, `${r.pick(["MAD", "BCN", "VLC"])}${yy}${r.digits(6)}`]) : r.pick([`${pad(r.int(1, 9999), 6)}`, `${r.int(1, 9)}-${pad(r.int(1, 9999), 5)}`, `T${yy}${pad(r.int(1, 9999), 5)}`]);
    const places = ["Aeropuerto T4", "Aeropuerto T1", "Estación de Atocha", "Estación Sants", "Estació del Nord", "Hospital General", "Plaza Mayor", "Av. Diagonal 450", "C/ Colón 12", "Recinto Ferial (IFEMA)", "Puerto - Terminal de cruceros", "Hotel Miramar", "Gran Vía 28"];
    const [from, to] = r.shuffle(places).slice(0, 2);
    const km = r.int(18, 380); // tenths of a km
    const minutes = Math.max(4, Math.round(km / 4) + r.int(-2, 12));
    const items: { desc: string; rateBp: number; gross: number; fare?: boolean }[] = [];
    let fareLabel = "";
    if (!vtc && r.chance(0.2) && from.startsWith("Aeropuerto")) {
      items.push({ desc: "Tarifa fija aeropuerto", rateBp: 1000, gross: 3300, fare: true });
      fareLabel = "Tarifa 4 (fija)";
    } else {
      const flag = r.pick([250, 260, 295, 340]);
      const perKm = r.pick([110, 120, 135, 145]);
      const run = flag + Math.round((km * perKm) / 10) + r.int(0, 60) * 5;
      items.push({ desc: vtc ? "Importe del trayecto" : "Importe carrera", rateBp: 1000, gross: run, fare: true });
      fareLabel = vtc ? r.pick(["Tarifa estándar", "Confort", "Tarifa precio cerrado"]) : r.pick(["Tarifa 1", "Tarifa 2", "Tarifa 3", "T1", "T2"]);
    }
    if (!vtc && r.chance(0.4)) items.push({ desc: r.pick(["Suplemento aeropuerto", "Suplemento estación", "Suplemento noche/festivo", "Suplemento maletas"]), rateBp: 1000, gross: r.pick([100, 200, 300, 450, 550]) });
    if (vtc && r.chance(0.3)) items.push({ desc: "Peaje", rateBp: 1000, gross: r.int(120, 680) });
    const f = figures(grossBases(items, (it) => !!it.fare));
    const licence = pad(r.int(1, 15999), r.pick([4, 5]));
    const carPlate = plate(r);
    const t0 = `${pad(r.int(0, 23), 2)}:${pad(r.int(0, 59), 2)}`;
    if (!vtc) {
      const roll = new Roll(r.pick([200, 226]));
      roll.at(rc(r.pick(["TAXI", "SERVICIO DE TAXI", "RADIO TAXI", "TAXI - AUTOTAXI"]), 10, true));
      roll.at(rc(`${r.pick(["Licencia nº", "LICENCIA Nº", "Lic."])} ${licence}`, 8));
      roll.at(rc(`${r.pick(["Titular", "TITULAR", "Conductor titular"])}:`, 7)).at(rc(v.name, fit(v.name, roll.W, 7)));
      roll.at(rc(`NIF: ${printId(v.id, r)}`, 7.5));
      roll.at(rc(`${r.pick(["Matrícula", "MATRICULA"])}: ${carPlate}`, 7.5));
      roll.at(rc(`${r.pick(["Municipio", "Área de prestación"])}: ${v.place.city}`, 7));
      roll.gap();
      roll.at(rc(r.pick(["FACTURA SIMPLIFICADA", "RECIBO - FACTURA SIMPLIFICADA", "TICKET"]), 8, true));
      roll.at(rl(`${r.pick(["Nº", "Nº ticket", "Recibo nº"])}: ${number}`));
      roll.at(rl(`${r.pick(["Fecha", "FECHA"])}: ${date(issued, ds)}`));
      const t1 = (Number(t0.slice(0, 2)) * 60 + Number(t0.slice(3)) + minutes) % 1440;
      roll.at(rl(`${r.pick(["Inicio", "Hora inicio", "Subida"])}: ${t0}`), rr(`${r.pick(["Fin", "Bajada"])}: ${pad(Math.floor(t1 / 60), 2)}:${pad(t1 % 60, 2)}`));
      if (r.chance(0.6)) roll.at(rl(`${r.pick(["Origen", "Desde"])}: ${from}`, 0.05, 7)).at(rl(`${r.pick(["Destino", "Hasta"])}: ${to}`, 0.05, 7));
      roll.at(rl(`${fareLabel}`), rr(`${r.pick(["Km", "Dist."])}: ${Math.floor(km / 10)},${km % 10}`));
      roll.gap();
      for (const it of items) roll.at(rl(it.desc), rr(money(it.gross, ms)));
      roll.at([0.05, "TOTAL", 10, { bold: true }], rr(`${money(f.total, ms)} €`, 0.95, true, 10));
      roll.at(rl(r.pick([`IVA 10% incluido: ${money(f.vat, ms)}`, `Base ${money(f.base, ms)} + IVA 10% ${money(f.vat, ms)}`, "I.V.A. INCLUIDO (10%)"]), 0.05, 7));
      if (r.chance(0.5)) roll.at(rl(`${r.pick(["Nº serie taxímetro", "Taxímetro"])}: ${r.digits(8)}`, 0.05, 6.5));
      roll.at(rc(r.pick(["GRACIAS Y BUEN VIAJE", "CONSERVE ESTE RECIBO", "Reclamaciones: 010"]), 7));
      return {
        family: this.name,
        page: roll.page(r.pick(MONO)),
        truth: { doc_type: "simplified", language: "es", vendor_name: v.name, vendor_tax_id: v.id, customer_tax_id: null, invoice_number: number, issue_date: isoOf(issued), currency: "EUR", ...truthFigures(f) },
        meta: { vtc, fare: fareLabel, km: km / 10, date_style: ds, distractors: ["licence", "plate", "times", "km", "supplement", "meter_serial"] },
      };
    }
    const t = new Tall();
    const app = r.pick(["Rodaa", "Moovia", "Cabbie", "Urbanix", "Vaya"]);
    t.at(L(0.07, app, 20, true)).at(R(0.93, r.pick(["Factura simplificada", "Recibo de tu viaje", "Factura simplificada"]), 11, true)).next(28);
    t.at(L(0.07, `${r.pick(["Gracias por viajar", "Tu viaje del"])} ${date(issued, ds)}`, 10)).next(22);
    t.at(L(0.07, r.pick(["Origen", "Recogida"]), 8.5, true), L(0.3, `${from} · ${t0}`, 8.5)).next();
    t.at(L(0.07, r.pick(["Destino", "Llegada"]), 8.5, true), L(0.3, to, 8.5)).next();
    t.at(L(0.07, r.pick(["Distancia", "Recorrido"]), 8.5, true), L(0.3, `${Math.floor(km / 10)},${km % 10} km · ${minutes} min`, 8.5)).next();
    t.at(L(0.07, "Conductor", 8.5, true), L(0.3, `${r.pick(GIVEN)} ${r.pick(SURNAMES)[0]}. · ${carPlate} · ${r.pick(["Toyota Corolla", "Kia Niro", "Tesla Model 3", "Skoda Octavia"])}`, 8.5)).next(26);
    t.box(0.07, 0.86, 20, "#eeeeee", -5).at(L(0.09, fareLabel, 9, true)).next(24);
    for (const it of items) t.at(L(0.09, it.desc, 9), R(0.91, eur(it.gross, "es"), 9)).next();
    t.rule(0.5, 0.93, 4).next(6);
    t.at(L(0.55, "Base imponible", 8.5), R(0.91, eur(f.base), 8.5)).next();
    t.at(L(0.55, "IVA (10 %)", 8.5), R(0.91, eur(f.vat), 8.5)).next();
    t.at(L(0.55, r.pick(["Total", "Importe total", "Total pagado"]), 11, true), R(0.91, eur(f.total), 11, true)).next(26);
    t.at(L(0.07, `${r.pick(["Pagado con", "Método de pago"])} ${r.pick(["Visa", "Mastercard", "Apple Pay", "Google Pay"])} ···· ${r.digits(4)}`, 8.5)).next(30);
    t.at(G(0.07, `${r.pick(["Nº de factura", "Factura nº", "Nº"])}: ${number}   ·   ${r.pick(["Fecha de emisión", "Fecha"])}: ${date(issued, ds)}`, 8)).next();
    t.at(G(0.07, `Servicio prestado por ${v.name} · ${r.pick(["NIF", "CIF"])} ${printId(v.id, r)} · Licencia VTC ${r.pick(["VTC", "M-", "B-"])}${r.digits(5)}`, 7.5)).next();
    t.at(G(0.07, `${v.place.street}, ${v.place.cityLine}`, 7.5)).next();
    t.at(G(0.07, `${app} actúa como intermediario en nombre del prestador del servicio.`, 7)).next();
    return {
      family: this.name,
      page: t.page(r.pick(FONTS), 620),
      truth: { doc_type: "simplified", language: "es", vendor_name: v.name, vendor_tax_id: v.id, customer_tax_id: null, invoice_number: number, issue_date: isoOf(issued), currency: "EUR", ...truthFigures(f) },
      meta: { vtc, app, fare: fareLabel, km: km / 10, date_style: ds, distractors: ["app_name", "driver", "plate", "time", "km", "minutes", "card", "vtc_licence"] },
    };
  },
};

/** c4. Electricity bill: power and energy terms, the electricity tax (5,11269632 %) and meter rental inside the IVA base, IVA 21 %. */
const electricityBill: Family = {
  name: "electricity_bill",
  make(r) {
    const brand = r.pick(["Voltia", "Luminia", "Enerluz", "Watio", "Clarena", "Sunova", "Electra Norte", "Iberwatt"]);
    const legal = `${brand} ${r.pick(["Energía", "Comercializadora de Energía", "Clientes", "Luz y Gas", "Comercializadora"])}${r.pick([", S.A.U.", " S.L.U.", " S.A.", ", S.L."])}`;
    const vId = cif(r, /S\.A\./.test(legal) ? "A" : "B");
    const vPlace = place(r);
    const distributor = `${r.pick(["i-DE Redes", "Distribuidora Eléctrica del Sur", "Redes Eléctricas Norte", "E-Distribución Levante"])} ${r.pick(["S.A.U.", "S.L.U."])}`;
    const c = r.chance(0.6) ? person(r) : customerParty(r);
    const issued = issueDate(r);
    const [p0, p1] = prevMonthRange(issued);
    const days = p1.d;
    const charge = addDays(issued, r.int(4, 20));
    const ds: DateStyle = r.pick(["dmy_slash", "dmy_slash", "dmy_dot", "es_long", "dmy_short"]);
    const ms: MoneyStyle = r.pick(["es", "es_nogroup"]);
    const yy = String(issued.y).slice(2);
    const number = r.pick([`${r.pick(["FE", "FL", "EL"])}${yy}${r.digits(9)}`, `${yy}${pad(issued.m, 2)}-${r.digits(8)}`, `P${issued.y}${r.digits(8)}`, `${r.pick(["X", "Z"])}${r.digits(3)}N${r.digits(8)}`]);
    const contract = r.digits(r.pick([9, 10, 12]));
    const cups = `ES${r.digits(4)}${r.digits(12)}${r.pick(["JN", "FP", "KL", "AB", "QH"])}${r.pick(["0F", "1P", ""])}`;
    const kwP1 = r.pick([3.3, 3.45, 4.4, 4.6, 5.75, 6.9]);
    const kwP2 = r.chance(0.5) ? kwP1 : r.pick([3.3, 4.6, 5.75]);
    const priceP1 = r.int(68000, 105000); // millionths of €/kW día
    const priceP2 = r.int(2500, 9000);
    const pot1 = Math.round((kwP1 * days * priceP1) / 10_000);
    const pot2 = Math.round((kwP2 * days * priceP2) / 10_000);
    const periods: [string, number, number][] = [["P1 Punta", r.int(40, 260), r.int(1600, 2900)], ["P2 Llano", r.int(40, 220), r.int(1100, 2100)], ["P3 Valle", r.int(60, 380), r.int(700, 1500)]]; // kWh, ten-thousandths of €/kWh
    const energyLines = periods.map(([name, kwh, price]) => ({ name, kwh, price, amount: Math.round((kwh * price) / 100) }));
    const pot = pot1 + pot2;
    const ener = energyLines.reduce((a, x) => a + x.amount, 0);
    const discount = r.chance(0.35) ? -Math.round(ener * r.pick([0.05, 0.1, 0.15])) : 0;
    const bono = Math.round((days * r.pick([1274, 1923, 3813])) / 1000);
    const ieBase = pot + ener + discount + bono;
    const ie = Math.round((ieBase * 511_269_632) / 10_000_000_000);
    const rentalPrice = r.pick([2663, 2700, 3200]); // hundred-thousandths of € per day
    const rental = Math.round((days * rentalPrice) / 1000);
    const f = figures([[2100, ieBase + ie + rental]]);
    const s = new Sheet();
    s.put(0.035, L(0.07, brand.toLowerCase(), 24, true));
    s.put(0.04, R(0.93, r.pick(["Factura de electricidad", "Tu factura de luz", "FACTURA DE ELECTRICIDAD"]), 12, true));
    const sumRight = r.chance(0.5);
    const [bx, tx, hx] = sumRight ? [0.52, 0.915, 0.07] : [0.07, 0.46, 0.55];
    s.box(bx, 0.09, 0.41, 0.21, "#f0f0f0");
    const head: [string, string][] = [
      [r.pick(["Nº de factura", "Número de factura", "Factura nº"]), number],
      [r.pick(["Fecha de emisión", "Fecha emisión", "Fecha de factura"]), date(issued, ds)],
      [r.pick(["Periodo de facturación", "Periodo de consumo"]), `${date(p0, "dmy_slash")} - ${date(p1, "dmy_slash")}`],
      [r.pick(["Fecha de cargo", "Fecha prevista de cargo", "Fecha de cobro"]), date(charge, ds)],
      [r.pick(["Nº de contrato", "Contrato", "Referencia del contrato"]), contract],
    ];
    (r.chance(0.5) ? head : [head[4], head[0], head[1], head[2], head[3]]).forEach(([k, val], i) => s.put(0.1 + i * 0.02, L(bx + 0.02, k, 8.5), R(tx, val, 8.5)));
    const summary: [string, number][] = [["Potencia", pot], ["Energía", ener + discount], ["Impuestos", ie + f.vat], ["Otros conceptos", bono + rental]];
    summary.forEach(([k, x], i) => s.put(0.21 + i * 0.017, L(bx + 0.02, k, 8), R(tx, eur(x, ms), 8)));
    s.put(0.28, L(bx + 0.02, r.pick(["TOTAL A PAGAR", "Importe total", "Total factura"]), 10.5, true), R(tx, eur(f.total, ms), 12, true));
    s.put(0.1, L(hx, r.pick(["Titular del contrato", "Datos del titular", "Cliente"]), 8.5, true));
    s.put(0.12, L(hx, c.name, 9));
    s.put(0.138, L(hx, `${c.person ? "NIF" : "CIF"}: ${printId(c.id, r)}`, 8.5));
    s.put(0.156, L(hx, `${c.place.street}`, 8.5));
    s.put(0.174, L(hx, c.place.cityLine, 8.5));
    s.put(0.2, L(hx, `CUPS: ${cups}`, 8));
    s.put(0.218, L(hx, `Peaje de acceso: 2.0TD · Potencia P1 ${String(kwP1).replace(".", ",")} kW · P2 ${String(kwP2).replace(".", ",")} kW`, 7.5));
    s.put(0.236, L(hx, `Distribuidora: ${distributor}`, 7.5));
    s.put(0.254, L(hx, `Averías: 900 ${r.digits(3)} ${r.digits(3)}`, 7.5));
    s.put(0.33, L(0.07, r.pick(["Detalle de la factura", "Conceptos facturados", "Cálculo de la factura"]), 11, true));
    s.rule(0.35);
    const six = (n: number) => `${Math.floor(n / 1_000_000)},${pad(n % 1_000_000, 6)}`;
    const four = (n: number) => `${Math.floor(n / 10_000)},${pad(n % 10_000, 4)}`;
    const rows: [string, number][] = [
      [`Potencia P1: ${String(kwP1).replace(".", ",")} kW x ${days} días x ${six(priceP1)} €/kW día`, pot1],
      [`Potencia P2: ${String(kwP2).replace(".", ",")} kW x ${days} días x ${six(priceP2)} €/kW día`, pot2],
      ...energyLines.map((x): [string, number] => [`Energía ${x.name}: ${x.kwh} kWh x ${four(x.price)} €/kWh`, x.amount]),
    ];
    if (discount) rows.push([`Descuento ${Math.round((-discount * 100) / ener)} % sobre energía`, discount]);
    rows.push([`Financiación bono social fijo: ${days} días`, bono]);
    rows.push([`Impuesto sobre la electricidad: 5,11269632 % s/ ${money(ieBase, ms)} €`, ie]);
    rows.push([`Alquiler de equipos de medida: ${days} días x 0,0${rentalPrice} €/día`, rental]);
    rows.forEach(([d, x], i) => s.put(0.362 + i * 0.02, L(0.09, d, 8.2), R(0.91, eur(x, ms), 8.5)));
    let y = 0.362 + rows.length * 0.02 + 0.015;
    s.rule(y - 0.006, 0.5, 0.93);
    y = totalsBlock(s, y, [
      [r.pick(["Base imponible", "Importe total sin IVA", "Subtotal"]), eur(f.base, ms)],
      [`IVA 21 % s/ ${money(f.base, ms)} €`, eur(f.vat, ms)],
      [r.pick(["TOTAL FACTURA", "Total importe factura", "TOTAL"]), eur(f.total, ms), true],
    ], 0.5, 0.91);
    s.put(y + 0.03, L(0.07, r.pick(["Información del consumo", "Tu consumo"]), 9.5, true));
    s.put(y + 0.05, L(0.07, `Lectura anterior (${date(p0, "dmy_slash")}): ${r.digits(5)} kWh   ·   Lectura actual (${date(p1, "dmy_slash")}): ${r.digits(5)} kWh (real)`, 7.5));
    s.put(y + 0.066, L(0.07, `Consumo medio diario: ${money(Math.round((energyLines.reduce((a, x) => a + x.kwh, 0) * 100) / days), "es_nogroup")} kWh   ·   Importe medio últimos 12 meses: ${eur(r.int(4000, 14000), ms)}`, 7.5));
    s.put(y + 0.082, L(0.07, `Origen de la electricidad: renovable ${r.int(30, 60)},${r.int(0, 9)} %  ·  cogeneración ${r.int(5, 15)},${r.int(0, 9)} %  ·  nuclear ${r.int(15, 25)},${r.int(0, 9)} %`, 7.5));
    s.put(y + 0.1, L(0.07, `Se cargará en ${iban(r).replace(/\d{4} \d{4}$/, "**** ****")} el ${date(charge, ds)}.`, 7.5));
    s.put(0.93, G(0.07, `${legal} · CIF ${printId(vId, r)} · ${vPlace.street}, ${vPlace.cityLine}`));
    s.put(0.945, G(0.07, registryLine(r, vPlace.city)));
    return {
      family: this.name,
      page: s.page(r.pick(FONTS)),
      truth: { doc_type: "invoice", language: "es", vendor_name: legal, vendor_tax_id: vId, customer_tax_id: c.id, invoice_number: number, issue_date: isoOf(issued), currency: "EUR", ...truthFigures(f) },
      meta: { brand, distributor, summary_right: sumRight, date_style: ds, num_style: ms, electricity_tax: e(ie), meter_rental: e(rental), period: [isoOf(p0), isoOf(p1)], charge_date: isoOf(charge), distractors: ["billing_period", "charge_date", "contract", "cups", "distributor", "power_kw", "kwh", "readings", "summary_taxes", "average_12_months", "energy_mix", "iban", "registry"] },
    };
  },
};

/** c5. Invoice with an advance already paid deducted after the total: the invoice total (base + IVA − IRPF) is not the amount still to pay. */
const advanceDeducted: Family = {
  name: "advance_deducted",
  make(r) {
    const pro = r.chance(0.4);
    const v: Party = pro ? person(r) : company(r, ["Reformas", "Construcciones", "Carpintería", "Instalaciones", "Obras y Servicios", "Cocinas y Baños"]);
    const c: Party = pro ? company(r, CUSTOMER_SECTORS) : r.chance(0.5) ? person(r) : company(r, CUSTOMER_SECTORS);
    const trade = pro ? r.pick(["Arquitecto", "Ingeniero técnico industrial", "Arquitecta técnica", "Consultor de sistemas", "Interiorista"]) : "";
    const rateBp = !pro && c.person ? 1000 : 2100; // a dwelling's renovation for a private owner: IVA 10 %
    const irpfBp = pro ? r.pick([1500, 1500, 700]) : 0;
    const issued = issueDate(r);
    const advDate = addDays(issued, -r.int(15, 120));
    const ds: DateStyle = r.pick(["dmy_slash", "dmy_slash", "es_long", "dmy_dash", "dmy_dot"]);
    const ms: MoneyStyle = r.pick(["es", "es", "es_nogroup"]);
    const yy = String(issued.y).slice(2);
    const number = r.pick([`${issued.y}-${pad(r.int(1, 300), 3)}`, `F${yy}/${pad(r.int(1, 9999), 4)}`, `FRA-${pad(r.int(1, 9999), 5)}`, `${pad(r.int(1, 400), 3)}/${issued.y}`]);
    const advNumber = r.pick([`${issued.y}-${pad(r.int(1, 300), 3)}`, `ANT-${pad(r.int(1, 999), 4)}`, `F${yy}/${pad(r.int(1, 9999), 4)}`]);
    const names = pro
      ? ["Redacción de proyecto básico y de ejecución", "Dirección facultativa de obra", "Certificado final de obra", "Estudio de seguridad y salud", "Implantación de sistema ERP (fase 2)", "Proyecto de interiorismo"]
      : ["Demolición y retirada de escombros", "Alicatado de baño", "Fontanería: renovación de tuberías", "Instalación eléctrica de cocina", "Carpintería: puertas de paso", "Pintura de vivienda", "Plato de ducha y mampara", "Mobiliario de cocina a medida"];
    const base = r.int(60, 1600) * 1000 + r.pick([0, 0, r.int(1, 99) * 10]);
    const items = splitItems(r, base, names, r.int(2, 5));
    const f = figures([[rateBp, base]], irpfBp);
    const advance = Math.min(Math.round((f.total * r.pick([0.2, 0.3, 0.4, 0.5])) / 10000) * 10000, f.total - 10000);
    const pending = f.total - advance;
    const s = new Sheet();
    const vId = printId(v.id, r);
    s.put(0.045, L(0.07, v.name, 15, true));
    if (trade) s.put(0.068, L(0.07, trade, 9));
    s.put(0.085, L(0.07, `${v.place.street} · ${v.place.cityLine}`, 8.5));
    s.put(0.101, L(0.07, `${v.person ? "NIF" : "CIF"}: ${vId}  ·  ${phone(r)}`, 8.5));
    s.put(0.045, R(0.93, r.pick(["FACTURA", "FACTURA FINAL", "FACTURA DE LIQUIDACIÓN"]), 16, true));
    s.put(0.075, R(0.93, `${r.pick(["Nº", "Número", "Factura nº"])} ${number}`, 10, true));
    s.put(0.093, R(0.93, `${r.pick(["Fecha", "Fecha de emisión"])}: ${date(issued, ds)}`, 9));
    s.box(0.07, 0.13, 0.48, 0.1);
    s.put(0.137, G(0.085, r.pick(["CLIENTE", "DATOS DEL CLIENTE", "FACTURAR A"]), 7.5));
    s.put(0.155, L(0.085, c.name, 10, true));
    s.put(0.173, L(0.085, c.place.street, 8.5));
    s.put(0.191, L(0.085, c.place.cityLine, 8.5));
    s.put(0.209, L(0.085, `${c.person ? "NIF" : "CIF"}: ${printId(c.id, r)}`, 8.5));
    const obra = `${r.pick(["Obra", "Proyecto", "Ref. obra", "Expediente"])}: ${r.pick(["Reforma integral", "Vivienda unifamiliar", "Local comercial", "Nave industrial"])} en ${c.place.street}`;
    s.put(0.25, L(0.07, obra, 8.5));
    s.put(0.268, L(0.07, `${r.pick(["Presupuesto aceptado nº", "S/ presupuesto", "Ppto."])} ${r.digits(4)} ${r.pick(["de", "del"])} ${date(addDays(advDate, -r.int(3, 40)), ds)}`, 8.5));
    const ty = 0.31;
    s.box(0.07, ty - 0.006, 0.86, 0.024, "#e6e6e6");
    s.put(ty, L(0.09, "Concepto", 8.5, true), R(0.62, "Cant.", 8.5, true), R(0.76, "Precio", 8.5, true), R(0.91, "Importe", 8.5, true));
    let y = ty + 0.032;
    for (const it of items) {
      s.put(y, L(0.09, it.desc, 8.5), R(0.62, String(it.qty), 8.5), R(0.76, money(it.unit, ms), 8.5), R(0.91, money(it.amount, ms), 8.5));
      y += 0.022;
    }
    const pairs: [string, string, boolean?][] = [[r.pick(["Base imponible", "Suma", "Importe neto"]), eur(f.base, ms)], [`IVA ${pct(rateBp)}`, eur(f.vat, ms)]];
    if (irpfBp) pairs.push([`${r.pick(["Retención IRPF", "IRPF"])} ${pct(irpfBp)}`, eur(-f.irpf, ms)]);
    pairs.push([r.pick(["TOTAL FACTURA", "Total factura", "TOTAL"]), eur(f.total, ms), true]);
    const advLabel = r.pick([`Anticipo a cuenta (fra. ${advNumber} de ${date(advDate, ds)})`, `Entregado a cuenta el ${date(advDate, ds)}`, `A deducir: anticipo recibido ${date(advDate, ds)}`, "Entregas a cuenta"]);
    pairs.push([advLabel, eur(-advance, ms)]);
    const pendLabel = r.pick(["LÍQUIDO A PAGAR", "Pendiente de pago", "IMPORTE PENDIENTE", "Líquido a percibir", "RESTO A PAGAR"]);
    pairs.push([pendLabel, eur(pending, ms), r.chance(0.6)]);
    const after = totalsBlock(s, Math.max(y + 0.04, 0.5), pairs, advLabel.length > 30 ? 0.3 : 0.52);
    if (rateBp === 1000) s.put(after + 0.03, G(0.07, "IVA reducido (art. 91.Uno.2.10º Ley 37/1992): obras de renovación de vivienda particular.", 7.5));
    s.put(after + 0.05, L(0.07, `${r.pick(["Forma de pago", "Pago"])}: ${r.pick(["transferencia", "transferencia bancaria"])} del importe pendiente a ${iban(r)} antes del ${date(addDays(issued, r.pick([7, 15, 30])), ds)}`, 8));
    if (irpfBp) s.put(after + 0.068, G(0.07, "Retención a cuenta del IRPF según art. 101 Ley 35/2006."));
    if (!v.person) s.put(0.93, G(0.07, `${v.name} · ${registryLine(r, v.place.city)}`));
    return {
      family: this.name,
      page: s.page(r.pick(FONTS)),
      truth: { doc_type: "invoice", language: "es", vendor_name: v.name, vendor_tax_id: v.id, customer_tax_id: c.id, invoice_number: number, issue_date: isoOf(issued), currency: "EUR", ...truthFigures(f) },
      meta: { professional: pro, advance: e(advance), pending: e(pending), advance_label: advLabel, pending_label: pendLabel, advance_date: isoOf(advDate), date_style: ds, num_style: ms, distractors: ["advance", "pending_amount", "advance_invoice", "advance_date", "budget", "budget_date", "due_date", "iban", "phone"] },
    };
  },
};

/** c6. A long invoice on one tall sheet (two pages stacked): many lines, "Suma y sigue" at the foot of page 1, "Suma anterior" atop page 2, totals last. */
const longInvoice: Family = {
  name: "long_suma_y_sigue",
  make(r) {
    const v = company(r, ["Material Eléctrico", "Suministros Industriales", "Ferretería", "Fontanería y Calefacción", "Distribuciones Técnicas", "Papelería Mayorista"]);
    const c = company(r, CUSTOMER_SECTORS);
    const issued = issueDate(r);
    const ds: DateStyle = r.pick(["dmy_slash", "dmy_slash", "dmy_dash", "dmy_short", "dmy_dot"]);
    const ms: MoneyStyle = r.pick(["es", "es", "es_nogroup"]);
    const yy = String(issued.y).slice(2);
    const number = r.pick([`${yy}/${pad(r.int(1, 99999), 5)}`, `FV${yy}-${pad(r.int(1, 99999), 6)}`, `A${issued.y}${pad(r.int(1, 9999), 5)}`, `${pad(r.int(1, 9), 2)}-${pad(r.int(1, 99999), 6)}`]);
    const goods = ["Tubo corrugado 20 mm (100 m)", "Cable RZ1-K 3G2,5", "Caja de registro 100x100", "Interruptor diferencial 40A", "Magnetotérmico 16A", "Base enchufe schuko", "Regleta 5 tomas", "Foco LED 50W", "Tornillo DIN 933 M8x40 (caja)", "Taco nylon 8 mm (caja)", "Brida 300 mm (bolsa 100)", "Cinta aislante", "Silicona neutra 300 ml", "Llave de paso 1/2\"", "Codo cobre 15 mm", "Manguito PVC 40", "Guantes nitrilo (caja)", "Disco corte 125 mm", "Broca SDS 8x160", "Pintura plástica 15 L", "Papel A4 80 g (caja 5)", "Tóner compatible", "Sobre DIN A4 (caja 250)", "Cerradura seguridad", "Bisagra acero 80 mm", "Termostato digital", "Válvula esfera 3/4\"", "Flexo LED", "Pila AA (pack 24)", "Canaleta 40x25 (2 m)"];
    const n = r.int(26, 40);
    const albaranes = Array.from({ length: r.int(2, 4) }, () => ({ no: pad(r.int(1, 99999), 6), d: addDays(issued, -r.int(1, 28)) })).sort((a, b) => isoOf(a.d).localeCompare(isoOf(b.d)));
    const rows: { code: string; desc: string; qty: number; unit: number; amount: number; alb: number }[] = [];
    for (let i = 0; i < n; i++) {
      const qty = r.pick([1, 1, 2, 3, 4, 5, 6, 10, 12, 20, 25, 50]);
      const unit = r.int(35, qty > 10 ? 900 : 8900);
      rows.push({ code: r.digits(r.pick([5, 6, 7])), desc: r.pick(goods), qty, unit, amount: qty * unit, alb: Math.min(albaranes.length - 1, Math.floor((i * albaranes.length) / n)) });
    }
    const base = rows.reduce((a, x) => a + x.amount, 0);
    const f = figures([[2100, base]]);
    const t = new Tall();
    t.y = 36;
    const header = (pageNo: number) => {
      t.at(L(0.07, v.name, pageNo === 1 ? 15 : 11, true), R(0.93, pageNo === 1 ? "FACTURA" : `${r.pick(["Hoja", "Página", "Pág."])} ${pageNo} ${r.pick(["de", "/"])} 2`, pageNo === 1 ? 16 : 9, true)).next(pageNo === 1 ? 20 : 14);
      if (pageNo === 1) {
        t.at(L(0.07, `${v.place.street} · ${v.place.cityLine}`, 8.5), R(0.93, `${r.pick(["Nº", "Número"])} ${number}`, 10, true)).next(13);
        t.at(L(0.07, `CIF ${printId(v.id, r)} · Tel. ${phone(r)}`, 8.5), R(0.93, `${r.pick(["Fecha", "Fecha factura"])}: ${date(issued, ds)}`, 9)).next(13);
        t.at(R(0.93, `${r.pick(["Hoja", "Página", "Pág."])} 1 ${r.pick(["de", "/"])} 2`, 8.5)).next(20);
        t.box(0.07, 0.5, 66).next(2);
        t.at(G(0.085, r.pick(["CLIENTE", "Cliente", "DESTINATARIO"]), 7.5), R(0.93, `${r.pick(["Cód. cliente", "Cliente nº"])}: ${r.digits(5)}`, 8.5)).next(13);
        t.at(L(0.085, c.name, 9.5, true), R(0.93, `${r.pick(["Forma de pago", "F. pago"])}: ${r.pick(["Recibo 30 días", "Giro 60 días", "Transferencia 30 d."])}`, 8.5)).next(13);
        t.at(L(0.085, c.place.street, 8.5)).next(12);
        t.at(L(0.085, `${c.place.cityLine} · CIF ${printId(c.id, r)}`, 8.5)).next(34);
      } else t.at(G(0.07, `${r.pick(["Factura", "Fra."])} ${number} · ${date(issued, ds)} · ${c.name}`, 8)).next(24);
      t.box(0.07, 0.86, 17, "#e2e2e2", -4).at(L(0.08, "Código", 8, true), L(0.19, "Descripción", 8, true), R(0.66, "Cant.", 8, true), R(0.78, "Precio", 8, true), R(0.92, "Importe", 8, true)).next(20);
    };
    header(1);
    const breakAt = Math.round(n * r.pick([0.55, 0.6, 0.65]));
    let running = 0;
    let lastAlb = -1;
    rows.forEach((x, i) => {
      if (i === breakAt) {
        t.next(4).rule(0.55, 0.93, -2);
        t.at(L(0.55, r.pick(["SUMA Y SIGUE", "Suma y sigue", "Suma y sigue ..."]), 9, true), R(0.92, money(running, ms), 9, true)).next(16);
        t.at(G(0.07, `${v.name} · ${registryLine(r, v.place.city)}`, 6.5)).next(30);
        t.rule(0.02, 0.98, -8);
        t.next(20);
        header(2);
        t.at(L(0.55, r.pick(["SUMA ANTERIOR", "Suma anterior", "Viene de hoja anterior"]), 9, true), R(0.92, money(running, ms), 9, true)).next(18);
      }
      if (x.alb !== lastAlb) {
        const a = albaranes[x.alb];
        t.at(L(0.08, `${r.pick(["Albarán", "Alb.", "ALBARÁN Nº"])} ${a.no} ${r.pick(["de", "del", "fecha"])} ${date(a.d, ds)}`, 8, true)).next(13);
        lastAlb = x.alb;
      }
      t.at(L(0.08, x.code, 8), L(0.19, x.desc, 8), R(0.66, String(x.qty), 8), R(0.78, money(x.unit, ms), 8), R(0.92, money(x.amount, ms), 8)).next(13);
      running += x.amount;
    });
    t.next(12).rule(0.5, 0.93, -2);
    t.at(L(0.52, r.pick(["Base imponible", "BASE IMPONIBLE", "Importe neto"]), 9), R(0.92, eur(f.base, ms), 9)).next(15);
    t.at(L(0.52, r.pick(["IVA 21 %", "I.V.A. 21%", "Cuota IVA (21 %)"]), 9), R(0.92, eur(f.vat, ms), 9)).next(17);
    t.at(L(0.52, r.pick(["TOTAL FACTURA", "TOTAL", "Total a pagar"]), 11, true), R(0.92, eur(f.total, ms), 11, true)).next(26);
    t.at(L(0.07, `${r.pick(["Vencimiento", "Vto."])}: ${date(addDays(issued, r.pick([30, 60])), ds)}   ·   IBAN ${iban(r)}`, 8)).next(16);
    t.at(G(0.07, `${v.name} · CIF ${printId(v.id, r)} · ${registryLine(r, v.place.city)}`, 6.5));
    return {
      family: this.name,
      page: t.page(r.pick(FONTS), 1100),
      truth: { doc_type: "invoice", language: "es", vendor_name: v.name, vendor_tax_id: v.id, customer_tax_id: c.id, invoice_number: number, issue_date: isoOf(issued), currency: "EUR", ...truthFigures(f) },
      meta: { lines: n, break_at: breakAt, suma_y_sigue: e(rows.slice(0, breakAt).reduce((a, x) => a + x.amount, 0)), delivery_notes: albaranes.map((a) => [a.no, isoOf(a.d)]), single_tall_page: true, date_style: ds, num_style: ms, distractors: ["suma_y_sigue", "suma_anterior", "delivery_notes", "delivery_dates", "customer_code", "page", "due_date", "iban", "registry"] },
    };
  },
};

/** c7. Minimal modern freelancer invoice: two unlabelled name blocks side by side, bilingual labels, IRPF 15 % or 7 %, IBAN. */
const minimalFreelance: Family = {
  name: "minimal_freelance",
  make(r) {
    const v = person(r);
    const c = company(r, [...CUSTOMER_SECTORS, "Software", "Media", "Publicidad"]);
    const issued = issueDate(r);
    const due = addDays(issued, r.pick([14, 15, 30]));
    const ds: DateStyle = r.pick(["en_long", "iso", "dmy_slash", "es_long", "dmy_dot"]);
    const ms: MoneyStyle = r.pick(["es", "es", "en"]);
    const number = r.pick([`#${pad(r.int(1, 250), 3)}`, `INV-${issued.y}-${pad(r.int(1, 99), 3)}`, `${issued.y}.${pad(r.int(1, 99), 2)}`, `${String(issued.y).slice(2)}${pad(issued.m, 2)}-${pad(r.int(1, 20), 2)}`]);
    const irpfBp = r.pick([1500, 1500, 1500, 700]);
    const biStyle = r.int(0, 2);
    const bi = (es: string, en: string) => [`${en} / ${es}`, `${es} / ${en}`, `${es} · ${en}`][biStyle];
    const work = r.shuffle(["UI design — sprint", "Frontend development", "Illustration set", "Copywriting (ES/EN)", "Video editing", "Brand workshop", "Consultoría SEO", "Maquetación editorial", "Mantenimiento WordPress"]).slice(0, r.int(1, 4));
    const rows = work.map((desc) => {
      const daily = r.chance(0.5);
      const qty = daily ? r.int(1, 12) : r.int(4, 60);
      const unit = daily ? r.pick([25000, 30000, 35000, 40000]) : r.pick([3500, 4000, 5000, 6000, 7000]);
      return { desc, qty, unit: unit as number, amount: qty * unit, per: daily ? "day" : "h" };
    });
    const f = figures([[2100, rows.reduce((a, x) => a + x.amount, 0)]], irpfBp);
    const vendorLeft = r.chance(0.7);
    const s = new Sheet();
    s.put(0.05, L(0.08, r.pick(["Invoice", "Factura", "INVOICE"]), 30, true));
    if (r.chance(0.5)) s.put(0.088, L(0.08, r.pick(["Factura", "Invoice"]), 11));
    s.put(0.06, R(0.92, number, 12, true));
    s.put(0.08, R(0.92, date(issued, ds), 9.5));
    const blockV = [[v.name, 10.5, true], [printId(v.id, r), 9, false], [v.place.street, 9, false], [v.place.cityLine, 9, false], [emailOf(v.name), 9, false]] as const;
    const blockC = [[c.name, 10.5, true], [printId(c.id, r), 9, false], [c.place.street, 9, false], [c.place.cityLine, 9, false]] as const;
    const [lx, rx] = [0.08, 0.52];
    const [left, right] = vendorLeft ? [blockV, blockC] : [blockC, blockV];
    left.forEach(([t, size, bold], i) => s.put(0.16 + i * 0.02, L(lx, t, size, bold)));
    right.forEach(([t, size, bold], i) => s.put(0.16 + i * 0.02, L(rx, t, size, bold)));
    s.put(0.28, G(0.08, bi("Fecha", "Date"), 7.5), G(0.3, bi("Vencimiento", "Due"), 7.5), G(0.52, bi("Nº", "No."), 7.5));
    s.put(0.296, L(0.08, date(issued, ds), 9), L(0.3, date(due, ds), 9), L(0.52, number, 9));
    const ty = 0.36;
    s.rule(ty + 0.018, 0.08, 0.92);
    s.put(ty, G(0.08, bi("Concepto", "Description"), 7.5), R(0.62, bi("Cant.", "Qty"), 7.5), R(0.76, bi("Precio", "Rate"), 7.5), R(0.92, bi("Importe", "Amount"), 7.5));
    let y = ty + 0.035;
    for (const x of rows) {
      s.put(y, L(0.08, x.desc, 9), R(0.62, `${x.qty} ${x.per === "h" ? "h" : x.qty === 1 ? "day" : "days"}`, 9), R(0.76, money(x.unit, ms), 9), R(0.92, money(x.amount, ms), 9));
      y += 0.026;
    }
    s.rule(y + 0.004, 0.5, 0.92);
    const cur = (x: number) => (ms === "en" ? eur(x, "en") : eur(x, ms));
    const after = totalsBlock(s, y + 0.02, [
      [r.pick(["Subtotal", bi("Base imponible", "Subtotal")]), cur(f.base)],
      [`${r.pick(["IVA / VAT", "VAT / IVA", "IVA"])} 21%`, cur(f.vat)],
      [`${r.pick(["IRPF", "Retención IRPF / Withholding", "IRPF withholding"])} -${irpfBp / 100}%`, cur(-f.irpf)],
      [r.pick(["Total", "Total (EUR)", bi("Total", "Total due")]), cur(f.total), true],
    ], 0.52, 0.92, 0.026);
    const payTo = r.chance(0.5);
    s.put(Math.max(after + 0.08, 0.8), G(0.08, bi("Pago", "Payment"), 7.5));
    s.put(Math.max(after + 0.08, 0.8) + 0.018, L(0.08, `${payTo ? `${v.name} · ` : ""}IBAN ${iban(r)}${r.chance(0.5) ? ` · BIC ${r.pick(["CAIXESBBXXX", "BBVAESMMXXX", "BSCHESMMXXX", "INGDESMMXXX"])}` : ""}`, 8.5));
    if (irpfBp === 700) s.put(Math.max(after + 0.08, 0.8) + 0.04, G(0.08, "Retención del 7 % por inicio de actividad (art. 101.5 LIRPF)."));
    s.put(0.95, G(0.08, r.pick(["Thank you! / ¡Gracias!", "Gracias por confiar en mi trabajo.", "Thanks for your business."]), 7.5));
    return {
      family: this.name,
      page: s.page(r.pick(FONTS)),
      truth: { doc_type: "invoice", language: "es", vendor_name: v.name, vendor_tax_id: v.id, customer_tax_id: c.id, invoice_number: number, issue_date: isoOf(issued), currency: "EUR", ...truthFigures(f) },
      meta: { vendor_left: vendorLeft, unlabelled_parties: true, pay_to_name: payTo, date_style: ds, num_style: ms, due_date: isoOf(due), distractors: ["due_date", "iban", "bic", "email", "hours"] },
    };
  },
};

/** c8. A retailer's credit note for a returned item: "Abono"/"Devolución", negative lines, rectifying an original invoice or ticket. */
const retailReturn: Family = {
  name: "retail_return",
  make(r) {
    const trade = r.pick(["ELECTROHOGAR", "BRICO CENTRO", "DEPORTES", "MODA", "INFORMATICA", "JUGUETES"] as const);
    const catalogue: Record<typeof trade, string[]> = {
      ELECTROHOGAR: ["Microondas 20 L", "Cafetera espresso", "Aspirador sin cable", "Plancha de vapor", "Batidora de vaso"],
      "BRICO CENTRO": ["Taladro percutor 800W", "Juego de llaves combinadas", "Escalera aluminio 5 peldaños", "Lijadora orbital", "Caja de herramientas"],
      DEPORTES: ["Zapatillas running", "Chaqueta cortavientos", "Raqueta de pádel", "Mochila trekking 30 L", "Balón de fútbol"],
      MODA: ["Camisa manga larga", "Pantalón chino", "Vestido estampado", "Abrigo de paño", "Zapatos piel"],
      INFORMATICA: ["Monitor 27\" QHD", "Teclado mecánico", "Ratón inalámbrico", "Disco SSD 1 TB", "Webcam Full HD"],
      JUGUETES: ["Puzzle 1000 piezas", "Muñeca articulada", "Juego de construcción", "Coche teledirigido", "Juego de mesa"],
    };
    const brandName = `${trade} ${r.pick(["PLUS", "CENTER", "STORE", r.pick(SURNAMES).toUpperCase()])}`;
    const v = company(r, ["Comercial", "Grandes Almacenes", "Distribuciones", "Retail", "Tiendas"], ["S.A.", "S.L.", "S.L.", "S.A."]);
    const b2b = r.chance(0.45);
    const c = b2b ? company(r, CUSTOMER_SECTORS) : null;
    const issued = issueDate(r);
    const orig = addDays(issued, -r.int(1, 30));
    const ds: DateStyle = r.pick(["dmy_slash", "dmy_slash", "dmy_dash", "dmy_short"]);
    const ms: MoneyStyle = b2b ? r.pick(["es", "es_nogroup"]) : "es_nogroup";
    const yy = String(issued.y).slice(2);
    const shop = pad(r.int(1, 999), 3);
    const number = r.pick([`R${yy}-${pad(r.int(1, 99999), 6)}`, `R-${issued.y}/${pad(r.int(1, 9999), 5)}`, `RS${shop}-${pad(r.int(1, 999999), 6)}`, `R${issued.y}${shop}${pad(r.int(1, 9999), 4)}`]);
    const origNumber = b2b ? r.pick([`F${String(orig.y).slice(2)}-${pad(r.int(1, 99999), 6)}`, `A-${orig.y}/${pad(r.int(1, 9999), 5)}`]) : r.pick([`FS${shop}-${pad(r.int(1, 999999), 6)}`, `${shop}-${pad(r.int(1, 20), 2)}-${pad(r.int(1, 999999), 6)}`]);
    const returned = r.shuffle(catalogue[trade]).slice(0, r.chance(0.3) ? 2 : 1).map((desc) => ({ desc, qty: r.chance(0.15) ? 2 : 1, unitGross: r.int(9, 399) * 100 + r.pick([0, 90, 95, 99]) }));
    const reason = r.pick(["Devolución por desistimiento", "Producto defectuoso", trade === "MODA" || trade === "DEPORTES" ? "Cambio de talla (sin reposición)" : "Producto dañado en el transporte", "Devolución de mercancía", "No conforme con el pedido"]);
    let f: Figures;
    const lines: { desc: string; qty: number; unit: number; amount: number }[] = [];
    if (b2b) {
      // a business customer's invoice prices without IVA
      for (const x of returned) {
        const unit = Math.round((x.unitGross * 100) / 121);
        lines.push({ desc: x.desc, qty: -x.qty, unit, amount: -x.qty * unit });
      }
      f = figures([[2100, lines.reduce((a, l) => a + l.amount, 0)]]);
    } else {
      const items = returned.map((x) => ({ ...x, rateBp: 2100, gross: x.qty * x.unitGross }));
      const [[, b]] = grossBases(items, (it) => it.qty === 1);
      for (const it of items) lines.push({ desc: it.desc, qty: -it.qty, unit: it.qty === 1 ? it.gross : it.unitGross, amount: -it.gross });
      f = figures([[2100, -b]]);
    }
    if (!b2b) {
      const roll = new Roll(r.pick([226, 240]));
      roll.at(rc(brandName, 10, true)).at(rc(v.name.toUpperCase(), fit(v.name, roll.W, 7.5))).at(rc(`${r.pick(["CIF", "C.I.F.", "NIF"])}: ${printId(v.id, r)}`, 7.5));
      roll.at(rc(v.place.street.toUpperCase(), fit(v.place.street, roll.W, 7))).at(rc(v.place.cityLine.toUpperCase(), fit(v.place.cityLine, roll.W, 7)));
      roll.at(rc(`${r.pick(["Tienda", "Centro"])} ${shop}`, 7)).gap();
      roll.at(rc(r.pick(["ABONO", "DEVOLUCION", "TICKET DE DEVOLUCION"]), 9, true));
      roll.at(rc(r.pick(["FACTURA RECTIFICATIVA SIMPLIFICADA", "FRA. RECTIFICATIVA (SIMPLIFICADA)", "FACTURA RECTIFICATIVA"]), 7.5, true));
      roll.at(rl(`${r.pick(["Nº", "Nº Abono", "Rectificativa nº"])}: ${number}`));
      roll.at(rl(`${r.pick(["Fecha", "FECHA"])}: ${date(issued, ds)}`), rr(hhmm(r)));
      roll.at(rl(`${r.pick(["Ticket original", "Rectifica a", "Fra. simplificada original"])}: ${origNumber}`, 0.05, 7));
      roll.at(rl(`${r.pick(["de fecha", "Fecha compra", "del"])} ${date(orig, ds)}`, 0.05, 7));
      roll.at(rl(`${r.pick(["Motivo", "MOTIVO"])}: ${reason}`.slice(0, 40), 0.05, 7)).gap();
      roll.at(rl("UDS"), rl("DESCRIPCION", 0.14), rr("IMPORTE"));
      for (const l of lines) roll.at(rl(String(l.qty)), rl(l.desc.toUpperCase().slice(0, 24), 0.14), rr(money(l.amount, ms)));
      roll.gap();
      roll.at([0.05, r.pick(["TOTAL", "TOTAL ABONO", "TOTAL A DEVOLVER"]), 10, { bold: true }], rr(money(f.total, ms), 0.95, true, 10));
      roll.at(rl("BASE"), rr("IVA %", 0.55), rr("CUOTA", 0.75), rr("TOTAL"));
      roll.at(rl(money(f.base, ms)), rr("21%", 0.55), rr(money(f.vat, ms), 0.75), rr(money(f.total, ms)));
      roll.gap();
      if (r.chance(0.7)) for (const t of cardBlock(r, -f.total, ms)) roll.at(rl(t.replace(/^IMPORTE:/, "DEVOLUCION:"), 0.05, 7));
      else roll.at(rl(r.pick(["VALE DE COMPRA", "ABONADO EN EFECTIVO"])), rr(money(-f.total, ms)));
      roll.at(rc("Firma del cliente: ______________", 7));
      return {
        family: this.name,
        page: roll.page(r.pick(MONO)),
        truth: { doc_type: "credit_note", language: "es", vendor_name: v.name, vendor_tax_id: v.id, customer_tax_id: null, invoice_number: number, issue_date: isoOf(issued), currency: "EUR", ...truthFigures(f) },
        meta: { b2b, trade_name: brandName, original_invoice: origNumber, original_date: isoOf(orig), reason, date_style: ds, distractors: ["original_ticket", "original_date", "shop", "time", "refund_card"] },
      };
    }
    const s = new Sheet();
    s.put(0.045, L(0.07, brandName, 18, true));
    s.put(0.072, L(0.07, v.name, 9.5));
    s.put(0.088, L(0.07, `${v.place.street} · ${v.place.cityLine} · ${r.pick(["CIF", "NIF"])} ${printId(v.id, r)}`, 8));
    s.put(0.045, R(0.93, r.pick(["ABONO", "FACTURA DE ABONO", "DEVOLUCIÓN"]), 16, true));
    s.put(0.07, R(0.93, "Factura rectificativa", 9));
    s.box(0.55, 0.12, 0.38, 0.1);
    s.put(0.127, L(0.57, c!.name, 9.5, true));
    s.put(0.147, L(0.57, c!.place.street, 8.5));
    s.put(0.165, L(0.57, c!.place.cityLine, 8.5));
    s.put(0.183, L(0.57, `CIF: ${printId(c!.id, r)}`, 8.5));
    s.put(0.201, L(0.57, `${r.pick(["Nº cliente", "Cód. cliente"])}: ${r.digits(6)}`, 8.5));
    const block = [
      `${r.pick(["Factura rectificativa nº", "Nº rectificativa:", "Abono nº"])} ${number}`,
      `${r.pick(["Fecha", "Fecha de emisión"])}: ${date(issued, ds)}`,
      `${r.pick(["Rectifica la factura original nº", "Factura original nº", "Ref. factura"])} ${origNumber} ${r.pick(["de fecha", "del", "de"])} ${date(orig, ds)}`,
      `Motivo: ${reason}`,
      `${r.pick(["Nº devolución", "RMA"])}: ${r.pick(["RMA-", "DV", ""])}${r.digits(7)}`,
    ];
    block.forEach((t, i) => s.put(0.125 + i * 0.02, L(0.07, t, 8.5, i === 0)));
    const ty = 0.27;
    s.box(0.07, ty - 0.006, 0.86, 0.024, "#e6e6e6");
    s.put(ty, L(0.09, "Artículo", 8.5, true), R(0.6, "Uds.", 8.5, true), R(0.74, "Precio", 8.5, true), R(0.91, "Importe", 8.5, true));
    let y = ty + 0.032;
    for (const l of lines) {
      s.put(y, L(0.09, `${r.pick(["Devolución: ", "DEV. ", ""])}${l.desc}`, 8.5), R(0.6, String(l.qty), 8.5), R(0.74, money(l.unit, ms), 8.5), R(0.91, money(l.amount, ms), 8.5));
      y += 0.022;
    }
    totalsBlock(s, Math.max(y + 0.04, 0.45), [
      [r.pick(["Base imponible", "Total base"]), eur(f.base, ms)],
      [r.pick(["IVA 21 %", "Cuota IVA 21 %"]), eur(f.vat, ms)],
      [r.pick(["TOTAL ABONO", "Total a abonar", "TOTAL"]), eur(f.total, ms), true],
    ]);
    s.put(0.72, L(0.07, `El importe se abonará ${r.pick(["en la tarjeta utilizada en la compra", "mediante transferencia", "en su cuenta de cliente"])}.`, 8));
    s.put(0.93, G(0.07, `${v.name} · ${registryLine(r, v.place.city)}`));
    return {
      family: this.name,
      page: s.page(r.pick(FONTS)),
      truth: { doc_type: "credit_note", language: "es", vendor_name: v.name, vendor_tax_id: v.id, customer_tax_id: c!.id, invoice_number: number, issue_date: isoOf(issued), currency: "EUR", ...truthFigures(f) },
      meta: { b2b, trade_name: brandName, original_invoice: origNumber, original_date: isoOf(orig), reason, date_style: ds, num_style: ms, distractors: ["original_invoice", "original_date", "rma", "customer_code", "registry"] },
    };
  },
};

export const FAMILIES_C: Family[] = [catalanInvoice, restaurantBill, taxiReceipt, electricityBill, advanceDeducted, longInvoice, minimalFreelance, retailReturn];

// ───────────────────────────── corpus ─────────────────────────────

/** The family sets: `a` (the first eight, unchanged since the corpus began), `b` (a second eight) and `c` (a third eight). */
export type FamilySet = "a" | "b" | "c";
export const FAMILY_SETS: Record<FamilySet, Family[]> = { a: FAMILIES, b: FAMILIES_B, c: FAMILIES_C };
// per-set seeds of the plan and of each document's drawing; set a keeps its original ones, so its corpora stay byte-identical
const SET_SALT: Record<FamilySet, { plan: number; doc: number }> = { a: { plan: 13, doc: 1 }, b: { plan: 29, doc: 2 }, c: { plan: 43, doc: 3 } };

/** The plan of a corpus: family and format per document, balanced and shuffled for the seed. */
export function plan(seed: number, count: number, set: FamilySet = "a"): { family: Family; format: UnseenFormat }[] {
  const fams = FAMILY_SETS[set];
  const r = new Rng(seed * 7919 + SET_SALT[set].plan);
  const families = r.shuffle(Array.from({ length: count }, (_, i) => fams[i % fams.length]));
  // about the dev mix: 30 % text PDFs, 20 % scans, 30 % photos, 20 % PNGs
  const formats: UnseenFormat[] = Array.from({ length: count }, (_, i) => {
    const k = (i * 10) / count;
    return k < 3 ? "pdf_text" : k < 5 ? "pdf_scan" : k < 8 ? "jpg_photo" : "png";
  });
  const shuffled = r.shuffle(formats);
  return families.map((family, i) => ({ family, format: shuffled[i] }));
}

/** Document `index` (0-based) of the corpus for `seed` and family set: its drawing, truth and notes. */
export function makeDocument(seed: number, count: number, index: number, set: FamilySet = "a"): UnseenDoc & { format: UnseenFormat } {
  const { family, format } = plan(seed, count, set)[index];
  return { ...family.make(new Rng(seed * 1_000_003 + index * 7_717 + SET_SALT[set].doc)), format };
}

const EXT: Record<UnseenFormat, string> = { pdf_text: "pdf", pdf_scan: "pdf", jpg_photo: "jpg", png: "png" };

/** The file bytes of a document in its format; images and noise are seeded by `n`. */
export async function render(doc: UnseenDoc & { format: UnseenFormat }, n: number): Promise<Uint8Array | Buffer> {
  if (doc.format === "pdf_text") return textPdf(doc.page);
  const r = new Rng(n * 104_729 + 5);
  const narrow = (doc.page.width ?? 595) < 400;
  const png = await pageImage(doc.page, narrow ? 260 : 200);
  if (doc.format === "png") return png;
  if (doc.format === "pdf_scan") return scannedPdf(png, doc.page, { angle: (r.float() - 0.5) * 0.8, noise: 0.1 + r.float() * 0.1, seed: n });
  return photoOf(png, {
    angle: (r.chance(0.5) ? 1 : -1) * (0.6 + r.float() * 2),
    brightness: 0.88 + r.float() * 0.1,
    blur: 0.5 + r.float() * 0.5,
    quality: r.int(55, 75),
    noise: 0.12 + r.float() * 0.15,
    margin: narrow ? 0.15 : 0.03 + r.float() * 0.05,
    shade: 0.1 + r.float() * 0.25,
    maxSide: narrow ? 1400 : r.int(1900, 2300),
    seed: n,
  });
}

export type CorpusSummary = { n: number; families: Record<string, number>; formats: Record<string, number>; files: string[] };

/** Writes `count` documents (`unseen_0001.pdf` …) with their truth JSON and a `_manifest.json` into `out`. */
export async function writeCorpus(out: string, opts: { seed: number; count: number; families?: FamilySet; only?: number[] }): Promise<CorpusSummary> {
  const set = opts.families ?? "a";
  await mkdir(out, { recursive: true });
  const started = Date.now();
  const families: Record<string, number> = {};
  const formats: Record<string, number> = {};
  const files: string[] = [];
  let maxBytes = 0;
  for (let i = 0; i < opts.count; i++) {
    if (opts.only && !opts.only.includes(i)) continue;
    const doc = makeDocument(opts.seed, opts.count, i, set);
    const stem = `unseen_${pad(i + 1, 4)}`;
    const file = `${stem}.${EXT[doc.format]}`;
    const bytes = await render(doc, opts.seed * 10_000 + i);
    maxBytes = Math.max(maxBytes, bytes.length);
    await writeFile(path.join(out, file), bytes);
    const truth = { file, set: "unseen", ...doc.truth, meta: { family: doc.family, ...doc.meta, font: doc.page.font?.image }, format: doc.format };
    await writeFile(path.join(out, `${stem}.json`), `${JSON.stringify(truth, null, 2)}\n`);
    families[doc.family] = (families[doc.family] ?? 0) + 1;
    formats[doc.format] = (formats[doc.format] ?? 0) + 1;
    files.push(file);
  }
  const manifest = { set: "unseen", n: files.length, seed: opts.seed, family_set: set, families, formats, render_seconds: Math.round((Date.now() - started) / 100) / 10, max_bytes: maxBytes, problems: [] };
  await writeFile(path.join(out, "_manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return { n: files.length, families, formats, files };
}
