/**
 * The exports, streamed: the libros registro as XLSX (exceljs' streaming writer) or semicolon CSV, and the
 * quarter pack, a ZIP (archiver) with both books, the models' boxes and every document file of the quarter named
 * by date, vendor and number. Files are read from storage one at a time as the ZIP is written.
 */
import { PassThrough, Readable } from "node:stream";
import { ZipArchive } from "archiver";
import ExcelJS from "exceljs";
import type { Storage } from "@/lib/storage";
import { csvLine, LIBRO_HEADERS, libroFileName, libroRows, type Cell, type LibroLetter } from "@/lib/tax/libros";
import type { TaxInvoice } from "@/lib/tax/ledger";
import type { BoxKind } from "@/lib/tax/models/boxes";
import { BOX_LABELS } from "@/lib/tax/models/labels";
import { m111Kind } from "@/lib/tax/models/m111";
import { m115Kind } from "@/lib/tax/models/m115";
import { m130Kind } from "@/lib/tax/models/m130";
import { m303Kind } from "@/lib/tax/models/m303";
import type { QuarterReturns } from "@/lib/tax/year";

/** Writes one sheet to an XLSX stream (rows committed one by one). */
async function writeXlsx(out: NodeJS.WritableStream, sheets: { name: string; header: string[]; rows: Cell[][] }[]) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out as unknown as import("stream").Stream, useStyles: false, useSharedStrings: false });
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    ws.addRow(s.header).commit();
    for (const r of s.rows) ws.addRow(r).commit();
    ws.commit();
  }
  await wb.commit();
}

/** The libro as an XLSX byte stream. */
export function libroXlsxStream(letter: LibroLetter, invoices: TaxInvoice[], bookNif: string): Readable {
  const out = new PassThrough();
  writeXlsx(out, [{ name: letter === "E" ? "Expedidas" : "Recibidas", header: LIBRO_HEADERS[letter], rows: libroRows(letter, invoices, bookNif) }]).catch((e) => out.destroy(e));
  return out;
}

/** The libro as semicolon CSV lines (UTF-8 with BOM, CRLF, as spreadsheet tools in Spain expect). */
export function libroCsvStream(letter: LibroLetter, invoices: TaxInvoice[], bookNif: string): Readable {
  const rows = libroRows(letter, invoices, bookNif);
  return Readable.from(
    (function* () {
      yield `\ufeff${csvLine(LIBRO_HEADERS[letter])}\r\n`;
      for (const r of rows) yield `${csvLine(r)}\r\n`;
    })(),
  );
}

async function toBuffer(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks);
}

const MODEL_SHEETS: { key: "m303" | "m130" | "m111" | "m115"; name: string; kind: (b: string) => BoxKind }[] = [
  { key: "m303", name: "Modelo 303", kind: m303Kind },
  { key: "m130", name: "Modelo 130", kind: m130Kind },
  { key: "m111", name: "Modelo 111", kind: m111Kind },
  { key: "m115", name: "Modelo 115", kind: m115Kind },
];

/** The quarter's boxes, one sheet per model: box, concept, value (euros, % or count). */
export function modelsXlsxStream(q: QuarterReturns): Readable {
  const out = new PassThrough();
  const sheets = MODEL_SHEETS.map((m) => ({
    name: m.name,
    header: ["Casilla", "Concepto", "Valor"],
    rows: Object.entries(q[m.key].values).map(([box, v]): Cell[] => [box, BOX_LABELS[m.key][box] ?? "", m.kind(box) === "count" ? v : Number((v / 100).toFixed(2))]),
  }));
  writeXlsx(out, sheets).catch((e) => out.destroy(e));
  return out;
}

/** A file name part: no accents, no path characters, short. */
export function safeName(s: string | null | undefined, fallback: string): string {
  const t = (s ?? "").normalize("NFD").replace(/\p{Diacritic}/gu, "").replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40);
  return t || fallback;
}

const EXT: Record<string, string> = { "application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp" };

export type PackDocument = TaxInvoice & { storageKey: string | null; mimeType: string };

/**
 * The gestor's quarter pack: `{year}{NIF}E.xlsx`, `{year}{NIF}R.xlsx`, `modelos-{q}T{year}.xlsx` and
 * `documentos/{date}_{vendor}_{number}.{ext}` for every document of the quarter with a stored file.
 */
export function quarterPackStream({ year, nif, quarter, invoices, storage }: { year: number; nif: string; quarter: QuarterReturns; invoices: PackDocument[]; storage: Storage }): Readable {
  const zip = new ZipArchive({ zlib: { level: 6 } });
  (async () => {
    const inQuarter = invoices.filter((i) => i.issueDate >= quarter.from && i.issueDate <= quarter.to);
    for (const letter of ["E", "R"] as const) {
      zip.append(await toBuffer(libroXlsxStream(letter, inQuarter, nif)), { name: `${libroFileName(year, nif, letter)}.xlsx` });
    }
    zip.append(await toBuffer(modelsXlsxStream(quarter)), { name: `modelos-${quarter.quarter.q}T${year}.xlsx` });
    const used = new Set<string>();
    for (const inv of inQuarter) {
      if (!inv.storageKey) continue;
      const who = inv.direction === "issued" ? (inv.customerTaxId ?? "cliente") : (inv.vendorName ?? inv.vendorTaxId);
      let name = `documentos/${inv.issueDate}_${safeName(who, "proveedor")}_${safeName(inv.number, "sn")}`;
      for (let n = 2; used.has(name); n++) name = `${name.replace(/~\d+$/, "")}~${n}`;
      used.add(name);
      zip.append(await storage.get(inv.storageKey), { name: `${name}.${EXT[inv.mimeType] ?? "bin"}` });
    }
    await zip.finalize();
  })().catch((e) => zip.destroy(e));
  return zip as unknown as Readable;
}
