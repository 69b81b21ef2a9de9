import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { joinPhotos } from "@/lib/documents/join";
import { AppError } from "@/lib/errors";
import { makeInvoicePdf, renderLinesPng } from "@/lib/testing/fixtures";

const MAX = 10 * 1024 * 1024;
const codeOf = async (p: Promise<unknown>) => p.then(() => "ok", (e: unknown) => (e instanceof AppError ? e.code : String(e)));

describe("joinPhotos", () => {
  it("stacks the photos top to bottom at one width, upright, as one JPEG", async () => {
    const top = await renderLinesPng(["Cafetería La Plaza S.L.", "NIF B12345674", "Café 1,50"], { width: 800 });
    // The second part was taken sideways: EXIF orientation 6 (turn 90° clockwise to view).
    const sideways = await sharp(await renderLinesPng(["IVA 10% 0,15", "TOTAL 1,65 €"], { width: 1200 }))
      .rotate(-90)
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    const joined = await joinPhotos([new Uint8Array(top), new Uint8Array(sideways)], { maxBytes: MAX });
    const meta = await sharp(joined).metadata();
    expect(meta.format).toBe("jpeg");
    expect(meta.width).toBe(1600);
    const a = await sharp(top).metadata();
    const b = await sharp(sideways).metadata(); // stored sideways: 248 × 1200
    const upright = { w: b.height!, h: b.width! }; // orientation 6 turns it upright
    const expected = Math.round((a.height! * 1600) / a.width!) + 24 + Math.round((upright.h * 1600) / upright.w);
    expect(Math.abs(meta.height! - expected)).toBeLessThanOrEqual(2);
  });

  it("refuses one photo, a PDF among the photos, and anything that is not an image", async () => {
    const png = new Uint8Array(await renderLinesPng(["Ticket"], { width: 400 }));
    expect(await codeOf(joinPhotos([png], { maxBytes: MAX }))).toBe("upload:join_invalid");
    expect(await codeOf(joinPhotos([png, await makeInvoicePdf()], { maxBytes: MAX }))).toBe("upload:join_invalid");
    expect(await codeOf(joinPhotos([png, new TextEncoder().encode("hola")], { maxBytes: MAX }))).toBe("upload:unsupported_type");
    // An e-invoice is refused (by its own validation, or as not a photo), never joined.
    const xml = new TextEncoder().encode('<?xml version="1.0"?><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>');
    expect(await codeOf(joinPhotos([png, xml], { maxBytes: MAX }))).toMatch(/^(upload:join_invalid|einvoice:invalid)$/);
  });
});
