/** Exports re-read: the libros parsed back with exceljs, the CSV split, the quarter pack ZIP listed. */
import ExcelJS from "exceljs";
import JSZip from "jszip"; // exceljs' own ZIP reader (a dependency of exceljs), used here only to list the pack
import { describe, expect, it } from "vitest";
import { libroCsvStream, libroXlsxStream, quarterPackStream } from "@/lib/tax/export";
import { libroFileName } from "@/lib/tax/libros";
import { getTaxYear } from "@/lib/tax/service";
import { countedInvoices } from "@/lib/tax/year";
import { createOwner } from "@/lib/testing/book";
import { testbed } from "@/lib/testing/testbed";
import { seedLedger } from "@/lib/testing/tax-seed";
import { BOOK_NIF, WORKED_YEAR } from "@/lib/testing/tax-ledger";

const bed = testbed();

async function bytes(s: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}
async function sheetRows(buf: Buffer, sheet = 1) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.worksheets[sheet - 1];
  const rows: unknown[][] = [];
  ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  return { name: ws.name, rows };
}

describe("exports of the worked year", () => {
  it("writes the libros, re-read with their AEAT columns, one row per IVA rate", async () => {
    const { userId, bookId } = await createOwner(bed.handle.db, { nif: BOOK_NIF });
    await seedLedger(bed.handle.db, { bookId, userId, ledger: WORKED_YEAR });
    const data = await getTaxYear(bed.handle.db, { bookId, year: 2026 });
    const q1 = data.invoices.filter((i) => i.issueDate <= "2026-03-31");

    const e = await sheetRows(await bytes(libroXlsxStream("E", q1, BOOK_NIF)));
    expect(e.name).toBe("Expedidas");
    expect(e.rows[0].slice(0, 4)).toEqual(["Ejercicio", "Periodo", "Tipo de factura", "Fecha expedición"]);
    // I-001 has two rates (two rows, the total only on the first), I-002 one.
    expect(e.rows.slice(1).map((r) => [r[6], r[16], r[15], r[17]])).toEqual([
      ["2026-001", 21, 4000, 840],
      ["2026-001", 10, 500, 50],
      ["2026-002", 21, 3000, 630],
    ]);
    expect(e.rows[3][10]).toBe("A58818501");
    expect(e.rows[3].slice(20, 22)).toEqual([15, 450]);

    const r = await sheetRows(await bytes(libroXlsxStream("R", q1, BOOK_NIF)));
    const byNumber = Object.fromEntries(r.rows.slice(1).map((x) => [x[6], x]));
    expect(byNumber["IE-77"].slice(8, 14)).toEqual(["02", "IE", "IE6388047V", "Google Ireland Ltd", "09", "S"]);
    expect(byNumber["IE-77"][17]).toBe(21); // self-assessed cuota
    expect(byNumber["T-881"][18]).toBe(0); // ticket without NIF: nothing deductible
    expect(byNumber["T-102"][18]).toBe(10.5);

    const csv = (await bytes(libroCsvStream("E", q1, BOOK_NIF))).toString("utf8");
    const lines = csv.replace(/^\ufeff/, "").trimEnd().split("\r\n");
    expect(lines).toHaveLength(4);
    expect(lines[1].split(";").slice(15, 18)).toEqual(["4000", "21", "840"]);
    expect(libroFileName(2026, "12345678-z", "E")).toBe("202612345678ZE");
  });

  it("packs the quarter: both books, the models, and every document named by date, vendor and number", async () => {
    const { userId, bookId } = await createOwner(bed.handle.db, { nif: BOOK_NIF });
    const files = new Map<string, { key: string; bytes: number }>();
    for (const id of ["I-001", "I-002", "R-ENE", "G-IE", "T-SIN", "T-NIF", "G-MAR"]) {
      const key = `${bookId}/2026/01/${id}.pdf`;
      await bed.store.storage.put(key, new TextEncoder().encode(`%PDF-1.4 ${id}`), "application/pdf");
      files.set(id, { key, bytes: 12 });
    }
    await seedLedger(bed.handle.db, { bookId, userId, ledger: WORKED_YEAR, files });
    const data = await getTaxYear(bed.handle.db, { bookId, year: 2026 });
    const zipBytes = await bytes(quarterPackStream({ year: 2026, nif: BOOK_NIF, quarter: data.returns.quarters[0], invoices: countedInvoices(data.invoices), storage: bed.store.storage }));
    const zip = await JSZip.loadAsync(zipBytes);
    const names = Object.keys(zip.files).sort();
    expect(names).toEqual([
      "202612345678ZE.xlsx",
      "202612345678ZR.xlsx",
      "documentos/2026-01-05_Locales-Sur_A-2026-01.pdf",
      "documentos/2026-01-15_cliente_2026-001.pdf",
      "documentos/2026-02-01_Google-Ireland-Ltd_IE-77.pdf",
      "documentos/2026-02-10_A58818501_2026-002.pdf",
      "documentos/2026-03-03_Bar-Centro_T-881.pdf",
      "documentos/2026-03-10_Papeleria-Sol_T-102.pdf",
      "documentos/2026-03-31_Asesoria-Ejemplo-SL_G-2026-03.pdf",
      "modelos-1T2026.xlsx",
    ]);
    expect(await zip.file("documentos/2026-02-01_Google-Ireland-Ltd_IE-77.pdf")!.async("string")).toBe("%PDF-1.4 G-IE");
    const models = await zip.file("modelos-1T2026.xlsx")!.async("nodebuffer");
    const m303 = await sheetRows(models, 1);
    expect(m303.name).toBe("Modelo 303");
    expect(Object.fromEntries(m303.rows.slice(1).map((x) => [x[0], x[2]]))).toMatchObject({ "27": 1541, "45": 231, "71": 1110 });
    const m111 = await sheetRows(models, 3);
    expect(Object.fromEntries(m111.rows.slice(1).map((x) => [x[0], x[2]]))).toMatchObject({ "07": 1, "09": 22.5 });
  });
});
