import { ensureTessdata, ocrImage, TESSDATA_VARIANT, warmOcr } from "@/lib/documents/ocr";
import { renderPdfPages } from "@/lib/documents/pdf";
import type { CheckResult, DoctorContext } from "../types";
import { errorText } from "../types";
import { SMOKE_EXPECTED, smokePdf } from "../smoke-pdf";

/**
 * OCR language data (from the @tesseract.js-data packages, copied into DATA_DIR as the app does), then a one-page
 * smoke run through the app's own path for scans: pdf.js render (standard fonts) → image clean-up → the OCR pool.
 * The pool is the process-wide one (lib/documents/ocr reads the process environment); the caller stops it.
 */
export async function checkOcr(ctx: DoctorContext): Promise<CheckResult[]> {
  const langs = ctx.env.OCR_LANGS;
  const data: CheckResult = { id: "ocr.data", label: "OCR language data", status: "ok", detail: "" };
  try {
    const dir = await ensureTessdata(langs);
    await ensureTessdata("osd");
    data.detail = `${langs} + osd (${TESSDATA_VARIANT}) in ${dir}`;
  } catch (e) {
    const fail: CheckResult = {
      ...data,
      status: "fail",
      detail: errorText(e),
      fix: `install the @tesseract.js-data/* packages for ${langs} (npm ci) and make DATA_DIR writable`,
    };
    return [fail, { id: "ocr.smoke", label: "OCR smoke run (1 page)", status: "skip", detail: "no language data" }];
  }
  const base = { id: "ocr.smoke", label: "OCR smoke run (1 page)" };
  const started = ctx.now();
  try {
    await warmOcr();
    const warm = ctx.now();
    const [page] = await renderPdfPages(smokePdf(), { dpi: 300 });
    const result = await ocrImage(page, { orientation: "off" });
    const ms = ctx.now() - started;
    const pageMs = ctx.now() - warm;
    const missing = SMOKE_EXPECTED.filter((w) => !result.text.includes(w));
    if (missing.length) {
      return [data, { ...base, status: "fail", detail: `read ${JSON.stringify(result.text.slice(0, 80))}, missing ${missing.join(", ")}`, fix: "check OCR_LANGS and the language data version" }];
    }
    const figures = `${ms} ms (pool start ${ms - pageMs} ms, render + OCR ${pageMs} ms), confidence ${Math.round(result.confidence * 100)} %`;
    if (ms > ctx.ocrBudgetMs) {
      return [data, { ...base, status: "fail", detail: `${figures}: over the ${ctx.ocrBudgetMs} ms budget`, fix: "give the app more CPU or lower OCR_WORKERS on small machines" }];
    }
    return [data, { ...base, status: "ok", detail: `${figures}, within ${ctx.ocrBudgetMs} ms` }];
  } catch (e) {
    return [data, { ...base, status: "fail", detail: errorText(e), fix: "check that sharp, @napi-rs/canvas and tesseract.js load on this platform (npm ci on the target OS)" }];
  }
}
