import { InngestTestEngine } from "@inngest/test";
import { serializeError } from "inngest";
import { describe, expect, it } from "vitest";
import { getDocumentById } from "@/db/queries/documents";
import { getExtraction, getInvoiceForDocument } from "@/db/queries/extractions";
import { ingestUpload } from "@/lib/documents/ingest";
import { createOwner } from "@/lib/testing/book";
import { makeInvoicePdf, SAMPLE_INVOICE } from "@/lib/testing/fixtures";
import { pipelineTestbed } from "@/lib/testing/pipeline";
import { BASIC_INVOICE, bytesOf, ciiXml, facturaeXml, pdfWithAttachment } from "@/lib/testing/einvoices";
import { createProcessDocumentFunction } from "@/inngest/functions/process-document";

type Fn = ReturnType<typeof createProcessDocumentFunction>;

/**
 * Runs the function's real `onFailure` handler through the SDK's engine, as Inngest does after the last attempt:
 * an `inngest/function.failed` event carrying the original event and the serialised error. (@inngest/test 1.0
 * always runs the main handler, so its execution is pointed at the failure handler here.)
 */
async function runOnFailure(fn: Fn, original: { name: string; data: unknown }, error: unknown) {
  const failureHandler = Object.create(fn, {
    createExecution: {
      value: (opts: { partialOptions: Record<string, unknown> }) =>
        (fn as unknown as { createExecution: (o: unknown) => unknown }).createExecution({
          ...opts,
          partialOptions: { ...opts.partialOptions, handlerKind: "failure" },
        }),
    },
  }) as Fn;
  return new InngestTestEngine({
    function: failureHandler,
    events: [{ name: "inngest/function.failed", data: { event: original, error: serializeError(error) } }],
  }).execute();
}

