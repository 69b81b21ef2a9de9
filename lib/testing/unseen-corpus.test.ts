import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PDFDict, PDFDocument, PDFName } from "pdf-lib";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { cuota } from "@/lib/tax/vat";
import { isPlausibleVatId, validateSpanishTaxId } from "@/lib/tax-id";
import { FAMILIES, makeDocument, plan, writeCorpus, type UnseenTruth } from "@/lib/testing/unseen-corpus";

const SEED = 11;
const COUNT = 32;
const cents = (x: number) => Math.round(x * 100);
const docs = Array.from({ length: COUNT }, (_, i) => makeDocument(SEED, COUNT, i));
const pageText = (d: (typeof docs)[number]) => d.page.rows.flatMap((r) => r.cells.map((c) => c[1])).join("\n");
const compact = (s: string) => s.toUpperCase().replace(/[\s.\-\/]/g, "");

function validTaxId(id: string) {
  return validateSpanishTaxId(id).valid || (/^[A-Z]{2}/.test(id) && !id.startsWith("ES") && isPlausibleVatId(id));
}

describe("unseen corpus truth", () => {
  it("covers every family and format in a balanced plan", () => {
    const p = plan(SEED, COUNT);
    expect(new Set(p.map((x) => x.family.name)).size).toBe(FAMILIES.length);
    expect(new Set(p.map((x) => x.format))).toEqual(new Set(["pdf_text", "pdf_scan", "jpg_photo", "png"]));
  });

  it("is deterministic for a seed", () => {
    expect(makeDocument(SEED, COUNT, 5)).toEqual(docs[5]);
    expect(makeDocument(SEED + 1, COUNT, 5).truth).not.toEqual(docs[5].truth);
  });

  it.each(docs.map((d, i) => [i, d.family, d] as const))("doc %i (%s): the figures add up to the cent", (_i, _f, d) => {
    const t: UnseenTruth = d.truth;
    expect(t.lines.length).toBeGreaterThan(0);
    for (const l of t.lines) expect(cents(l.vat)).toBe(cuota(cents(l.base), cents(l.rate)));
    expect(new Set(t.lines.map((l) => l.rate)).size).toBe(t.lines.length);
    expect(cents(t.base_total)).toBe(t.lines.reduce((a, l) => a + cents(l.base), 0));
    expect(cents(t.vat_total)).toBe(t.lines.reduce((a, l) => a + cents(l.vat), 0));
    expect(cents(t.irpf_amount)).toBe(cuota(cents(t.base_total), cents(t.irpf_rate)));
    expect(cents(t.total)).toBe(cents(t.base_total) + cents(t.vat_total) - cents(t.irpf_amount) + cents(t.recargo_equivalencia));
    if (t.doc_type === "credit_note") expect(t.total).toBeLessThan(0);
    else expect(t.total).toBeGreaterThan(0);
  });

  it.each(docs.map((d, i) => [i, d.family, d] as const))("doc %i (%s): ids, date and number are valid and printed", (_i, _f, d) => {
    const t = d.truth;
    const text = pageText(d);
    expect(validTaxId(t.vendor_tax_id)).toBe(true);
    if (t.customer_tax_id !== null) expect(validTaxId(t.customer_tax_id)).toBe(true);
    if (t.doc_type === "simplified") expect(t.customer_tax_id).toBeNull();
    expect(t.vendor_tax_id).not.toBe(t.customer_tax_id);
    expect(t.issue_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(new Date(`${t.issue_date}T00:00:00Z`).toISOString().slice(0, 10)).toBe(t.issue_date);
    expect(text).toContain(t.invoice_number);
    expect(compact(text)).toContain(t.vendor_tax_id);
    expect(text.toUpperCase()).toContain(t.vendor_name.toUpperCase());
    // the total is printed (in whatever grouping and decimal style the layout uses)
    expect(text.replace(/[^\d\n]/g, "")).toContain(String(Math.abs(cents(t.total))));
  });
});

describe("unseen corpus files", () => {
  let dir = "";
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("writes one valid file per format with its truth JSON and a manifest", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "unseen-"));
    const p = plan(SEED, COUNT);
    const only = ["pdf_text", "pdf_scan", "jpg_photo", "png"].map((f) => p.findIndex((x) => x.format === f));
    const summary = await writeCorpus(dir, { seed: SEED, count: COUNT, only });
    expect(summary.n).toBe(4);
    const manifest = JSON.parse(await readFile(path.join(dir, "_manifest.json"), "utf8"));
    expect(manifest.n).toBe(4);
    for (const file of summary.files) {
      const stem = file.replace(/\.\w+$/, "");
      const truth = JSON.parse(await readFile(path.join(dir, `${stem}.json`), "utf8"));
      expect(truth.file).toBe(file);
      expect(truth.meta.family).toBeTruthy();
      const bytes = await readFile(path.join(dir, file));
      if (truth.format === "pdf_text" || truth.format === "pdf_scan") {
        const pdf = await PDFDocument.load(bytes);
        expect(pdf.getPageCount()).toBe(1);
        // a text PDF carries fonts (a text layer); a scan carries only its page image
        const resources = pdf.getPage(0).node.Resources();
        const entries = (name: string) => resources?.lookupMaybe(PDFName.of(name), PDFDict)?.keys().length ?? 0;
        expect(entries("Font") > 0).toBe(truth.format === "pdf_text");
        expect(entries("XObject") > 0).toBe(truth.format === "pdf_scan");
      } else {
        const meta = await sharp(bytes).metadata();
        expect(meta.format).toBe(truth.format === "png" ? "png" : "jpeg");
        expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBeGreaterThan(1000);
      }
    }
  });
});
