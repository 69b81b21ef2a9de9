import { describe, expect, it } from "vitest";
import { blockQuantiles, estimateBackground, estimateSkew, findPaper, flattenAndMask, otsu, stretchContrast, type Gray } from "@/lib/documents/image";

/** An image from a function of (x, y) → grey level. */
function paint(width: number, height: number, f: (x: number, y: number) => number): Gray {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = Math.max(0, Math.min(255, Math.round(f(x, y))));
  return { data, width, height };
}

/** Deterministic noise in ±amp. */
function noise(x: number, y: number, amp: number): number {
  const s = Math.sin(x * 12.9898 + y * 78.233) * 43758.5453;
  return (s - Math.floor(s) - 0.5) * 2 * amp;
}

/**
 * Lines of "words" (dark bars 14 px tall, gaps between words) on a page, rotated by `deg` about the centre:
 * what a page of text looks like to a projection profile.
 */
function textPage(width: number, height: number, deg: number, paper: (x: number, y: number) => number = () => 235): Gray {
  const t = (deg * Math.PI) / 180;
  const cx = width / 2, cy = height / 2;
  return paint(width, height, (x, y) => {
    // Un-rotate the pixel into page coordinates.
    const px = (x - cx) * Math.cos(t) + (y - cy) * Math.sin(t) + cx;
    const py = -(x - cx) * Math.sin(t) + (y - cy) * Math.cos(t) + cy;
    const inMargin = px < 80 || px > width - 80 || py < 80 || py > height - 80;
    const line = Math.floor((py - 80) / 36);
    const inLine = (py - 80) % 36 < 14;
    const inWord = (px + line * 37) % 90 < 70;
    return !inMargin && inLine && inWord ? 30 : paper(x, y);
  });
}

describe("otsu", () => {
  it("splits two groups between them", () => {
    const { threshold, separation } = otsu([50, 52, 49, 51, 200, 201, 199, 202]);
    expect(threshold).toBeGreaterThanOrEqual(52);
    expect(threshold).toBeLessThan(199);
    expect(separation).toBeGreaterThan(140);
  });
});

describe("estimateBackground + flattenAndMask", () => {
  it("evens out light falling from 250 to 140 across the page: paper white, ink dark", () => {
    const img = textPage(900, 1200, 0, (x, y) => 250 - (110 * (x + y)) / 2100 + noise(x, y, 6));
    const flat = flattenAndMask(img, estimateBackground(img), null);
    let paperDark = 0, paperTotal = 0, inkLight = 0, inkTotal = 0;
    for (let i = 0; i < img.data.length; i++) {
      if (img.data[i] <= 40) {
        inkTotal++;
        if (flat.data[i] > 100) inkLight++;
      } else {
        paperTotal++;
        if (flat.data[i] < 200) paperDark++;
      }
    }
    expect(paperDark / paperTotal).toBeLessThan(0.01);
    expect(inkLight / inkTotal).toBeLessThan(0.01);
  });

  it("keeps a dark bar narrower than the dilation as ink (a table header is not background)", () => {
    const img = paint(800, 800, (x, y) => (y >= 300 && y < 330 ? 60 : 230));
    const flat = flattenAndMask(img, estimateBackground(img), null);
    expect(flat.data[315 * 800 + 400]).toBeLessThan(90);
    expect(flat.data[100 * 800 + 400]).toBe(255);
  });
});

describe("findPaper", () => {
  const sheet = (bg: number) =>
    paint(1000, 1400, (x, y) => (x >= 150 && x < 850 && y >= 120 && y < 1250 ? 215 - y / 40 : bg) + noise(x, y, 8));

  it("finds a bright sheet on a dark table and crops close to it", () => {
    const img = sheet(70);
    const paper = findPaper(blockQuantiles(img, 22), img.width, img.height)!;
    expect(paper).not.toBeNull();
    const { x, y, width, height } = paper.box;
    expect(Math.abs(x - 150)).toBeLessThanOrEqual(22);
    expect(Math.abs(y - 120)).toBeLessThanOrEqual(22);
    expect(Math.abs(x + width - 850)).toBeLessThanOrEqual(22);
    expect(Math.abs(y + height - 1250)).toBeLessThanOrEqual(22);
    // Background outside the sheet ends up white after masking; the sheet's text stays.
    const flat = flattenAndMask(img, estimateBackground(img, 22), paper);
    expect(flat.width).toBe(width);
    expect(flat.data.reduce((m, v) => Math.min(m, v), 255)).toBeGreaterThan(150); // no dark frame left from the table
  });

  it.each([
    ["a scan (all paper)", paint(1000, 1400, (x, y) => 240 + noise(x, y, 5))],
    ["paper on a table as bright as it", paint(1000, 1400, (x, y) => (x > 150 && x < 850 ? 225 : 220) + noise(x, y, 5))],
    ["vignetting without an edge", paint(1000, 1400, (x, y) => 230 - Math.hypot(x - 500, y - 700) / 10)],
  ])("returns null for %s", (_name, img) => {
    expect(findPaper(blockQuantiles(img, 22), img.width, img.height)).toBeNull();
  });
});

describe("estimateSkew", () => {
  it.each([0, 1.5, -2.5, 4])("measures a page of text turned by %s°", (deg) => {
    const got = estimateSkew(textPage(1000, 1300, deg));
    expect(Math.abs(got - deg)).toBeLessThanOrEqual(0.3);
  });

  it("returns 0 for an image without ink", () => {
    expect(estimateSkew(paint(500, 500, () => 255))).toBe(0);
  });
});

describe("stretchContrast", () => {
  it("maps the 1st and 99th percentiles to 0 and 255", () => {
    const img = paint(100, 100, (x) => (x < 50 ? 90 : 180));
    stretchContrast(img);
    expect(img.data[0]).toBe(0);
    expect(img.data[99]).toBe(255);
  });

  it("leaves a flat image alone", () => {
    const img = paint(50, 50, () => 128);
    stretchContrast(img);
    expect(img.data.every((v) => v === 128)).toBe(true);
  });
});
