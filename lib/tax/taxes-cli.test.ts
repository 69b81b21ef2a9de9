/** `npm run taxes` end to end: a ledger written by the test, the script run as a process, its JSON read back. */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WORKED_YEAR } from "@/lib/testing/tax-ledger";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");
let dir: string;

async function taxes(ledger: unknown) {
  const file = path.join(dir, `ledger-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(file, typeof ledger === "string" ? ledger : JSON.stringify(ledger));
  return run(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "--tsconfig", "tsconfig.json", "scripts/taxes.ts", file], { cwd: ROOT }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "taxes-cli-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("npm run taxes", () => {
  it("prints the year's returns for a ledger built here: two invoices, a rent and a monthly quota", async () => {
    const r = await taxes({
      nif: "12345678Z",
      year: 2026,
      carryForward303: 50,
      invoices: [
        { docType: "invoice", issueDate: "2026-02-02", invoiceNumber: "1", vendorTaxId: "ES 12345678-Z", customerTaxId: "A58818501",
          vatLines: [{ rate: 21, base: 1000, vat: 210 }], baseTotal: 1000, vatTotal: 210, irpfRate: 15, irpfAmount: 150, recargo: null, total: 1060 },
        { docType: "invoice", issueDate: "2026-05-05", invoiceNumber: "A-5", vendorTaxId: "87654321X", customerTaxId: "12345678Z",
          vatLines: [{ rate: 21, base: 500, vat: 105 }], irpfRate: 19, irpfAmount: 95, total: 510, category: "alquiler" },
      ],
      otherExpenses: [{ date: "2026-03-31", concept: "RETA", amount: 100, repeat: "monthly" }],
    });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ nif: "12345678Z", year: 2026 });
    expect(out.quarters.map((q: { quarter: string }) => q.quarter)).toEqual(["2026-T1", "2026-T2", "2026-T3", "2026-T4"]);
    const [q1, q2] = out.quarters;
    expect(q1.deadlines).toEqual({ "303": "2026-04-20", "130": "2026-04-20", "111": "2026-04-20", "115": "2026-04-20" });
    // 1T 303: 1 000 at 21 % → 210; 50 € pending applied → 160 to pay
    expect(q1.m303).toMatchObject({ "07": 1000, "08": 21, "09": 210, "27": 210, "110": 50, "78": 50, "87": 0, "71": 160 });
    // 1T 130: 1 000 − 100 (one RETA month) = 900 → 180 − 150 withheld = 30
    expect(q1.m130).toMatchObject({ "01": 1000, "02": 100, "03": 900, "04": 180, "06": 150, "07": 30, "19": 30 });
    // 2T: rent → 303 deduction, 115 withholdings; 130 cumulative: 02 = 100 × 4 months + 500
    expect(q2.m303).toMatchObject({ "28": 500, "29": 105, "46": -105, "71": -105 });
    expect(q2.m115).toEqual({ "01": 1, "02": 500, "03": 95, "04": 0, "05": 95 });
    expect(q2.m130).toMatchObject({ "01": 1000, "02": 900, "03": 100, "04": 20, "05": 30, "06": 150, "07": -160, "12": 0 });
    expect(out.quarters[2].m303["110"]).toBe(105);
  });

  it("matches the hand-worked year (4T 303 result and the 130's last payment)", async () => {
    const out = JSON.parse((await taxes(WORKED_YEAR)).stdout);
    expect(out.quarters[3].m303["71"]).toBe(1628.5);
    expect(out.quarters[3].m130["19"]).toBe(390.8);
    // The 70 % rule from the 2025 invoices in the ledger: 6 000 of 12 000 € withheld.
    expect(out.m130WithheldIncome).toEqual({ year: 2025, invoices: 2, sharePct: 50, notObliged: false });
  });

  it("refuses a bad ledger with a Spanish message, the code and each wrong field", async () => {
    const r = await taxes({ nif: "12345678Z", year: 2026, invoices: [{ issueDate: "2026-13-45x", category: "viajes" }] });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/validation:invalid/);
    expect(r.stderr).toMatch(/invoices\.0\.issueDate/);
    expect(r.stderr).toMatch(/invoices\.0\.category/);
    const notJson = await taxes("{nope");
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/no es JSON válido/);
  });
});
