/**
 * Draws a synthetic document page for the benchmark corpora (scripts/make-memory-corpus.ts,
 * scripts/make-unseen-corpus.ts) in the formats the extractor meets: a text PDF, a page image (PNG, ~200 dpi),
 * an image-only scanned PDF and a phone-style JPEG photo. A page is rows of text cells at fractional positions
 * (x, y in 0…1 of the page) plus optional boxes and rules. Deterministic: the same page and options give the same
 * bytes. Test and benchmark material only.
 */
import { PDFDocument, StandardFonts, rgb, type PDFFont } from "pdf-lib";
import sharp from "sharp";

export type CellOptions = { bold?: boolean; align?: "left" | "right" | "center"; grey?: boolean };
/** x (0…1 of the page width; the right or centre edge when aligned so), text, font size in points. */
export type Cell = [x: number, text: string, size?: number, options?: CellOptions];
export type Row = { y: number; cells: Cell[] };
export type Shape =
  | { kind: "rect"; x: number; y: number; w: number; h: number; fill?: string; stroke?: string }
  | { kind: "line"; x1: number; y1: number; x2: number; y2: number };
/** The PDF standard font family and the system font used for page images. */
export type PageFont = { pdf: "Helvetica" | "Times" | "Courier"; image: string };
export type Page = {
  rows: Row[];
  shapes?: Shape[];
  font?: PageFont;
  /** Page size in points; A4 (595 × 842) unless given (a till roll is narrower and longer). */
  width?: number;
  height?: number;
};

export const SANS: PageFont = { pdf: "Helvetica", image: "DejaVu Sans" };

const PDF_FONTS = {
  Helvetica: [StandardFonts.Helvetica, StandardFonts.HelveticaBold],
  Times: [StandardFonts.TimesRoman, StandardFonts.TimesRomanBold],
  Courier: [StandardFonts.Courier, StandardFonts.CourierBold],
} as const;

const size = (page: Page) => ({ W: page.width ?? 595, H: page.height ?? 842 });

function hex(color: string) {
  const n = Number.parseInt(color.replace("#", ""), 16);
  return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255);
}

/** A PDF with a text layer (one page). */
export async function textPdf(page: Page): Promise<Uint8Array> {
  const { W, H } = size(page);
  const pdf = await PDFDocument.create();
  const p = pdf.addPage([W, H]);
  const [regularName, boldName] = PDF_FONTS[(page.font ?? SANS).pdf];
  const regular = await pdf.embedFont(regularName);
  const bold: PDFFont = await pdf.embedFont(boldName);
  for (const s of page.shapes ?? []) {
    if (s.kind === "rect")
      p.drawRectangle({
        x: s.x * W,
        y: H - (s.y + s.h) * H,
        width: s.w * W,
        height: s.h * H,
        color: s.fill ? hex(s.fill) : undefined,
        borderColor: s.stroke ? hex(s.stroke) : undefined,
        borderWidth: s.stroke ? 0.8 : 0,
      });
    else p.drawLine({ start: { x: s.x1 * W, y: H - s.y1 * H }, end: { x: s.x2 * W, y: H - s.y2 * H }, thickness: 0.7, color: rgb(0.3, 0.3, 0.3) });
  }
  for (const r of page.rows)
    for (const [x, text, pt = 10, o = {}] of r.cells) {
      const font = o.bold ? bold : regular;
      const width = font.widthOfTextAtSize(text, pt);
      const left = o.align === "right" ? x * W - width : o.align === "center" ? x * W - width / 2 : x * W;
      p.drawText(text, { x: left, y: H - r.y * H - 10, size: pt, font, color: o.grey ? rgb(0.35, 0.35, 0.35) : rgb(0, 0, 0) });
    }
  return pdf.save();
}

