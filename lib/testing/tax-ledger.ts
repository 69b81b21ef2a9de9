/**
 * The worked year of the tax returns (issue 10): one autónomo's 2026 in the `npm run taxes` ledger format. Every
 * box this ledger produces was computed by hand against the AEAT's instructions (see lib/tax/year.test.ts and the
 * README's "Quarterly returns" section); the unit tests, the CLI test and the /taxes integration test share it.
 *
 * Book: NIF 12345678Z, régimen general, estimación directa; 200,00 € of 303 pending from 2025; last year's net
 * income 18.000 € (no box 13 minoración). Clients: A58818501 (a company: withholds 15 % IRPF) and private people
 * (no IRPF). Landlord 87654321X (19 % IRPF on rent), gestoría B12345674 and designer 11111111H (15 % IRPF).
 * Two invoices issued in 2025 are in the ledger only for the 130's 70 % rule, which reads the previous year: half of
 * 2025's income (6.000 of 12.000 €) had IRPF withheld, so the 130 must be filed in 2026.
 */
import type { LedgerFile } from "@/lib/tax/ledger-file";

export const BOOK_NIF = "12345678Z";
const CLIENT = "A58818501";

const rent = (issueDate: string, invoiceNumber: string) => ({
  docType: "invoice" as const,
  issueDate,
  invoiceNumber,
  vendorName: "Locales Sur",
  vendorTaxId: "87654321X",
  customerTaxId: BOOK_NIF,
  vatLines: [{ rate: 21, base: 800, vat: 168 }],
  irpfRate: 19,
  irpfAmount: 152,
  total: 816,
  category: "alquiler" as const,
});
const gestor = (issueDate: string, invoiceNumber: string) => ({
  docType: "invoice" as const,
  issueDate,
  invoiceNumber,
  vendorName: "Asesoría Ejemplo SL",
  vendorTaxId: "B12345674",
  customerTaxId: BOOK_NIF,
  vatLines: [{ rate: 21, base: 150, vat: 31.5 }],
  irpfRate: 15,
  irpfAmount: 22.5,
  total: 159,
  category: "servicios_profesionales" as const,
});

