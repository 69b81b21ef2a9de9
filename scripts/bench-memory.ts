/**
 * Vendor-memory benchmark (prints figures; not a test): `npm run bench:memory -- <folder> [--own-nif NIF] [--pred FILE] [--no-memory] [--verbose]`
 *
 * Walks the folder in file-name order as one book would receive it. Each document is extracted through the CLI's
 * own code (`npm run extract`: upload validation, extractDocument) with the vendor memory learnt so far, scored
 * against the truth JSON beside it (the `../shared/bench` format and rules), and then its truth is fed in as the
 * reviewer's correction (learnFromReview, as the review desk's save does). It prints accuracy separately for
 * documents whose vendor (truth NIF) was seen before in the walk ("repeat") and for the others ("first seen").
 * `--no-memory` extracts without it (the same split, for a baseline). `--pred FILE` also writes the records as JSON lines (for `../shared/bench/score.mjs`).
 * The memory lives in this process (`inMemoryVendorMemoryStore`), behind the same interface as the database.
 */
import { appendFile, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { collect, extractFileWithText } from "./extract";
import { terminateOcr } from "@/lib/documents/ocr";
import { allKeyRight, BENCH_FIELDS, benchTruthSchema, KEY_FIELDS, scoreRecord, truthToReviewed, type BenchField } from "@/lib/documents/bench-truth";
import { inMemoryVendorMemoryStore, learnFromReview, type VendorMemoryContext } from "@/lib/documents/vendor-memory";
import { normalizeTaxId } from "@/lib/tax-id";

type Group = { n: number; keyOk: number; fieldsOk: number; perField: Record<BenchField, number> };
const group = (): Group => ({ n: 0, keyOk: 0, fieldsOk: 0, perField: Object.fromEntries(BENCH_FIELDS.map((f) => [f, 0])) as Record<BenchField, number> });

function add(g: Group, score: Record<BenchField, boolean>) {
  g.n++;
  if (allKeyRight(score)) g.keyOk++;
  for (const f of BENCH_FIELDS) if (score[f]) {
    g.fieldsOk++;
    g.perField[f]++;
  }
}

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)} %` : "n/a");
const f3 = (a: number, b: number) => (b ? (a / b).toFixed(3) : "n/a");

function report(name: string, g: Group) {
  console.log(
    `${name.padEnd(12)} n=${String(g.n).padStart(3)}  all key fields right ${pct(g.keyOk, g.n).padStart(8)}  field accuracy ${f3(g.fieldsOk, g.n * BENCH_FIELDS.length)}`,
  );
  if (g.n) console.log(`${"".padEnd(12)} key fields: ${KEY_FIELDS.map((f) => `${f} ${f3(g.perField[f], g.n)}`).join("  ")}  vendor_name ${f3(g.perField.vendor_name, g.n)}`);
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { "own-nif": { type: "string" }, pred: { type: "string" }, "no-memory": { type: "boolean" }, verbose: { type: "boolean", short: "v" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help || positionals.length !== 1) {
    process.stderr.write("usage: npm run bench:memory -- <folder> [--own-nif NIF] [--pred FILE] [--no-memory] [--verbose]\n");
    process.exit(values.help ? 0 : 2);
  }
  const folder = positionals[0];
  const files = await collect([folder]);
  const ownTaxId = values["own-nif"] ? normalizeTaxId(values["own-nif"]) : null;
  const store = inMemoryVendorMemoryStore();
  const ctx: VendorMemoryContext = { store, bookId: "bench", ownTaxId };
  const seen = new Set<string>();
  const first = group();
  const repeat = group();
  let withoutTruth = 0;
  const started = Date.now();
  // `--pred FILE`: the records as JSON lines too, so the shared scorer can check this one's figures.
  if (values.pred) await writeFile(values.pred, "");
  console.log(`bench:memory  files=${files.length}  folder=${folder}${ownTaxId ? `  own NIF=${ownTaxId}` : ""}${values["no-memory"] ? "  (memory off: baseline)" : ""}`);

  for (const [i, file] of files.entries()) {
    const truthPath = path.join(path.dirname(file), `${path.basename(file, path.extname(file))}.json`);
    const truthJson = await readFile(truthPath, "utf8").then(JSON.parse, () => null);
    const truth = truthJson ? benchTruthSchema.safeParse(truthJson) : null;
    if (!truth?.success) {
      withoutTruth++;
      continue;
    }
    const t = truth.data;
    const vendor = t.vendor_tax_id ? normalizeTaxId(t.vendor_tax_id) : null;
    const isRepeat = vendor !== null && seen.has(vendor);
    const { record, text } = await extractFileWithText(file, { ownTaxId, vendorMemory: values["no-memory"] ? undefined : ctx });
    const score = scoreRecord(t, record);
    if (values.pred) await appendFile(values.pred, `${JSON.stringify(record)}\n`);
    add(isRepeat ? repeat : first, score);
    if (values.verbose || (isRepeat && !allKeyRight(score))) {
      const wrong = BENCH_FIELDS.filter((f) => !score[f]);
      process.stderr.write(`${isRepeat ? "repeat" : "first "} ${path.basename(file)} ${wrong.length ? `wrong: ${wrong.join(", ")}` : "all right"}\n`);
    }
    // The reviewer's correction: the truth, learnt as the review desk's save does.
    const reviewed = truthToReviewed(t, path.basename(file));
    if (reviewed && text) {
      await learnFromReview(ctx, reviewed, { text: text.text, layout: text.layout ?? null });
      seen.add(normalizeTaxId(reviewed.vendorTaxId));
    }
    if (!process.stderr.isTTY && (i + 1) % 20 === 0) process.stderr.write(`${i + 1}/${files.length}\n`);
  }
  await terminateOcr();

  const all = group();
  for (const g of [first, repeat]) {
    all.n += g.n;
    all.keyOk += g.keyOk;
    all.fieldsOk += g.fieldsOk;
    for (const f of BENCH_FIELDS) all.perField[f] += g.perField[f];
  }
  console.log(`vendors remembered: ${store.size()}  documents without truth: ${withoutTruth}  time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  report("first seen", first);
  report("repeat", repeat);
  report("all", all);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  process.env.LOG_LEVEL ??= "warn";
  main().catch((e) => {
    process.stderr.write(`bench:memory: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