function escapeXml(s: string) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The page as a clean image at `dpi` (200 unless given), as a flatbed scan or a screenshot would give it. */
export async function pageImage(page: Page, dpi = 200): Promise<Buffer> {
  const { W: w, H: h } = size(page);
  const k = dpi / 72;
  const W = Math.round(w * k);
  const H = Math.round(h * k);
  const family = (page.font ?? SANS).image;
  const shapes = (page.shapes ?? [])
    .map((s) =>
      s.kind === "rect"
        ? `<rect x="${Math.round(s.x * W)}" y="${Math.round(s.y * H)}" width="${Math.round(s.w * W)}" height="${Math.round(s.h * H)}" fill="${s.fill ?? "none"}" stroke="${s.stroke ?? "none"}" stroke-width="${Math.round(0.8 * k)}"/>`
        : `<line x1="${Math.round(s.x1 * W)}" y1="${Math.round(s.y1 * H)}" x2="${Math.round(s.x2 * W)}" y2="${Math.round(s.y2 * H)}" stroke="#4d4d4d" stroke-width="${Math.max(1, Math.round(0.7 * k))}"/>`,
    )
    .join("");
  const text = page.rows
    .flatMap((r) =>
      r.cells.map(([x, t, pt = 10, o = {}]) => {
        const anchor = o.align === "right" ? ` text-anchor="end"` : o.align === "center" ? ` text-anchor="middle"` : "";
        const weight = o.bold ? ` font-weight="bold"` : "";
        return `<text x="${Math.round(x * W)}" y="${Math.round(r.y * H + 10 * k)}" font-family="${family}" font-size="${Math.round(pt * k)}"${weight}${anchor} fill="${o.grey ? "#555" : "#111"}" xml:space="preserve">${escapeXml(t)}</text>`;
      }),
    )
    .join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="100%" height="100%" fill="#fff"/>${shapes}${text}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** Mulberry32: a small seeded generator of floats in [0, 1), for deterministic noise and corpora. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Grey speckle the size of the image, centred on mid-grey (for an overlay blend); `amount` 0…1. */
async function noiseLayer(width: number, height: number, amount: number, seed: number): Promise<Buffer> {
  const rand = seededRandom(seed);
  const px = Buffer.alloc(width * height);
  const spread = 255 * amount;
  for (let i = 0; i < px.length; i++) px[i] = Math.max(0, Math.min(255, Math.round(128 + (rand() - 0.5) * spread)));
  return sharp(px, { raw: { width, height, channels: 1 } }).toColourspace("srgb").png().toBuffer();
}

export type PhotoOptions = {
  /** Degrees, positive clockwise. */
  angle: number;
  brightness: number;
  blur?: number;
  quality?: number;
  /** 0…1 grain; none unless given. */
  noise?: number;
  /** Table around the sheet, as a share of the page width; none unless given. */
  margin?: number;
  /** Light falling off towards one side (0…1); none unless given. */
  shade?: number;
  /** Longest side of the photo in pixels; the page image's size unless given. */
  maxSide?: number;
  seed?: number;
};

/** A phone-style photo of a page image: turned, soft, uneven light, optionally grainy and on a table; JPEG. */
export async function photoOf(png: Buffer, o: PhotoOptions): Promise<Buffer> {
  let img = sharp(png);
  if (o.margin) {
    const { width = 0 } = await sharp(png).metadata();
    const m = Math.round(width * o.margin);
    img = sharp(await img.extend({ top: m, bottom: m, left: m, right: m, background: "#b9ae9c" }).png().toBuffer());
  }
  let turned = await img.rotate(o.angle, { background: "#e8e4da" }).png().toBuffer();
  const { width = 0, height = 0 } = await sharp(turned).metadata();
  const layers: sharp.OverlayOptions[] = [];
  if (o.shade) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="0.4"><stop offset="0" stop-color="#fff"/><stop offset="1" stop-color="rgb(${Math.round(255 * (1 - o.shade))},${Math.round(255 * (1 - o.shade))},${Math.round(250 * (1 - o.shade))})"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/></svg>`;
    layers.push({ input: Buffer.from(svg), blend: "multiply" });
  }
  if (o.noise) layers.push({ input: await noiseLayer(width, height, o.noise, o.seed ?? 1), blend: "overlay" });
  if (layers.length) turned = await sharp(turned).composite(layers).png().toBuffer();
  let out = sharp(turned);
  if (o.maxSide) out = out.resize({ width: o.maxSide, height: o.maxSide, fit: "inside" });
  return out
    .blur(o.blur ?? 0.7)
    .modulate({ brightness: o.brightness })
    .linear(0.85, 18)
    .jpeg({ quality: o.quality ?? 62 })
    .toBuffer();
}

/** An image-only PDF, as an office scanner makes it: grey, a hair askew, light grain, JPEG inside; no text layer. */
export async function scannedPdf(png: Buffer, page: Page, o: { angle: number; noise: number; seed: number }): Promise<Uint8Array> {
  const { W, H } = size(page);
  const grey = await sharp(png).rotate(o.angle, { background: "#ffffff" }).greyscale().png().toBuffer();
  const { width = 0, height = 0 } = await sharp(grey).metadata();
  const grain = await noiseLayer(width, height, o.noise, o.seed);
  const jpg = await sharp(grey)
    .composite([{ input: grain, blend: "overlay" }])
    .greyscale()
    .linear(1.1, -12)
    .jpeg({ quality: 70 })
    .toBuffer();
  const pdf = await PDFDocument.create();
  const p = pdf.addPage([W, H]);
  const image = await pdf.embedJpg(jpg);
  p.drawImage(image, { x: 0, y: 0, width: W, height: H });
  return pdf.save();
}
