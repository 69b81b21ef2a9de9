/**
 * `npm run taxes -- <ledger.json>` (or `-` for stdin): a year's quarterly returns from a ledger, for a gestor
 * checking figures and for tests. Prints one JSON object: per quarter the deadlines and the boxes of the modelos
 * 303, 130, 111 and 115, keyed by the form's box numbers (euros, percentages, counts). The same functions feed the
 * /taxes page (lib/tax/year.ts). Input is validated (lib/tax/ledger-file.ts); a bad ledger gets a Spanish message
 * with the code `validation:invalid` and the path of every wrong field, on stderr, exit code 2.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fromLedgerFile, ledgerSchema } from "@/lib/tax/ledger-file";
import { computeYear, printableYear } from "@/lib/tax/year";

async function readInput(arg: string): Promise<string> {
  if (arg !== "-") return readFile(arg, "utf8");
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

async function main() {
  const args = process.argv.slice(2).filter((a) => a !== "--");
  if (args.length !== 1 || args[0] === "-h" || args[0] === "--help") {
    fail("uso: npm run taxes -- <libro.json | ->", args[0] === "-h" || args[0] === "--help" ? 0 : 2);
  }
  let text: string;
  try {
    text = await readInput(args[0]);
  } catch {
    fail(`taxes [validation:invalid]: no se puede leer ${args[0]}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    fail(`taxes [validation:invalid]: el archivo no es JSON válido (${e instanceof Error ? e.message : e})`);
  }
  const parsed = ledgerSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".") || "(raíz)"}: ${i.message}`);
    fail(`taxes [validation:invalid]: revisa el libro:\n${lines.join("\n")}`);
  }
  const year = computeYear(fromLedgerFile(parsed.data));
  process.stdout.write(`${JSON.stringify(printableYear(year), null, 2)}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main().catch((e) => fail(`taxes [internal:unexpected]: ${e instanceof Error ? e.message : String(e)}`, 1));
}
