/**
 * The PDF worker: every pdf.js parse and render of a user's file runs here, in a worker thread started by
 * `lib/documents/sandbox.ts` with a heap cap (`resourceLimits`), never on the server's event loop. The parent
 * enforces wall-time budgets (per document, and per page through the `page` progress messages) by terminating
 * this thread. Plain JavaScript on purpose: the file is loaded by Node as it is, in tests and in the built app.
 *
 * Messages in:  { id, op: "inspect" | "text" | "render" | "attachments", bytes: Uint8Array, opts }
 * Messages out: { id, type: "page", page } · { id, type: "done", result } · { id, type: "error", code, detail }
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { parentPort } from "node:worker_threads";
import zlib from "node:zlib";

/** @typedef {{ str: string, x: number, y: number, width: number, height: number }} Item */

class JobError extends Error {
  /** @param {string} code @param {string} [detail] */
  constructor(code, detail) {
    super(detail ? `${code}: ${detail}` : code);
    this.code = code;
    this.detail = detail;
  }
}

let pdfjsPromise;
function loadPdfjs() {
  pdfjsPromise ??= (async () => {
    // pdf.js's own "worker" runs in this thread: registered as globalThis.pdfjsWorker it is used in place of a
    // nested Worker (this whole thread is the isolation).
    globalThis.pdfjsWorker = await import("pdfjs-dist/legacy/build/pdf.worker.mjs");
    return import("pdfjs-dist/legacy/build/pdf.mjs");
  })();
  return pdfjsPromise;
}

