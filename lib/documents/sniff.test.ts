import { PDFDocument, StandardFonts } from "pdf-lib";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { validateUpload } from "@/lib/documents/sniff";
import { AppError } from "@/lib/errors";
import { BASIC_INVOICE, bytesOf, ciiXml, facturaeXml, ublXml } from "@/lib/testing/einvoices";

const MAX = 1024 * 1024;

async function textPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText("FACTURA 1", { x: 50, y: 780, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) });
  return doc.save();
}

async function image(format: "png" | "jpeg" | "webp"): Promise<Uint8Array> {
  const buf = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#c0ffee" } })
    .toFormat(format)
    .toBuffer();
  return new Uint8Array(buf);
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe("validateUpload", () => {
  let pdf: Uint8Array;
  beforeAll(async () => {
    pdf = await textPdf();
  });

  it.each([
    ["png", "image/png", "png"],
    ["jpeg", "image/jpeg", "jpg"],
    ["webp", "image/webp", "webp"],
  ] as const)("accepts a real %s image", async (format, mime, ext) => {
    await expect(validateUpload(await image(format), { maxBytes: MAX })).resolves.toEqual({ mime, ext });
  });

  it("accepts a real PDF and leaves the caller's bytes usable", async () => {
    const copy = pdf.slice();
    await expect(validateUpload(pdf, { maxBytes: MAX })).resolves.toEqual({ mime: "application/pdf", ext: "pdf" });
    expect(pdf.byteLength).toBe(copy.byteLength); // not detached by pdfjs
    expect(Buffer.from(pdf).equals(Buffer.from(copy))).toBe(true);
  });

  it("rejects an empty upload", async () => {
    expect((await rejection(validateUpload(new Uint8Array(), { maxBytes: MAX }))).code).toBe("upload:empty");
  });

  it("rejects an upload over the size limit before reading it", async () => {
    const err = await rejection(validateUpload(pdf, { maxBytes: pdf.byteLength - 1 }));
    expect(err.code).toBe("upload:too_large");
    await expect(validateUpload(pdf, { maxBytes: pdf.byteLength })).resolves.toMatchObject({ ext: "pdf" });
  });

  it.each([
    ["a text file renamed .pdf", new TextEncoder().encode("FACTURA Nº 1\nTotal 121,00 €\n".repeat(20))],
    ["a zip archive", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, ...new Array(40).fill(0)])],
    ["an HTML page", new TextEncoder().encode("<!doctype html><html><body>factura</body></html>")],
  ])("rejects %s as unsupported", async (_name, bytes) => {
    expect((await rejection(validateUpload(bytes, { maxBytes: MAX }))).code).toBe("upload:unsupported_type");
  });

  it("rejects a GIF (a real image, but not an accepted type)", async () => {
    const gif = new Uint8Array(await sharp({ create: { width: 8, height: 8, channels: 3, background: "#000" } }).gif().toBuffer());
    expect((await rejection(validateUpload(gif, { maxBytes: MAX }))).code).toBe("upload:unsupported_type");
  });

  it("rejects %PDF- followed by garbage as corrupt", async () => {
    const bytes = new TextEncoder().encode("%PDF-1.7\n" + "garbage ".repeat(200));
    expect((await rejection(validateUpload(bytes, { maxBytes: MAX }))).code).toBe("upload:corrupt");
  });

  it("rejects a truncated PNG as corrupt", async () => {
    const big = new Uint8Array(
      await sharp({ create: { width: 400, height: 400, channels: 3, background: "#fff" } })
        .composite([{ input: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400"><circle cx="200" cy="200" r="150" fill="red"/></svg>`) }])
        .png({ compressionLevel: 0 })
        .toBuffer(),
    );
    const truncated = big.slice(0, Math.floor(big.byteLength / 2));
    expect((await rejection(validateUpload(truncated, { maxBytes: MAX }))).code).toBe("upload:corrupt");
  });

  it.each([
    ["Facturae 3.2.2", facturaeXml(BASIC_INVOICE)],
    ["signed Facturae 3.2", facturaeXml(BASIC_INVOICE, { version: "3.2", signed: true })],
    ["UBL 2.1", ublXml(BASIC_INVOICE)],
    ["CII (Factur-X)", ciiXml(BASIC_INVOICE)],
  ])("accepts e-invoice XML by content: %s", async (_name, xml) => {
    await expect(validateUpload(bytesOf(xml), { maxBytes: MAX })).resolves.toEqual({ mime: "application/xml", ext: "xml" });
  });

  it.each([
    ["billion laughs", `<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "a"><!ENTITY b "&a;&a;&a;&a;">]><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><ID>&b;</ID></Invoice>`, "einvoice:dtd_forbidden"],
    ["XXE", `<?xml version="1.0"?><!DOCTYPE f [<!ENTITY x SYSTEM "file:///etc/passwd">]><fe:Facturae xmlns:fe="x">&x;</fe:Facturae>`, "einvoice:dtd_forbidden"],
    ["malformed XML", facturaeXml(BASIC_INVOICE).replace("</Parties>", ""), "einvoice:malformed"],
    ["XML that is no invoice", `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>`, "einvoice:unknown_format"],
  ])("refuses %s with its own code, before storing anything", async (_name, xml, code) => {
    expect((await rejection(validateUpload(bytesOf(xml), { maxBytes: MAX }))).code).toBe(code);
  });

  it("applies the upload size limit to XML too", async () => {
    const bytes = bytesOf(facturaeXml(BASIC_INVOICE));
    expect((await rejection(validateUpload(bytes, { maxBytes: bytes.byteLength - 1 }))).code).toBe("upload:too_large");
  });
});
