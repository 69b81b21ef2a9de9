/**
 * A synthetic repeat-vendor corpus for `npm run bench:memory`: `npm run bench:memory:corpus -- <out folder>`.
 *
 * The shared bench folders have one document per vendor, so they cannot show what vendor memory does for a vendor's
 * second and later documents. This writes eight vendors' monthly documents (four months each, file names in month
 * order, so each vendor's first document comes before its repeats), each vendor with its own fixed layout and
 * wording — header rows, order/contract/customer numbers, billing periods and due dates beside the real ones, the
 * customer block first, IRPF, a ticket — half as text PDFs, half as page images (clean PNGs and phone-style JPEG
 * photos: turned, soft, uneven light) for OCR, with truth JSON in the
 * `../shared/bench` format beside each file. Deterministic. Not a substitute for documents from real vendors.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { cuota } from "@/lib/tax/vat";
import { pageImage, photoOf, textPdf, type Row } from "@/lib/testing/page-render";

type Values = { seq: number; month: number; day: number; baseCents: number };
type Doc = {
  rows: Row[];
  truth: {
    doc_type: "invoice" | "simplified";
    language: "es" | "en";
    vendor_name: string;
    vendor_tax_id: string;
    customer_tax_id: string | null;
    invoice_number: string;
    issue_date: string;
    currency: "EUR";
    lines: { rate: number; base: number; vat: number }[];
    base_total: number;
    vat_total: number;
    irpf_rate: number;
    irpf_amount: number;
    recargo_equivalencia: number;
    total: number;
  };
};

const CUSTOMER = { name: "Marta Ruiz Ortega", nif: "12345678Z", address: "Calle Olmo 4, 47002 Valladolid" };
const pad = (n: number, w: number) => String(n).padStart(w, "0");
const es = (cents: number) =>
  new Intl.NumberFormat("es-ES", { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: true }).format(cents / 100).replace(/\u00a0/g, " ");
const en = (cents: number) => new Intl.NumberFormat("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(cents / 100);
const dmy = (y: number, m: number, d: number) => `${pad(d, 2)}/${pad(m, 2)}/${y}`;
const iso = (y: number, m: number, d: number) => `${y}-${pad(m, 2)}-${pad(d, 2)}`;
const euros = (c: number) => Math.round(c) / 100;

/** The figures of one document: base, IVA at `rateBp`, IRPF at `irpfBp`. */
function figures(baseCents: number, rateBp: number, irpfBp = 0) {
  const vat = cuota(baseCents, rateBp);
  const irpf = cuota(baseCents, irpfBp);
  return { base: baseCents, vat, irpf, total: baseCents + vat - irpf };
}

function truthOf(t: Omit<Doc["truth"], "currency" | "recargo_equivalencia" | "lines" | "base_total" | "vat_total" | "total" | "irpf_amount" | "irpf_rate">, f: ReturnType<typeof figures>, rateBp: number, irpfBp = 0): Doc["truth"] {
  return {
    ...t,
    currency: "EUR",
    lines: [{ rate: rateBp / 100, base: euros(f.base), vat: euros(f.vat) }],
    base_total: euros(f.base),
    vat_total: euros(f.vat),
    irpf_rate: irpfBp / 100,
    irpf_amount: euros(f.irpf),
    recargo_equivalencia: 0,
    total: euros(f.total),
  };
}

