import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { betterReading, doubtfulWords, ensureTessdata, ocrEngine, preprocessImage, replaceWords, TESSDATA_VARIANT, wordsFromTsv, type OcrWord } from "@/lib/documents/ocr";
import { useTempDataDir } from "@/lib/testing/env";
import { AppError } from "@/lib/errors";

const dataDir = useTempDataDir("anclora-ocr-", { OCR_LANGS: undefined });

describe("ensureTessdata", () => {
  it("copies every language's data into one directory under DATA_DIR, once", async () => {
    const dir = await ensureTessdata("spa+eng");
    expect(dir).toBe(path.join(dataDir(), "tessdata", TESSDATA_VARIANT));
    expect((await readdir(dir)).sort()).toEqual(["eng.traineddata.gz", "spa.traineddata.gz"]);
    const first = await stat(path.join(dir, "spa.traineddata.gz"));
    await ensureTessdata("spa+eng");
    const second = await stat(path.join(dir, "spa.traineddata.gz"));
    expect(second.mtimeMs).toBe(first.mtimeMs); // not copied again
  });

  it("fails with extraction:ocr_failed for a language that is not installed", async () => {
    const err = await ensureTessdata("klingon").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("extraction:ocr_failed");
  });

  it("names the engine with its languages", () => {
    expect(ocrEngine()).toBe("tesseract.js@7.0.0:spa+eng");
  });
});

describe("preprocessImage", () => {
  it("applies EXIF orientation, drops colour and upscales small images", async () => {
    // 300×200 landscape pixels stored with orientation 6 (display rotated 90°: portrait).
    const jpeg = await sharp({ create: { width: 300, height: 200, channels: 3, background: "#3366cc" } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const out = await preprocessImage(jpeg);
    const meta = await sharp(out).metadata();
    expect(meta.format).toBe("png");
    expect(meta.width! < meta.height!).toBe(true); // portrait after rotation
    expect(Math.min(meta.width!, meta.height!)).toBeGreaterThanOrEqual(750); // upscaled (capped at 4×)
    expect(meta.channels).toBeLessThanOrEqual(2); // greyscale
  });

  it("keeps large images at their size", async () => {
    const png = await sharp({ create: { width: 1700, height: 2200, channels: 3, background: "#fff" } }).png().toBuffer();
    const meta = await sharp(await preprocessImage(png)).metadata();
    expect([meta.width, meta.height]).toEqual([1700, 2200]);
  });

  it("stretches contrast (a faint grey-on-grey image uses the full range)", async () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1600"><rect width="100%" height="100%" fill="#b4b4b4"/><rect x="400" y="400" width="800" height="800" fill="#8c8c8c"/></svg>`;
    const out = await preprocessImage(await sharp(Buffer.from(svg)).png().toBuffer());
    const { channels } = await sharp(out).stats();
    expect(channels[0].min).toBeLessThan(20);
    expect(channels[0].max).toBeGreaterThan(235);
  });

  it("fails with extraction:image_unreadable for bytes that are not an image", async () => {
    const err = await preprocessImage(new TextEncoder().encode("not an image")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("extraction:image_unreadable");
  });
});

describe("wordsFromTsv", () => {
  it("keeps word rows (level 5) with boxes and 0..1 confidences, in reading order", () => {
    const tsv = [
      "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
      "1\t1\t0\t0\t0\t0\t0\t0\t1240\t1754\t-1\t",
      "4\t1\t1\t1\t1\t0\t80\t90\t400\t30\t-1\t",
      "5\t1\t1\t1\t1\t1\t80\t90\t120\t30\t96.5\tTOTAL",
      "5\t1\t1\t1\t1\t2\t300\t91\t100\t29\t88\t121,00",
      "5\t1\t1\t1\t1\t3\t420\t91\t10\t29\t95\t ",
      "5\t1\t1\t1\t2\t1\t80\t140\t20\t30\t-1\t€",
    ].join("\n");
    expect(wordsFromTsv(tsv)).toEqual([
      { text: "TOTAL", confidence: 0.965, bbox: { x0: 80, y0: 90, x1: 200, y1: 120 } },
      { text: "121,00", confidence: 0.88, bbox: { x0: 300, y0: 91, x1: 400, y1: 120 } },
      { text: "€", confidence: 0, bbox: { x0: 80, y0: 140, x1: 100, y1: 170 } },
    ]);
  });
});

describe("replaceWords", () => {
  const w = (text: string, confidence = 0.9): OcrWord => ({ text, confidence, bbox: { x0: 0, y0: 0, x1: 1, y1: 1 } });
  it.each([
    ["one word, spacing kept", "Factura   ABO230810\nTotal 12,00", ["Factura", "ABO230810", "Total", "12,00"], [[1, "ABO250810"]], "Factura   ABO250810\nTotal 12,00"],
    ["the same text twice: the one at the word's place", "1234 1234\n1234", ["1234", "1234", "1234"], [[2, "1284"]], "1234 1234\n1284"],
    ["a word not found in the text changes nothing", "A B", ["A", "X", "B"], [[1, "Y"]], "A B"],
  ] as const)("%s", (_name, text, words, repl, expected) => {
    const ws = words.map((t) => w(t));
    const out = replaceWords(text, ws, new Map(repl.map(([i, t]) => [i, w(t, 0.99)])));
    expect(out.text).toBe(expected);
    for (const [i, t] of repl) if (out.text !== text) expect(out.words[i].text).toBe(t);
  });
});

describe("doubtfulWords", () => {
  it("picks unsure words with digits, least sure first", () => {
    const w = (text: string, confidence: number): OcrWord => ({ text, confidence, bbox: { x0: 0, y0: 0, x1: 1, y1: 1 } });
    expect(doubtfulWords([w("B25/0579", 0.7), w("Factura", 0.3), w("12", 0.2), w("A-4281", 0.5), w("2025", 0.97)])).toEqual([3, 0]);
  });
});

describe("betterReading", () => {
  it.each([
    ["a digit read better, surer", "REVs276", 0.47, "REV5276", 0.91, true],
    ["a lost decimal point", "2559", 0.33, "25.59", 0.96, true],
    ["the same text", "802182566", 0.28, "802182566", 0.94, false],
    ["not sure enough of the second", "B-28928018", 0.53, "828928018", 0.71, false],
    ["hardly surer than the first", "100", 0.82, "3100", 0.88, false],
    ["another word", "A480", 0.31, "DA?S", 0.95, false],
    ["two tokens", "12,50", 0.4, "12, 50", 0.95, false],
  ] as const)("%s", (_name, a, ca, b, cb, expected) => {
    expect(betterReading({ text: a, confidence: ca }, { text: b, confidence: cb })).toBe(expected);
  });
});
