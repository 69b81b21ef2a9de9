/**
 * Cross-checks: a chosen value read back in the words around it. A finder can be confident in a value that its
 * surroundings contradict — a number that goes on after a space ("F25" of "F25 000491"), a number the line says
 * belongs to another document ("Rectifica a la factura nº …"), an amount whose thousands were printed as a separate
 * group ("10 847,26" read as 847,26). None of these can be checked by the arithmetic when IVA is 0 %, so the status
 * must not promise them. Pure functions over the parser's lines; they only ever lower trust.
 */
import type { Span } from "@/lib/documents/parse/figures";
import type { Line } from "@/lib/documents/parse/text";

/** The value's token continues after one space with a group of digits: it may have been cut short. */
export function continuesPastSpan(lines: Line[], span: Span): boolean {
  const line = lines[span.line];
  if (!line) return false;
  const after = line.raw.slice(span.end);
  // One space (not a column gap), then a group of three or more digits that is not a date or an amount.
  return /^ \d{3,}(?![\d.,/\-:])/.test(after);
}

/**
 * The value opens right after a hyphen or slash joined to it, with nothing before that but a gap ("Número   -01695",
 * "Nº  /2025"): OCR lost the series the separator joined ("FRA-01695"), so what was read is only the number's tail.
 */
export function lostHeadBeforeSpan(lines: Line[], span: Span): boolean {
  const line = lines[span.line];
  if (!line) return false;
  return /(?:^|\s)[\-\/–]$/.test(line.raw.slice(0, span.start));
}

/**
 * Words that say a number belongs to another document (the one rectified, an order, a contract…). "Original"
 * followed by a label of the document's own number is the copy's marker ("FACTURA (ORIGINAL) Nº Fact. R-25/001"),
 * not the invoice it rectifies ("Factura original nº F26-04790").
 */
const OTHER_DOCUMENT =
  /\b(?:rectifica(?!tiv)\w*|sustitu\w*|anula\w*|original\w*(?!.*\b(?:fact\w*|fra|invoice)\b)|abona\w*\s+(?:la\s+)?factura|correspond\w*\s+a\s+(?:la\s+)?factura|relativ\w*\s+a\s+(?:la\s+)?factura|ref(?:erencia)?\.?\s+(?:a\s+)?(?:la\s+)?factura|pedido|albaran|contrato|poliza|presupuesto)\b/;

/**
 * The words before the value on its line (or, when the value opens its line, on the line above) say it is the
 * number of another document: "Rectifica a la factura nº A-2025/0518", "Factura original: …", "Pedido: …". A title
 * such as "Factura rectificativa" names the document itself and does not count.
 */
export function citesAnotherDocument(lines: Line[], span: Span): boolean {
  const line = lines[span.line];
  if (!line) return false;
  // The label is the nearest cell before the value (a column gap or tab ends it).
  const cells = line.fold.slice(0, span.start).split(/\t| {3,}/).filter((c) => /[a-z]/.test(c));
  const label = cells.at(-1);
  if (label) return OTHER_DOCUMENT.test(label);
  for (let j = span.line - 1; j >= Math.max(0, span.line - 2); j--) {
    const above = lines[j]?.fold.trim();
    // A label line of its own ("Factura rectificada nº:") above the value; its own title does not count.
    if (above) return lines[j].cells.length === 1 && !/\d/.test(above) && OTHER_DOCUMENT.test(above);
  }
  return false;
}

/**
 * An amount printed with its thousands as a separate group before it ("10 847,26", "2 035,40") whose reading kept
 * only the last group: the characters before the span are a 1–3 digit group and one space, and the span's integer
 * part has exactly three digits.
 */
export function amountContinuesLeft(lines: Line[], span: Span): boolean {
  const line = lines[span.line];
  if (!line) return false;
  const value = line.raw.slice(span.start, span.end);
  const integer = /^[-−]?(\d+)/.exec(value.replace(/^[^\d-−]+/, ""))?.[1];
  if (!integer || integer.length !== 3) return false;
  return /(?:^|[^\d.,])\d{1,3} $/.test(line.raw.slice(0, span.start));
}

/**
 * The first letter of a Spanish CIF says the entity's legal form (B a limited company, A a public limited company,
 * F a cooperative, E a comunidad de bienes, J a civil partnership). A name whose legal form asks for another letter
 * ("Mobiano del Ebro SLU" with "G66254459"): OCR may have misread the letter, which the check digit does not cover.
 * A company that changed its form keeps its letter, so this only ever doubts an OCR'd id; it never corrects one.
 */
const FORM_LETTERS: [RegExp, string][] = [
  [/\bs\.?\s?l\.?\s?(?:[ulp]\.?|n\.?\s?e\.?)?$|\bsociedad\s+limitada\b/i, "B"],
  [/\bs\.?\s?a\.?\s?[ul]?\.?$|\bsociedad\s+anonima\b/i, "A"],
  [/\bs\.?\s?coop\.?(?:\s?\w+\.?)?$|\bcooperativa\b/i, "F"],
  [/\bc\.\s?b\.?$|\bcomunidad\s+de\s+bienes\b/i, "E"],
];
export function legalFormContradictsCif(name: string | null, taxId: string | null): boolean {
  if (!name || !taxId) return false;
  const id = taxId.toUpperCase().replace(/^ES/, "");
  if (!/^[ABCDEFGHJNPQRSUVW]\d{7}[0-9A-J]$/.test(id)) return false;
  const folded = name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").trim().replace(/[\s,.;:]+$/, (m) => (m.includes(".") ? "." : ""));
  // A name that says two forms ("Cooperativa Agrícola Suárez S.L.") allows either letter.
  const allowed = FORM_LETTERS.filter(([re]) => re.test(folded)).map(([, letter]) => letter);
  return allowed.length > 0 && !allowed.includes(id[0]);
}