/** Eight vendors, each with its own layout; `v` varies per month. */
const VENDORS: ((v: Values) => Doc)[] = [
  // 1. Printer: header row of labels with values below, the order number first.
  (v) => {
    const f = figures(v.baseCents, 2100);
    const number = `FV26-${pad(100 + v.seq * 37, 5)}`;
    return {
      truth: truthOf({ doc_type: "invoice", language: "es", vendor_name: "Imprenta Gráfica Levante S.L.", vendor_tax_id: "B46103370", customer_tax_id: CUSTOMER.nif, invoice_number: number, issue_date: iso(2026, v.month, v.day) }, f, 2100),
      rows: [
        { y: 0.05, cells: [[0.08, "IMPRENTA GRÁFICA LEVANTE", 16]] },
        { y: 0.08, cells: [[0.08, "Av. del Puerto 221, 46023 Valencia · CIF B46103370"]] },
        { y: 0.14, cells: [[0.08, "FACTURA", 14]] },
        { y: 0.18, cells: [[0.08, "Pedido"], [0.32, "Nº factura"], [0.56, "Fecha"], [0.76, "Vencimiento"]] },
        { y: 0.2, cells: [[0.08, `P-${7000 + v.seq * 13}`], [0.32, number], [0.56, dmy(2026, v.month, v.day)], [0.76, dmy(2026, v.month + 1, v.day)]] },
        { y: 0.26, cells: [[0.08, `Cliente: ${CUSTOMER.name}`]] },
        { y: 0.28, cells: [[0.08, `NIF ${CUSTOMER.nif} · ${CUSTOMER.address}`]] },
        { y: 0.36, cells: [[0.08, "Descripción"], [0.7, "Importe"]] },
        { y: 0.39, cells: [[0.08, `Folletos y carteles, tirada ${v.seq + 2}`], [0.7, es(f.base)]] },
        { y: 0.5, cells: [[0.5, "Base imponible"], [0.75, `${es(f.base)} €`]] },
        { y: 0.53, cells: [[0.5, "IVA 21%"], [0.75, `${es(f.vat)} €`]] },
        { y: 0.56, cells: [[0.5, "TOTAL"], [0.75, `${es(f.total)} €`]] },
      ],
    };
  },
  // 2. Freelance adviser: the customer block first, IRPF 15 %, issue and due dates on one line.
  (v) => {
    const f = figures(v.baseCents, 2100, 1500);
    const number = `2026/${pad(v.seq + 11, 3)}`;
    return {
      truth: truthOf({ doc_type: "invoice", language: "es", vendor_name: "Jorge Marín Alonso", vendor_tax_id: "50123456Q", customer_tax_id: CUSTOMER.nif, invoice_number: number, issue_date: iso(2026, v.month, v.day) }, f, 2100, 1500),
      rows: [
        { y: 0.05, cells: [[0.55, "DATOS DEL CLIENTE"]] },
        { y: 0.07, cells: [[0.55, CUSTOMER.name]] },
        { y: 0.09, cells: [[0.55, `NIF: ${CUSTOMER.nif}`]] },
        { y: 0.16, cells: [[0.08, "Jorge Marín Alonso", 14]] },
        { y: 0.18, cells: [[0.08, "Asesoría fiscal y contable · NIF 50123456Q"]] },
        { y: 0.2, cells: [[0.08, "Calle Serrano 40, 2º, 28001 Madrid"]] },
        { y: 0.26, cells: [[0.08, `Factura nº: ${number}`]] },
        { y: 0.28, cells: [[0.08, `Fecha vencimiento: ${dmy(2026, v.month + 1, 5)}`], [0.55, `Fecha de expedición: ${dmy(2026, v.month, v.day)}`]] },
        { y: 0.36, cells: [[0.08, `Asesoramiento fiscal, mes ${v.month}`], [0.72, `${es(f.base)} €`]] },
        { y: 0.46, cells: [[0.45, "Base imponible"], [0.72, `${es(f.base)} €`]] },
        { y: 0.49, cells: [[0.45, "IVA (21%)"], [0.72, `${es(f.vat)} €`]] },
        { y: 0.52, cells: [[0.45, "Retención IRPF (15%)"], [0.72, `-${es(f.irpf)} €`]] },
        { y: 0.55, cells: [[0.45, "Total a pagar"], [0.72, `${es(f.total)} €`]] },
      ],
    };
  },
  // 3. Electricity bill: billing period, contract number, issue date in a box.
  (v) => {
    const f = figures(v.baseCents, 2100);
    const number = `FE26${pad(321000 + v.seq * 4711, 7)}`;
    return {
      truth: truthOf({ doc_type: "invoice", language: "es", vendor_name: "Eléctrica del Cantábrico S.A.", vendor_tax_id: "A39000013", customer_tax_id: CUSTOMER.nif, invoice_number: number, issue_date: iso(2026, v.month, 3) }, f, 2100),
      rows: [
        { y: 0.04, cells: [[0.08, "Eléctrica del Cantábrico", 18]] },
        { y: 0.1, cells: [[0.08, "Titular del contrato"], [0.55, "Datos de la factura"]] },
        { y: 0.12, cells: [[0.08, CUSTOMER.name], [0.55, `Nº factura: ${number}`]] },
        { y: 0.14, cells: [[0.08, `NIF ${CUSTOMER.nif}`], [0.55, `Fecha emisión: ${dmy(2026, v.month, 3)}`]] },
        { y: 0.16, cells: [[0.08, `Contrato: 5530${pad(v.seq, 2)}118`], [0.55, `Periodo: del ${dmy(2026, v.month - 1, 1)} al ${dmy(2026, v.month - 1, 28)}`]] },
        { y: 0.24, cells: [[0.08, "Energía consumida"], [0.72, es(Math.round(f.base * 0.8))]] },
        { y: 0.26, cells: [[0.08, "Potencia contratada"], [0.72, es(f.base - Math.round(f.base * 0.8))]] },
        { y: 0.32, cells: [[0.45, "Base imponible"], [0.72, es(f.base)]] },
        { y: 0.34, cells: [[0.45, "IVA 21%"], [0.72, es(f.vat)]] },
        { y: 0.36, cells: [[0.45, "TOTAL FACTURA"], [0.72, es(f.total)]] },
        { y: 0.92, cells: [[0.08, "Eléctrica del Cantábrico S.A. · CIF A39000013 · Reg. Merc. Santander T 1, F 1"]] },
      ],
    };
  },
  // 4. Rent receipt from a landlord: the tenant first, IRPF 19 %.
  (v) => {
    const f = figures(85_000, 2100, 1900);
    const number = `R-${v.month}/2026`;
    return {
      truth: truthOf({ doc_type: "invoice", language: "es", vendor_name: "Luis Prieto Gómez", vendor_tax_id: "07654321J", customer_tax_id: CUSTOMER.nif, invoice_number: number, issue_date: iso(2026, v.month, 1) }, f, 2100, 1900),
      rows: [
        { y: 0.05, cells: [[0.08, "FACTURA DE ALQUILER DE LOCAL", 14]] },
        { y: 0.1, cells: [[0.08, `Arrendatario: ${CUSTOMER.name}, NIF ${CUSTOMER.nif}`]] },
        { y: 0.12, cells: [[0.08, "Arrendador: Luis Prieto Gómez, NIF 07654321J"]] },
        { y: 0.14, cells: [[0.08, "Local: Calle Platería 9, bajo, 47001 Valladolid"]] },
        { y: 0.2, cells: [[0.08, `Número: ${number}`], [0.5, `Fecha: ${dmy(2026, v.month, 1)}`]] },
        { y: 0.22, cells: [[0.08, `Mensualidad: ${["enero", "febrero", "marzo", "abril", "mayo", "junio"][v.month - 1]} 2026`], [0.5, "Fianza depositada: 1.700,00 €"]] },
        { y: 0.3, cells: [[0.45, "Renta"], [0.72, `${es(f.base)} €`]] },
        { y: 0.32, cells: [[0.45, "IVA 21 %"], [0.72, `${es(f.vat)} €`]] },
        { y: 0.34, cells: [[0.45, "Retención IRPF 19 %"], [0.72, `${es(f.irpf)} €`]] },
        { y: 0.36, cells: [[0.45, "Líquido a percibir"], [0.72, `${es(f.total)} €`]] },
      ],
    };
  },
  // 5. Hotel folio: an unlabelled folio number top right, arrival and departure dates.
  (v) => {
    const f = figures(v.baseCents, 1000);
    const number = `H${pad(88000 + v.seq * 97, 6)}`;
    return {
      truth: truthOf({ doc_type: "invoice", language: "es", vendor_name: "Hostelería Duero Norte S.L.", vendor_tax_id: "B47000013", customer_tax_id: CUSTOMER.nif, invoice_number: number, issue_date: iso(2026, v.month, v.day + 2) }, f, 1000),
      rows: [
        { y: 0.05, cells: [[0.08, "HOTEL RIBERA", 18], [0.72, number]] },
        { y: 0.08, cells: [[0.08, "Hostelería Duero Norte S.L. · B47000013"]] },
        { y: 0.1, cells: [[0.08, "Paseo de Zorrilla 100, 47006 Valladolid · Tel. 983 000 111"]] },
        { y: 0.16, cells: [[0.08, `Huésped: ${CUSTOMER.name} (${CUSTOMER.nif})`], [0.6, `Habitación ${200 + v.seq}`]] },
        { y: 0.18, cells: [[0.08, `Llegada: ${dmy(2026, v.month, v.day)}`], [0.35, `Salida: ${dmy(2026, v.month, v.day + 2)}`], [0.6, `Fecha factura: ${dmy(2026, v.month, v.day + 2)}`]] },
        { y: 0.26, cells: [[0.08, "Alojamiento 2 noches"], [0.72, es(f.base)]] },
        { y: 0.34, cells: [[0.45, "Base"], [0.72, es(f.base)]] },
        { y: 0.36, cells: [[0.45, "IVA 10%"], [0.72, es(f.vat)]] },
        { y: 0.38, cells: [[0.45, "Total"], [0.72, es(f.total)]] },
      ],
    };
  },
  // 6. Phone company: customer number and phone line beside the document number.
  (v) => {
    const f = figures(v.baseCents, 2100);
    const number = `TM-26-${pad(5500000 + v.seq * 1234, 8)}`;
    return {
      truth: truthOf({ doc_type: "invoice", language: "es", vendor_name: "Telefonía Meseta S.A.", vendor_tax_id: "A28000032", customer_tax_id: CUSTOMER.nif, invoice_number: number, issue_date: iso(2026, v.month, 12) }, f, 2100),
      rows: [
        { y: 0.05, cells: [[0.08, "Telefonía Meseta", 18], [0.6, "Tu factura"]] },
        { y: 0.1, cells: [[0.08, "Nº de cliente"], [0.3, "Línea"], [0.5, "Número de documento"], [0.78, "Emitida el"]] },
        { y: 0.12, cells: [[0.08, `C${pad(90123 + v.seq, 7)}`], [0.3, "600 123 456"], [0.5, number], [0.78, dmy(2026, v.month, 12)]] },
        { y: 0.18, cells: [[0.08, `${CUSTOMER.name} · NIF ${CUSTOMER.nif}`]] },
        { y: 0.26, cells: [[0.08, "Cuota mensual fibra + móvil"], [0.72, `${es(f.base)} €`]] },
        { y: 0.32, cells: [[0.45, "Subtotal"], [0.72, `${es(f.base)} €`]] },
        { y: 0.34, cells: [[0.45, "IVA (21 %)"], [0.72, `${es(f.vat)} €`]] },
        { y: 0.36, cells: [[0.45, "Importe total"], [0.72, `${es(f.total)} €`]] },
        { y: 0.9, cells: [[0.08, "Telefonía Meseta S.A. · A28000032 · Calle Alcalá 300, 28027 Madrid"]] },
      ],
    };
  },
  // 7. English invoice from a Spanish company: invoice date and due date, PO number.
  (v) => {
    const f = figures(v.baseCents, 2100);
    const number = `INV-${pad(v.seq + 240, 5)}`;
    return {
      truth: truthOf({ doc_type: "invoice", language: "en", vendor_name: "Brightdesk Software S.L.", vendor_tax_id: "B08000010", customer_tax_id: CUSTOMER.nif, invoice_number: number, issue_date: iso(2026, v.month, 20) }, f, 2100),
      rows: [
        { y: 0.05, cells: [[0.08, "Brightdesk Software S.L.", 16], [0.65, "INVOICE", 16]] },
        { y: 0.08, cells: [[0.08, "Carrer de Balmes 10, 08007 Barcelona · VAT ESB08000010"]] },
        { y: 0.14, cells: [[0.08, "Bill to"], [0.55, `Invoice number ${number}`]] },
        { y: 0.16, cells: [[0.08, CUSTOMER.name], [0.55, `PO number PO-${3300 + v.seq}`]] },
        { y: 0.18, cells: [[0.08, `Tax ID ${CUSTOMER.nif}`], [0.55, `Due date ${dmy(2026, v.month + 1, 20)}`]] },
        { y: 0.2, cells: [[0.55, `Invoice date ${dmy(2026, v.month, 20)}`]] },
        { y: 0.28, cells: [[0.08, "Helpdesk plan, monthly"], [0.72, `€${en(f.base)}`]] },
        { y: 0.36, cells: [[0.45, "Subtotal"], [0.72, `€${en(f.base)}`]] },
        { y: 0.38, cells: [[0.45, "VAT 21%"], [0.72, `€${en(f.vat)}`]] },
        { y: 0.4, cells: [[0.45, "Total due"], [0.72, `€${en(f.total)}`]] },
      ],
    };
  },
  // 8. Café ticket: simplified invoice, IVA included, table number and time.
  (v) => {
    const total = 1_250 + v.seq * 335;
    const base = Math.round((total * 10_000) / 11_000);
    const f = { base, vat: total - base, irpf: 0, total };
    const number = `T001-${pad(4500 + v.seq * 61, 6)}`;
    return {
      truth: truthOf({ doc_type: "simplified", language: "es", vendor_name: "Cafetería Sol y Sombra S.L.", vendor_tax_id: "B37000015", customer_tax_id: null, invoice_number: number, issue_date: iso(2026, v.month, v.day) }, f, 1000),
      rows: [
        { y: 0.04, cells: [[0.3, "CAFETERÍA SOL Y SOMBRA", 16]] },
        { y: 0.06, cells: [[0.3, "Cafetería Sol y Sombra S.L. B37000015"]] },
        { y: 0.08, cells: [[0.3, "Plaza Mayor 1, 37001 Salamanca"]] },
        { y: 0.12, cells: [[0.3, `Fra. simplificada: ${number}`]] },
        { y: 0.14, cells: [[0.3, `${dmy(2026, v.month, v.day)} 13:4${v.seq}`], [0.6, `Mesa ${v.seq + 3}`]] },
        { y: 0.2, cells: [[0.3, "Menú del día x1"], [0.6, es(total)]] },
        { y: 0.26, cells: [[0.3, "Base"], [0.45, "IVA 10%"], [0.6, "Total"]] },
        { y: 0.28, cells: [[0.3, es(f.base)], [0.45, es(f.vat)], [0.6, es(total)]] },
        { y: 0.32, cells: [[0.3, "Entregado"], [0.6, es(2_000 + v.seq * 500)]] },
        { y: 0.34, cells: [[0.3, "IVA incluido. Gracias por su visita"]] },
      ],
    };
  },
];

