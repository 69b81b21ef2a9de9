/**
 * Orientation: pure decisions, then tesseract's orientation detection on an invoice drawn as SVG and turned by
 * 90° and 180° without any EXIF tag (what a photo taken sideways by an app that strips EXIF looks like).
 */
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ocrImage, terminateOcr } from "@/lib/documents/ocr";
import { needsOrientationCheck, rotationFromDetection } from "@/lib/documents/osd";
import { useTempDataDir } from "@/lib/testing/env";
import { renderLinesPng } from "@/lib/testing/fixtures";

const LINES = [
  "Distribuciones Norte S.L.",
  "NIF: B12345674",
  "Avenida del Puerto, 12 - 46001 Valencia",
  "FACTURA Nº 2026-0042",
  "Fecha de emisión: 03/02/2026",
  "Concepto                         Importe",
  "Servicio de mantenimiento        250,00 €",
  "Material de oficina               50,00 €",
  "Base imponible                   300,00 €",
  "IVA 21%                           63,00 €",
  "TOTAL FACTURA                    363,00 €",
  "Forma de pago: transferencia bancaria",
];

const invoicePng = () => renderLinesPng(LINES, { width: 1300, x: 90, top: 140, lineHeight: 64, fontSize: 34, bottom: 60 });

describe("rotationFromDetection", () => {
  it.each([
    [{ orientation_degrees: 0, orientation_confidence: 20 }, null],
    [{ orientation_degrees: 90, orientation_confidence: 12 }, 90],
    [{ orientation_degrees: 180, orientation_confidence: 9 }, 180],
    [{ orientation_degrees: 270, orientation_confidence: 15 }, 270],
    [{ orientation_degrees: 90, orientation_confidence: 0.5 }, null], // not sure enough
    [{ orientation_degrees: null, orientation_confidence: null }, null], // nothing detected
  ])("%j → %s", (d, expected) => {
    expect(rotationFromDetection(d)).toBe(expected);
  });
});

describe("needsOrientationCheck", () => {
  const words = (n: number) => Array.from({ length: n }, () => ({ text: "palabra" }));
  it("skips a page read with confidence and many words", () => {
    expect(needsOrientationCheck({ confidence: 0.9, words: words(80) })).toBe(false);
  });
  it.each([
    ["low confidence", { confidence: 0.4, words: words(80) }],
    ["hardly any words", { confidence: 0.9, words: words(3) }],
  ])("checks a page with %s", (_name, r) => {
    expect(needsOrientationCheck(r)).toBe(true);
  });
});

describe("ocrImage with orientation detection", () => {
  useTempDataDir("anclora-osd-");
  let upright: Buffer;

  beforeAll(async () => {
    upright = await invoicePng();
  });

  afterAll(async () => {
    await terminateOcr();
  });

  it("reads an upright page without turning it", async () => {
    const r = await ocrImage(upright);
    expect(r.rotated).toBeUndefined();
    expect(r.text).toContain("363,00");
  });

  it.each([90, 180, 270])("turns a page rotated by %s° (no EXIF) upright and reads it", async (deg) => {
    const turned = await sharp(upright).rotate(deg).jpeg({ quality: 90 }).toBuffer();
    expect((await sharp(turned).metadata()).orientation).toBeUndefined();
    const r = await ocrImage(turned);
    expect(r.rotated).toBe((360 - deg) % 360);
    expect(r.text).toContain("B12345674");
    expect(r.text).toMatch(/TOTAL FACTURA\s+363,00/);
    expect(r.confidence).toBeGreaterThan(0.8);
    // Boxes refer to the upright image.
    expect(r.width).toBeLessThan(r.height * 2);
    expect(r.width).toBeGreaterThan(r.height);
  });

  it("with orientation off, a turned page is left as it is", async () => {
    const turned = await sharp(upright).rotate(180).png().toBuffer();
    const r = await ocrImage(turned, { orientation: "off" });
    expect(r.rotated).toBeUndefined();
    expect(r.text).not.toMatch(/TOTAL FACTURA\s+363,00/);
  });
});
