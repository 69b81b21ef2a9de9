/**
 * A held-out extraction corpus: `npm run bench:unseen:corpus -- <out folder> [--seed N] [--count 80] [--families a|b|c]`.
 * Writes documents in families and layouts the extractor was not built on (lib/testing/unseen-corpus.ts; `--families a`,
 * the default, the first eight families; `--families b` a second eight; `--families c` a third eight), with truth
 * JSON in the ../shared/bench format beside each one and a `_manifest.json`; score an extraction run with
 * `node ../shared/bench/score.mjs --truth <out folder> --pred pred.jsonl`. Deterministic for a seed.
 */
import { parseArgs } from "node:util";
import { writeCorpus } from "@/lib/testing/unseen-corpus";

async function main() {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { seed: { type: "string", default: "7" }, count: { type: "string", default: "80" }, families: { type: "string", default: "a" } } });
  const out = positionals[0];
  const seed = Number(values.seed);
  const count = Number(values.count);
  const families = values.families;
  if (!out || !Number.isInteger(seed) || !Number.isInteger(count) || count < 1 || (families !== "a" && families !== "b" && families !== "c")) {
    process.stderr.write("usage: npm run bench:unseen:corpus -- <out folder> [--seed N] [--count 80] [--families a|b|c]\n");
    process.exit(2);
  }
  const summary = await writeCorpus(out, { seed, count, families });
  process.stdout.write(`${summary.n} documents written to ${out}\nfamilies ${JSON.stringify(summary.families)}\nformats ${JSON.stringify(summary.formats)}\n`);
}

main().catch((e) => {
  process.stderr.write(`bench:unseen:corpus: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