/** The Inngest function, executed by the Inngest SDK's own engine against a real database and storage. */
describe("process-document (Inngest execution)", () => {
  const bed = pipelineTestbed();

  async function upload(bytes: Uint8Array, filename = "f.pdf") {
    const owner = await createOwner(bed.handle.db);
    const { document } = await ingestUpload(
      { db: bed.handle.db, storage: bed.store.storage, enqueue: async () => {}, maxBytes: 10 * 1024 * 1024 },
      { ...owner, filename, bytes },
    );
    return document;
  }

  it("runs load → text → parse → persist and stores the draft invoice", async () => {
    const doc = await upload(await makeInvoicePdf());
    expect(doc.status).toBe("uploaded");
    const t = new InngestTestEngine({
      function: createProcessDocumentFunction(bed.deps),
      events: [{ name: "document/uploaded", data: { documentId: doc.id } }],
    });
    const { result, error, ctx } = await t.execute();
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ status: expect.stringMatching(/^(extracted|needs_review)$/) });
    const stepIds = ctx.step.run.mock.calls.map((c: unknown[]) => c[0]);
    expect(stepIds).toEqual(["load", "text", "parse", "persist"]);

    const after = await getDocumentById(bed.handle.db, { id: doc.id });
    expect(after?.status).toBe((result as { status: string }).status);
    expect(after?.attempts).toBe(1);
    const invoice = await getInvoiceForDocument(bed.handle.db, { documentId: doc.id });
    expect(invoice?.totalCents).toBe(121000);
    expect(invoice?.number).toBe(SAMPLE_INVOICE.number);
    expect(invoice?.counterpartyTaxId).toBe(SAMPLE_INVOICE.vendorNif);
    const extraction = await getExtraction(bed.handle.db, { documentId: doc.id });
    expect(extraction?.textSource).toBe("pdf_text");
    expect(extraction?.rawText).toContain("F-2026-0042");
    // The text step's layout reached the parse step: fields carry the box they were read from (page fractions).
    const total = extraction?.fields.totalCents;
    expect(total?.value).toBe(121000);
    expect(total?.box).toMatchObject({ page: 1 });
    expect(total!.box!.x).toBeGreaterThan(0);
    expect(total!.box!.y).toBeGreaterThan(0.2);
    expect(total!.box!.y + total!.box!.h).toBeLessThan(1);
  });

  it("does nothing for a document that is not waiting to be processed", async () => {
    const doc = await upload(await makeInvoicePdf({ ...SAMPLE_INVOICE, number: "F-2" }));
    const fn = createProcessDocumentFunction(bed.deps);
    const events: [{ name: string; data: { documentId: string } }] = [
      { name: "document/uploaded", data: { documentId: doc.id } },
    ];
    await new InngestTestEngine({ function: fn, events }).execute();
    const second = await new InngestTestEngine({ function: fn, events }).execute();
    expect(second.result).toMatchObject({ status: "skipped" });
    expect((await getDocumentById(bed.handle.db, { id: doc.id }))?.attempts).toBe(1);
  });

  it("rejects a PDF that cannot be read without retrying, and the failure is recorded with its code", async () => {
    const doc = await upload(await makeInvoicePdf({ ...SAMPLE_INVOICE, number: "F-3" }));
    // The stored object gets damaged after upload.
    await bed.store.storage.put(doc.storageKey!, new TextEncoder().encode("%PDF-1.7\ngarbage"), "application/pdf");
    const fn = createProcessDocumentFunction(bed.deps);
    const event = { name: "document/uploaded", data: { documentId: doc.id } };
    const { error } = await new InngestTestEngine({ function: fn, events: [event] }).execute();
    expect(error).toBeDefined();
    expect(String((error as { name?: string }).name)).toBe("NonRetriableError");
    // No retry would help, so Inngest runs the failure handler now; until then the document is still processing.
    expect((await getDocumentById(bed.handle.db, { id: doc.id }))?.status).toBe("processing");
    const failure = await runOnFailure(fn, event, error);
    expect(failure.error).toBeUndefined();
    const failed = await getDocumentById(bed.handle.db, { id: doc.id });
    expect(failed?.status).toBe("failed");
    expect(failed?.errorCode).toBe("extraction:pdf_unreadable");
  });

  it("reads an uploaded Facturae exactly: no OCR, every field at confidence 1, signer recorded", async () => {
    const sources: string[] = [];
    const doc = await upload(bytesOf(facturaeXml(BASIC_INVOICE, { signed: true })), "factura.xml");
    expect(doc).toMatchObject({ mimeType: "application/xml", status: "uploaded" });
    expect(doc.storageKey).toMatch(/\.xml$/);
    const t = new InngestTestEngine({
      function: createProcessDocumentFunction({
        ...bed.deps,
        extractText: async (b, m) => {
          const r = await bed.deps.extractText(b, m);
          sources.push(r.source);
          return r;
        },
      }),
      events: [{ name: "document/uploaded", data: { documentId: doc.id } }],
    });
    const { result, error } = await t.execute();
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ status: "extracted" });
    expect(sources).toEqual(["einvoice"]);
    const extraction = await getExtraction(bed.handle.db, { documentId: doc.id });
    expect(extraction).toMatchObject({ textSource: "einvoice", engine: "einvoice:Facturae 3.2.2", ocrConfidence: null, confidence: 1 });
    expect(extraction?.fields.totalCents).toEqual({ value: 10600, confidence: 1 });
    expect(extraction?.fields.signer).toEqual({ value: "PROVEEDOR DE PRUEBAS SL", confidence: 1 });
    expect(extraction?.fields.customerName?.value).toBe("Ana García López");
    expect(extraction?.rawText).toContain("Facturae 3.2.2");
    const invoice = await getInvoiceForDocument(bed.handle.db, { documentId: doc.id });
    expect(invoice).toMatchObject({ number: "A-0042", counterpartyTaxId: "B12345674", irpfCents: 1500, totalCents: 10600, issueDate: "2026-10-15" });
    expect(invoice?.vatLines.map((l) => [l.rate, l.baseCents, l.vatCents])).toEqual([["21.00", 10000, 2100]]);
  });

  it("reads the CII attached to a PDF (Factur-X) and keeps the PDF as the document", async () => {
    const pdf = await pdfWithAttachment(ciiXml({ ...BASIC_INVOICE, number: "FX-9", series: undefined, irpf: undefined, total: "121.00" }, { profile: "basic" }));
    const doc = await upload(pdf, "factur-x.pdf");
    expect(doc.mimeType).toBe("application/pdf");
    const { result } = await new InngestTestEngine({
      function: createProcessDocumentFunction(bed.deps),
      events: [{ name: "document/uploaded", data: { documentId: doc.id } }],
    }).execute();
    expect(result).toMatchObject({ status: "extracted" });
    const extraction = await getExtraction(bed.handle.db, { documentId: doc.id });
    expect(extraction?.textSource).toBe("einvoice");
    expect(extraction?.rawText).toContain("adjunta al PDF (factur-x.xml)");
    expect(await getInvoiceForDocument(bed.handle.db, { documentId: doc.id })).toMatchObject({ number: "FX-9", totalCents: 12100 });
  });

  it("sends an e-invoice whose figures do not add up to review", async () => {
    const doc = await upload(bytesOf(facturaeXml({ ...BASIC_INVOICE, number: "0043", total: "107.00" })), "mal.xml");
    const { result } = await new InngestTestEngine({
      function: createProcessDocumentFunction(bed.deps),
      events: [{ name: "document/uploaded", data: { documentId: doc.id } }],
    }).execute();
    expect(result).toMatchObject({ status: "needs_review" });
  });
});
