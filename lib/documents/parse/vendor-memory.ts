/**
 * What a reviewer taught us about one vendor of one book, and how it improves the next extraction of that vendor.
 *
 * Pure, no I/O. `learnVendorMemory` folds a reviewed record (the truth) and the document's text/layout into the
 * vendor's memory: its name, the IVA rates and IRPF it usually charges, where and under which label its invoice
 * number and date are printed (and the number's shape), and a layout signature. `applyVendorMemory` takes the
 * parser's record plus the words-with-boxes layout of a new document of that vendor and returns an improved record
 * with adjusted confidences: the remembered name; number and date re-picked at the remembered label or position;
 * figures re-resolved with the vendor's usual rates when the parser's did not add up. It never edits the finders:
 * it reads the parser's output and the layout only.
 *
 * Memory is per book (the store is scoped by book id): never shared across books.
 */
import { z } from "zod";
import { findAmounts, findDates, foldText, type ParsedInvoice } from "@/lib/documents/parse";
import { layoutText, spanBox, xExtent, type DocumentLayout, type FieldBox } from "@/lib/documents/layout";
import { mostOverlapping } from "@/lib/documents/parse/text";
import { isValidTaxId, normalizeTaxId } from "@/lib/tax-id";
import { cuota, type RateBp } from "@/lib/tax/vat";

// ───────────────────────────────────────────── the memory ─────────────────────────────────────────────

const pointSchema = z.object({ page: z.number().int().min(1), x: z.number().min(0).max(1), y: z.number().min(0).max(1) });
const hintSchema = z.object({
  /** The label printed before (or above) the value, normalised ("n factura"); null when the value had none. */
  label: z.string().max(80).nullable(),
  /** The value sits under its label (a header row), not to its right. */
  below: z.boolean(),
  /** Top-left corner of the value (page fractions), when the document came with a layout. */
  at: pointSchema.nullable(),
  /** Invoice numbers only: the value's shape ("FV99-99999": digits → 9, letters and punctuation kept). */
  shape: z.string().max(40).nullable(),
});
export type FieldHint = z.infer<typeof hintSchema>;

/** Everything but the keys (book, vendor tax id) and the name: the jsonb part of a stored memory. */
export const vendorHintsSchema = z.object({
  /** IVA rate sets seen, in basis points ("2100", "1000+2100") → documents. */
  rateSets: z.record(z.string().max(40), z.number().int().min(0)).default({}),
  /** IRPF rate in basis points ("1500"; "0" when none was withheld) → documents. */
  irpfRates: z.record(z.string().max(10), z.number().int().min(0)).default({}),
  number: hintSchema.nullable().default(null),
  date: hintSchema.nullable().default(null),
  /** Words of the vendor's layout (labels, fixed text) from the last document learnt. */
  signature: z.array(z.string().max(40)).max(200).default([]),
  /** Documents already learnt (the latest first): learning twice from one document does not count twice. */
  sources: z.array(z.string().max(100)).max(50).default([]),
});
export type VendorHints = z.infer<typeof vendorHintsSchema>;

export type VendorMemory = VendorHints & {
  vendorTaxId: string;
  vendorName: string | null;
  /** Documents learnt from. */
  documents: number;
};

/** The reviewed record of a received document: what was right. */
export type ReviewedRecord = {
  documentId: string;
  vendorTaxId: string;
  vendorName: string | null;
  invoiceNumber: string | null;
  issueDate: string | null;
  /** IVA rates of its lines, in basis points (lib/tax/vat.ts). */
  vatRatesBp: RateBp[];
  /** Basis points; null or 0 when nothing was withheld. */
  irpfRateBp: RateBp | null;
};

/** The document as the extraction read it: its text, and the layout (word boxes) when there was one. */
export type DocumentText = { text: string; layout: DocumentLayout | null };

// ───────────────────────────────────────────── text helpers ─────────────────────────────────────────────

type Span = { line: number; start: number; end: number };

