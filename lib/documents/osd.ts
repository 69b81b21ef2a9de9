/**
 * Orientation of a page turned by 90°, 180° or 270° (a phone photo taken sideways or upside down whose EXIF does
 * not say so), with tesseract's orientation detection (`@tesseract.js-data/osd`, legacy engine).
 *
 * It costs a second kind of worker (legacy wasm core + osd data, ~10 MB), so it is created only when first needed
 * and only pages whose first reading looks poor are checked (`needsOrientationCheck`): upright documents pay
 * nothing. One worker serves the process; detection is short next to recognition.
 */
import type Tesseract from "tesseract.js";
import { log } from "@/lib/log";
import { processSingleton } from "@/lib/singleton";

export type Rotation = 0 | 90 | 180 | 270;

/** Below this mean word confidence (0..1), or with fewer words than this, a page may be turned. */
export const ORIENTATION_MAX_CONFIDENCE = 0.7;
export const ORIENTATION_MIN_WORDS = 12;
/** tesseract's own margin for trusting an orientation (its `min_orientation_margin` default is 7). */
export const ORIENTATION_MIN_CONFIDENCE = 2;

/** Cheap signals from a first OCR pass that the page may be turned: low confidence or hardly any words. */
export function needsOrientationCheck(r: { confidence: number; words: { text: string }[] }): boolean {
  return r.confidence < ORIENTATION_MAX_CONFIDENCE || r.words.length < ORIENTATION_MIN_WORDS;
}

/**
 * Clockwise rotation that makes the page upright, from tesseract's detection. tesseract reports the orientation
 * the text is in (`orientation_degrees`, counter-clockwise from upright); turning the image by the same angle
 * clockwise undoes it. `null`: upright, no script found, or not confident enough.
 */
export function rotationFromDetection(d: Pick<Tesseract.DetectData, "orientation_degrees" | "orientation_confidence">): Rotation | null {
  const deg = d.orientation_degrees;
  if (deg == null || d.orientation_confidence == null) return null;
  if (d.orientation_confidence < ORIENTATION_MIN_CONFIDENCE) return null;
  const r = (((deg % 360) + 360) % 360) as number;
  return r === 90 || r === 180 || r === 270 ? r : null;
}

type OsdHolder = { promise?: Promise<Tesseract.Worker> };
const holder = processSingleton<OsdHolder>("ocr.osd", () => ({}));

function getOsdWorker(langPath: string): Promise<Tesseract.Worker> {
  if (!holder.promise) {
    holder.promise = (async () => {
      const started = Date.now();
      const { createWorker, OEM } = (await import("tesseract.js")).default;
      const worker = await createWorker("osd", OEM.TESSERACT_ONLY, {
        langPath,
        cachePath: langPath,
        cacheMethod: "none",
        gzip: true,
        // Orientation detection is part of the legacy engine: load that core and the full data.
        legacyCore: true,
        legacyLang: true,
        errorHandler: (err: unknown) => log.error("osd worker error", { err }),
      });
      // Our PNGs carry no resolution; without this tesseract warns and guesses 70 dpi.
      await worker.setParameters({ user_defined_dpi: "300" });
      log.info("osd worker ready", { ms: Date.now() - started });
      return worker;
    })();
    holder.promise.catch((err) => {
      log.error("osd worker failed to start", { err });
      holder.promise = undefined;
    });
  }
  return holder.promise;
}

/** Rotation that makes `image` (an OCR-ready PNG) upright, or `null`. Never throws: a failure means "leave it". */
export async function detectRotation(image: Buffer, langPath: string): Promise<Rotation | null> {
  const started = Date.now();
  try {
    const worker = await getOsdWorker(langPath);
    const { data } = await worker.detect(image);
    const rotation = rotationFromDetection(data);
    log.debug("osd", { ms: Date.now() - started, degrees: data.orientation_degrees, confidence: data.orientation_confidence, rotation });
    return rotation;
  } catch (err) {
    log.warn("osd failed", { err });
    return null;
  }
}

/** Stops the orientation worker if it was started. */
export async function terminateOsd(): Promise<void> {
  const p = holder.promise;
  holder.promise = undefined;
  if (!p) return;
  const w = await p.catch(() => null);
  await w?.terminate().catch(() => undefined);
}
