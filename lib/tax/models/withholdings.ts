/**
 * Modelos 111 and 115: IRPF the autónomo withheld on what they paid, quarter by quarter. One rule splits the
 * received invoices with IRPF: rent (category `alquiler`) goes to the 115, everything else (professionals) to the
 * 111. Shared counting of distinct payees lives here.
 */
import { comparableNif } from "@/lib/tax/direction";
import type { TaxInvoice } from "@/lib/tax/ledger";

/** Received invoices with IRPF withheld, split into rent (115) and the rest (111). */
export function withheldBy(invoices: TaxInvoice[]): { rent: TaxInvoice[]; professionals: TaxInvoice[] } {
  const withIrpf = invoices.filter((i) => i.direction === "received" && i.irpfCents !== 0);
  return {
    rent: withIrpf.filter((i) => i.category === "alquiler"),
    professionals: withIrpf.filter((i) => i.category !== "alquiler"),
  };
}

/** Distinct payees by tax id (by name when an invoice has none). */
export function payeeCount(invoices: TaxInvoice[]): number {
  return new Set(invoices.map((i) => comparableNif(i.vendorTaxId) ?? `name:${(i.vendorName ?? i.id).trim().toLowerCase()}`)).size;
}