/** Lower-case, accents off, anything but letters and digits → one space; with each kept character's raw index. */
function normWithMap(raw: string): { norm: string; map: number[] } {
  const fold = foldText(raw);
  let norm = "";
  const map: number[] = [];
  let space = true;
  for (let i = 0; i < fold.length; i++) {
    const ch = fold[i];
    if (/[a-z0-9]/.test(ch)) {
      norm += ch;
      map.push(i);
      space = false;
    } else if (!space) {
      norm += " ";
      map.push(i);
      space = true;
    }
  }
  if (norm.endsWith(" ")) {
    norm = norm.slice(0, -1);
    map.pop();
  }
  return { norm, map };
}

export function normLabel(s: string): string {
  return normWithMap(s).norm.split(" ").slice(-4).join(" ");
}

/** Ids and numbers compared as the reviewer would: upper case, no spaces, dots, dashes or slashes. */
const compact = (s: string) => s.toUpperCase().replace(/[\s.\-\/_]/g, "");

/** "FV25-02168" → "FV99-99999". */
export function numberShape(value: string): string {
  return value.toUpperCase().replace(/\d/g, "9").replace(/\s+/g, " ");
}

/** Same shape, letting the last digit run be one longer or shorter (a sequence that grew a digit). */
function shapeMatches(shape: string, value: string): boolean {
  const s = numberShape(value);
  if (s === shape) return true;
  const runs = (x: string) => x.split(/(9+)/).filter(Boolean);
  const a = runs(shape);
  const b = runs(s);
  if (a.length !== b.length) return false;
  const lastDigits = a.map((p, i) => (/^9+$/.test(p) ? i : -1)).filter((i) => i >= 0).pop();
  return a.every((p, i) => p === b[i] || (i === lastDigits && /^9+$/.test(b[i]) && Math.abs(p.length - b[i].length) <= 1));
}

/** OCR's letter-for-digit confusions, repaired only where the remembered shape has a digit. */
const DIGIT_LOOKALIKE: Record<string, string> = { O: "0", Q: "0", D: "0", I: "1", L: "1", "|": "1", Z: "2", S: "5", G: "6", B: "8" };

/**
 * `value` read to the remembered shape: as it is when it has the shape; with OCR's look-alike letters turned back
 * into digits where the shape has digits ("HO88194" → "H088194" for "H999999"); null when it does not fit.
 */
export function fitShape(shape: string, value: string): string | null {
  if (shapeMatches(shape, value)) return value;
  if (value.length !== shape.length) return null;
  let out = "";
  for (let i = 0; i < shape.length; i++) {
    const want = shape[i];
    const ch = value[i].toUpperCase();
    if (want === "9") {
      if (/\d/.test(ch)) out += ch;
      else if (DIGIT_LOOKALIKE[ch]) out += DIGIT_LOOKALIKE[ch];
      else return null;
    } else if (ch === want) out += value[i];
    else return null;
  }
  return out;
}

