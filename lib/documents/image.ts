/**
 * Pixel work for OCR preprocessing on 8-bit greyscale buffers (row-major, one byte per pixel). Pure: no I/O,
 * no sharp — `ocr.ts` decodes, resizes and rotates with sharp and calls these in between.
 *
 * - `estimateBackground`: the paper's brightness everywhere (uneven light, vignetting, shadows), from a coarse
 *   grid of bright percentiles, dilated so that dark bars and logos do not count as background.
 * - `findPaper`: the sheet in a phone photo — a large, bright, roughly rectangular region on a darker background.
 * - `flattenAndMask`: divides by the background (paper → white, ink stays dark) and whitens what is not paper.
 * - `estimateSkew`: the angle of the text lines (projection profiles of dark pixels), for deskewing.
 */

export type Gray = { data: Uint8Array; width: number; height: number };
export type Box = { x: number; y: number; width: number; height: number };

/** Coarse grid of per-block brightness: the `q` quantile of each `block`×`block` cell. */
export type BlockMap = { values: Float32Array; cols: number; rows: number; block: number };

export function blockSizeFor(width: number, height: number): number {
  return Math.max(12, Math.round(Math.max(width, height) / 64));
}

/** The `q` quantile (0..1) of each block's pixel values. */
export function blockQuantiles(img: Gray, block: number, q = 0.9): BlockMap {
  const cols = Math.ceil(img.width / block);
  const rows = Math.ceil(img.height / block);
  const values = new Float32Array(cols * rows);
  const hist = new Uint32Array(256);
  for (let by = 0; by < rows; by++) {
    for (let bx = 0; bx < cols; bx++) {
      hist.fill(0);
      const x0 = bx * block;
      const y0 = by * block;
      const x1 = Math.min(img.width, x0 + block);
      const y1 = Math.min(img.height, y0 + block);
      for (let y = y0; y < y1; y++) {
        const row = y * img.width;
        for (let x = x0; x < x1; x++) hist[img.data[row + x]]++;
      }
      const n = (x1 - x0) * (y1 - y0);
      const target = Math.max(1, Math.ceil(n * q));
      let acc = 0;
      let v = 0;
      for (; v < 256; v++) {
        acc += hist[v];
        if (acc >= target) break;
      }
      values[by * cols + bx] = Math.min(255, v);
    }
  }
  return { values, cols, rows, block };
}

/** Each block replaced by the max or the mean of its (2·radius+1)² neighbourhood, clipped at the edges. */
function neighbourhoodFilter(map: BlockMap, radius: number, reduce: "max" | "mean"): BlockMap {
  const { cols, rows } = map;
  const out = new Float32Array(cols * rows);
  for (let y = 0; y < rows; y++)
    for (let x = 0; x < cols; x++) {
      let m = 0;
      let s = 0;
      let n = 0;
      for (let dy = -radius; dy <= radius; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= rows) continue;
        for (let dx = -radius; dx <= radius; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= cols) continue;
          const v = map.values[yy * cols + xx];
          m = Math.max(m, v);
          s += v;
          n++;
        }
      }
      out[y * cols + x] = reduce === "max" ? m : s / n;
    }
  return { ...map, values: out };
}

const maxFilter = (map: BlockMap, radius: number) => neighbourhoodFilter(map, radius, "max");
const meanFilter = (map: BlockMap, radius: number) => neighbourhoodFilter(map, radius, "mean");

/**
 * The paper's brightness per block: bright quantile, dilated by `dilate` blocks (a dark table header or logo up to
 * that size takes the paper around it), then smoothed.
 */
export function estimateBackground(img: Gray, block = blockSizeFor(img.width, img.height), dilate = 2): BlockMap {
  return backgroundFromQuantiles(blockQuantiles(img, block, 0.9), dilate);
}

/** `estimateBackground` from block quantiles already computed (the same map `findPaper` reads: computed once). */
export function backgroundFromQuantiles(quantiles: BlockMap, dilate = 2): BlockMap {
  return meanFilter(maxFilter(quantiles, dilate), 1);
}

/**
 * Contrast stretch in place, like sharp's `normalise()`: the `lower` and `upper` percentiles of the pixel values
 * become 0 and 255. Leaves an image with (almost) a single value alone.
 */
export function stretchContrast(img: Gray, lower = 0.01, upper = 0.99): Gray {
  const hist = new Uint32Array(256);
  const { data } = img;
  for (let i = 0; i < data.length; i++) hist[data[i]]++;
  const lo = percentileOf(hist, data.length, lower);
  const hi = percentileOf(hist, data.length, upper);
  if (hi - lo < 1) return img;
  const lut = new Uint8Array(256);
  for (let v = 0; v < 256; v++) lut[v] = Math.max(0, Math.min(255, Math.round(((v - lo) * 255) / (hi - lo))));
  for (let i = 0; i < data.length; i++) data[i] = lut[data[i]];
  return img;
}

