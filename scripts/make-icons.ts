/**
 * Renders the app icons in public/ from public/icon.svg with sharp (run after changing the SVG, then commit the
 * PNGs): 192 and 512 px for the web manifest, a maskable 512 px one with a safe margin, the 180 px Apple touch
 * icon and favicon.ico (an ICO container around 32 px and 16 px PNGs).
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";

const dir = path.join(process.cwd(), "public");
const svg = readFileSync(path.join(dir, "icon.svg"));
const png = (size: number) => sharp(svg, { density: 384 }).resize(size, size).png({ compressionLevel: 9 }).toBuffer();

/** An ICO file whose images are PNGs (supported by every current browser). */
function ico(images: { size: number; data: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, data }) => {
    const e = Buffer.alloc(16);
    e.writeUInt8(size >= 256 ? 0 : size, 0);
    e.writeUInt8(size >= 256 ? 0 : size, 1);
    e.writeUInt16LE(1, 4); // colour planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(data.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += data.length;
    return e;
  });
  return Buffer.concat([header, ...entries, ...images.map((i) => i.data)]);
}

async function main() {
  writeFileSync(path.join(dir, "icon-192.png"), await png(192));
  writeFileSync(path.join(dir, "icon-512.png"), await png(512));
  writeFileSync(path.join(dir, "apple-touch-icon.png"), await png(180));
  // Maskable: the artwork inside the central 80 % safe zone, on the brand colour.
  const inner = await sharp(svg, { density: 384 }).resize(410, 410).png().toBuffer();
  const maskable = await sharp({ create: { width: 512, height: 512, channels: 4, background: "#17606e" } })
    .composite([{ input: inner, left: 51, top: 51 }])
    .png({ compressionLevel: 9 })
    .toBuffer();
  writeFileSync(path.join(dir, "icon-maskable-512.png"), maskable);
  writeFileSync(path.join(dir, "favicon.ico"), ico([{ size: 32, data: await png(32) }, { size: 16, data: await png(16) }]));
  console.log("icons written to", dir);
}

void main();