/** Cells of a line: runs separated by a tab or three or more spaces (as the parser reads them). */
function cellsOf(raw: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const re = /[^\t]+?(?=\t| {3,}|$)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) {
    const lead = m[0].length - m[0].trimStart().length;
    const text = m[0].trim();
    if (text) out.push({ start: m.index + lead, end: m.index + lead + text.length });
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

function nextContentLine(lines: string[], i: number): number | null {
  for (let j = i + 1; j < Math.min(lines.length, i + 3); j++) if (lines[j].trim()) return j;
  return null;
}

function prevContentLine(lines: string[], i: number): number | null {
  for (let j = i - 1; j >= Math.max(0, i - 2); j--) if (lines[j].trim()) return j;
  return null;
}

/** The cell of line `other` in the same column as characters [start, end) of line `line` (by boxes, else by index). */
function cellBelowOrAbove(doc: DocumentText, lines: string[], line: number, start: number, end: number, other: number) {
  const cells = cellsOf(lines[other]);
  const a = xExtent(doc.layout, line, start, end);
  if (a) {
    const best = mostOverlapping(a, cells, (c) => xExtent(doc.layout, other, c.start, c.end));
    if (best) return best;
  }
  const own = cellsOf(lines[line]);
  const idx = own.findIndex((c) => start >= c.start && start < c.end);
  if (own.length === cells.length && idx >= 0) return cells[idx];
  if (own.length === 1 && cells.length === 1) return cells[0];
  return null;
}

function pointOf(doc: DocumentText, span: Span): FieldHint["at"] {
  if (!doc.layout) return null;
  const box = spanBox(doc.layout, [span]);
  return box ? { page: box.page, x: box.x, y: box.y } : null;
}

function boxOf(doc: DocumentText, span: Span): FieldBox | null {
  return doc.layout ? spanBox(doc.layout, [span]) : null;
}

const NUMBER_LABEL = /\b(?:factura|fra|fact|invoice|n|no|num|nro|numero|number|documento|doc|serie|ref|referencia|ticket|recibo|receipt|abono|rectificativa)\b/;
const DATE_LABEL = /\b(?:fecha|date|emision|expedicion|issued|dated)\b/;

/** The label of a value at `span`: text before it in its cell, or the cell before it, or the cell above it. */
function labelOf(doc: DocumentText, lines: string[], span: Span): { label: string | null; below: boolean } {
  const raw = lines[span.line];
  const cells = cellsOf(raw);
  const ci = cells.findIndex((c) => span.start >= c.start && span.start < c.end);
  const cell = cells[ci];
  const before = normLabel(raw.slice(cell ? cell.start : Math.max(0, span.start - 40), span.start));
  if (/[a-z]{2}/.test(before)) return { label: before, below: false };
  if (ci > 0) {
    const prev = normLabel(raw.slice(cells[ci - 1].start, cells[ci - 1].end));
    if (/[a-z]{2}/.test(prev) && !/\d{3}/.test(prev)) return { label: prev, below: false };
  }
  const up = prevContentLine(lines, span.line);
  if (up !== null) {
    const c = cellBelowOrAbove(doc, lines, span.line, span.start, span.end, up);
    if (c) {
      const above = normLabel(lines[up].slice(c.start, c.end));
      if (/[a-z]{2}/.test(above) && !/\d{3}/.test(above)) return { label: above, below: true };
    }
  }
  return { label: null, below: false };
}

/** Where `label` (normalised) occurs in a raw line: the raw index just after it. */
function labelEnds(raw: string, label: string): number[] {
  const { norm, map } = normWithMap(raw);
  const out: number[] = [];
  let from = 0;
  for (;;) {
    const at = norm.indexOf(label, from);
    if (at < 0) break;
    const endN = at + label.length;
    const okBefore = at === 0 || norm[at - 1] === " ";
    const okAfter = endN >= norm.length || norm[endN] === " ";
    if (okBefore && okAfter) out.push(map[endN - 1] + 1);
    from = at + 1;
  }
  return out;
}

/** Layout signature: the distinct words of three letters or more, in reading order. */
export function layoutSignature(text: string): string[] {
  const words = foldText(text).match(/\p{L}{3,}/gu) ?? [];
  return [...new Set(words)].slice(0, 200);
}

/** Overlap of two signatures: shared words / the smaller set (1 = one contains the other). */
export function signatureSimilarity(a: string[], b: string[]): number {
  if (!a.length || !b.length) return 0;
  const A = new Set(a);
  const shared = b.filter((w) => A.has(w)).length;
  return shared / Math.min(A.size, new Set(b).size);
}

/** Same layout when most of the smaller set of words is shared. */
export const SAME_LAYOUT = 0.6;

// ───────────────────────────────────────────── locating the truth ─────────────────────────────────────────────

const TOKEN_RE = /[\p{L}\d][\p{L}\d\-\/.]*[\p{L}\d]|[\p{L}\d]/gu;

/** Where the reviewed invoice number is printed: runs of one to three words whose compact form is the number. */
function locateNumber(lines: string[], value: string): Span[] {
  const want = compact(value);
  if (!want) return [];
  const out: Span[] = [];
  lines.forEach((raw, line) => {
    const words = [...raw.matchAll(TOKEN_RE)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, text: m[0] }));
    for (let i = 0; i < words.length; i++) {
      let joined = "";
      for (let k = i; k < Math.min(words.length, i + 3); k++) {
        if (k > i && words[k].start - words[k - 1].end > 2) break;
        joined += words[k].text;
        const c = compact(joined);
        if (c === want) {
          out.push({ line, start: words[i].start, end: words[k].end });
          break;
        }
        // "Nº" glued to the number ("NºFV-1") is not part of it.
        if (k === i && /^N[º°]/.test(c) && c.slice(2) === want) {
          out.push({ line, start: words[i].start + 2, end: words[k].end });
          break;
        }
        if (c.length > want.length + 3) break;
      }
    }
  });
  return out;
}