async function main() {
  const out = process.argv[2];
  if (!out) {
    process.stderr.write("usage: npm run bench:memory:corpus -- <out folder>\n");
    process.exit(2);
  }
  await mkdir(out, { recursive: true });
  let n = 0;
  for (let month = 2; month <= 5; month++) {
    for (const [vi, make] of VENDORS.entries()) {
      n++;
      const seq = month - 1;
      const doc = make({ seq, month, day: 8 + ((vi * 3 + month) % 12), baseCents: 20_000 + ((vi * 7919 + month * 104_729) % 180_000) });
      // Alternate formats per vendor and month: each vendor has text PDFs, clean images and photos among its repeats.
      const image = (vi + month) % 2 === 1;
      const photo = image && (vi + month) % 4 === 3;
      const ext = photo ? "jpg" : image ? "png" : "pdf";
      const file = `mem_${pad(n, 4)}.${ext}`;
      const page = { rows: doc.rows };
      const bytes = photo
        ? await photoOf(await pageImage(page), { angle: ((n % 5) - 2) * 0.8, brightness: 0.92 + (n % 3) * 0.03 })
        : image
          ? await pageImage(page)
          : await textPdf(page);
      await writeFile(path.join(out, file), bytes);
      const format = photo ? "jpg_photo" : image ? "png" : "pdf_text";
      const truth = { file, set: "memory-synthetic", ...doc.truth, meta: { family: `vendor${vi + 1}` }, format };
      await writeFile(path.join(out, `mem_${pad(n, 4)}.json`), `${JSON.stringify(truth, null, 2)}\n`);
    }
  }
  process.stdout.write(`${n} documents from ${VENDORS.length} vendors written to ${out}\n`);
}

main().catch((e) => {
  process.stderr.write(`bench:memory:corpus: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
