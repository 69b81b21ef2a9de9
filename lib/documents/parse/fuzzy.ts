/**
 * OCR misspells words ("Vencimento", "CLIENTI", "Imprte"): labels are also recognised at a small edit distance,
 * for long enough words only (a short word at distance 1 is another word).
 */

/** Levenshtein distance, giving up (returning max + 1) once it exceeds `max`. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      rowMin = Math.min(rowMin, cur[j]);
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}

/** Allowed distance for a word of this length: none under 6 letters, 1 up to 8, 2 beyond. */
function tolerance(len: number): number {
  return len < 6 ? 0 : len <= 8 ? 1 : 2;
}

/** The first word of folded text `fold` within tolerance of one of `words` (all folded): its index and target. */
export function findFuzzyWord(fold: string, words: readonly string[]): { index: number; word: string } | null {
  for (const m of fold.matchAll(/[a-zñ]+/g)) {
    const w = m[0];
    for (const target of words) {
      const tol = tolerance(target.length);
      if (w === target || (tol > 0 && editDistance(w, target, tol) <= tol)) return { index: m.index, word: target };
    }
  }
  return null;
}

/** Words that head sections or label fields; a "name" that is one of them, misspelt, is a label. */
export const LABEL_VOCABULARY = [
  "factura", "vencimiento", "fecha", "cliente", "importe", "descripcion", "concepto", "cantidad", "direccion",
  "domicilio", "subtotal", "total", "rectificativa", "simplificada", "albaran", "pedido", "emision", "invoice",
  "customer", "description", "quantity", "amount", "payment",
] as const;

/** Customer-section labels, misspelt ("facturar" is not here: one letter from "factura"). */
export const CUSTOMER_WORDS = ["cliente", "customer", "destinatario", "receptor", "comprador", "arrendatario", "inquilino"] as const;