function locateDate(lines: string[], iso: string): Span[] {
  const out: Span[] = [];
  lines.forEach((raw, line) => {
    for (const d of findDates(foldText(raw))) if (d.iso === iso) out.push({ line, start: d.start, end: d.end });
  });
  return out;
}

/** The occurrence whose label looks like the field's, else the first. */
function bestOccurrence(doc: DocumentText, lines: string[], spans: Span[], labelRe: RegExp): { span: Span; label: string | null; below: boolean } | null {
  if (!spans.length) return null;
  const withLabels = spans.map((span) => ({ span, ...labelOf(doc, lines, span) }));
  return withLabels.find((o) => o.label && labelRe.test(o.label)) ?? withLabels.find((o) => o.label) ?? withLabels[0];
}

const rateKey = (rates: RateBp[]) => [...new Set(rates.map((r) => Math.round(r)))].sort((a, b) => a - b).join("+") || "0";

function bump(counts: Record<string, number>, key: string, fresh: boolean): Record<string, number> {
  return fresh ? { ...counts, [key]: (counts[key] ?? 0) + 1 } : counts;
}

/**
 * The vendor's memory after one more reviewed document. Learning again from a document already learnt updates
 * the hints (the reviewer may have corrected something) without counting it twice.
 */
export function learnVendorMemory(prev: VendorMemory | null, truth: ReviewedRecord, doc: DocumentText): VendorMemory {
  const vendorTaxId = normalizeTaxId(truth.vendorTaxId);
  const base: VendorMemory =
    prev && prev.vendorTaxId === vendorTaxId
      ? prev
      : { vendorTaxId, vendorName: null, documents: 0, ...vendorHintsSchema.parse({}) };
  const fresh = !base.sources.includes(truth.documentId);
  const text = doc.layout?.lines.length ? layoutText(doc.layout) : doc.text;
  const lines = text.split("\n");

  let number = base.number;
  if (truth.invoiceNumber) {
    const found = bestOccurrence(doc, lines, locateNumber(lines, truth.invoiceNumber), NUMBER_LABEL);
    const shape = numberShape(truth.invoiceNumber);
    // Not found on this page (OCR misread it): keep where it was, learn only its shape.
    number = found
      ? { label: found.label, below: found.below, at: pointOf(doc, found.span), shape }
      : { label: base.number?.label ?? null, below: base.number?.below ?? false, at: base.number?.at ?? null, shape };
  }
  let date = base.date;
  if (truth.issueDate) {
    const found = bestOccurrence(doc, lines, locateDate(lines, truth.issueDate), DATE_LABEL);
    if (found) date = { label: found.label, below: found.below, at: pointOf(doc, found.span), shape: null };
  }

  return {
    vendorTaxId,
    vendorName: truth.vendorName?.trim() || base.vendorName,
    documents: base.documents + (fresh ? 1 : 0),
    rateSets: bump(base.rateSets, rateKey(truth.vatRatesBp), fresh),
    irpfRates: bump(base.irpfRates, String(truth.irpfRateBp ? Math.round(truth.irpfRateBp) : 0), fresh),
    number,
    date,
    signature: layoutSignature(text),
    sources: [truth.documentId, ...base.sources.filter((s) => s !== truth.documentId)].slice(0, 50),
  };
}

// ───────────────────────────────────────────── which memory applies ─────────────────────────────────────────────

/**
 * The vendor tax id whose memory applies to a parsed record: the parsed vendor's when remembered; otherwise any
 * valid id printed in the text that is remembered (the parse may have found none, or taken the customer's).
 * `known` are the ids with a memory in this book; the book's own id never counts.
 */
export function rememberedVendorId(record: Pick<ParsedInvoice, "vendorTaxId">, text: string, known: Iterable<string>, ownTaxId?: string | null): string | null {
  const own = ownTaxId ? normalizeTaxId(ownTaxId) : null;
  const ids = new Set([...known].map(normalizeTaxId).filter((id) => id !== own));
  if (record.vendorTaxId && ids.has(normalizeTaxId(record.vendorTaxId))) return normalizeTaxId(record.vendorTaxId);
  const hay = compact(text);
  for (const id of ids) if (id.length >= 8 && isValidTaxId(id) && hay.includes(id)) return id;
  return null;
}

