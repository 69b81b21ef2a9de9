/**
 * The deployment checklist as a command: reads the environment the app would run with and checks each item.
 *
 *   npm run doctor                           development mode (production items are ⚠)
 *   npm run doctor -- --production           production mode (or NODE_ENV=production): must-haves are ✗
 *   npm run doctor -- --url http://127.0.0.1:3000   also probe the running app (/api/health, /api/inngest, CORS)
 *   npm run doctor -- --json                 the report as JSON, for monitoring
 *
 * Exit code 1 when any check is ✗. Logic: lib/doctor/.
 */
import { parseArgs } from "node:util";
import { terminateOcr } from "@/lib/documents/ocr";
import { exitCode, formatReport, runDoctor } from "@/lib/doctor";

const { values } = parseArgs({
  options: {
    json: { type: "boolean", default: false },
    production: { type: "boolean", default: false },
    url: { type: "string" },
    "ocr-budget-ms": { type: "string" },
  },
});

// The environment as the app would see it; then the checks' own logs (OCR pool start, driver errors), which would
// drown the report, are silenced.
const vars = { ...process.env };
process.env.LOG_LEVEL = "silent";
// The smoke run reads one page: one OCR worker is enough, and starts faster than a pool sized to the cores.
process.env.OCR_WORKERS = "1";
const report = await runDoctor({
  vars,
  production: values.production || process.env.NODE_ENV === "production",
  appUrl: values.url ?? process.env.DOCTOR_URL,
  ...(values["ocr-budget-ms"] ? { ocrBudgetMs: Number(values["ocr-budget-ms"]) } : {}),
});
await terminateOcr().catch(() => {});
process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`);
process.exit(exitCode(report));
