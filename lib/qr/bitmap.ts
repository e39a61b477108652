/**
 * ImageBitmap → RGBA for the browser side (worker or main-thread fallback). No Node APIs.
 *
 * Memory bound: a 12 MP photo is 48 MB as RGBA. Before reading pixels we draw the bitmap into an
 * OffscreenCanvas of at most `WORKER_MAX_SIDE` px on the long side (the browser's high-quality
 * smoothing does the reduction), so the pipeline never holds more than ~2400×1800×4 ≈ 17 MB of
 * pixels. This costs the pipeline nothing: no default pass works above 2000 px (see `passes.ts`);
 * corners are mapped back to the bitmap's own coordinates by the caller using `scale`.
 */
export const WORKER_MAX_SIDE = 2400;

export interface BitmapPixels {
  image: ImageData;
  /** drawn size / bitmap size (≤ 1) */
  scale: number;
}

export function bitmapToRgba(bitmap: ImageBitmap, maxSide = WORKER_MAX_SIDE): BitmapPixels {
  const long = Math.max(bitmap.width, bitmap.height);
  const scale = long > maxSide ? maxSide / long : 1;
  const w = Math.max(1, Math.round(bitmap.width * scale));
  const h = Math.max(1, Math.round(bitmap.height * scale));
  if (typeof OffscreenCanvas === "undefined") throw new Error("OffscreenCanvas is not available");
  const canvas = new OffscreenCanvas(w, h);
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  if (!ctx) throw new Error("2D canvas context is not available");
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = "high";
  ctx.drawImage(bitmap, 0, 0, w, h);
  const image = ctx.getImageData(0, 0, w, h);
  return { image, scale: w / bitmap.width };
}
