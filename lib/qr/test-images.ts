/**
 * Test-only helpers: small synthetic RGBA images with a QR code drawn at a known place.
 * (Used by the unit tests; not imported by the pipeline.)
 */
import QRCode from "qrcode";
import type { Corners, RgbaImage } from "./types";

export const RP1_URL =
  "https://reset.example.com/rp1?s=2MN8X-2411-000123&p=2MN-8016&m=A1B2C3D4E5F6&f=4.1.7&v=1&t=1763726400&n=ZGVmZ2hpamtsbW5v&e=q-GFqW-4GHu1_Ysmh-PKMA&g=klyoQ4aHwonZh-hv97123g";

export const isRp1Url = (t: string): boolean => /^https:\/\/reset\.example\.com\/rp1\?s=[A-Z0-9-]{6,32}&/.test(t);

export type RGB = [number, number, number];

export function blankImage(width: number, height: number, color: RGB = [255, 255, 255]): RgbaImage & { data: Uint8ClampedArray } {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    data[i * 4] = color[0];
    data[i * 4 + 1] = color[1];
    data[i * 4 + 2] = color[2];
    data[i * 4 + 3] = 255;
  }
  return { data, width, height };
}

export function fillRect(img: RgbaImage, x0: number, y0: number, w: number, h: number, c: RGB): void {
  for (let y = Math.max(0, Math.floor(y0)); y < Math.min(img.height, Math.floor(y0 + h)); y++) {
    for (let x = Math.max(0, Math.floor(x0)); x < Math.min(img.width, Math.floor(x0 + w)); x++) {
      const i = (y * img.width + x) * 4;
      img.data[i] = c[0];
      img.data[i + 1] = c[1];
      img.data[i + 2] = c[2];
    }
  }
}

export interface DrawQrOptions {
  x: number;
  y: number;
  /** pixels per module (may be fractional) */
  module: number;
  dark?: RGB;
  light?: RGB;
  quiet?: number;
  ecLevel?: "L" | "M" | "Q" | "H";
}

/** Draw `text` as a QR code with its top-left module corner at (x, y); returns the symbol's corners. */
export function drawQr(img: RgbaImage, text: string, o: DrawQrOptions): Corners {
  const qr = QRCode.create(text, { errorCorrectionLevel: o.ecLevel ?? "M" });
  const n = qr.modules.size;
  const dark = o.dark ?? [0, 0, 0];
  const light = o.light ?? [255, 255, 255];
  const q = (o.quiet ?? 4) * o.module;
  fillRect(img, o.x - q, o.y - q, n * o.module + 2 * q, n * o.module + 2 * q, light);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (qr.modules.get(r, c)) {
        const x0 = Math.round(o.x + c * o.module);
        const y0 = Math.round(o.y + r * o.module);
        fillRect(img, x0, y0, Math.round(o.x + (c + 1) * o.module) - x0, Math.round(o.y + (r + 1) * o.module) - y0, dark);
      }
    }
  }
  const s = n * o.module;
  return {
    topLeft: { x: o.x, y: o.y },
    topRight: { x: o.x + s, y: o.y },
    bottomLeft: { x: o.x, y: o.y + s },
    bottomRight: { x: o.x + s, y: o.y + s },
  };
}

/** Deterministic pseudo-random generator for clutter/noise. */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** Add zero-mean noise of amplitude ±amp to every channel. */
export function addNoise(img: RgbaImage, amp: number, seed = 1): void {
  const rnd = lcg(seed);
  for (let i = 0; i < img.data.length; i++) {
    if ((i & 3) === 3) continue;
    img.data[i] = Math.max(0, Math.min(255, img.data[i]! + (rnd() * 2 - 1) * amp));
  }
}

/** Text-like and block clutter (UI, desk, keyboard…), avoiding nothing in particular. */
export function addClutter(img: RgbaImage, count: number, seed = 7): void {
  const rnd = lcg(seed);
  for (let i = 0; i < count; i++) {
    const w = 5 + rnd() * 120;
    const h = 3 + rnd() * 14;
    const v = Math.floor(rnd() * 160);
    fillRect(img, rnd() * img.width, rnd() * img.height, w, h, [v, v, v]);
  }
}

export function cornerDistance(a: Corners, b: Corners): number {
  const d = (p: { x: number; y: number }, q: { x: number; y: number }) => Math.hypot(p.x - q.x, p.y - q.y);
  return Math.max(d(a.topLeft, b.topLeft), d(a.topRight, b.topRight), d(a.bottomLeft, b.bottomLeft), d(a.bottomRight, b.bottomRight));
}

/** Keep only one of R, G, B per pixel column (a screen's sub-pixel stripes seen up close). */
export function subpixelStripes(img: RgbaImage): void {
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const i = (y * img.width + x) * 4;
      const k = x % 3;
      for (let c = 0; c < 3; c++) if (c !== k) img.data[i + c] = 0;
    }
  }
}

/** Additive, saturating radial highlight (glare on the screen glass). */
export function addGlare(img: RgbaImage, cx: number, cy: number, radius: number, strength: number): void {
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const a = strength * Math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (radius * radius));
      const i = (y * img.width + x) * 4;
      for (let c = 0; c < 3; c++) img.data[i + c] = Math.min(255, img.data[i + c]! + a);
    }
  }
}