function percentileOf(hist: Uint32Array, n: number, q: number): number {
  const target = Math.max(1, Math.ceil(n * q));
  let acc = 0;
  for (let v = 0; v < 256; v++) {
    acc += hist[v];
    if (acc >= target) return v;
  }
  return 255;
}

/** Otsu's threshold over a list of values in 0..255. */
export function otsu(values: ArrayLike<number>): { threshold: number; separation: number } {
  const hist = new Float64Array(256);
  for (let i = 0; i < values.length; i++) hist[Math.max(0, Math.min(255, Math.round(values[i])))]++;
  const total = values.length;
  let sum = 0;
  for (let i = 0; i < 256; i++) sum += i * hist[i];
  let sumB = 0;
  let wB = 0;
  let best = -1;
  let threshold = 128;
  let separation = 0;
  for (let t = 0; t < 256; t++) {
    wB += hist[t];
    if (!wB) continue;
    const wF = total - wB;
    if (!wF) break;
    sumB += t * hist[t];
    const mB = sumB / wB;
    const mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) ** 2;
    if (between > best) {
      best = between;
      threshold = t;
      separation = mF - mB;
    }
  }
  return { threshold, separation };
}

export type Paper = {
  /** Crop box in pixels. */
  box: Box;
  /** Per block: 1 where the sheet is (after a one-block erosion at its edge), 0 for background. */
  mask: Uint8Array;
};

/**
 * The sheet of paper in a photo: grown from the brightest block near the centre through neighbours whose
 * brightness changes by at most `step` grey levels (light falls off gradually across a sheet, but steps at its
 * edge). Accepted when it covers at least a fifth of the image, fills most of its bounding box (a rectangle seen
 * slightly skewed) and leaves some background to cut away. `null` when there is nothing to crop (a scan, a
 * screenshot, paper filling the frame, a background too close to the paper for an edge).
 */
