/**
 * A one-page PDF with no text layer worth the name for the OCR smoke run: Helvetica text (pdf.js draws it from its
 * standard font data, so the run also proves that data is found), rendered to an image and read by OCR like a scan.
 * Written by hand (a few objects and an xref table) so the production image needs no PDF-writing dependency.
 */
export const SMOKE_LINES = ["FACTURA F-2026-0042", "Base imponible 100,00 EUR", "IVA 21% 21,00 EUR", "TOTAL 121,00 EUR"] as const;

/** Words the OCR must read for the smoke run to count. */
export const SMOKE_EXPECTED = ["FACTURA", "121,00"] as const;

export function smokePdf(lines: readonly string[] = SMOKE_LINES): Uint8Array {
  const esc = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);
  const content = ["BT", "/F1 20 Tf", "72 760 Td", "28 TL", ...lines.flatMap((l, i) => (i ? ["T*", `(${esc(l)}) Tj`] : [`(${esc(l)}) Tj`])), "ET"].join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    `<< /Length ${Buffer.byteLength(content, "latin1")} >>\nstream\n${content}\nendstream`,
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, "latin1"));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("");
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, "latin1"));
}