let fontsDir;
function standardFontDataUrl() {
  if (fontsDir === undefined) {
    fontsDir = null;
    try {
      const dir = path.join(path.dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json")), "standard_fonts");
      if (existsSync(dir)) fontsDir = dir + path.sep;
    } catch {
      // text still extracts without the standard fonts; rendering of base-14 text degrades
    }
  }
  return fontsDir ?? undefined;
}

/**
 * Decoded size of the file's Flate-compressed non-image streams (page contents, forms, fonts), each inflated
 * with an output cap: a 200 KB file can hold a content stream of 100 MB of path operators, which pdf.js would
 * evaluate for minutes. Throws `too_complex` past the caps; streams that do not inflate are left to pdf.js.
 * @param {Uint8Array} bytes @param {{ maxStreamBytes: number, maxTotalBytes: number }} caps
 */
export function checkDecodedSize(bytes, caps) {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = buf.toString("latin1");
  const re = /stream\r?\n/g;
  let total = 0;
  let m;
  while ((m = re.exec(text))) {
    const at = m.index;
    if (text.slice(Math.max(0, at - 3), at) === "end") continue;
    const start = at + m[0].length;
    const end = text.indexOf("endstream", start);
    if (end < 0) break;
    re.lastIndex = end + 9;
    const dict = text.slice(Math.max(0, at - 600), at);
    const open = dict.lastIndexOf("obj"); // streams are indirect objects: `n g obj << … >> stream`
    const head = open >= 0 ? dict.slice(open) : dict;
    if (!/\/(FlateDecode|Fl)\b/.test(head) || /\/Subtype\s*\/Image\b/.test(head)) continue;
    const cap = Math.min(caps.maxStreamBytes, caps.maxTotalBytes - total);
    try {
      const out = zlib.inflateSync(buf.subarray(start, end), {
        maxOutputLength: cap + 1,
        finishFlush: zlib.constants.Z_SYNC_FLUSH,
      });
      total += out.byteLength;
      if (out.byteLength > cap) throw new JobError("too_complex", `decoded stream over ${cap} bytes`);
    } catch (e) {
      if (e instanceof JobError) throw e;
      if (e && (e.code === "ERR_BUFFER_TOO_LARGE" || e instanceof RangeError)) {
        throw new JobError("too_complex", `decoded stream over ${cap} bytes`);
      }
      // not inflatable (encrypted or damaged): pdf.js decides
    }
  }
  return total;
}

/** @param {Uint8Array} bytes @param {Record<string, number>} opts */
async function openPdf(bytes, opts) {
  const pdfjs = await loadPdfjs();
  const task = pdfjs.getDocument({
    data: bytes,
    standardFontDataUrl: standardFontDataUrl(),
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    stopAtErrors: false,
    // images over this many pixels are skipped by pdf.js instead of decoded
    maxImageSize: opts.maxImagePixels ?? 50_000_000,
    isOffscreenCanvasSupported: false,
  });
  try {
    return { pdfjs, doc: await task.promise };
  } catch (e) {
    await task.destroy().catch(() => {});
    if (e && e.name === "PasswordException") throw new JobError("encrypted", e.message);
    throw new JobError("unreadable", e && e.name ? e.name : "load");
  }
}

/**
 * @param {(msg: object) => void} post
 * @param {string} op @param {Uint8Array} bytes @param {Record<string, number>} opts
 */
async function run(post, op, bytes, opts) {
  checkDecodedSize(bytes, { maxStreamBytes: opts.maxStreamBytes, maxTotalBytes: opts.maxTotalBytes });
  const { pdfjs, doc } = await openPdf(bytes, opts);
  try {
    const pages = doc.numPages;
    if (pages < 1) throw new JobError("unreadable", "no pages");
    if (pages > opts.maxPages) throw new JobError("too_many_pages", `${pages} > ${opts.maxPages}`);
    if (op === "inspect") {
      post({ type: "page", page: 1 });
      const page = await doc.getPage(1).catch((e) => {
        throw new JobError("unreadable", `page 1: ${e && e.name}`);
      });
      page.cleanup();
      return { result: { pages } };
    }
    if (op === "attachments") {
      // Embedded files (PDF/A-3 e-invoices: Factur-X / ZUGFeRD CII, UBL); only XML ones, at most 5 MB each.
      const all = (await doc.getAttachments()) ?? {};
      const files = Object.values(all)
        .filter((a) => a && a.content && /\.xml$/i.test(a.filename ?? "") && a.content.byteLength <= 5 * 1024 * 1024)
        .map((a) => ({ filename: a.filename, content: new Uint8Array(a.content) }));
      return { result: { files }, transfer: files.map((f) => f.content.buffer) };
    }
    if (op === "text") {
      const out = [];
      for (let n = 1; n <= pages; n++) {
        post({ type: "page", page: n });
        const page = await doc.getPage(n);
        try {
          out.push({ page: n, ...(await pageTextItems(pdfjs, page)) });
        } catch (e) {
          throw e instanceof JobError ? e : new JobError("unreadable", `page ${n}`);
        } finally {
          page.cleanup();
        }
      }
      return { result: { pages: out } };
    }
    if (op === "render") {
      const { createCanvas } = await import("@napi-rs/canvas");
      const count = Math.min(pages, opts.renderPages ?? pages);
      const images = [];
      for (let n = 1; n <= count; n++) {
        post({ type: "page", page: n });
        const page = await doc.getPage(n);
        try {
          const base = page.getViewport({ scale: 1 });
          const scale = Math.min((opts.dpi ?? 300) / 72, (opts.maxRenderSide ?? 6000) / Math.max(base.width, base.height));
          const viewport = page.getViewport({ scale });
          const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
          const ctx = canvas.getContext("2d");
          ctx.fillStyle = "#ffffff";
          ctx.fillRect(0, 0, canvas.width, canvas.height);
          await page.render({ canvas, canvasContext: ctx, viewport }).promise;
          const png = await canvas.encode("png");
          images.push(new Uint8Array(png.buffer, png.byteOffset, png.byteLength));
        } catch (e) {
          throw e instanceof JobError ? e : new JobError("unreadable", `render page ${n}`);
        } finally {
          page.cleanup();
        }
      }
      return { result: { images }, transfer: images.map((i) => i.buffer) };
    }
    throw new JobError("unreadable", `unknown op ${op}`);
  } finally {
    await doc.destroy().catch(() => {});
  }
}

const round2 = (n) => Math.round(n * 100) / 100;

async function pageTextItems(pdfjs, page) {
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  /** @type {Item[]} */
  const items = [];
  for (const raw of content.items) {
    if (!("str" in raw) || !raw.str || !raw.str.trim()) continue;
    // Text space → viewport space (top-left origin, y down), then baseline → top edge.
    const tx = pdfjs.Util.transform(viewport.transform, raw.transform);
    const fontHeight = Math.hypot(tx[2], tx[3]) || raw.height || 1;
    items.push({
      str: raw.str,
      x: round2(tx[4]),
      y: round2(tx[5] - fontHeight),
      width: round2(raw.width * viewport.scale),
      height: round2(fontHeight),
    });
  }
  return { width: viewport.width, height: viewport.height, items };
}

// One job at a time: the parent sends the next one only after `done` or `error`.
parentPort?.on("message", async (msg) => {
  const { id, op, bytes, opts } = msg;
  const post = (m, transfer) => parentPort.postMessage({ id, ...m }, transfer);
  try {
    const { result, transfer } = await run(post, op, bytes, opts ?? {});
    post({ type: "done", result }, transfer);
  } catch (e) {
    post({ type: "error", code: e instanceof JobError ? e.code : "unreadable", detail: String(e && e.message).slice(0, 200) });
  }
});