export function findPaper(map: BlockMap, width: number, height: number, step = 12): Paper | null {
  const { values, cols, rows, block } = map;
  if (cols < 6 || rows < 6) return null;
  let seed = -1;
  for (let y = Math.floor(rows / 4); y < Math.ceil((rows * 3) / 4); y++)
    for (let x = Math.floor(cols / 4); x < Math.ceil((cols * 3) / 4); x++) {
      const i = y * cols + x;
      if (seed < 0 || values[i] > values[seed]) seed = i;
    }
  const label = new Int32Array(cols * rows).fill(-1);
  const bestLabel = 0;
  let bestSize = 0;
  const stack = [seed];
  label[seed] = bestLabel;
  while (stack.length) {
    const i = stack.pop()!;
    bestSize++;
    const x = i % cols;
    const y = (i - x) / cols;
    const neighbours = [x > 0 ? i - 1 : -1, x < cols - 1 ? i + 1 : -1, y > 0 ? i - cols : -1, y < rows - 1 ? i + cols : -1];
    for (const j of neighbours) {
      if (j >= 0 && label[j] < 0 && Math.abs(values[j] - values[i]) <= step && values[j] >= values[seed] * 0.5) {
        label[j] = bestLabel;
        stack.push(j);
      }
    }
  }
  if (bestSize < 0.2 * cols * rows) return null;
  let minX = cols, minY = rows, maxX = -1, maxY = -1;
  const mask = new Uint8Array(cols * rows);
  for (let i = 0; i < label.length; i++) {
    if (label[i] !== bestLabel) continue;
    const x = i % cols;
    const y = (i - x) / cols;
    mask[i] = 1;
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const bw = maxX - minX + 1;
  const bh = maxY - minY + 1;
  if (bestSize < 0.6 * bw * bh) return null; // not a sheet: a ring of bright table around darker paper, etc.
  if (bw >= cols - 1 && bh >= rows - 1) return null; // nothing to cut away
  // Holes inside the sheet (dark photos, big logos) stay paper: fill each row between its outermost paper blocks.
  for (let y = minY; y <= maxY; y++) {
    let l = -1, r = -1;
    for (let x = minX; x <= maxX; x++) if (mask[y * cols + x]) { if (l < 0) l = x; r = x; }
    for (let x = l; l >= 0 && x <= r; x++) mask[y * cols + x] = 1;
  }
  // Erode one block: the blocks on the sheet's edge hold background too (it would print as a dark frame).
  const eroded = new Uint8Array(mask);
  for (let y = 0; y < rows; y++)
    for (let x = 0; x < cols; x++) {
      const i = y * cols + x;
      if (!mask[i]) continue;
      if (x === 0 || y === 0 || x === cols - 1 || y === rows - 1) continue; // image border: keep
      if (!mask[i - 1] || !mask[i + 1] || !mask[i - cols] || !mask[i + cols]) eroded[i] = 0;
    }
  const x0 = minX * block;
  const y0 = minY * block;
  const box = { x: x0, y: y0, width: Math.min(width, (maxX + 1) * block) - x0, height: Math.min(height, (maxY + 1) * block) - y0 };
  return { box, mask: eroded };
}

/** Background brightness at pixel (x, y), bilinear between block centres. */
function sampler(bg: BlockMap): (x: number, y: number) => number {
  const { values, cols, rows, block } = bg;
  return (x, y) => {
    const fx = Math.max(0, Math.min(cols - 1, x / block - 0.5));
    const fy = Math.max(0, Math.min(rows - 1, y / block - 0.5));
    const x0 = Math.floor(fx), y0 = Math.floor(fy);
    const x1 = Math.min(cols - 1, x0 + 1), y1 = Math.min(rows - 1, y0 + 1);
    const ax = fx - x0, ay = fy - y0;
    const top = values[y0 * cols + x0] * (1 - ax) + values[y0 * cols + x1] * ax;
    const bottom = values[y1 * cols + x0] * (1 - ax) + values[y1 * cols + x1] * ax;
    return top * (1 - ay) + bottom * ay;
  };
}

/**
 * Divides each pixel by the local paper brightness (paper → 255, ink keeps its contrast; anything within `white` of
 * the paper's brightness — grain, noise — becomes pure white), whitens blocks outside
 * `paper.mask` and crops to `paper.box`. Without `paper` the whole image is flattened.
 */
export function flattenAndMask(img: Gray, bg: BlockMap, paper: Paper | null, white = 0.9): Gray {
  const box = paper?.box ?? { x: 0, y: 0, width: img.width, height: img.height };
  const out = new Uint8Array(box.width * box.height);
  const at = sampler(bg);
  const { cols, block } = bg;
  // Background sampled per 4×4 pixels: it varies slowly.
  const step = 4;
  for (let y = 0; y < box.height; y++) {
    const sy = y + box.y;
    const row = sy * img.width;
    for (let x = 0; x < box.width; x += step) {
      const sx = x + box.x;
      const b = Math.max(24, at(sx + step / 2, sy)) * white;
      const end = Math.min(box.width, x + step);
      for (let xx = x; xx < end; xx++) {
        const px = box.x + xx;
        if (paper && !paper.mask[Math.floor(sy / block) * cols + Math.floor(px / block)]) {
          out[y * box.width + xx] = 255;
          continue;
        }
        const v = (img.data[row + px] * 255) / b;
        out[y * box.width + xx] = v >= 255 ? 255 : v;
      }
    }
  }
  return { data: out, width: box.width, height: box.height };
}

/**
 * Skew of the text lines in degrees (positive: lines fall to the right, y growing with x), searched in
 * ±`maxAngle` by maximising the sharpness of the row profile of dark pixels. 0 when there is too little ink.
 */
export function estimateSkew(img: Gray, maxAngle = 6, stepAngle = 0.2): number {
  // Sample the image down to about 1000 px wide: enough for 0.2° resolution.
  const s = Math.max(1, Math.floor(img.width / 1000));
  const xs: number[] = [];
  const ys: number[] = [];
  const dark = 110;
  for (let y = 0; y < img.height; y += s) {
    const row = y * img.width;
    for (let x = 0; x < img.width; x += s) if (img.data[row + x] < dark) { xs.push(x / s); ys.push(y / s); }
  }
  if (xs.length < 200) return 0;
  const h = Math.ceil(img.height / s);
  const w = Math.ceil(img.width / s);
  const pad = Math.ceil(w * Math.tan((maxAngle * Math.PI) / 180)) + 2;
  const bins = new Float64Array(h + 2 * pad);
  const scoreFor = (deg: number) => {
    const t = Math.tan((deg * Math.PI) / 180);
    bins.fill(0);
    for (let i = 0; i < xs.length; i++) bins[Math.round(ys[i] - xs[i] * t) + pad]++;
    let sc = 0;
    for (let i = 1; i < bins.length; i++) sc += (bins[i] - bins[i - 1]) ** 2;
    return sc;
  };
  let best = 0;
  let bestScore = scoreFor(0);
  const zeroScore = bestScore;
  for (let a = -maxAngle; a <= maxAngle + 1e-9; a += stepAngle) {
    const sc = scoreFor(a);
    if (sc > bestScore) {
      bestScore = sc;
      best = a;
    }
  }
  // Refine around the best coarse angle.
  for (let a = best - stepAngle; a <= best + stepAngle + 1e-9; a += stepAngle / 4) {
    const sc = scoreFor(a);
    if (sc > bestScore) {
      bestScore = sc;
      best = a;
    }
  }
  // A flat optimum means no real text lines: leave the image alone.
  if (bestScore < zeroScore * 1.05) return 0;
  return Math.round(best * 100) / 100;
}

