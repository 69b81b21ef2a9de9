/**
 * Who is who: the customer and vendor blocks of a page (by their labels and, with a layout, by column), the
 * vendor's and customer's tax ids, and the vendor's name. Pure.
 *
 * A block opened by a customer label ("Cliente", "Facturar a", "Arrendatario", "A la atención de"…) is the
 * customer's; one opened by a vendor label ("Emisor", "Arrendador", "Vendido por"…) is the vendor's. A block runs
 * down its column until a section of the invoice body starts (items, totals) or another party label appears in
 * the same column. The vendor is the party with a valid id outside the customer's blocks (the book's own id, when
 * known, is the customer's wherever it is printed).
 */
import { isValidTaxId } from "@/lib/tax-id";
import { CUSTOMER_WORDS, LABEL_VOCABULARY, editDistance, findFuzzyWord } from "@/lib/documents/parse/fuzzy";
import { labelHits } from "@/lib/documents/parse/labels";
import type { TaxIdHit } from "@/lib/documents/parse/tax-ids";
import { cellAt, cellInColumn, foldText, type Geo, type Line } from "@/lib/documents/parse/text";

export type Role = "customer" | "vendor";
type Span = { line: number; start: number; end: number };

export const CUSTOMER_LABEL =
  /\b(?:cliente|clienta|client|customer|facturar\s*a|facturado\s*a\b|facturados|factura\s+a(?!\s+(?:la|el)\b)|bill(?:ed)?\s+to|billing\s+address|delivery\s+address|shipping\s+address|datos\s+del?\s+(?:cliente|destinatario|receptor|comprador)|datos\s+de\s+facturacion|destinatario|receptor|sold\s+to|ship\s+to|invoice\s+to|adquir[iy]?ente|comprador|buyer|arrendatari[oa]|inquilin[oa]|tenant|titular(?:\s+del\s+contrato)?|a\s*la\s+atencion(?:\s+de)?|attn\.?|direccion\s+de\s+envio|enviar\s+a|huesped|guest|pasajer[oa]|passenger|contratante|alumn[oa]|paciente|sr\.?\s?\/\s?sra\b|sres\b)\b/;
export const VENDOR_LABEL =
  /\b(?:emisor|emitid[oa]\s+por|issued\s+by|proveedor|vendedor|vendid[oa](?:\s+y\s+enviad[oa])?\s+por|sold\s+by|profesional|expedidor|from|seller|vendor|supplier|prestador(?:\s+del\s+servicio)?|arrendador(?:\/a)?|propietari[oa]|landlord|operad[oa]\s+por|operated\s+by|explotad[oa]\s+por|titular\s+de\s+la\s+(?:licencia|explotacion|estacion)|conductor(?:\/a)?|driver|raz[oó]n\s+social)\b/;
const SECTION_END =
  /\b(?:descripcion|concepto|description|cantidad|qty|base\s+imponible|subtotal|importe|forma\s+de\s+pago|total|ref\.|articulo|producto|proyecto|motivo|servicio|detalle|lineas?)\b/;

/** A party block: lines [from, to], and (with a layout) the horizontal band it occupies; `side` without one. */
export type Zone = {
  role: Role;
  from: number;
  to: number;
  /** Horizontal band (page fractions) with a layout; `aligned`: the band is the whole width, so the block is
   * the text left-aligned with its label (at `ax`). */
  x0: number | null;
  x1: number | null;
  ax: number | null;
  aligned: boolean;
  side: "all" | "first" | "last";
  /** The issuer's legal identity, printed with its registry data: a name there is the vendor's legal name. */
  legal?: boolean;
};

function isCountLabel(fold: string, at: number): boolean {
  // "Nº cliente: 123", "Código de cliente", "Ref. cliente" are fields, not blocks.
  return /\b(?:n[º°o]|num\.?|numero|codigo|cod\.?|ref\.?|id|no\.?|number|referencia)\s*(?:de\s+|del\s+)?$/.test(fold.slice(Math.max(0, at - 16), at));
}

