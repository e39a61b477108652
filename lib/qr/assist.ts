/**
 * The manual assist: the agent draws a box around the code on the preview and/or turns it, and
 * the worker reads that part of the photo only, upright and at a useful size. This module is
 * the geometry (browser, worker and Node safe): which output size, the 2D transform from the
 * photo to the output (given to an OffscreenCanvas' `setTransform` in the worker), and the way
 * back for the corners of what was found.
 *
 * Coordinates are the photo's own pixels after its orientation (EXIF or HEIF irot) is applied,
 * as the preview shows it. The box is read from the full-resolution photo, not from the
 * ≤ 2400 px copy the automatic passes use: a small code in a 12 MP photo keeps its detail.
 */
import type { Corners, Point } from "./types";

export interface AssistRegion {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface AssistRequest {
  /** Absent: the whole photo. */
  region?: AssistRegion;
  /** Degrees, clockwise as seen on screen; the output is turned by this much. */
  rotation?: number;
}

export interface AssistPlan {
  outWidth: number;
  outHeight: number;
  /** Photo → output, as canvas `setTransform(a, b, c, d, e, f)`. */
  matrix: [number, number, number, number, number, number];
  /** Output pixel → photo pixel. */
  toImage: (p: Point) => Point;
  /** The region actually read (the box, widened by a margin, clamped to the photo). */
  source: AssistRegion;
}

/** Long side of the output at most (as the automatic passes), and at least, for small boxes. */
export const ASSIST_MAX_SIDE = 2400;
export const ASSIST_MIN_SIDE = 1000;
/** A box drawn tight to the code loses its quiet zone: widen it by this fraction on each side. */
export const ASSIST_MARGIN = 0.08;
/** Smaller boxes are a slip of the mouse, not a code. */
export const ASSIST_MIN_BOX = 12;
const MAX_UPSCALE = 4;

export class AssistError extends Error {}

/** Clamp a box to the photo; null when too small to hold a code. */
export function clampRegion(r: AssistRegion, width: number, height: number): AssistRegion | null {
  if (![r.x, r.y, r.width, r.height].every(Number.isFinite)) return null;
  const x0 = Math.max(0, Math.min(r.x, r.x + r.width));
  const y0 = Math.max(0, Math.min(r.y, r.y + r.height));
  const x1 = Math.min(width, Math.max(r.x, r.x + r.width));
  const y1 = Math.min(height, Math.max(r.y, r.y + r.height));
  if (x1 - x0 < ASSIST_MIN_BOX || y1 - y0 < ASSIST_MIN_BOX) return null;
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** Normalise an angle to (-180, 180]. */
export function normalizeRotation(deg: number): number {
  if (!Number.isFinite(deg)) return 0;
  const r = ((((deg + 180) % 360) + 360) % 360) - 180;
  return r === -180 ? 180 : r;
}

export function planAssist(width: number, height: number, request: AssistRequest): AssistPlan {
  if (!(width > 0 && height > 0)) throw new AssistError("the photo has no pixels");
  let source: AssistRegion = { x: 0, y: 0, width, height };
  if (request.region) {
    const box = clampRegion(request.region, width, height);
    if (!box) throw new AssistError(`the box must be at least ${ASSIST_MIN_BOX} px on each side and inside the photo`);
    const mx = box.width * ASSIST_MARGIN;
    const my = box.height * ASSIST_MARGIN;
    source = clampRegion({ x: box.x - mx, y: box.y - my, width: box.width + 2 * mx, height: box.height + 2 * my }, width, height)!;
  }
  const theta = (normalizeRotation(request.rotation ?? 0) * Math.PI) / 180;
  // Multiples of 90° exactly: no rounding dust in the size.
  const cos = Math.abs(Math.round(Math.cos(theta) * 1e12) / 1e12);
  const sin = Math.abs(Math.round(Math.sin(theta) * 1e12) / 1e12);
  const rw = source.width * cos + source.height * sin;
  const rh = source.width * sin + source.height * cos;
  const long = Math.max(rw, rh);
  const s = long > ASSIST_MAX_SIDE ? ASSIST_MAX_SIDE / long : long < ASSIST_MIN_SIDE ? Math.min(MAX_UPSCALE, ASSIST_MIN_SIDE / long) : 1;
  const outWidth = Math.max(1, Math.round(rw * s));
  const outHeight = Math.max(1, Math.round(rh * s));
  const cx = source.x + source.width / 2;
  const cy = source.y + source.height / 2;
  const c = Math.cos(theta);
  const n = Math.sin(theta);
  // o = s·R(θ)·(p − centre) + (W/2, H/2), with R turning clockwise on a y-down screen.
  const a = s * c;
  const b = s * n;
  const cc = -s * n;
  const d = s * c;
  const e = outWidth / 2 - (a * cx + cc * cy);
  const f = outHeight / 2 - (b * cx + d * cy);
  const toImage = (p: Point): Point => {
    const ox = (p.x - outWidth / 2) / s;
    const oy = (p.y - outHeight / 2) / s;
    return { x: cx + c * ox + n * oy, y: cy - n * ox + c * oy };
  };
  return { outWidth, outHeight, matrix: [a, b, cc, d, e, f], toImage, source };
}

/** Corners found in the output, back in the photo's pixels. */
export function cornersToImage(plan: AssistPlan, c: Corners): Corners {
  return {
    topLeft: plan.toImage(c.topLeft),
    topRight: plan.toImage(c.topRight),
    bottomLeft: plan.toImage(c.bottomLeft),
    bottomRight: plan.toImage(c.bottomRight),
  };
}
