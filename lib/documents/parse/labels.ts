/** Label dictionaries (Spanish and English) for the figures, number, dates and tax ids of an invoice. */

export type Field = "total" | "base" | "vat" | "irpf" | "recargo" | "number" | "date" | "due" | "taxid" | "item";
export type LabelDef = { field: Field; re: RegExp; strength: number };
export type LabelHit = { field: Field; strength: number; start: number; end: number };

export const LABELS: LabelDef[] = [
  // Totals (strong first). "Subtotal", "Total IVA", "Total base", "Total líneas" are not totals.
  {
    field: "total",
    strength: 3,
    re: /\b(?:total[\s,.;:]*(?:a\s+pagar|a\s+abonar|a\s+devolver|factura|de\s+(?:la\s+)?factura|euros?|eur\b|\(eur\)|\(€\)|importe|general|final|documento|ticket|invoice|due|amount|to\s+pay|con\s+iva|iva\s+inc\w*|\(iva\s+inc\w*\)|liquido)|importe\s+(?:total|a\s+pagar|liquido)|importe\s+(?:total\s+)?de\s+(?:la\s+)?factura|amount\s+(?:due|payable|to\s+pay)|balance\s+due|grand\s+total|liquido\s+a\s+percibir)/g,
  },
  {
    field: "total",
    strength: 2,
    re: /(?<!sub[\s-]?)\btotal\b(?!\s*(?:iva|vat|tax|impuestos?|igic|base|bases|lineas|neto|net|bruto|sin|excl|antes|before|cuota|retenc|irpf|re\b|recargo|descuentos?|dto|unidades|uds|items|articulos|partidas|%|pagado|entregado|horas|hours|qty|cantidad))/g,
  },
  // Taxable base.
  {
    field: "base",
    strength: 3,
    re: /\b(?:bases?\s+imponibles?|importe\s+neto|total\s+neto|neto\s+total|taxable\s+(?:amount|base)|net\s+(?:amount|total)|total\s+(?:sin|antes\s+de)\s+(?:iva|impuestos)|importe\s+sin\s+iva|total\s+(?:excl|excluding)\.?\s+(?:vat|tax)|(?:sub)?total\s+(?:before|without|w\/o)\s+(?:vat|tax)|amount\s+before\s+(?:vat|tax)|amount\s+excl\w*\.?\s+(?:vat|tax)|total\s+base)\b/g,
  },
  { field: "base", strength: 2, re: /\b(?:sub[\s-]?total|base(?!\s+(?:de\s+)?(?:retenc|irpf)))\b/g },
  { field: "base", strength: 1, re: /\b(?:suma\s+(?:de\s+)?importes|total\s+lineas|total\s+bruto|importe\s+bruto|neto|net)\b(?!\s+\d+\s*(?:days|dias))/g },
  // VAT amount. "VAT ID", "IVA incluido", "%IVA" (a rate column) are not.
  {
    field: "vat",
    strength: 3,
    re: /\b(?:cuota\s+(?:de\s+)?(?:iva|igic)|total\s+(?:iva|igic|vat|tax)|importe\s+(?:del?\s+)?iva|vat\s+amount|tax\s+amount)\b/g,
  },
  // "IVA incluido (21 %): 13,85" opening its line or cell, with a rate and an amount: the quota a ticket includes.
  { field: "vat", strength: 2, re: /(?<=^[^\p{L}\d]*|\t|\s{2})iva\s+incl(?:uido|\.)?(?=\s*\(?\s*\d{1,2}(?:[.,]\d{1,2})?\s?%\s*\)?\s*:?\s*[-−]?\d)/gu },
  { field: "vat", strength: 2, re: /(?<!%\s?)\b(?:iva|igic|vat|tax|impuestos?|cuota)\b(?!\s*(?:id\b|no\b|n[º°o]|number|reg|registration|nr\b|incl|inclu|exento|exempt|%))/g },
  // IRPF withholding.
  { field: "irpf", strength: 3, re: /\b(?:retencion(?:\s+(?:de\s+)?(?:irp[fe]|i\s?r\s?p\s?f))?|irp[fe]|ret\.\s*irpf|withholding(?:\s+tax)?)\b/g },
  // Recargo de equivalencia.
  { field: "recargo", strength: 3, re: /\b(?:recargo\s+(?:de\s+)?equivalencia|rec(?:argo)?\.?\s+equiv\w*\.?|re\b(?=\s*(?:\d|\(|:|$|\t))|recargo)/g },
  // Invoice number.
  {
    field: "number",
    strength: 3,
    re: /\b(?:(?:n[uú]m(?:ero)?\.?|n\s?\.?\s?[º°o*?e"”“]\.?|nro\.?)\s*(?:de\s+)?(?:la\s+)?factura(?:\s+simplificada|\s+rectificativa)?|factura(?:\s+simplificada|\s+rectificativa)?\s*(?:n[uú]m(?:ero)?\.?|n\s?\.?\s?[º°o*?9®¢]\.?|no\.?|#)|invoice[^\S\t]*(?:number|no\b\.?|num\b\.?|#|id\b)|(?:numero|num\.?)\s+(?:de\s+)?(?:documento|ticket))/g,
  },
  // "Nº fact.", "N.º factura", "Nº rectificativa", "Serie y número" and OCR's readings of "Nº" ("N2 Fact.", "N? Fact.",
  // "N.¢ factura", "NS Factura", and two marks for one: "N?9 de factura", "N?2 abono").
  {
    field: "number",
    strength: 3,
    re: /(?<![\p{L}\d])n(?:\s?\.?\s?(?:[º°o*?9®¢2e"”“]|[º°*?®¢][92]|e[?*"”“º°]|s(?=\s+fact))|\b)\.?\s*(?:de\s+)?(?:(?:la\s+)?(?:fact(?:ura)?\s+)?rectificativa|fact(?:ura)?|fra|minuta|abono|nota\s+de\s+(?:honorarios|abono|credito))\b(?![\-\/]\d)\.?|\b(?:fra|fact)\.?\s*(?:n[º°o9e2?*](?![a-z])|num\b)\.?|\bserie\s*(?:y|\/|-)\s*n[uú]mero\b|\b(?:n[º°o]\.?\s*(?:de\s+)?)?doc(?:umento)?\.?\s*(?:n[º°o]\.?|num\.?|#)|(?<![\p{L}\d])n[º°o]\.?\s*(?:de\s+)?doc(?:umento)?\b\.?|\bbill\s*(?:no\.?|number|#)/gu,
  },
  // "Número 01975", "Núm.: A-12" at the start of a cell, a code with digits after it.
  // A series apart from its digits ("Número A 81163") too.
  { field: "number", strength: 2, re: /(?:^|\t|\s{2})(?:n[uú]mero|n[uú]m\.)(?=\s*:?\s*[a-z]{0,4}(?:\s?[\-\/]\s?|\s)?\d)/g },
  // "Número" (OCR: "“Numero") alone in a cell of a header row: the value is below it.
  { field: "number", strength: 2, re: /(?:^|\t|\s{2})[“"'‘|]?(?:n[uú]mero|number)\s*:?(?=\s*(?:$|\t|\s{2}))/g },
  // "Nº" as OCR misreads it ("NS", "N¢", "N9"…), when a code with digits follows.
  {
    field: "number",
    strength: 2.5,
    re: /\b(?:factura|invoice|ticket)(?:\s+simplificada|\s+rectificativa)?\s+n\S?\.?\s*:?(?=\s+[a-z]{0,4}[\-\/]?\d)/g,
  },
  { field: "number", strength: 2, re: /\b(?:ticket|tiquet|recibo|receipt|minuta|abono|rectificativa)\s*(?:n\s?[º°o9®¢%?e"”*2]\.?|num\.?|#|number)/g },
  // "Nº ticket", "N9 transacción", "Ne ticket" (OCR's "Nº"), "Invoice ID" (OCR: "Invoice 1D"), "Invoice code".
  { field: "number", strength: 2.5, re: /(?<![\p{L}\d])n\s?[º°o9®¢%?e"”*]?\.?\s*(?:de\s+)?(?:ticket|tiquet|recibo|transaccion)\b|\binvoice\s*(?:id|1d|code|ref(?:erence)?)\b/gu },
  { field: "number", strength: 2, re: /(?:^|\t|\s{2})(?:ticket|recibo|receipt)\s*:/g },
  // A simplified invoice's own number: "Fra. simpl.: 64876890", "Fact. simplificada nº 0042", "Nº F. simpl. 0042".
  {
    field: "number",
    strength: 2.5,
    re: /(?:\bn[º°o]\.?\s*)?\b(?:f|fra|fact(?:ura)?)\.?\s*simpl(?:ificada)?\.?(?:\s*n[º°o]\.?)?\s*(?::|#|(?=\s*[a-z]{0,4}[\-\/]?\d[\w\-\/]*\d))/g,
  },
  // A bare "Nº" (OCR: "N2", "N?") opening a cell, a code with digits after it: "Nº 056/25".
  // OCR reads that "Nº" as "Ne", "N*", "N9" too.
  { field: "number", strength: 2, re: /(?:^|\t|\s{2})n\s?[º°o2?*e9]\.?(?=\s+[a-z]{0,4}[\-\/]?\d)/g },
  // A bilingual heading "Nº / No.", "Nº - No" (OCR: "No /N?", "No / NY", "Ne / No.", "N¢/ No,") alone in its cell: the value is below it.
  { field: "number", strength: 2, re: /(?:^|\t|\s{2})(?:n[º°o?*ye¢]|no)[.,]?(?:\s*[\/\-–·•|]\s*|\s+)(?:n[º°o?*ye¢]|no)[.,]?(?=\s*(?:$|\t|\s{2}))/g },
  // "Nº:" (OCR: "N9:", "N2:", "N?:", "Nº.") at the start of a cell.
  // A photo's edge or background OCR read as a mark or two opening the line ("| Ne: 57/061465", "© Ne: 2161547063").
  { field: "number", strength: 2, re: /(?:^(?:[^\p{L}\p{N}\s]{1,2}\s)?|\t|\s{2})(?:n\s?[º°oe92?*]|n[uú]m(?:ero)?|no|#)\s*[:.]/gu },
  { field: "number", strength: 1, re: /^\s*(?:factura|invoice)\s*[:#]/g },
  // "Factura:" opening a cell of a header block of labels and values ("Factura: ⇥ F-0665837", "Fecha: ⇥ 05/08/25"):
  // the colon points at the value in the next cell.
  { field: "number", strength: 2, re: /(?<=^|\t|\s{2})\s*(?:factura|invoice)\s*:(?=\s*[a-z]{0,4}[\-\/]?\d)/g },
  // "FACTURA Nº" heading a grid's cell, OCR's "º" lost or misread ("FACTURA N ⇥ FECHA", "FACTURA Ne"): the value is below it.
  { field: "number", strength: 2, re: /(?:^|\t|\s{2})(?:factura|fra\.?)\s+n\s?[º°o*?e92®¢"”]?\.?(?=\s*(?:$|\t|\s{2}))/g },
  // "Invoice #" / "Factura #" heading its cell, the mark as OCR reads it ("Invoice 4 ⇥ 2025092221"): the value is in the next cell.
  { field: "number", strength: 2, re: /(?:^|\t|\s{2})(?:factura|invoice)\s+[#4]\.?(?=\t|\s{2,})/g },
  // "Documento: FS-0012", "DOC.: 2972003697067" at the start of a cell, a code with digits after it.
  { field: "number", strength: 2, re: /(?:^|\t|\s{2})(?:documento|doc\.?)\s*:(?=\s*[a-z]{0,4}[\-\/]?\d)/g },
  // "Factura FR2025/080" (the "Nº" lost or misread): a code with digits right after the word.
  { field: "number", strength: 1.5, re: /\b(?:factura|invoice|ticket|tiquet|recibo|receipt)(?=\s+[a-z]{0,4}[\-\/]?\d[\w\-\/]*\d(?![\w\/\-]))/g },
  // Dates.
  {
    field: "date",
    strength: 3,
    re: /\b(?:f[eo]cha\s+(?:de\s+|del\s+)?(?:la\s+)?(?:emision|expedicion|factura(?:cion)?|documento)|f(?:ec?h?)?\.\s*(?:de\s+)?(?:emision|expedicion|factura)|invoice\s+date|date\s+of\s+(?:issue|invoice)|issue\s+date|issued(?:\s+on)?|date\s+issued)\b/g,
  },
  // OCR reads "Fecha" as "Focha".
  { field: "date", strength: 2, re: /\b(?:f[eo]cha|date|dated|data)\b/g },
  {
    field: "due",
    strength: 3,
    re: /\b(?:vencimiento|venc\.|vto\.?|due|pedido|order|entrega|delivery|albaran|periodo|period|servicio|service|valid\w*|validez|caducidad|rectificad\w*|original|pago|payment|paid|hasta|desde|operacion|contrato|alta|nacimiento|billing)\b/g,
  },
  // Tax id labels (to ignore their neighbourhood as amounts, and to spot ids).
  { field: "taxid", strength: 3, re: /\b(?:(?:nif|cif|nie|dni)(?!(?!iva)[a-z]{2})|vat\s*(?:id\b|no\b|number|reg\w*|:(?=\s*[a-z]{2}\s?[0-9a-z]))|tax\s*id\b|iva\s+intracomunitari[oa]\b(?=[\s:.]*(?:[a-z]{2}[\s\-]?)?[a-z0-9]{8})|n\.?\s?[il1|!]\.?\s?f\b|n\.?f\b(?=[\s.:]*[a-z]?[\s.\-]?\d{2}\.?\d{3}\.?\d{3})|c\.?\s?[il1|!]\.?\s?f\b)/g },
  // Item table headers.
  {
    field: "item",
    strength: 1,
    re: /\b(?:descripcion|concepto|description|cantidad|cant\.|uds\.?|unidades|qty|quantity|precio|unit\s+price|p\.\s*unitario|articulo|referencia|ref\.)/g,
  },
];

const GAP_BOUND = new Set<Field>(["number", "date"]);

export function labelHits(fold: string): LabelHit[] {
  const hits: LabelHit[] = [];
  for (const def of LABELS) {
    def.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = def.re.exec(fold))) {
      const lead = m[0].length - m[0].replace(/^[\t ]+/, "").length;
      if (m[0].length === 0) {
        def.re.lastIndex++;
        continue;
      }
      // A number's or date's label stays in its cell: words across a column gap are two headings of a header grid
      // ("FECHA ⇥ FACTURA Nº", "FECHA FACTURA ⇥ NÚMERO"), each over its own value.
      if (GAP_BOUND.has(def.field) && /\t| {3,}/.test(m[0].trim())) {
        def.re.lastIndex = m.index + 1;
        continue;
      }
      hits.push({ field: def.field, strength: def.strength, start: m.index + lead, end: m.index + m[0].length });
      // Matches may overlap ("Factura Número de factura": "factura número" and "número de factura"); the longest
      // is kept below.
      def.re.lastIndex = m.index + 1;
    }
  }
  // Longest match wins where matches overlap ("total iva" over "total" and "iva").
  // Of two as long and as strong, the later one: it stands nearer the value ("Factura Núm. factura 2025-A001").
  hits.sort((a, b) => b.end - b.start - (a.end - a.start) || b.strength - a.strength || b.start - a.start);
  const kept: LabelHit[] = [];
  for (const h of hits) if (!kept.some((k) => h.start < k.end && k.start < h.end)) kept.push(h);
  return kept.sort((a, b) => a.start - b.start);
}

export const AMOUNT_FIELDS = new Set<Field>(["total", "base", "vat", "irpf", "recargo"]);
