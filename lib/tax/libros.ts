/**
 * Rows of the IVA libros registro de facturas expedidas (E) and recibidas (R), in the AEAT's electronic format
 * for libros registro ("Formato de los libros registro del IVA e IRPF para atender los requerimientos de gestión
 * tributaria", AEAT 2020: XLSX or semicolon CSV, one file per book, named ejercicio + NIF + book letter). One row
 * per IVA rate of an invoice, as the format asks. Invoice types and operation codes are the SII's (F1 factura, F2
 * simplificada, R1 rectificativa, R5 rectificativa simplificada; calificación S1/S2; clave 01 régimen general,
 * 09 adquisiciones intracomunitarias). Pure.
 */
import { invoiceLines, reverseChargeOrigin, ivaMayBeDeducted, type TaxInvoice } from "@/lib/tax/ledger";
import { DEFAULT_REVERSE_CHARGE_BP } from "@/lib/tax/models/m303";
import { quarterOf } from "@/lib/tax/quarters";
import { applyPercent } from "@/lib/tax/rounding";
import { bpToPercent, cuota, recargoRateOf } from "@/lib/tax/vat";

export type LibroLetter = "E" | "R";
export type Cell = string | number | null;

export const LIBRO_HEADERS: Record<LibroLetter, string[]> = {
  E: [
    "Ejercicio", "Periodo", "Tipo de factura", "Fecha expedición", "Fecha operación", "Serie", "Número", "Número final",
    "Tipo NIF destinatario", "Código país destinatario", "Identificación destinatario", "Nombre destinatario",
    "Clave de operación", "Calificación de la operación", "Total factura", "Base imponible", "Tipo de IVA",
    "Cuota IVA repercutida", "Tipo de recargo eq.", "Cuota recargo eq.", "Tipo retención IRPF", "Importe retenido IRPF",
  ],
  R: [
    "Ejercicio", "Periodo", "Tipo de factura", "Fecha expedición", "Fecha operación", "Serie", "Número", "Número final",
    "Tipo NIF expedidor", "Código país expedidor", "Identificación expedidor", "Nombre expedidor", "Clave de operación",
    "Inversión del sujeto pasivo", "Total factura", "Base imponible", "Tipo de IVA", "Cuota IVA soportada",
    "Cuota deducible", "Tipo de recargo eq.", "Cuota recargo eq.", "Tipo retención IRPF", "Importe retenido IRPF",
  ],
};

/** `2026` + `12345678Z` + `E` → "202612345678ZE" (the format's file name, without extension). */
export function libroFileName(year: number, nif: string, letter: LibroLetter): string {
  return `${year}${nif.toUpperCase().replace(/[^0-9A-Z]/g, "")}${letter}`;
}

export function invoiceType(inv: TaxInvoice): "F1" | "F2" | "R1" | "R5" {
  if (inv.docType === "credit_note") return "R1";
  return inv.docType === "simplified" ? "F2" : "F1";
}

/** Tipo and country of a party's tax id: Spanish ids go bare; EU VAT ids are "02" (NIF-IVA), others "06". */
export function partyId(taxId: string | null): [string, string, string] {
  if (!taxId) return ["", "", ""];
  const id = taxId.toUpperCase().replace(/[\s.\-]/g, "");
  const origin = reverseChargeOrigin(id);
  if (origin === "domestic") return ["", "ES", id.replace(/^ES/, "")];
  return [origin === "eu" ? "02" : "06", /^[A-Z]{2}/.test(id) ? id.slice(0, 2) : "", id];
}

const euros = (cents: number) => Number((cents / 100).toFixed(2));
const pct = bpToPercent;

/** Rows of a book for the invoices given (the caller filters by year or quarter and by review status). */
export function libroRows(letter: LibroLetter, invoices: TaxInvoice[], bookNif: string): Cell[][] {
  const rows: Cell[][] = [];
  const wanted = invoices
    .filter((i) => (letter === "E" ? i.direction === "issued" : i.direction === "received"))
    .sort((a, b) => a.issueDate.localeCompare(b.issueDate) || (a.number ?? "").localeCompare(b.number ?? ""));
  for (const inv of wanted) {
    const q = quarterOf(inv.issueDate)!;
    const head: Cell[] = [q.year, `${q.q}T`, invoiceType(inv), inv.issueDate, inv.issueDate, "", inv.number ?? "", ""];
    const irpfRate = inv.irpfCents && inv.baseCents ? pct(Math.round((inv.irpfCents * 10_000) / inv.baseCents)) : null;
    const lines = inv.reverseCharge
      ? [{ rateBp: inv.reverseChargeRateBp ?? DEFAULT_REVERSE_CHARGE_BP, baseCents: inv.baseCents, vatCents: cuota(inv.baseCents, inv.reverseChargeRateBp ?? DEFAULT_REVERSE_CHARGE_BP), recargoCents: 0 }]
      : invoiceLines(inv);
    lines.forEach((l, n) => {
      const first = n === 0;
      const recargo = l.recargoCents ? [pct(recargoRateOf(l) ?? 0), euros(l.recargoCents)] : [null, null];
      const irpf = first && inv.irpfCents ? [irpfRate, euros(inv.irpfCents)] : [null, null];
      if (letter === "E") {
        const [tipo, pais, id] = partyId(inv.customerTaxId);
        rows.push([...head, tipo, pais, id, "", "01", "S1", first ? euros(inv.totalCents) : null, euros(l.baseCents), pct(l.rateBp), euros(l.vatCents), ...recargo, ...irpf]);
      } else {
        const [tipo, pais, id] = partyId(inv.vendorTaxId);
        const eu = inv.reverseCharge && reverseChargeOrigin(inv.vendorTaxId) === "eu";
        const deductible = ivaMayBeDeducted(inv, bookNif) ? applyPercent(l.vatCents, inv.deductiblePct) : 0;
        rows.push([...head, tipo, pais, id, inv.vendorName ?? "", eu ? "09" : "01", inv.reverseCharge ? "S" : "N", first ? euros(inv.totalCents) : null, euros(l.baseCents), pct(l.rateBp), euros(l.vatCents), euros(deductible), ...recargo, ...irpf]);
      }
    });
  }
  return rows;
}

/** A semicolon-separated line (the format's CSV): decimal comma, fields quoted when they need it. */
export function csvLine(cells: Cell[]): string {
  return cells
    .map((c) => {
      if (c === null) return "";
      const s = typeof c === "number" ? String(c).replace(".", ",") : c;
      return /[;"\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(";");
}
