/**
 * ImageBitmap → pixels for the decode worker. No Node APIs.
 *
 * Memory bound: a 12 MP photo is 48 MB as RGBA. The bitmap stays as the browser holds it, and
 * only the view a stage reads is drawn into an OffscreenCanvas: the whole photo at most
 * `AUTO_MAX_SIDE` (2400) px on the long side (the browser's high-quality smoothing does the
 * reduction, so the pipeline holds ~17 MB), or an assist box from the full-resolution bitmap,
 * turned and scaled by the plan's transform (`assist.ts`).
 */
import type { AssistPlan } from "./assist";
import type { RgbaImage } from "./types";
import type { PhotoSource } from "./worker-handler";

function canvas2d(w: number, h: number): OffscreenCanvasRenderingContext2D {
  if (typeof OffscreenCanvas === "undefined") throw new Error("OffscreenCanvas is not available");
  const ctx = new OffscreenCanvas(w, h).getContext("2d", { willReadFrequently: true });
  if (!ctx) throw new Error("2D canvas context is not available");
  return ctx;
}

/** Draw `plan`'s view of the bitmap (white where the view leaves the photo: a light quiet zone). */
export function renderBitmap(bitmap: ImageBitmap, plan: AssistPlan): RgbaImage {
  const ctx = canvas2d(plan.outWidth, plan.outHeight);
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, plan.outWidth, plan.outHeight);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = "high";
  ctx.setTransform(...plan.matrix);
  ctx.drawImage(bitmap, 0, 0);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  return ctx.getImageData(0, 0, plan.outWidth, plan.outHeight);
}

export function bitmapSource(bitmap: ImageBitmap): PhotoSource {
  return {
    width: bitmap.width,
    height: bitmap.height,
    render: (plan) => renderBitmap(bitmap, plan),
    close: () => bitmap.close(),
  };
}

/** A JPEG of at most `maxSide` px for the page's preview (formats an <img> cannot show: HEIC). */
export async function previewJpeg(bitmap: ImageBitmap, maxSide = 1600): Promise<Blob> {
  const long = Math.max(bitmap.width, bitmap.height);
  const s = long > maxSide ? maxSide / long : 1;
  const w = Math.max(1, Math.round(bitmap.width * s));
  const h = Math.max(1, Math.round(bitmap.height * s));
  const ctx = canvas2d(w, h);
  ctx.imageSmoothingQuality = "high";
  ctx.drawImage(bitmap, 0, 0, w, h);
  return (ctx.canvas as OffscreenCanvas).convertToBlob({ type: "image/jpeg", quality: 0.85 });
}