/** Candidate tax ids to look a memory up by: the parsed vendor's and every valid id the text prints (1–3 words). */
export function candidateTaxIds(record: Pick<ParsedInvoice, "vendorTaxId">, text: string): string[] {
  const out = new Set<string>();
  if (record.vendorTaxId) out.add(normalizeTaxId(record.vendorTaxId));
  for (const raw of text.toUpperCase().split("\n")) {
    const words = [...raw.matchAll(/[A-Z0-9][A-Z0-9.\-]*/g)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, text: m[0] }));
    for (let i = 0; i < words.length; i++) {
      let joined = "";
      for (let k = i; k < Math.min(words.length, i + 3); k++) {
        if (k > i && words[k].start - words[k - 1].end > 1) break;
        joined += words[k].text;
        const id = normalizeTaxId(joined);
        if (id.length > 14) break;
        if (id.length >= 8 && isValidTaxId(id)) out.add(id);
      }
    }
  }
  return [...out];
}

// ───────────────────────────────────────────── applying it ─────────────────────────────────────────────

type Pick_ = { value: string; score: number; span: Span };

function near(a: FieldHint["at"], b: FieldHint["at"], tol = 0.04): boolean {
  return Boolean(a && b && a.page === b.page && Math.abs(a.x - b.x) <= tol && Math.abs(a.y - b.y) <= tol);
}

