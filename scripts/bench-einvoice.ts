/**
 * E-invoice vs. text-layer vs. OCR extraction time (prints figures; not a test): `npm run bench:einvoice -- [--runs N]`
 * Each sample goes through the CLI's own code (`extractFile`: upload validation + extractDocument) `runs` times,
 * after one warm-up run (pdf.js loaded, OCR pool started); prints median and p95 per kind. The e-invoices are built
 * here (lib/testing/einvoices), the OCR sample is the same kind of invoice rendered to a PNG.
 * Timings are wall-clock on a shared machine: compare runs made under the same load (see `uptime`).
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { extractFile } from "./extract";
import { terminateOcr } from "@/lib/documents/ocr";
import { makeInvoicePdf, makeReceiptPng } from "@/lib/testing/fixtures";
import { BASIC_INVOICE, ciiXml, facturaeXml, pdfWithAttachment, ublXml } from "@/lib/testing/einvoices";

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function main() {
  process.env.LOG_LEVEL ??= "warn";
  const { values } = parseArgs({ options: { runs: { type: "string", default: "20" } } });
  const runs = Math.max(1, Number(values.runs));
  const dir = await mkdtemp(path.join(os.tmpdir(), "bench-einvoice-"));
  const plain = { ...BASIC_INVOICE, irpf: undefined, total: "121.00" };
  const samples: [string, string, Uint8Array | string, number][] = [
    ["Facturae 3.2.2 (signed XML)", "facturae.xml", facturaeXml(BASIC_INVOICE, { signed: true }), runs],
    ["UBL 2.1 (XML)", "ubl.xml", ublXml(BASIC_INVOICE, { peppol: true }), runs],
    ["CII EN 16931 (XML)", "cii.xml", ciiXml(plain), runs],
    ["Factur-X PDF (CII attached)", "facturx.pdf", await pdfWithAttachment(ciiXml(plain, { profile: "basic" })), runs],
    ["PDF text layer (parser)", "text.pdf", await makeInvoicePdf(), runs],
    ["PNG scan (OCR + parser)", "scan.png", await makeReceiptPng(), Math.min(runs, 5)],
  ];
  console.log(`runs per sample: ${runs} (OCR: ${Math.min(runs, 5)}), cores: ${os.cpus().length}, load: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  try {
    for (const [label, name, content, n] of samples) {
      const file = path.join(dir, name);
      await writeFile(file, content);
      const warm = await extractFile(file, null);
      if (warm.error) throw new Error(`${label}: ${warm.error.code}`);
      const times: number[] = [];
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        const r = await extractFile(file, null);
        times.push(performance.now() - t0);
        if (r.error) throw new Error(`${label}: ${r.error.code}`);
      }
      console.log(`${label.padEnd(30)} source=${String(warm.textSource).padEnd(8)} median ${ms(quantile(times, 0.5)).padStart(10)}  p95 ${ms(quantile(times, 0.95)).padStart(10)}  total=${warm.total}`);
    }
  } finally {
    await terminateOcr();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
