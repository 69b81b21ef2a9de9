import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PDFDict, PDFDocument, PDFName } from "pdf-lib";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { cuota } from "@/lib/tax/vat";
import { isPlausibleVatId, validateSpanishTaxId } from "@/lib/tax-id";
import { FAMILIES, FAMILIES_B, FAMILIES_C, makeDocument, plan, writeCorpus, type FamilySet, type UnseenTruth } from "@/lib/testing/unseen-corpus";

const SEED = 11;
const COUNT = 32;
const cents = (x: number) => Math.round(x * 100);
const pageText = (d: ReturnType<typeof makeDocument>) => d.page.rows.flatMap((r) => r.cells.map((c) => c[1])).join("\n");
const compact = (s: string) => s.toUpperCase().replace(/[\s.\-\/]/g, "");

function validTaxId(id: string) {
  return validateSpanishTaxId(id).valid || (/^[A-Z]{2}/.test(id) && !id.startsWith("ES") && isPlausibleVatId(id));
}

describe.each([
  ["a", FAMILIES],
  ["b", FAMILIES_B],
  ["c", FAMILIES_C],
] as const)("unseen corpus truth, family set %s", (set: FamilySet, families) => {
  const docs = Array.from({ length: COUNT }, (_, i) => makeDocument(SEED, COUNT, i, set));

  it("covers every family and format in a balanced plan", () => {
    const p = plan(SEED, COUNT, set);
    expect(new Set(p.map((x) => x.family.name))).toEqual(new Set(families.map((f) => f.name)));
    expect(new Set(docs.map((d) => d.family)).size).toBe(families.length);
    expect(new Set(p.map((x) => x.format))).toEqual(new Set(["pdf_text", "pdf_scan", "jpg_photo", "png"]));
  });

  it("is deterministic for a seed", () => {
    expect(makeDocument(SEED, COUNT, 5, set)).toEqual(docs[5]);
    expect(makeDocument(SEED + 1, COUNT, 5, set).truth).not.toEqual(docs[5].truth);
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
    // a text PDF's standard fonts encode WinAnsi only
    expect(text).toMatch(/^[\n\x20-\x7e\xa0-\xff€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]*$/);
  });
});

describe("unseen corpus family sets", () => {
  it("set a is unchanged by set b: plan, pages and truth of seed 7 hash as before set b existed", () => {
    const h = createHash("sha256");
    h.update(JSON.stringify(plan(7, 80).map((x) => [x.family.name, x.format])));
    for (let i = 0; i < 80; i++) h.update(JSON.stringify(makeDocument(7, 80, i)));
    expect(h.digest("hex")).toBe("8a1424840b11c85a6c5a3bdd0ab6e23aad3ed8022e44f8475b9da90ee06055e0");
  });

  it("set b is unchanged by set c: plan, pages and truth of seed 7 hash as before set c existed", () => {
    const h = createHash("sha256");
    h.update(JSON.stringify(plan(7, 80, "b").map((x) => [x.family.name, x.format])));
    for (let i = 0; i < 80; i++) h.update(JSON.stringify(makeDocument(7, 80, i, "b")));
    expect(h.digest("hex")).toBe("25ce39a3ceb9b76141783796a40d2f308a72229ee3debb33377517514c52fa22");
  });

  it("set b has its own eight families and all of them in an 80-document corpus", () => {
    expect(FAMILIES_B).toHaveLength(8);
    expect(FAMILIES_B.map((f) => f.name).filter((n) => FAMILIES.some((f) => f.name === n))).toEqual([]);
    const counts = new Map<string, number>();
    for (const x of plan(7, 80, "b")) counts.set(x.family.name, (counts.get(x.family.name) ?? 0) + 1);
    expect([...counts.values()]).toEqual(Array(8).fill(10));
  });

  it("set c has its own eight families, distinct from sets a and b, and all of them in an 80-document corpus", () => {
    expect(FAMILIES_C).toHaveLength(8);
    expect(FAMILIES_C.map((f) => f.name).filter((n) => [...FAMILIES, ...FAMILIES_B].some((f) => f.name === n))).toEqual([]);
    const counts = new Map<string, number>();
    for (const x of plan(7, 80, "c")) counts.set(x.family.name, (counts.get(x.family.name) ?? 0) + 1);
    expect([...counts.values()]).toEqual(Array(8).fill(10));
  });

  it.each(["b", "c"] as const)("set %s's figures add up and its ids are valid over many documents", (set) => {
    for (let i = 0; i < 160; i++) {
      const t = makeDocument(101, 160, i, set).truth;
      const sum = t.lines.reduce((a, l) => a + cents(l.base) + cents(l.vat), 0);
      expect(cents(t.total)).toBe(sum - cents(t.irpf_amount) + cents(t.recargo_equivalencia));
      expect(validTaxId(t.vendor_tax_id)).toBe(true);
      if (t.customer_tax_id !== null) expect(validTaxId(t.customer_tax_id)).toBe(true);
    }
  });
});

describe("unseen corpus files", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it.each(["a", "b", "c"] as const)("writes one valid file per format with its truth JSON and a manifest (set %s)", async (set) => {
    const dir = await mkdtemp(path.join(tmpdir(), "unseen-"));
    dirs.push(dir);
    const p = plan(SEED, COUNT, set);
    const only = ["pdf_text", "pdf_scan", "jpg_photo", "png"].map((f) => p.findIndex((x) => x.format === f));
    const summary = await writeCorpus(dir, { seed: SEED, count: COUNT, families: set, only });
    expect(summary.n).toBe(4);
    const manifest = JSON.parse(await readFile(path.join(dir, "_manifest.json"), "utf8"));
    expect(manifest.n).toBe(4);
    expect(manifest.family_set).toBe(set);
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
