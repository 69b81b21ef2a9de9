/**
 * What an e-invoice says, format-neutral: Facturae, UBL and CII readers all produce an `EInvoice`, which
 * `fields.ts` turns into the extractor's record. Amounts are integer cents in the invoice's currency (credit
 * notes negative, as the rest of the app keeps them); rates are percent numbers (21 for 21 %).
 */
import { AppError } from "@/lib/errors";

export type EInvoiceFormat = "facturae" | "ubl" | "cii";

export type EInvoiceParty = { name: string | null; taxId: string | null; country: string | null };

/** A XAdES (or plain XML-DSig) signature found in the file. It is recorded, not verified. */
export type EInvoiceSignature = {
  /** The signing certificate's subject (`CN=…, O=…`), or the X509SubjectName written in the file. */
  signer: string | null;
  /** The signer's serial number / NIF when the certificate carries one (Spanish certificates do). */
  signerId: string | null;
  /** XAdES SigningTime as written (ISO date-time). */
  signingTime: string | null;
  /** Whether the signature is XAdES (has QualifyingProperties) or plain XML-DSig. */
  kind: "xades" | "xmldsig";
};

export type EInvoiceVatLine = { rate: number; baseCents: number; vatCents: number; recargoCents: number };

export type EInvoice = {
  format: EInvoiceFormat;
  /** Facturae "3.2" | "3.2.1" | "3.2.2"; UBL "2.1"; CII "D16B" (the CII syntax Factur-X/ZUGFeRD 2 use). */
  version: string;
  /** UBL CustomizationID or CII guideline (Factur-X/ZUGFeRD profile), when present. */
  profile: string | null;
  docType: "invoice" | "simplified" | "credit_note";
  /** The invoice number as printed: series and number together when the format keeps them apart. */
  number: string | null;
  series: string | null;
  /** yyyy-mm-dd */
  issueDate: string | null;
  currency: string;
  seller: EInvoiceParty;
  buyer: EInvoiceParty;
  vatLines: EInvoiceVatLine[];
  irpfRate: number | null;
  irpfCents: number | null;
  baseCents: number | null;
  vatCents: number | null;
  recargoCents: number | null;
  /** What is owed: base + IVA − IRPF + recargo. */
  totalCents: number | null;
  /** For a credit note / factura rectificativa: the invoice it corrects. */
  corrects: { number: string | null; reason: string | null } | null;
  signature: EInvoiceSignature | null;
  /** Invoices in the file (a Facturae batch can hold several; the first is read). */
  invoicesInFile: number;
};

/** Where the e-invoice was read from: an XML file, or an XML attached to a PDF (PDF/A-3, Factur-X/ZUGFeRD). */
export type EInvoiceSource = { container: "xml" } | { container: "pdf"; attachment: string };

export type EInvoiceRead = EInvoice & EInvoiceSource;

/**
 * An XML decimal (`-1234.565`, as xs:decimal writes it) to integer cents, rounding half away from zero.
 * String arithmetic: no float touches the amount. `null` for anything that is not a decimal.
 */
export function decimalToCents(s: string | null | undefined): number | null {
  if (s === null || s === undefined) return null;
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(s.trim());
  if (!m || (m[2] === "" && !m[3])) return null;
  const sign = m[1] === "-" ? -1 : 1;
  const frac = (m[3] ?? "").padEnd(3, "0");
  let cents = Number(m[2] || "0") * 100 + Number(frac.slice(0, 2));
  if (Number(frac[2]) >= 5) cents += 1;
  if (!Number.isSafeInteger(cents)) return null;
  return cents === 0 ? 0 : sign * cents;
}

/** A percent as written (`21.00`) to a number (21); null if not a decimal. */
export function percentOf(s: string | null | undefined): number | null {
  if (s === null || s === undefined) return null;
  const t = s.trim();
  if (!/^[+-]?\d+(?:\.\d+)?$/.test(t)) return null;
  return Math.round(Number(t) * 100) / 100;
}

/** yyyy-mm-dd from an ISO date or date-time, or from CII's format 102 (yyyymmdd). */
export function isoDate(s: string | null | undefined): string | null {
  if (!s) return null;
  const t = s.trim();
  const m = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(t);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? null : iso;
}

/** Adds up VAT lines of the same rate (several items at 21 % are one 21 % line in the record). */
export function mergeByRate(lines: EInvoiceVatLine[]): EInvoiceVatLine[] {
  const byRate = new Map<number, EInvoiceVatLine>();
  for (const l of lines) {
    const cur = byRate.get(l.rate);
    if (cur) {
      cur.baseCents += l.baseCents;
      cur.vatCents += l.vatCents;
      cur.recargoCents += l.recargoCents;
    } else byRate.set(l.rate, { ...l });
  }
  return [...byRate.values()];
}

export const sumCents = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

/** Series and number as one printed number ("A" + "0012" → "A-0012"), unless the number already starts with it. */
export function joinSeries(series: string | null, number: string | null): string | null {
  if (!number) return null;
  if (!series || number.startsWith(series)) return number;
  return `${series}-${number}`;
}

export function requireReadable(e: EInvoice): EInvoice {
  if (!e.number && e.totalCents === null && !e.seller.taxId) {
    throw new AppError("einvoice:invalid", `${e.format} without number, total or seller`);
  }
  return e;
}