export const WORKED_YEAR: LedgerFile = {
  nif: BOOK_NIF,
  year: 2026,
  carryForward303: 200,
  lastYearNetIncome: 18000,
  otherExpenses: [
    { date: "2026-01-31", concept: "Cuota de autónomos (RETA)", amount: 300, repeat: "monthly" },
    { date: "2026-02-15", concept: "Comisión bancaria", amount: 12 },
  ],
  invoices: [
    // ── 2025: the 70 % rule of the 130 only ──
    { id: "P-2025A", docType: "invoice", issueDate: "2025-06-10", invoiceNumber: "2025-014", vendorTaxId: BOOK_NIF, customerTaxId: CLIENT,
      vatLines: [{ rate: 21, base: 6000, vat: 1260 }], irpfRate: 15, irpfAmount: 900, total: 6360 },
    { id: "P-2025B", docType: "invoice", issueDate: "2025-11-20", invoiceNumber: "2025-031", vendorTaxId: BOOK_NIF, customerTaxId: null,
      vatLines: [{ rate: 21, base: 6000, vat: 1260 }], total: 7260 },
    // ── 1T ──
    { id: "I-001", docType: "invoice", issueDate: "2026-01-15", invoiceNumber: "2026-001", vendorTaxId: BOOK_NIF, customerTaxId: null,
      vatLines: [{ rate: 21, base: 4000, vat: 840 }, { rate: 10, base: 500, vat: 50 }], total: 5390 },
    { id: "I-002", docType: "invoice", issueDate: "2026-02-10", invoiceNumber: "2026-002", vendorTaxId: `ES${BOOK_NIF}`, customerTaxId: CLIENT,
      vatLines: [{ rate: 21, base: 3000, vat: 630 }], irpfRate: 15, irpfAmount: 450, total: 3180 },
    { id: "R-ENE", ...rent("2026-01-05", "A-2026-01") },
    { id: "G-IE", docType: "invoice", issueDate: "2026-02-01", invoiceNumber: "IE-77", vendorName: "Google Ireland Ltd", vendorTaxId: "IE6388047V",
      customerTaxId: BOOK_NIF, vatLines: [], baseTotal: 100, vatTotal: 0, total: 100, reverseCharge: true, category: "software" },
    { id: "T-SIN", docType: "simplified", issueDate: "2026-03-03", invoiceNumber: "T-881", vendorName: "Bar Centro", vendorTaxId: "B24681355",
      customerTaxId: null, vatLines: [{ rate: 10, base: 40, vat: 4 }], total: 44, category: "comidas" },
    { id: "T-NIF", docType: "simplified", issueDate: "2026-03-10", invoiceNumber: "T-102", vendorName: "Papelería Sol", vendorTaxId: "B87654323",
      customerTaxId: BOOK_NIF, vatLines: [{ rate: 21, base: 50, vat: 10.5 }], total: 60.5, category: "material" },
    { id: "G-MAR", ...gestor("2026-03-31", "G-2026-03") },
    // ── 2T ──
    { id: "I-003", docType: "invoice", issueDate: "2026-04-20", invoiceNumber: "2026-003", vendorTaxId: BOOK_NIF, customerTaxId: CLIENT,
      vatLines: [{ rate: 4, base: 300, vat: 12 }, { rate: 21, base: 700, vat: 147 }], irpfRate: 15, irpfAmount: 150, total: 1009 },
    { id: "R-001", docType: "credit_note", issueDate: "2026-05-05", invoiceNumber: "R-2026-001", vendorTaxId: BOOK_NIF, customerTaxId: CLIENT,
      vatLines: [{ rate: 21, base: -200, vat: -42 }], irpfRate: 15, irpfAmount: -30, total: -212 },
    { id: "C-US", docType: "invoice", issueDate: "2026-05-12", invoiceNumber: "INV-5531", vendorName: "Cloud Inc.", vendorTaxId: "US-98-7654321",
      customerTaxId: BOOK_NIF, vatLines: [], baseTotal: 1000, vatTotal: 0, total: 1000, reverseCharge: true, category: "software" },
    { id: "R-ABR", ...rent("2026-04-05", "A-2026-04") },
    { id: "N-ABONO", docType: "credit_note", issueDate: "2026-06-10", invoiceNumber: "AB-12", vendorName: "Papelería Sol", vendorTaxId: "B87654323",
      customerTaxId: BOOK_NIF, vatLines: [{ rate: 21, base: -100, vat: -21 }], total: -121, category: "material" },
    { id: "E-WEB", docType: "invoice", issueDate: "2026-06-15", invoiceNumber: "EW-40", vendorName: "Estudio Web SL", vendorTaxId: "B24681355",
      customerTaxId: BOOK_NIF, vatLines: [{ rate: 21, base: 1500, vat: 315 }], total: 1815, category: "servicios_profesionales" },
    // ── 3T ──
    { id: "I-004", docType: "invoice", issueDate: "2026-07-15", invoiceNumber: "2026-004", vendorTaxId: BOOK_NIF, customerTaxId: CLIENT,
      vatLines: [{ rate: 21, base: 2000, vat: 420 }, { rate: 5, base: 100, vat: 5 }], irpfRate: 15, irpfAmount: 315, total: 2210 },
    { id: "R-JUL", ...rent("2026-07-05", "A-2026-07") },
    { id: "G-SEP", ...gestor("2026-09-30", "G-2026-09") },
    { id: "D-AGO", docType: "invoice", issueDate: "2026-08-20", invoiceNumber: "D-9", vendorName: "Marta Diseño", vendorTaxId: "11111111H",
      customerTaxId: BOOK_NIF, vatLines: [{ rate: 21, base: 400, vat: 84 }], irpfRate: 15, irpfAmount: 60, total: 424, category: "servicios_profesionales" },
    // ── 4T ──
    { id: "I-005", docType: "invoice", issueDate: "2026-11-10", invoiceNumber: "2026-005", vendorTaxId: BOOK_NIF, customerTaxId: null,
      vatLines: [{ rate: 21, base: 9000, vat: 1890 }], total: 10890 },
    { id: "I-006", docType: "invoice", issueDate: "2026-12-01", invoiceNumber: "2026-006", vendorTaxId: BOOK_NIF, customerTaxId: "B87654323",
      vatLines: [{ rate: 21, base: 500, vat: 105 }], recargo: 26, total: 631 },
    { id: "R-OCT", ...rent("2026-10-05", "A-2026-10") },
    { id: "F-NOV", docType: "invoice", issueDate: "2026-11-20", invoiceNumber: "GS-3321", vendorName: "Gasolinera Norte", vendorTaxId: "B87654323",
      customerTaxId: BOOK_NIF, vatLines: [{ rate: 21, base: 200, vat: 42 }], total: 242, category: "transporte", deductiblePct: 50 },
  ],
};
