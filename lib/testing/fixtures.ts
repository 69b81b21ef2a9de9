import { PDFDocument, StandardFonts } from "pdf-lib";
import sharp from "sharp";

/** Test documents made on the fly (nothing binary committed): a text-layer PDF invoice and a PNG receipt. */
export type FixtureInvoice = {
  vendor: string;
  vendorNif: string;
  customerNif?: string;
  number: string;
  date: string; // dd/mm/yyyy as printed
  base: string; // es-ES amounts as printed, e.g. "1.000,00"
  vatRate: number;
  vat: string;
  total: string;
  irpf?: { rate: number; amount: string };
};

export const SAMPLE_INVOICE: FixtureInvoice = {
  vendor: "Papelería Río Duero S.L.",
  vendorNif: "B12345674",
  customerNif: "12345678Z",
  number: "F-2026-0042",
  date: "15/03/2026",
  base: "1.000,00",
  vatRate: 21,
  vat: "210,00",
  total: "1.210,00",
};

export function invoiceLines(inv: FixtureInvoice): string[] {
  return [
    inv.vendor,
    `NIF: ${inv.vendorNif}`,
    "Calle Mayor 1, 47001 Valladolid",
    "",
    "FACTURA",
    `Nº factura: ${inv.number}`,
    `Fecha: ${inv.date}`,
    inv.customerNif ? `Cliente NIF: ${inv.customerNif}` : "",
    "",
    `Base imponible: ${inv.base} €`,
    `IVA ${inv.vatRate}%: ${inv.vat} €`,
    inv.irpf ? `Retención IRPF ${inv.irpf.rate}%: -${inv.irpf.amount} €` : "",
    `TOTAL: ${inv.total} €`,
  ].filter((l, i, all) => l !== "" || all[i - 1] !== "");
}

export async function makeInvoicePdf(inv: FixtureInvoice = SAMPLE_INVOICE): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595, 842]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  let y = 790;
  for (const line of invoiceLines(inv)) {
    if (line) page.drawText(line, { x: 60, y, size: 12, font });
    y -= 22;
  }
  return pdf.save();
}

function escapeXml(s: string) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Lines of text drawn black on white (DejaVu Sans) as a PNG: the page images OCR tests read. */
export async function renderLinesPng(
  lines: string[],
  { width = 1400, x = 70, top = 110, lineHeight = 64, fontSize = 40, bottom = 10 }: {
    width?: number;
    x?: number;
    top?: number;
    lineHeight?: number;
    fontSize?: number;
    /** Space below the last line's slot. */
    bottom?: number;
  } = {},
): Promise<Buffer> {
  const height = top + bottom + lines.length * lineHeight;
  const text = lines
    .map(
      (l, i) =>
        `<text x="${x}" y="${top + i * lineHeight}" font-family="DejaVu Sans" font-size="${fontSize}" fill="#000" xml:space="preserve">${escapeXml(l)}</text>`,
    )
    .join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#fff"/>${text}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** A clean, large-print receipt image that OCR reads reliably. */
export async function makeReceiptPng(inv: FixtureInvoice = SAMPLE_INVOICE, opts: { width?: number } = {}) {
  return new Uint8Array(await renderLinesPng(invoiceLines(inv), { width: opts.width }));
}