/** Party labels on a line: role and position (folded text). */
export function partyLabels(line: Line): { role: Role; start: number; end: number }[] {
  const out: { role: Role; start: number; end: number }[] = [];
  for (const [role, re] of [["customer", CUSTOMER_LABEL], ["vendor", VENDOR_LABEL]] as const) {
    const g = new RegExp(re.source, "g");
    for (const m of line.fold.matchAll(g)) {
      if (isCountLabel(line.fold, m.index)) continue;
      // A heading, not a word in a sentence: it opens its cell (after "Datos del", a bullet…) and is followed
      // by a colon, the end of the cell, or a short value ("Vendido por: Officine Rinaldi S.r.l.").
      const cell = line.cells[cellAt(line, m.index)];
      if (cell) {
        // Another heading joined to it ("Propietario / Cliente", OCR's "Propietario | Cliente") does not make it a word
        // in a sentence; "Factura emitida por": the document's name before the issuer's label.
        const before = line.fold
          .slice(cell.start, m.index)
          .replace(new RegExp(`(?:${CUSTOMER_LABEL.source}|${VENDOR_LABEL.source})\\s*(?:[\\/|,&\\-–]|\\by\\b|\\bo\\b)`, "g"), "")
          .replace(/\b(?:datos|del?|los|la|el|para|informacion)\b/g, "")
          .replace(role === "vendor" ? /^\s*factura\b/ : /$^/, "");
        if (/[\p{L}\d]/u.test(before)) continue;
        const rest = line.fold.slice(m.index + m[0].length, cell.end);
        if (!/^\s*[:\-–—]/.test(rest) && rest.trim().length > 45) continue;
        // "El arrendatario ingresará la retención…": a lowercase word after it, no colon: a sentence.
        if (!/^\s*[:\-–—]/.test(rest) && /^\s+\p{Ll}{3,}/u.test(line.raw.slice(m.index + m[0].length, cell.end))) continue;
      }
      // "cliente" right after "número"/"código" or followed by a value ("Cliente: 4812") is a field.
      const after = line.fold.slice(m.index + m[0].length, m.index + m[0].length + 14);
      if (role === "customer" && /^\s*(?:n[º°o]|num|no\.|number|id\b|code|codigo|ref)/.test(after)) continue;
      if (role === "customer" && /^\s*[:#]?\s*\d{3,}\s*$/.test(after)) continue;
      // "from" and "driver" only as a heading ("From:", "FROM"), not inside a sentence.
      if (/^(?:from|driver|profesional)$/.test(m[0]) && !/^\s*(?::|$|\t)/.test(line.fold.slice(m.index + m[0].length)) && m.index > 0) continue;
      out.push({ role, start: m.index, end: m.index + m[0].length });
    }
  }
  // One heading naming both ("Propietario / Cliente": the vehicle's owner, the workshop's customer): the customer's.
  for (const c of out.filter((o) => o.role === "customer")) {
    const ci = cellAt(line, c.start);
    for (let k = out.length - 1; k >= 0; k--) if (out[k].role === "vendor" && cellAt(line, out[k].start) === ci) out.splice(k, 1);
  }
  // Bare prepositions as headings of a pair of blocks ("PARA ⇥ DE", "DE ⇥ FACTURAR A", "CLIENTE ⇥ DE"): a cell that is
  // only the word, beside another party heading on its line; "Para" alone also when it opens its line ("Para ⇥
  // Silvia Ramos Nieto"), the addressee's block under it. Alone elsewhere such a cell is a table's or OCR's scrap.
  const bare = line.cells
    .map((c) => ({ c, m: /^\s*(para|to|de|from)\s*:?\s*$/.exec(c.fold) }))
    .filter((x): x is { c: (typeof line.cells)[number]; m: RegExpExecArray } => x.m !== null && !out.some((o) => o.start >= x.c.start && o.start < x.c.end));
  for (const { c, m } of bare) {
    const role: Role = m[1] === "para" || m[1] === "to" ? "customer" : "vendor";
    const partner = out.length > 0 || bare.some((b) => b.c !== c && (b.m[1] === "para" || b.m[1] === "to") !== (role === "customer"));
    if (!partner && !(m[1] === "para" && c === line.cells[0])) continue;
    const start = c.start + c.fold.indexOf(m[1]);
    out.push({ role, start, end: start + m[1].length });
  }
  if (!out.some((o) => o.role === "customer")) {
    // OCR misspellings of the customer heading ("DATOS DEL CLIENTI") at the start of a cell.
    const f = findFuzzyWord(line.fold, CUSTOMER_WORDS);
    if (
      f &&
      !isCountLabel(line.fold, f.index) &&
      line.cells.some((c) => c.start <= f.index && !/[\p{L}\d]/u.test(line.fold.slice(c.start, f.index).replace(/\b(?:datos|del?|los)\b/g, "")))
    ) {
      out.push({ role: "customer", start: f.index, end: f.index + f.word.length });
    } else {
      // "Datos de facturación", "Datos del cliente" as OCR misreads them ("Dates de (acturación", "Datos del diente").
      const d = /(?:^|\t|\s{3})[^\p{L}\d]*(d[a-z]{3,4})\s+del?\s+[^\p{L}\d\s]?(\p{L}{5,})/u.exec(line.fold);
      if (d && editDistance(d[1], "datos", 1) <= 1 && CUSTOMER_HEADINGS.some((w) => editDistance(d[2], w, 2) <= 2)) {
        const at = d.index + d[0].length - d[0].trimStart().length;
        out.push({ role: "customer", start: at, end: d.index + d[0].length });
      }
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** What "Datos de …" heads in a customer's block. */
const CUSTOMER_HEADINGS = ["cliente", "facturacion", "destinatario", "receptor", "comprador"];

/** Party blocks of a document. */
export function partyZones(lines: Line[], geo: Geo = null, ids: TaxIdHit[] = []): Zone[] {
  const zones: Zone[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const labels = partyLabels(line);
    labels.forEach((lab, k) => {
      const ext = geo?.(i, lab.start, lab.end) ?? null;
      const nextLab = labels[k + 1];
      const nextExt = nextLab ? (geo?.(i, nextLab.start, nextLab.end) ?? null) : null;
      const prevLab = labels[k - 1];
      const prevExt = prevLab ? (geo?.(i, prevLab.start, prevLab.end) ?? null) : null;
      let x0: number | null = null;
      let x1: number | null = null;
      let aligned = false;
      if (ext) {
        // The label's column: from the gap before it (the page edge when it opens its line) to the next label
        // or cell on its line (the page edge when it ends it).
        const ci = cellAt(line, lab.start);
        const leftCell = ci > 0 ? line.cells[ci - 1] : null;
        const lx = prevExt ?? (leftCell ? (geo?.(i, leftCell.start, leftCell.end) ?? null) : null);
        const opensLine = !line.fold.slice(0, lab.start).trim() || (!lx && ci === 0);
        x0 = opensLine ? 0 : lx ? (lx.x1 + ext.x0) / 2 : ext.x0 - 0.03;
        const rightCell = line.cells[ci + 1];
        const rx = nextExt ?? (rightCell ? (geo?.(i, rightCell.start, rightCell.end) ?? null) : null);
        x1 = rx && rx.x0 > ext.x1 ? (ext.x1 + rx.x0) / 2 : 1;
        aligned = x0 === 0 && x1 === 1;
        // A label and its value ("Facturado a ⇥ Cooperativa Santa Clara", the value a short gap away): the block is
        // the label's and the value's columns, up to the next cell.
        if (!nextLab && rx && rightCell && rx.x0 > ext.x1 && rx.x0 - ext.x1 < 0.1) {
          const far = line.cells[ci + 2] ? (geo?.(i, line.cells[ci + 2].start, line.cells[ci + 2].end) ?? null) : null;
          x1 = far && far.x0 > rx.x1 ? (rx.x1 + far.x0) / 2 : 1;
        }
      }
      let side: Zone["side"] = "all";
      if (line.cells.length > 1) side = cellAt(line, lab.start) === 0 ? "first" : "last";
      // The heading's left edge: where its cell starts ("DATOS DEL CLIENTE", not the word "CLIENTE").
      const headCell = line.cells[cellAt(line, lab.start)];
      const ax = (headCell ? geo?.(i, headCell.start, lab.end)?.x0 : null) ?? ext?.x0 ?? null;
      const zone: Zone = { role: lab.role, from: i, to: i, x0, x1, ax, aligned, side };
      // Up to eight lines of text (blank lines between them, as OCR spaces a page, do not count).
      for (let j = i + 1, n = 0; j < lines.length && n < 8; j++) {
        const next = lines[j];
        if (!next.raw.trim()) {
          if (geo) continue;
          break;
        }
        n++;
        const inBand = (s: number, e: number) => zoneCovers(zone, next, s, e, geo);
        const body = SECTION_END.exec(next.fold);
        if (body && inBand(body.index, body.index + body[0].length) && !/\b(?:nif|cif|vat|dni|nie)\b/.test(next.fold)) break;
        if (partyLabels(next).some((l) => inBand(l.start, l.end))) break;
        if (!geo && side === "all" && lab.role === "customer" && VENDOR_LABEL.test(next.fold)) break;
        zone.to = j;
        // A block holds one party: it ends with its tax id.
        if (ids.some((h) => h.line === j && inBand(h.start, h.end))) break;
      }
      zones.push(zone);
    });
  }
  return zones;
}

function zoneCovers(zone: Zone, line: Line, start: number, end: number, geo: Geo): boolean {
  const ext = zone.x0 !== null ? (geo?.(line.index, start, end) ?? null) : null;
  if (ext && zone.aligned && zone.ax !== null) {
    // A heading alone on its line: its block is the cell left-aligned with it.
    const cell = line.cells[cellAt(line, start)];
    const cx = cell ? geo?.(line.index, cell.start, cell.end) : null;
    return Math.abs((cx ?? ext).x0 - zone.ax) <= 0.06;
  }
  if (ext && zone.x0 !== null && zone.x1 !== null) {
    const mid = (ext.x0 + Math.min(ext.x1, ext.x0 + 0.15)) / 2;
    return mid >= zone.x0 && mid <= zone.x1;
  }
  if (zone.side === "all") return true;
  if (line.cells.length <= 1) return zone.side === "first" ? start < line.raw.length * 0.6 || line.raw.length < 40 : start > line.raw.length * 0.4;
  const cell = cellAt(line, start);
  return zone.side === "first" ? cell === 0 : cell === line.cells.length - 1;
}

/** The role of the block that characters [start, end) of a line sit in, if any (the nearest label above wins). */
export function roleAt(zones: Zone[], line: Line, start: number, end: number, geo: Geo): Role | null {
  let best: Zone | null = null;
  for (const z of zones) {
    if (line.index < z.from || line.index > z.to) continue;
    if (!zoneCovers(z, line, start, end, geo)) continue;
    if (!best || z.from > best.from) best = z;
  }
  return best?.role ?? null;
}

export type Parties = {
  vendor: TaxIdHit | null;
  customer: TaxIdHit | null;
  /** How sure the choice of vendor id is, 0..1 (labels or the book's id settle it; a guess between ids does not). */
  vendorCertainty: number;
  /** Blocks found without a label (the issuer's registry identity, an unlabelled customer block it implies), for
   * the vendor's name. */
  zones: Zone[];
};

/**
 * Registry data: Registro Mercantil (tomo, folio, hoja), "inscrita en…", "domicilio social", "explotado por". Spanish
 * law has the issuer print its own on its invoices, so the identity printed with it is the issuer's.
 */
const REGISTRY =
  /\b(?:regist?r?\w*\s+merc\w*|reg\.?\s*merc\w*|inscrit[ao]\s+en\s+(?:el\s+)?(?:registro|rm\b|r\.\s?m\.)|rm\s+de\s+[a-z]|tomo\s*:?\s*\d+\b.{0,40}\b(?:folio|hoja|libro|seccion)\b|t\.\s*\d{2,5}\s*,?\s*(?:l\.\s*\d+\s*,?\s*)?f\.\s*\d+|ho[jy]a\s*(?:n[º°o]\.?\s*)?:?\s*[a-z]{1,2}\s?-\s?\d+|con\s+domicilio\s+social|domicilio\s+social\s+en\b|(?:explotad|gestionad)[oa]\s+por)/;

export type Registry = {
  /** The registry lines and the lines whose ids go with them. */
  from: number;
  to: number;
  /** The issuer's id printed with the registry data, when one (and only one) was read there. */
  issuer: TaxIdHit | null;
  /** A tax-id label there whose id could not be read. */
  unread: boolean;
  /** Legal names (with a legal form) printed with the registry data. */
  names: string[];
};

/**
 * The issuer's identity printed with the registry data: the id on a registry line, else on a line just above or
 * below it in the same column ("Suministros Rodríguez S.L. - CIF B… - Calle…" over "Inscrita en el Registro
 * Mercantil de Burgos, Tomo…"). Ids in a customer's block are not the issuer's.
 */
export function findRegistry(lines: Line[], ids: TaxIdHit[], zones: Zone[], geo: Geo): Registry | null {
  const regs: { line: number; start: number; end: number }[] = [];
  for (const line of lines) {
    const m = REGISTRY.exec(line.fold);
    if (m) regs.push({ line: line.index, start: m.index, end: m.index + m[0].length });
  }
  if (!regs.length) return null;
  const outsideCustomer = (h: TaxIdHit) => roleAt(zones, lines[h.line], h.start, h.end, geo) !== "customer";
  const sameColumn = (r: (typeof regs)[number], h: TaxIdHit) => {
    const a = geo?.(r.line, r.start, r.end);
    const b = geo?.(h.line, h.start, h.end);
    if (a && b) return Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > -0.05 || (a.x0 < 0.5) === (b.x0 < 0.5);
    const rl = lines[r.line];
    const hl = lines[h.line];
    // Without a layout: both on the left (a cell opening its line, not indented) or both further right.
    const right = (l: Line, at: number) => (l.cells.length > 1 ? cellAt(l, at) > 0 : /^(?:\t|\s{8})/.test(l.raw));
    if (right(rl, r.start) !== right(hl, h.start)) return false;
    if (rl.cells.length <= 1 || hl.cells.length <= 1) return true;
    return rl.cells.length === hl.cells.length && cellAt(rl, r.start) === cellAt(hl, h.start);
  };
  // The footer block around a registry line: up to three lines above it and two below, without a blank line.
  const reach = (r: (typeof regs)[number], i: number) => {
    if (i < r.line - 3 || i > r.line + 2) return false;
    const [a, b] = i < r.line ? [i, r.line] : [r.line, i];
    // Not across a blank line (without a layout) or a line of the invoice's body (totals, items).
    return lines.slice(a + 1, b).every((l) => (geo !== null || l.raw.trim()) && !SECTION_END.test(l.fold)) && (geo !== null || lines[i].raw.trim() !== "");
  };
  let group = ids.filter((h) => regs.some((r) => r.line === h.line) && outsideCustomer(h));
  if (!group.length) {
    // The nearest ids in the block, in the registry line's column.
    const near = ids
      .filter((h) => outsideCustomer(h))
      .map((h) => ({ h, d: Math.min(...regs.filter((r) => reach(r, h.line) && sameColumn(r, h)).map((r) => Math.abs(h.line - r.line))) }))
      .filter((x) => Number.isFinite(x.d));
    const d = Math.min(...near.map((x) => x.d));
    group = near.filter((x) => x.d === d).map((x) => x.h);
  }
  const from = Math.min(...regs.map((r) => r.line), ...group.map((h) => h.line));
  const to = Math.max(...regs.map((r) => r.line), ...group.map((h) => h.line));
  const distinct = [...new Set(group.map((h) => h.id))];
  const issuer = distinct.length === 1 ? group[0] : null;
  let unread = false;
  let [first, last] = [from, to];
  if (!group.length) {
    // "CIF: 8#259G7" beside the registry data: the issuer's id is there but could not be read.
    for (let i = Math.max(0, from - 1); i <= Math.min(lines.length - 1, to + 1); i++) {
      for (const label of labelHits(lines[i].fold)) {
        if (label.field !== "taxid" || !/[\p{L}\d]/u.test(lines[i].fold.slice(label.end, label.end + 20))) continue;
        if (roleAt(zones, lines[i], label.start, label.end, geo) === "customer") continue;
        unread = true;
        [first, last] = [Math.min(first, i), Math.max(last, i)];
      }
    }
  }
  const names: string[] = [];
  for (let i = Math.max(0, first - 3); i <= last; i++) {
    if (!regs.some((r) => reach(r, i)) && (i < first || i > last)) continue;
    for (const cell of lines[i].cells) {
      for (const piece of cell.raw.split(/\s+[·|•—–]\s+|\s+-\s+|,\s+(?!S\.?\s?[LA]\b)|\s(?=(?:CIF|NIF|N\.I\.F|C\.I\.F|con\s+domicilio)\b)/i)) {
        const name = cleanName(piece.replace(/^.*\b(?:explotad|gestionad|operad)[oa]\s+por\s+/i, ""));
        if (LEGAL_FORM.test(name) && nameScore(name) > -Infinity) names.push(name);
      }
    }
  }
  return { from: first, to: last, issuer, unread, names };
}

/** The words of a name that tell it apart (four letters or more, not its legal form). */
function distinctiveWords(name: string): string[] {
  return foldText(name.replace(LEGAL_FORM, ""))
    .split(/[^\p{L}\d]+/u)
    .filter((w) => w.length >= 4);
}

/**
 * A block without a label, in the column of the customer's id and running up from it to a blank line or the start
 * of the page (the address block of a window envelope), for a document whose issuer the registry data settled.
 */
function unlabelledBlock(lines: Line[], hit: TaxIdHit, geo: Geo): Zone {
  const ext = geo?.(hit.line, hit.start, hit.end) ?? null;
  const line = lines[hit.line];
  const right = line.cells.length > 1 ? cellAt(line, hit.start) > 0 : /^\s/.test(line.raw) || hit.start > line.raw.length * 0.4;
  const zone: Zone = {
    role: "customer",
    from: hit.line,
    to: hit.line,
    x0: ext ? Math.max(0, ext.x0 - 0.05) : null,
    x1: ext ? (ext.x0 >= 0.4 ? 1 : Math.min(1, ext.x1 + 0.3)) : null,
    ax: null,
    aligned: false,
    side: right ? "last" : "all",
  };
  // Up through its column to a blank line, a heading or a section of the invoice body.
  for (let j = hit.line - 1; j >= Math.max(0, hit.line - 5); j--) {
    const l = lines[j];
    if (!l.raw.trim()) {
      if (geo) continue;
      break;
    }
    const cells = l.cells.filter((c) => zoneCovers(zone, l, c.start, c.end, geo));
    if (cells.some((c) => partyLabels(l).some((p) => p.start >= c.start && p.start < c.end) || SECTION_END.test(c.fold))) break;
    zone.from = j;
  }
  return zone;
}

/**
 * How the document says it is to be paid or reached: the text before an IBAN on its line ("Javier Urrutia Rodríguez
 * - IBAN ES84…", the account's holder) and email addresses ("raquel.medina@correo.es", OCR's "jorge.sanchezGgmail.com"),
 * folded, letters only. Without labels, the party these name is the issuer: an invoice gives the payee's account
 * and contact, not the customer's.
 */
export function contactText(lines: Line[]): string {
  const out: string[] = [];
  for (const l of lines) {
    const iban = /\biban\b/.exec(l.fold);
    if (iban) out.push(l.fold.slice(0, iban.index));
    for (const c of l.cells) {
      const m = /(?:@|gmail|hotmail|outlook|yahoo|correo|icloud)[a-z0-9-]*\.(?:com|es|net|org|eu|cat)\b/.exec(c.fold);
      if (m) out.push(c.fold.slice(0, m.index + m[0].length));
    }
  }
  return out.join(" ").replace(/[^\p{L}]+/gu, "");
}

/** Whether the contact text spells a name: two of its words of three letters or more (not particles) in it. */
function contactNames(contact: string, name: string): boolean {
  const words = foldText(name.replace(LEGAL_FORM, ""))
    .split(/[^\p{L}]+/u)
    .filter((w) => w.length >= 3 && !/^(?:del|las|los|e|y)$/.test(w));
  return words.length >= 2 && words.filter((w) => contact.includes(w)).length >= 2;
}

/** The text of the block an id closes: its cell on its line before it and the cells above it in its column. */
function idBlockText(lines: Line[], h: TaxIdHit, geo: Geo): string[] {
  const out: string[] = [];
  const own = lines[h.line].cells[cellAt(lines[h.line], h.start)];
  if (own) out.push(lines[h.line].raw.slice(own.start, h.start));
  for (let j = h.line - 1, n = 0; j >= 0 && n < 3; j--) {
    if (!lines[j].raw.trim()) continue;
    n++;
    const c = cellInColumn(geo, lines[h.line], h.start, h.end, lines[j]);
    if (c) out.push(c.raw);
  }
  return out.filter((x) => x.trim());
}

/**
 * Vendor and customer ids. Ids in a customer block, or equal to the book's own id, are the customer's; an id in a
 * vendor block is the vendor's; otherwise the first id outside customer blocks (vendors print theirs on top).
 */
export function pickParties(lines: Line[], ids: TaxIdHit[], zones: Zone[], own: string | null, geo: Geo): Parties {
  // In a row of values under a row of headings, a heading that names both the id and the customer ("CIF cliente")
  // says whose it is, whatever block the other headings of its row seem to open ("Vendedor": the salesperson's code).
  const headedAsCustomer = (h: TaxIdHit) => {
    const prev = lines.slice(Math.max(0, h.line - 2), h.line).reverse().find((l) => l.raw.trim());
    const head = prev && prev.cells.length > 1 ? cellInColumn(geo, lines[h.line], h.start, h.end, prev) : null;
    return !!head && CUSTOMER_LABEL.test(head.fold) && labelHits(head.fold).some((x) => x.field === "taxid");
  };
  const roles = ids.map((h) => (own && h.id === own) || headedAsCustomer(h) ? "customer" : roleAt(zones, lines[h.line], h.start, h.end, geo));
  // A tax id labelled as the customer's on its own line ("NIF cliente: …").
  const lineRole = (h: TaxIdHit): Role | null => {
    // A row of values under a row of headings that names only the customer ("Factura nº ⇥ Fecha ⇥ Comprador ⇥ NIF"):
    // an id under the customer's heading or under a tax-id heading is the customer's.
    const prev = lines.slice(Math.max(0, h.line - 2), h.line).reverse().find((l) => l.raw.trim());
    if (prev && prev.cells.length > 1) {
      const roles = partyLabels(prev).map((l) => l.role);
      const head = roles.includes("customer") && !roles.includes("vendor") ? cellInColumn(geo, lines[h.line], h.start, h.end, prev) : null;
      if (head && (CUSTOMER_LABEL.test(head.fold) || labelHits(head.fold).some((x) => x.field === "taxid"))) return "customer";
    }
    const f = lines[h.line].fold.slice(Math.max(0, h.start - 30), h.start);
    if (/\b(?:cliente|customer|client|comprador|destinatario|arrendatari[oa]|titular|buyer)\b[^\t]*$/.test(f)) return "customer";
    if (/\b(?:emisor|proveedor|vendedor|seller|arrendador|supplier)\b[^\t]*$/.test(f)) return "vendor";
    return null;
  };
  // The identity printed with the registry data is the issuer's, unless a label names another vendor.
  const registry = findRegistry(lines, ids, zones, geo);
  const issuer = registry?.issuer && lineRole(registry.issuer) !== "customer" ? registry.issuer : null;
  const labelledVendor = ids.some((h, k) => h.id !== issuer?.id && (roles[k] ?? lineRole(h)) === "vendor");
  const byRegistry = issuer && !labelledVendor && !(own && issuer.id === own) ? issuer : null;
  // An id printed after a legal name whose words open the page ("Telefonía Meseta S.A. - A28000032" in a footer under
  // the letterhead "Telefonía Meseta"): the issuer's.
  const namedByLetterhead = (h: TaxIdHit): boolean => {
    const before = lines[h.line].raw.slice(0, h.start).replace(/[\s\-–·|,:]*(?:(?:c\.?i\.?f|n\.?i\.?f)\.?\s*:?\s*)?$/i, "");
    const name = before.split(/\t|\s[\-–·|]\s|\s{2,}/).pop()?.trim() ?? "";
    if (!LEGAL_FORM.test(name)) return false;
    const words = distinctiveWords(name);
    const top = lines.filter((l) => l.raw.trim() && l.index !== h.line).slice(0, 3).map((l) => l.fold).join(" ");
    return words.length > 0 && words.every((w) => top.includes(w));
  };
  const scored = ids.map((h, k) => {
    const role = byRegistry && h.id === byRegistry.id ? "vendor" : (roles[k] ?? lineRole(h));
    let score = 0;
    if (role === "vendor") score += 4;
    if (role === "customer") score -= 6;
    if (h.labelled) score += 0.5;
    if (!h.spanish) score -= 0.2;
    const letterhead = namedByLetterhead(h);
    if (!role && letterhead) score += 1;
    // Earlier is likelier the vendor's (letterhead), but only slightly: footers carry the legal identity too.
    score -= k * 0.01;
    return { h, role, score, letterhead };
  });
  // No party labelled (two name blocks side by side): the one the payment details or the email name is the issuer's.
  if (!scored.some((s) => s.role)) {
    const contact = contactText(lines);
    const named = contact ? [...new Set(scored.filter((s) => idBlockText(lines, s.h, geo).some((t) => contactNames(contact, t))).map((s) => s.h.id))] : [];
    if (named.length === 1) for (const s of scored) if (s.h.id === named[0]) s.score += 1;
  }
  const distinct = new Map<string, (typeof scored)[number]>();
  for (const s of scored) {
    if (own && s.h.id === own) continue;
    const prev = distinct.get(s.h.id);
    if (!prev || s.score > prev.score) distinct.set(s.h.id, s);
  }
  // An id printed twice, once under a customer's label ("C.I.F. CLIENTE" over it in a header grid) and never under a
  // vendor's: the customer's, wherever else it is printed.
  for (const [id, s] of distinct) {
    const all = scored.filter((x) => x.h.id === id);
    if (all.some((x) => x.role === "customer") && !all.some((x) => x.role === "vendor")) distinct.set(id, { ...s, role: "customer" });
  }
  // An invoice the book issued: its own id printed only outside customer blocks and no other id in a vendor
  // block (issue 10: the vendor's NIF being the book's is what makes an invoice income).
  const ownHits = ids.filter((h) => own && h.id === own).map((h) => ({ h, role: roleAt(zones, lines[h.line], h.start, h.end, geo) ?? lineRole(h) }));
  // The issuer's registry line with its id unread: the book is not the issuer.
  const notOurs = registry?.unread && !issuer;
  // Another id printed after a legal name ("Telefonía Meseta S.A. - A28000032 - Calle Alcalá…") whose words open the
  // page (the letterhead "Telefonía Meseta"): that company issued the document, not the book.
  const letterheadIssuer = scored.some((s) => s.h.id !== own && s.role !== "customer" && s.letterhead);
  if (ownHits.length && !notOurs && !letterheadIssuer && ownHits.every((x) => x.role !== "customer") && !scored.some((s) => s.h.id !== own && s.role === "vendor")) {
    const others = scored.filter((s) => s.h.id !== own);
    const customer = others.find((s) => s.role === "customer")?.h ?? others[0]?.h ?? null;
    const vendorCertainty = others.some((s) => s.role === "customer") || ownHits.some((x) => x.role === "vendor") || issuer?.id === own ? 1 : 0.6;
    return { vendor: ownHits[0].h, customer, vendorCertainty, zones: [] };
  }
  const ranked = [...distinct.values()].filter((s) => s.role !== "customer").sort((a, b) => b.score - a.score);
  // "Titular" names the holder of what the document is about: a contract's (the customer on a utility bill) or a
  // licence's (the driver on a taxi receipt). A receipt or simplified invoice must identify its issuer, so when its
  // only id is the holder's, the holder is the issuer — a guess the reviewer confirms.
  if (!ranked.length && distinct.size === 1 && !own) {
    const only = [...distinct.values()][0];
    const above = lines.slice(Math.max(0, only.h.line - 3), only.h.line + 1).map((l) => l.fold).join("\n");
    // A receipt, or a licence's number printed (the licence the holder is titular of: "Lic. 10048").
    const receipt = /\b(?:factura\s+simplificada|fra\.?\s+simplificada|recibo|ticket|tiquet)\b|\blic(?:encia)?\b\.?\s*(?:n[º°o]\.?\s*)?\d/.test(lines.map((l) => l.fold).join("\n"));
    const holderOnly = /\btitular\b(?!\s+del\s+contrato)/.test(above) && !/\b(?:cliente|customer|client|comprador|destinatari[oa]|facturar|bill\s+to|arrendatari[oa]|inquilin[oa])\b/.test(above);
    if (receipt && holderOnly) return { vendor: only.h, customer: null, vendorCertainty: 0.6, zones: [] };
  }
  const vendor = ranked[0]?.h ?? null;
  const customerCands = scored.filter((s) => s.h.id !== vendor?.id);
  const customer =
    (own ? customerCands.find((s) => s.h.id === own)?.h : undefined) ??
    customerCands.find((s) => s.role === "customer")?.h ??
    customerCands[0]?.h ??
    null;
  let vendorCertainty = 0;
  if (vendor) {
    const top = ranked[0];
    // A rival only in an EU VAT id's shape, unlabelled, against a labelled id: two letters and digits with no check
    // digit and no label to say it is an id at all (an invoice number "PT202544220" in a row of values) is no rival.
    const rivals = ranked.slice(1).filter((s) => s.h.id !== vendor.id && !(vendor.labelled && !s.h.labelled && !s.h.spanish));
    if (top.role === "vendor" || (own && customer?.id === own)) vendorCertainty = 1;
    else if (!rivals.length) vendorCertainty = customer && scored.some((s) => s.role === "customer") ? 0.95 : customer ? 0.6 : 0.95;
    else vendorCertainty = 0.45;
    // A tax-id label outside the customer's blocks whose id could not be read: that may be the vendor's.
    if (top.role !== "vendor" && !(own && customer?.id === own) && unreadIdLabels(lines, ids, zones, geo) > 0) vendorCertainty = Math.min(vendorCertainty, 0.6);
    // The registry data's id could not be read: whatever id was taken, it is likely not the issuer's.
    if (notOurs && top.role !== "vendor") vendorCertainty = Math.min(vendorCertainty, 0.6);
    // No id with the registry data, and its legal name is not in the block of the id taken: that id may be another
    // party's (the issuer's id lost to OCR).
    if (registry && !registry.issuer && !labelledVendor && top.role !== "vendor" && !(own && customer?.id === own) && registry.names.length) {
      const block = lines.slice(Math.max(0, vendor.line - 5), vendor.line + 2).map((l) => l.fold).join(" ");
      const named = registry.names.some((n) => distinctiveWords(n).some((w) => block.includes(w)));
      if (!named) vendorCertainty = Math.min(vendorCertainty, 0.6);
      // The registry's legal name is in the block of the id taken and in no rival's: the rivals are other parties'.
      // A block: up to five lines above its id, not reaching back past another id's line.
      const blockOf = (h: TaxIdHit) => {
        const above = Math.max(-1, ...ids.filter((x) => x.line < h.line).map((x) => x.line));
        return lines.slice(Math.max(0, h.line - 5, above + 1), h.line + 2).map((l) => l.fold).join(" ");
      };
      const namedIn = (h: TaxIdHit) => registry.names.some((n) => distinctiveWords(n).some((w) => blockOf(h).includes(w)));
      if (named && rivals.length && vendorCertainty < 0.95 && unreadIdLabels(lines, ids, zones, geo) === 0 && rivals.every((r) => !namedIn(r.h))) vendorCertainty = 0.95;
    }
    if (!isValidTaxId(vendor.id)) vendorCertainty *= 0.8;
  }
  // The vendor's identity only with the registry data (a footer): its name is there, and the unlabelled block of
  // the other id is the customer's. Also when that id could not be read.
  const extra: Zone[] = [];
  const footerOnly =
    registry && byRegistry && vendor?.id === byRegistry.id && ids.every((h) => h.id !== byRegistry.id || (h.line >= registry.from && h.line <= registry.to));
  if (registry && (footerOnly || (notOurs && !labelledVendor))) {
    extra.push({ role: "vendor", from: registry.from, to: registry.to, x0: null, x1: null, ax: null, aligned: false, side: "all", legal: true });
  }
  if (footerOnly && customer && !roleAt(zones, lines[customer.line], customer.start, customer.end, geo)) extra.push(unlabelledBlock(lines, customer, geo));
  return { vendor, customer, vendorCertainty, zones: extra };
}

/**
 * Tax-id labels ("NIF:", "VAT No.") outside customer blocks with no id read after them on their line or, for a
 * header cell, on the next lines: an id OCR garbled ("VAT No.: 1767894200319", "CIF er: 8237#4738").
 */
export function unreadIdLabels(lines: Line[], ids: TaxIdHit[], zones: Zone[], geo: Geo): number {
  let n = 0;
  for (const line of lines) {
    for (const label of labelHits(line.fold)) {
      if (label.field !== "taxid") continue;
      if (ids.some((h) => h.line === line.index && h.start >= label.end && h.start - label.end <= 30)) continue;
      // A column header ("Facturar a ⇥ NIF", "C.I.F. CLIENTE"): its ids are in the rows below.
      if (!/[\p{L}\d]/u.test(line.fold.slice(label.end).replace(/^[\s:.\-]*(?:iva|vat|n[º°o]\.?)?[\s:.]*(?:(?:del?\s+)?(?:cliente|customer|client)\b[\s:.]*)?/, "").slice(0, 3)) && ids.some((h) => h.line > line.index && h.line <= line.index + 3)) continue;
      if (!/[\p{L}\d]/u.test(line.fold.slice(label.end, label.end + 30))) continue;
      if (roleAt(zones, line, label.start, label.end, geo) === "customer") continue;
      n++;
    }
  }
  return n;
}

// ───────────────────────────────────────────── vendor name ─────────────────────────────────────────────

export const LEGAL_FORM =
  /(?:\bs\.?\s?l\.?\s?u\.?|\bs\.?\s?l\.?\s?p\.?|\bs\.?\s?l\.?|\bs\.?\s?a\.?\s?u?\.?|\bs\.?\s?c\.?\s?p?\.?|\bc\.?\s?b\.?|\bs\.?\s?coop\.?|\bgmbh|\bltd\.?|\blimited|\binc\.?|\bllc|\bsas\b|\bsarl|\bb\.?v\.?|\bs\.?r\.?l\.?|\bag\b|\bplc|\boy\b|\bab\b|\bs\.\s?p\.\s?a\.?|\bn\.?v\.?|\bs\.?\s?coop\.?\s?and\.?|\bsa\b|\bsl\b|\bs\.?a\.?s\.?|\bkg\b|\bsp\.\s?z\s?o\.?\s?o\.?|\bs\.?à\s?r\.?l\.?|\bapS\b|\blda\.?)\s*$/i;
const NOT_A_NAME =
  /(?:@|www\.|https?:|\.com\b|\.es\b|\.eu\b|\b(?:calle|c\/|avda?\.?|avenida|plaza|pza\.?|paseo|ronda|carrer|camino|carretera|ctra\.?|pol[ií]gono|street|st\.|road|rd\.|poligono|urb\.|edificio|planta|piso|local|strasse|straße|via|rue|gran\s+v[ií]a|apartado|c\.p\.|rambla|passeig|traves[ií]a|glorieta|alameda|cuesta|bulevar|urbanizaci[oó]n|barrio|muelle|paraje|pasaje|callej[oó]n|avinguda|r[uú]a|pla[cç]a)\b|\b\d{5}\b|\btel\b\.?|\btel[eé]fono\b|\bphone\b|\bfax\b|\bm[oó]vil\b|\biban\b|\bswift\b|\bbic\b)/i;
const LABEL_WORDS =
  /^(?:factura|invoice|receipt|recibo|ticket|abono|fecha|date|n[º°o]|numero|cliente|customer|bill\s+to|facturar\s+a|datos|emisor|proveedor|profesional|total|subtotal|base|iva|vat|nif|cif|dni|nie|pagina|page|original|copia|duplicado|vence|vto|rectificativa|simplificada|descripcion|concepto|importe|cantidad|precio|forma\s+de\s+pago|vencimiento|due|direccion|domicilio|periodo|contrato|pedido|order|shipping|delivery|billing|referencia|arrendador|arrendatario|inquilino|titular|vendido|sold|from|to|para|gracias|thank|iban|cuenta|registro|inscrita|sociedad|camarero|atendido|surtidor|matricula|kilometros|cuota|recargo|retencion|irpf|exento|exenta|regimen|codigo)\b/;
/** Label words that may also open a trade or legal name ("Estación de Servicio Levante S.L."): labels unless a legal
 * form ends the text. */
const SOFT_LABEL_WORDS = /^(?:producto|servicio|mesa|operador|estacion|hora|tarifa|origen|destino|tipo|entrega|envio|portes)\b/;
/** Words that make a text a label or a title wherever they stand ("Nº Factura", "Fecha de la factura"). */
const LABEL_INSIDE = /\b(?:factura|fact|invoice|albaran|pedido|fecha|importe|vencimiento|subtotal|rectificativa|simplificada)\b/;

/** A Spanish person's name: a given name and two surnames, each capitalised (particles "de", "del", "la", "y"
 * between them), no legal form ("Daniel García Herrera", "María del Mar Ruiz Soler"; not "Consultoría UX"). */
function looksLikePersonName(s: string): boolean {
  const words = s.split(/\s+/);
  if (LEGAL_FORM.test(s) || words.length < 3 || words.length > 6) return false;
  return words.every((w) => /^\p{Lu}[\p{L}'-]*$/u.test(w) || /^(?:de|del|la|las|los|y|i)$/.test(w));
}

/** OCR's confidence (0..1) in a word below which the word is noise rather than text. */
const OCR_NOISE = 0.3;

export function cleanName(s: string): string {
  return s
    .replace(/^[\s|:;·•\-–—*]+|[\s|:;·•\-–—*,]+$/g, "")
    .replace(/\s{2,}/g, " ")
    .trim();
}

/** How much a piece of text looks like a legal or trade name (−∞: it is not one: address, label, sentence…). */
export function nameScore(raw: string): number {
  const s = cleanName(raw);
  if (s.length < 3 || s.length > 80) return -Infinity;
  const fold = foldText(s);
  if (NOT_A_NAME.test(s) || LABEL_WORDS.test(fold)) return -Infinity;
  if ((SOFT_LABEL_WORDS.test(fold) || LABEL_INSIDE.test(fold)) && !LEGAL_FORM.test(s)) return -Infinity;
  // A label, maybe misspelt by OCR ("Vencimento", "Núm. factura"): its first word is a label word and it has no
  // legal form ("Total Energies S.A." keeps its chance).
  const first = /^[^\p{L}]*([\p{L}]+)/u.exec(fold)?.[1] ?? "";
  if ((/^(?:num|nro|ref)$/.test(first) || findFuzzyWord(first, LABEL_VOCABULARY)?.index === 0) && !LEGAL_FORM.test(s)) return -Infinity;
  const letters = (s.match(/\p{L}/gu) ?? []).length;
  const digits = (s.match(/\d/g) ?? []).length;
  if (letters < 4 || digits > 2 || letters / s.replace(/\s/g, "").length < 0.7) return -Infinity;
  // A label line ending in a colon ("Forma de pago:") or a label and its value ("Llegada: Hospital General") is
  // not a name.
  if (/:\s*$/.test(s) || /^[\p{L} .\/]{1,25}:\s/u.test(s)) return -Infinity;
  // A name does not end with an article or a preposition: "Rectifica a la" is a sentence cut at a field's label.
  if (/\s(?:a|al|la|el|los|las|de|del|en|por|para|con|y|e)$/.test(fold) && !LEGAL_FORM.test(s)) return -Infinity;
  const words = s.split(/\s+/).filter((w) => /\p{L}{2,}/u.test(w));
  if (words.length === 1 && s.length <= 3) return -Infinity; // logo initials ("GC")
  if (words.length > 7) return -Infinity; // a sentence
  let score = 0;
  if (LEGAL_FORM.test(s)) score += 3;
  if (words.length >= 2) score += 1;
  // Mostly capitalised words: a name, not a sentence.
  const capitalised = words.filter((w) => /^[\p{Lu}]/u.test(w)).length;
  if (capitalised / Math.max(1, words.length) >= 0.6) score += 1;
  else score -= 1.5;
  if (/[.!?]$/.test(s) && !LEGAL_FORM.test(s)) score -= 1;
  return score;
}

/**
 * The vendor's name: the legal name in the vendor's block (text after a vendor label, the lines just above or
 * beside its id, in its column), else a name in the letterhead; never inside a customer block.
 */
export function findVendorName(
  lines: Line[],
  vendorHit: TaxIdHit | null,
  zones: Zone[],
  geo: Geo,
  ids: TaxIdHit[] = [],
  ocr: ((line: number, start: number, end: number) => number | null) | null = null,
): { value: string; score: number; span: Span } | null {
  const candidates: { value: string; score: number; span: Span }[] = [];
  const topEnd = Math.min(lines.length, 14);
  const personal = vendorHit !== null && /^(?:ES)?(?:\d{8}|[XYZ]\d{7})[A-Z]$/.test(vendorHit.id);
  // The vendor's id printed more than once (letterhead, registry footer): each print heads a block of its own.
  const idHits = vendorHit ? [vendorHit, ...ids.filter((h) => h.id === vendorHit.id && h.line !== vendorHit.line)] : [];
  const scan = new Set<number>();
  for (let i = 0; i < Math.max(topEnd, vendorHit ? vendorHit.line + 1 : 0); i++) scan.add(i);
  // The vendor's block may be a footer ("Vendido por …", Registro Mercantil line): read around its id too.
  for (const h of idHits) for (let i = Math.max(0, h.line - 6); i <= Math.min(lines.length - 1, h.line + 1); i++) scan.add(i);
  for (const z of zones) if (z.role === "vendor") for (let i = z.from; i <= Math.min(z.to, z.from + 4); i++) scan.add(i);
  // A sentence naming the operator or the seller ("Este artículo ha sido vendido por …", "Servicio prestado por …"),
  // wherever it is printed.
  for (const l of lines) if (/\b(?:explotad|gestionad|operad|prestad|vendid)[oa]\s+por\s/.test(l.fold)) scan.add(l.index);
  // The vendor's id inside a labelled vendor block ("PROPIETARIO" beside "ARRENDATARIO"): text beside that block,
  // on its lines, belongs to the other party.
  const vendorZone = vendorHit
    ? zones.find((z) => z.role === "vendor" && vendorHit.line >= z.from && vendorHit.line <= z.to && zoneCovers(z, lines[vendorHit.line], vendorHit.start, vendorHit.end, geo))
    : undefined;
  const contact = contactText(lines);
  let itemTableAt = Infinity;
  for (let i = 1; i < lines.length; i++) {
    if (labelHits(lines[i].fold).some((h) => h.field === "item")) {
      itemTableAt = i;
      break;
    }
  }
  for (const i of [...scan].sort((a, b) => a - b)) {
    const line = lines[i];
    if (!line) continue;
    // A row of column headers ("CÓDIGO ⇥ SERVICIO ⇥ UDS ⇥ PRECIO/UD") holds no name.
    if (line.cells.length >= 3 && labelHits(line.fold).some((h) => h.field === "item")) continue;
    line.cells.forEach((cell) => {
      // The text after a vendor label in the cell ("Vendido por Reformas Peña S.L.", "EMISOR: Pedro Ruiz").
      const cellFold = line.fold.slice(cell.start, cell.end);
      const parts: { raw: string; start: number; labelled: boolean }[] = [{ raw: cell.raw, start: cell.start, labelled: false }];
      const sep = /\s+[·|•—–:]\s+|\s+-\s+|,\s+(?=(?:CIF|NIF|N\.I\.F|C\.I\.F|VAT|con\s+domicilio|domicilio)\b)/gi;
      if (cell.raw.search(sep) >= 0) {
        let from = 0;
        for (const m of cell.raw.matchAll(sep)) {
          parts.push({ raw: cell.raw.slice(from, m.index), start: cell.start + from, labelled: false });
          from = m.index + m[0].length;
        }
        parts.push({ raw: cell.raw.slice(from), start: cell.start + from, labelled: false });
      }
      // A name that runs into a field on the same line ("Servicios Guerrero Número de factura R-39"): the text before it.
      const field = labelHits(cellFold).find((h) => h.field !== "item" && h.start > 3);
      if (field) parts.push({ raw: cell.raw.slice(0, field.start), start: cell.start, labelled: false });
      // The document's title printed on the name's line without a gap ("Construcciones Navarro S.L.U. FACTURA DE
      // LIQUIDACIÓN"): the legal name before it.
      const title = /\s(?:factura|invoice)\b/.exec(cellFold);
      if (title && LEGAL_FORM.test(cleanName(cell.raw.slice(0, title.index)))) parts.push({ raw: cell.raw.slice(0, title.index), start: cell.start, labelled: false });
      // A bilingual label ("Vendido por / Sold by: …") is one label.
      const lead = new RegExp(`^\\s*(?:datos\\s+del\\s+)?${VENDOR_LABEL.source}(?:\\/[oa]s?)?(?:\\s*\\/\\s*${VENDOR_LABEL.source})?\\s*[:\\-]?\\s*`).exec(cellFold);
      const idLabel = /\s(?:nif|cif|nie|dni|vat(?:\s+id)?|tax\s+id)\b|,\s/.exec(cellFold.slice(lead ? lead[0].length : 0));
      // "…es un establecimiento explotado por Explotaciones Goikoetxea S.A. CIF A…": the operator named in a sentence.
      const operator = lead ? null : /\b(?:(?:explotad|gestionad|operad|prestad|vendid)[oa]\s+por|(?:titularidad|propiedad)\s+de)\s*:?\s+/.exec(cellFold);
      if (operator) {
        const from = operator.index + operator[0].length;
        // "…vendido por Libros Casals S.A. a través de Kiosko.es": the marketplace after it is not the seller.
        const STOP = /\s(?:nif|cif|nie|dni|vat)\b|,\s|\s(?:con\s+)?(?:domicilio|sede)\b|\s+[·|•—–-]\s+|\s(?:a\s+traves\s+de|via)\s/;
        const stop = STOP.exec(cellFold.slice(from));
        let to = stop ? from + stop.index : cell.raw.length;
        // Folding packs a dotted abbreviation's letters to its start ("S.L.U." → "slu   "): the cut ends its word.
        while (to < cell.raw.length && /\S/.test(cell.raw[to])) to++;
        let raw = cell.raw.slice(from, to);
        // The name wrapped onto the next line ("…explotado por Explotaciones Hoteleras / Goikoetxea S.A. CIF …").
        const next = lines[i + 1];
        if (!stop && next?.cells.length && !LEGAL_FORM.test(raw)) {
          const head = next.cells[0];
          const cut = STOP.exec(` ${head.fold}`);
          const more = head.raw.slice(0, cut ? Math.max(0, cut.index - 1) : head.raw.length);
          if (LEGAL_FORM.test(cleanName(more))) raw = `${raw} ${more}`;
        }
        if (to > from) parts.push({ raw, start: cell.start + from, labelled: true });
      }
      if (lead || idLabel) {
        const from = lead ? lead[0].length : 0;
        const to = idLabel ? from + idLabel.index : cell.raw.length;
        // "Rambla Nova, 133, 1º C": text before a comma and a street number is a street.
        const street = idLabel?.[0] === ", " && /^\s*(?:\d|s\/n\b)/.test(cellFold.slice(to + 2));
        if (to > from && !street) parts.push({ raw: cell.raw.slice(from, to), start: cell.start + from, labelled: Boolean(lead) });
      }
      parts.forEach((part, pi) => {
        const span = { line: line.index, start: part.start, end: part.start + part.raw.length };
        const role = roleAt(zones, line, span.start, span.end, geo);
        if (role === "customer") return;
        const base = nameScore(part.raw);
        if (base === -Infinity) return;
        // Words OCR barely recognised ("PEN NR RIOT" at 0.0-0.2 over a photo's edge) are noise, not a name; one
        // garbled word ("S 1.U") in a name read well is not.
        if (ocr) {
          const words = [...part.raw.matchAll(/\S+/g)].map((w) => ocr(line.index, part.start + w.index, part.start + w.index + w[0].length));
          const read = words.filter((c): c is number => c !== null);
          if (read.length && read.filter((c) => c < OCR_NOISE).length * 2 > read.length) return;
        }
        // The same name printed twice (letterhead and the vendor's block) is scored at each place; the best counts.
        let score = base - (pi > 1 ? 0.3 : 0);
        if (part.labelled) score += 3;
        if (role === "vendor") score += 1.5;
        else if (vendorZone && i >= vendorZone.from && i <= vendorZone.to) score -= 2;
        // The legal name printed with the issuer's registry data.
        if (!part.labelled && zones.some((z) => z.legal && i >= z.from && i <= z.to)) score += 3;
        if (i < 3) score += 1.5 - i * 0.4;
        const idLine = idHits.some((h) => h.line === i || h.line === i + 1);
        if (i > itemTableAt && role !== "vendor" && !part.labelled && !idLine) score -= 1.5;
        if (vendorHit) {
          // The nearest print of the id at or below the text.
          const near = idHits.filter((h) => h.line >= i).sort((a, b) => a.line - b.line)[0] ?? vendorHit;
          const vendorExt = geo?.(near.line, near.start, near.end) ?? null;
          const dist = near.line - i;
          if (dist >= 0 && dist <= 4) score += 1.5 - dist * 0.25;
          if (dist < 0) score -= 1;
          // A natural person's id (DNI, NIE): the holder's name is printed right above it, and it is the legal name
          // whatever trade name tops the page ("FARMACIA DEL CARMEN" / "Daniel García Herrera" / "NIF: 29338471Q").
          if (personal && dist === 1 && looksLikePersonName(cleanName(part.raw))) score += 1;
          // …and the holder's name is the one the contact email or the payee line spells ("Aitor Herrera Montero ·
          // Profesora particular" … "aitor.herrera@gmail.com"), not a centre's trade name or a profession on top.
          if (personal && dist >= 0 && looksLikePersonName(cleanName(part.raw)) && contact && contactNames(contact, cleanName(part.raw))) score += 2;
          // Right above another party's id, in its column, nearer than the vendor's: that party's name ("Vázquez e
          // Hijos S.L.U." over "B-35327261" beside the freelancer's own name and DNI).
          const other = ids.find(
            (h) =>
              h.id !== vendorHit.id &&
              h.line >= i &&
              h.line - i <= 2 &&
              Math.abs(h.line - near.line) <= 1 &&
              cellInColumn(geo, lines[h.line], h.start, h.end, line) === cell &&
              cellInColumn(geo, lines[near.line], near.start, near.end, line) !== cell,
          );
          if (other) score -= 3;
          // Same column as the vendor's id: its block.
          const ext = geo?.(i, span.start, span.end);
          if (vendorExt && ext && dist >= 0 && dist <= 6) {
            const overlap = Math.min(ext.x1, vendorExt.x1 + 0.2) - Math.max(ext.x0, vendorExt.x0 - 0.05);
            score += overlap > 0 ? 0.5 : -1;
          }
        }
        candidates.push({ value: cleanName(part.raw), score, span });
      });
    });
  }
  candidates.sort((a, b) => b.score - a.score);
  // A ticket topped by a trade name ("HIPER DON PRECIO") and no other party: the one legal name (with its legal form)
  // printed in its footer ("Peña e Hijos S.A. - Logroño" over the farewell) is the issuer's, which the law has
  // every invoice carry.
  if (vendorHit && (!candidates.length || !LEGAL_FORM.test(candidates[0].value)) && ids.every((h) => h.id === vendorHit.id)) {
    const legal = new Map<string, Span>();
    // In the footer, below the totals (an item "PECHUGA POLLO KG ⇥ 7,62" is no company), on a line of its own with
    // no figures on it.
    let footer = lines.length;
    for (let i = lines.length - 1; i >= 0; i--) {
      if (labelHits(lines[i].fold).some((h) => h.field === "total")) {
        footer = i + 1;
        break;
      }
    }
    for (const line of lines.slice(footer)) {
      if (!line.cells.length || /\d/.test(line.raw)) continue;
      const head = line.cells[0];
      const raw = head.raw.split(/\s+[·|•—–]\s+|\s+-\s+/)[0];
      const name = cleanName(raw);
      if (!LEGAL_FORM.test(name) || nameScore(name) === -Infinity || roleAt(zones, line, head.start, head.start + raw.length, geo) === "customer") continue;
      legal.set(name, { line: line.index, start: head.start, end: head.start + raw.length });
    }
    if (legal.size === 1) {
      const [[value, span]] = [...legal];
      return { value, score: (candidates[0]?.score ?? 0) + 0.1, span };
    }
  }
  return candidates[0] ?? null;
}
