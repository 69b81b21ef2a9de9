import { afterAll, describe, expect, it } from "vitest";
import { PdfSandbox, SandboxError, sandboxErrorCode, type SandboxLimits } from "@/lib/documents/sandbox";
import { extractPdfText } from "@/lib/documents/pdf";
import { validateUpload } from "@/lib/documents/sniff";
import { AppError } from "@/lib/errors";
import { blankPagesPdf, contentBombPdf, encryptedPdf, pixelBombPng, smallPng } from "@/lib/testing/hostile";
import { SAMPLE_INVOICE, makeInvoicePdf } from "@/lib/testing/fixtures";

const LIMITS: SandboxLimits = {
  documentMs: 60_000,
  pageMs: 30_000,
  maxPages: 20,
  maxStreamBytes: 32 * 1024 * 1024,
  maxTotalBytes: 128 * 1024 * 1024,
  maxImagePixels: 50_000_000,
};

async function failure(p: Promise<unknown>): Promise<SandboxError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(SandboxError);
  return e as SandboxError;
}

async function appFailure(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe("PdfSandbox", () => {
  const sandbox = new PdfSandbox({ workers: 1, memoryMb: 256 });
  afterAll(() => sandbox.close());

  it("reads a real invoice's text layer in a worker", async () => {
    const { text } = await extractPdfText(await makeInvoicePdf(SAMPLE_INVOICE), sandbox);
    expect(text).toContain(SAMPLE_INVOICE.number);
  });

  it("refuses a content-stream bomb by its decoded size, before pdf.js evaluates it", async () => {
    const bomb = contentBombPdf(40);
    expect(bomb.byteLength).toBeLessThan(200_000);
    const e = await failure(sandbox.run("text", bomb, LIMITS));
    expect(e.reason).toBe("too_complex");
    expect(sandboxErrorCode(e, "upload")).toBe("upload:too_complex");
    expect(sandboxErrorCode(e, "processing")).toBe("extraction:over_budget");
  });

  it("ends a page over its time budget, replaces the worker and keeps serving", async () => {
    const replaced = sandbox.replaced;
    // Under the decoded-size cap, but far more operators than the page budget allows to evaluate.
    const heavy = contentBombPdf(12);
    const e = await failure(sandbox.run("render", heavy, { ...LIMITS, pageMs: 50 }, { dpi: 72 }));
    expect(e.reason).toBe("over_budget");
    expect(e.message).toMatch(/page over 50 ms/);
    expect(sandbox.replaced).toBe(replaced + 1);
    const next = await sandbox.run<{ pages: number }>("inspect", await makeInvoicePdf(SAMPLE_INVOICE), LIMITS);
    expect(next.pages).toBe(1);
  });

  it("ends a job whose heap passes the memory cap, and the pool recovers", async () => {
    const small = new PdfSandbox({ workers: 1, memoryMb: 24 });
    try {
      const e = await failure(small.run("render", contentBombPdf(12), LIMITS, { dpi: 72 }));
      expect(e.reason).toBe("over_budget");
      expect(e.message).toMatch(/ERR_WORKER_OUT_OF_MEMORY/);
      expect(small.replaced).toBe(1);
      const ok = await small.run<{ pages: number }>("inspect", await blankPagesPdf(1), LIMITS);
      expect(ok.pages).toBe(1);
    } finally {
      await small.close();
    }
  });

  it("tells an encrypted PDF from a damaged one", async () => {
    const e = await failure(sandbox.run("inspect", encryptedPdf(), LIMITS));
    expect(e.reason).toBe("encrypted");
    expect(sandboxErrorCode(e, "upload")).toBe("upload:pdf_encrypted");
  });

  it("refuses more pages than the cap from the page count alone", async () => {
    const e = await failure(sandbox.run("inspect", await blankPagesPdf(21), LIMITS));
    expect(e.reason).toBe("too_many_pages");
    await expect(sandbox.run("inspect", await blankPagesPdf(20), LIMITS)).resolves.toEqual({ pages: 20 });
  });
});

describe("validateUpload with hostile files", () => {
  it.each([
    ["a content-stream bomb", () => contentBombPdf(100), "upload:too_complex"],
    ["an encrypted PDF", async () => encryptedPdf(), "upload:pdf_encrypted"],
    ["500 blank pages", () => blankPagesPdf(500), "upload:too_many_pages"],
    ["a 10000×10000 PNG", async () => pixelBombPng(), "upload:image_too_large"],
  ] as const)("refuses %s with its own code", async (_name, make, code) => {
    const err = await appFailure(validateUpload(await make(), { maxBytes: 10 * 1024 * 1024 }));
    expect(err.code).toBe(code);
    expect(err.status).toBe(400);
  });

  it("still accepts a normal image and PDF", async () => {
    await expect(validateUpload(await smallPng(), { maxBytes: 1e6 })).resolves.toMatchObject({ ext: "png" });
    await expect(validateUpload(await makeInvoicePdf(SAMPLE_INVOICE), { maxBytes: 1e6 })).resolves.toMatchObject({
      ext: "pdf",
    });
  });
});