const NUMBER_VALUE = /^[\s:.#º°*\-–]*(?:n[º°o]\.?\s*[:.]?\s*)?([A-Z0-9][A-Z0-9\-\/.]*[A-Z0-9]|[0-9])(?![A-Z0-9])/i;

type Read = Span & { value: string };

/** Values read where the hint's label is: right of it (in its cell or the next one), or under it in its column. */
function readsAtLabel(doc: DocumentText, lines: string[], hint: FieldHint, read: (raw: string, from: number, to: number) => { value: string; start: number; end: number } | null): Read[] {
  const out: Read[] = [];
  const label = hint.label;
  if (!label) return out;
  lines.forEach((raw, i) => {
    for (const end of labelEnds(raw, label)) {
      if (!hint.below) {
        const cells = cellsOf(raw);
        const ci = cells.findIndex((c) => end > c.start && end <= c.end);
        let to = raw.length;
        if (ci >= 0) {
          const restOfCell = raw.slice(end, cells[ci].end).replace(/[\s:.#º°*\-–]/g, "");
          to = !restOfCell && cells[ci + 1] ? cells[ci + 1].end : cells[ci].end;
        }
        const r = read(raw, end, to);
        if (r) out.push({ line: i, start: r.start, end: r.end, value: r.value });
      } else {
        const next = nextContentLine(lines, i);
        if (next === null) continue;
        const c = cellBelowOrAbove(doc, lines, i, Math.max(0, end - label.length), end, next);
        if (!c) continue;
        const r = read(lines[next], c.start, c.end);
        if (r) out.push({ line: next, start: r.start, end: r.end, value: r.value });
      }
    }
  });
  return out;
}

function readNumber(raw: string, from: number, to: number) {
  const m = NUMBER_VALUE.exec(raw.slice(from, to));
  if (!m || !/\d/.test(m[1])) return null;
  const start = from + m[0].length - m[1].length;
  return { value: m[1].replace(/[.\-\/]+$/, ""), start, end: start + m[1].length };
}

function readDate(raw: string, from: number, to: number) {
  // Only separators between the label and the date ("Fecha: 23/04/2025"), not more words ("Fecha vencimiento …").
  const d = findDates(foldText(raw)).find((x) => x.start >= from && x.start < to && !/[\p{L}\d]/u.test(raw.slice(from, x.start)));
  return d ? { value: d.iso, start: d.start, end: d.end } : null;
}

function pickNumber(doc: DocumentText, lines: string[], hint: FieldHint, sameLayout: boolean): Pick_ | null {
  const cands: Pick_[] = [];
  const add = (value: string, span: Span, score: number) => {
    const prev = cands.find((c) => c.span.line === span.line && c.span.start === span.start);
    if (prev) prev.score = Math.max(prev.score, score);
    else cands.push({ value, span, score });
  };
  for (const r of readsAtLabel(doc, lines, hint, readNumber)) {
    let score = 3;
    const fitted = hint.shape ? fitShape(hint.shape, r.value) : null;
    if (hint.shape) score += fitted ? 1.5 : -1.5;
    if (sameLayout && near(pointOf(doc, r), hint.at)) score += 1;
    add(fitted ?? r.value, r, score);
  }
  if (hint.shape && /9/.test(hint.shape)) {
    // Anywhere: tokens of the remembered shape (not dates), closer to the remembered place first.
    lines.forEach((raw, line) => {
      const dates = findDates(foldText(raw));
      for (const m of raw.matchAll(/[A-Z0-9][A-Z0-9\-\/.]*[A-Z0-9]|[0-9]/gi)) {
        const start = m.index!;
        const end = start + m[0].length;
        if (dates.some((d) => start < d.end && d.start < end)) continue;
        const fitted = fitShape(hint.shape!, m[0]);
        if (!fitted) continue;
        const span = { line, start, end };
        let score = 1.5;
        if (sameLayout && near(pointOf(doc, span), hint.at)) score += 1.5;
        add(fitted, span, score);
      }
    });
  }
  if (!cands.length) return null;
  cands.sort((a, b) => b.score - a.score || a.span.line - b.span.line);
  const [best, second] = cands;
  // Two different values tied: the memory cannot tell.
  if (second && second.score === best.score && compact(second.value) !== compact(best.value)) return null;
  return best;
}

function pickDate(doc: DocumentText, lines: string[], hint: FieldHint, sameLayout: boolean): Pick_ | null {
  const cands: Pick_[] = [];
  for (const r of readsAtLabel(doc, lines, hint, readDate)) {
    cands.push({ value: r.value, span: r, score: 3 + (sameLayout && near(pointOf(doc, r), hint.at) ? 1 : 0) });
  }
  if (!cands.length && sameLayout && hint.at) {
    lines.forEach((raw, line) => {
      for (const d of findDates(foldText(raw))) {
        const span = { line, start: d.start, end: d.end };
        if (near(pointOf(doc, span), hint.at, 0.03)) cands.push({ value: d.iso, span, score: 2.5 });
      }
    });
  }
  if (!cands.length) return null;
  cands.sort((a, b) => b.score - a.score || a.span.line - b.span.line);
  const [best, second] = cands;
  if (second && second.score === best.score && second.value !== best.value) return null;
  return best;
}

/** Rates the vendor usually charges (basis points): the most frequent rate set (a single rate) and IRPF rates seen. */
function usualRates(m: VendorMemory): { vat: RateBp[]; irpf: RateBp[] } | null {
  const sets = Object.entries(m.rateSets).sort((a, b) => b[1] - a[1]);
  if (!sets.length) return null;
  const single = sets.filter(([k]) => !k.includes("+")).map(([k]) => Number(k));
  if (!single.length || sets[0][0].includes("+")) return null;
  const irpf = Object.entries(m.irpfRates).sort((a, b) => b[1] - a[1]).map(([k]) => Number(k));
  return { vat: single, irpf: irpf.length ? irpf : [0] };
}

type Figures = { base: number; vat: number; irpf: number; total: number; rate: RateBp; irpfRate: RateBp; spans: Record<"base" | "vat" | "irpf" | "total", Span | null> };

/**
 * The figures of the page that satisfy the vendor's usual arithmetic: an amount as base, base × rate printed as
 * the cuota, base × IRPF printed as the retention, and base + cuota − IRPF printed as the total. The largest total
 * wins (subtotals and line amounts satisfy it less often than the invoice's own figures).
 */
function refigure(lines: string[], rates: { vat: RateBp[]; irpf: RateBp[] }): Figures | null {
  const where = new Map<number, Span>();
  const lastWhere = new Map<number, Span>();
  lines.forEach((raw, line) => {
    const dates = findDates(foldText(raw));
    for (const a of findAmounts(raw)) {
      if (!a.decimals && !a.currency) continue;
      if (dates.some((d) => a.start < d.end && d.start < a.end)) continue;
      const v = Math.abs(a.cents);
      if (!v) continue;
      const span = { line, start: a.start, end: a.end };
      if (!where.has(v)) where.set(v, span);
      lastWhere.set(v, span);
    }
  });
  const values = [...where.keys()];
  let best: Figures | null = null;
  for (const base of values) {
    for (const rate of rates.vat) {
      const vat = cuota(base, rate);
      if (rate > 0 && !where.has(vat)) continue;
      for (const irpfRate of rates.irpf) {
        const irpf = cuota(base, irpfRate);
        if (irpfRate > 0 && !where.has(irpf)) continue;
        // With neither IVA nor IRPF every amount would "add up" to itself: nothing to learn from.
        if (rate === 0 && irpfRate === 0) continue;
        const total = base + vat - irpf;
        if (!where.has(total) || total === base) continue;
        if (!best || total > best.total) {
          best = {
            base,
            vat,
            irpf,
            total,
            rate,
            irpfRate,
            spans: { base: where.get(base)!, vat: rate > 0 ? where.get(vat)! : null, irpf: irpfRate > 0 ? where.get(irpf)! : null, total: lastWhere.get(total)! },
          };
        }
      }
    }
  }
  return best;
}

const KEY_FIELDS = ["issueDate", "invoiceNumber", "vendorTaxId", "baseCents", "vatCents", "totalCents"] as const;
const keyMean = (c: Record<string, number>) => KEY_FIELDS.reduce((s, k) => s + (c[k] ?? 0), 0) / KEY_FIELDS.length;
const raise = (c: number | undefined, to: number) => Math.max(c ?? 0, to);

/**
 * A parsed record improved with what the book remembers of its vendor. The memory must be the one of the record's
 * vendor, or of a remembered tax id printed in the document (see `rememberedVendorId`); the caller picks it.
 */
export function applyVendorMemory<T extends ParsedInvoice>(record: T, layout: DocumentLayout | null, memory: VendorMemory | null, text?: string): T {
  if (!memory) return record;
  const doc: DocumentText = { layout: layout?.lines.length ? layout : null, text: layout?.lines.length ? layoutText(layout) : text ?? "" };
  const lines = doc.text.split("\n");
  const fieldConfidence = { ...record.fieldConfidence };
  const boxes = { ...record.boxes };
  const checks = { ...record.checks };
  const out: T = { ...record, fieldConfidence, boxes, checks };
  const setBox = (key: string, span: Span | null) => {
    const box = span ? boxOf(doc, span) : null;
    if (box) boxes[key] = box;
    else delete boxes[key];
  };
  const sameLayout = signatureSimilarity(memory.signature, layoutSignature(doc.text)) >= SAME_LAYOUT;

  // ── who: the remembered vendor (its tax id is printed on the page, or the parser found it)
  const id = memory.vendorTaxId;
  const otherVendor = record.vendorTaxId !== null && normalizeTaxId(record.vendorTaxId) !== id;
  // The parser found another valid vendor and the page does not look like this vendor's: the remembered id is
  // printed for another reason (a platform, a previous supplier named in the text). Leave the record alone.
  if (otherVendor && record.checks.vendorTaxIdValid && !sameLayout) return record;
  if (!record.vendorTaxId || otherVendor) {
    // The parser took another party (the customer) or none: the remembered vendor is on the page.
    if (record.vendorTaxId && (!record.customerTaxId || normalizeTaxId(record.customerTaxId) === id)) {
      out.customerTaxId = record.vendorTaxId;
      fieldConfidence.customerTaxId = raise(fieldConfidence.customerTaxId, 0.8);
      if (boxes.vendorTaxId) boxes.customerTaxId = boxes.vendorTaxId;
    }
    out.vendorTaxId = id;
    const at = locateNumber(lines, id)[0] ?? null;
    setBox("vendorTaxId", at);
    checks.vendorTaxIdValid = isValidTaxId(id);
  }
  fieldConfidence.vendorTaxId = raise(fieldConfidence.vendorTaxId, 0.95);
  if (memory.vendorName) {
    if (out.vendorName !== memory.vendorName) {
      out.vendorName = memory.vendorName;
      const { norm } = normWithMap(memory.vendorName);
      const line = lines.findIndex((l) => normWithMap(l).norm.includes(norm));
      setBox("vendorName", line >= 0 ? { line, start: 0, end: lines[line].length } : null);
    }
    fieldConfidence.vendorName = raise(fieldConfidence.vendorName, 0.95);
  }

  // ── invoice number and date at the remembered label / place
  if (memory.number) {
    const p = pickNumber(doc, lines, memory.number, sameLayout);
    if (p && p.score >= 3) {
      const strong = p.score >= 4;
      if (out.invoiceNumber && compact(out.invoiceNumber) === compact(p.value)) {
        fieldConfidence.invoiceNumber = raise(fieldConfidence.invoiceNumber, strong ? 0.95 : 0.85);
      } else {
        out.invoiceNumber = p.value;
        fieldConfidence.invoiceNumber = strong ? 0.9 : 0.75;
        setBox("invoiceNumber", p.span);
      }
    }
  }
  if (memory.date) {
    const p = pickDate(doc, lines, memory.date, sameLayout);
    if (p && p.score >= 2.5) {
      const strong = p.score >= 3;
      if (out.issueDate === p.value) {
        fieldConfidence.issueDate = raise(fieldConfidence.issueDate, strong ? 0.95 : 0.85);
      } else {
        out.issueDate = p.value;
        fieldConfidence.issueDate = strong ? 0.9 : 0.75;
        setBox("issueDate", p.span);
      }
    }
  }

  // ── figures: the vendor's usual IVA and IRPF rates choose between the page's amounts
  const rates = usualRates(memory);
  if (rates && !record.checks.arithmeticOk) {
    const f = refigure(lines, rates);
    if (f) {
      const sign = record.docType === "credit_note" || (record.totalCents ?? 0) < 0 ? -1 : 1;
      out.baseCents = sign * f.base;
      out.vatCents = sign * f.vat;
      out.totalCents = sign * f.total;
      out.irpfRateBp = f.irpfRate > 0 ? f.irpfRate : null;
      out.irpfCents = f.irpfRate > 0 ? sign * f.irpf : null;
      out.recargoCents = null;
      out.vatLines = [{ rateBp: f.rate, baseCents: sign * f.base, vatCents: sign * f.vat }];
      checks.arithmeticOk = true;
      for (const k of ["baseCents", "vatCents", "totalCents", "vatLines"]) fieldConfidence[k] = 0.85;
      fieldConfidence.irpfRateBp = f.irpfRate > 0 ? 0.85 : 0;
      fieldConfidence.irpfCents = f.irpfRate > 0 ? 0.85 : 0;
      fieldConfidence.recargoCents = 0;
      setBox("baseCents", f.spans.base);
      setBox("vatCents", f.spans.vat);
      setBox("totalCents", f.spans.total);
      setBox("irpfCents", f.spans.irpf);
    }
  } else if (rates && record.checks.arithmeticOk && record.vatLines.length === 1 && rates.vat.includes(record.vatLines[0].rateBp)) {
    // Figures that add up at the vendor's usual rate.
    for (const k of ["baseCents", "vatCents", "totalCents"]) fieldConfidence[k] = raise(fieldConfidence[k], 0.9);
  }

  // ── the parser's reasons for doubting a field (when it gives them) no longer hold for fields the memory settled
  const reasons = (record as { fieldReasons?: Record<string, unknown> }).fieldReasons;
  if (reasons) {
    const settled = Object.keys(fieldConfidence).filter((k) => (fieldConfidence[k] ?? 0) > (record.fieldConfidence[k] ?? 0));
    (out as { fieldReasons?: Record<string, unknown> }).fieldReasons = Object.fromEntries(Object.entries(reasons).filter(([k]) => !settled.includes(k)));
  }

  // ── overall confidence: the parser's, scaled by how the key fields' confidence moved
  let confidence = record.confidence;
  const before = keyMean(record.fieldConfidence);
  const after = keyMean(fieldConfidence);
  if (before > 0) confidence *= after / before;
  else confidence = after;
  if (!record.checks.arithmeticOk && checks.arithmeticOk) confidence /= 0.85;
  if (!record.checks.vendorTaxIdValid && checks.vendorTaxIdValid) confidence /= 0.9;
  out.confidence = Math.round(Math.min(1, confidence) * 1000) / 1000;
  return out;
}
