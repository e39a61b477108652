/**
 * Pixel operations used by the decode pipeline. Pure TypeScript on typed arrays: no DOM, no Node
 * APIs, so the same code runs in a Web Worker, the browser main thread and Node.
 */
import type { ChannelMode, RgbaImage } from "./types";

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Three 8-bit colour planes of one resampled region. */
export interface Planes {
  width: number;
  height: number;
  r: Uint8Array;
  g: Uint8Array;
  b: Uint8Array;
}

/** A single-channel 8-bit image. */
export interface Gray {
  width: number;
  height: number;
  data: Uint8Array;
}

export type ImageCheck = "ok" | "invalid-image" | "too-small";

/** Smallest side that can hold a version-1 QR symbol at one pixel per module. */
export const MIN_IMAGE_SIDE = 21;

export function checkImage(image: RgbaImage | null | undefined): ImageCheck {
  if (!image || typeof image !== "object") return "invalid-image";
  const { width, height, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) return "invalid-image";
  if (!(data instanceof Uint8ClampedArray || data instanceof Uint8Array)) return "invalid-image";
  if (data.length !== width * height * 4) return "invalid-image";
  if (width < MIN_IMAGE_SIDE || height < MIN_IMAGE_SIDE) return "too-small";
  return "ok";
}

/** Target size for resampling `w`×`h` so that the long side becomes `longSide` (never 0). */
export function scaledSize(w: number, h: number, longSide: number): { width: number; height: number } {
  const s = longSide / Math.max(w, h);
  return { width: Math.max(1, Math.round(w * s)), height: Math.max(1, Math.round(h * s)) };
}

// ---------------------------------------------------------------------------------------------
// Resampling: box filter (exact area averaging) when shrinking, bilinear when enlarging.
// ---------------------------------------------------------------------------------------------

interface Taps {
  /** first source index of each output sample */
  start: Int32Array;
  /** number of taps of each output sample */
  count: Int32Array;
  /** offset of each output sample's weights in `weights` */
  offset: Int32Array;
  weights: Float32Array;
}

function makeTaps(srcLen: number, dstLen: number): Taps {
  const start = new Int32Array(dstLen);
  const count = new Int32Array(dstLen);
  const offset = new Int32Array(dstLen);
  const ratio = srcLen / dstLen;
  const w: number[] = [];
  for (let o = 0; o < dstLen; o++) {
    offset[o] = w.length;
    if (ratio >= 1) {
      // Area averaging: every source pixel overlapping [a, b) contributes its covered fraction.
      const a = o * ratio;
      const b = Math.min(srcLen, (o + 1) * ratio);
      const i0 = Math.floor(a);
      const i1 = Math.min(srcLen, Math.ceil(b - 1e-9));
      start[o] = i0;
      count[o] = i1 - i0;
      for (let i = i0; i < i1; i++) w.push((Math.min(i + 1, b) - Math.max(i, a)) / (b - a));
    } else {
      // Bilinear between the two nearest source pixel centres.
      const c = (o + 0.5) * ratio - 0.5;
      let i0 = Math.floor(c);
      let f = c - i0;
      if (i0 < 0) {
        i0 = 0;
        f = 0;
      }
      if (i0 >= srcLen - 1) {
        i0 = srcLen - 1;
        f = 0;
      }
      start[o] = i0;
      if (f === 0) {
        count[o] = 1;
        w.push(1);
      } else {
        count[o] = 2;
        w.push(1 - f, f);
      }
    }
  }
  return { start, count, offset, weights: Float32Array.from(w) };
}

/**
 * Resample `rect` of an RGBA image to `tw`×`th` colour planes. Separable: each output row
 * accumulates its (weighted) source rows into one float row, which is then resampled horizontally,
 * so memory stays O(width) however large the source is.
 */
export function resampleRect(src: RgbaImage, rect: Rect, tw: number, th: number): Planes {
  const { data, width: sw } = src;
  const rx = Math.max(0, Math.floor(rect.x));
  const ry = Math.max(0, Math.floor(rect.y));
  const rw = Math.min(src.width - rx, Math.round(rect.w));
  const rh = Math.min(src.height - ry, Math.round(rect.h));
  const out: Planes = { width: tw, height: th, r: new Uint8Array(tw * th), g: new Uint8Array(tw * th), b: new Uint8Array(tw * th) };
  const { r: outR, g: outG, b: outB } = out;

  // Fast path: same size → plain de-interleave.
  if (rw === tw && rh === th) {
    let o = 0;
    for (let y = 0; y < th; y++) {
      let i = ((ry + y) * sw + rx) * 4;
      for (let x = 0; x < tw; x++, i += 4, o++) {
        outR[o] = data[i]!;
        outG[o] = data[i + 1]!;
        outB[o] = data[i + 2]!;
      }
    }
    return out;
  }

  // Fast path: an integer factor k (up to k−1 source pixels left over at the far edges): plain
  // k×k block sums in integers. A 12 MP photo's base image costs about half the general path.
  const k = Math.floor(rw / tw);
  if (k >= 2 && Math.floor(rh / th) === k && rw - k * tw < k && rh - k * th < k) {
    const acc = new Uint32Array(tw * 3);
    const inv = 1 / (k * k);
    for (let oy = 0; oy < th; oy++) {
      acc.fill(0);
      for (let dy = 0; dy < k; dy++) {
        let i = ((ry + oy * k + dy) * sw + rx) * 4;
        for (let j = 0; j < tw * 3; j += 3) {
          let r = 0;
          let g = 0;
          let b = 0;
          for (let dx = 0; dx < k; dx++, i += 4) {
            r += data[i]!;
            g += data[i + 1]!;
            b += data[i + 2]!;
          }
          acc[j] = acc[j]! + r;
          acc[j + 1] = acc[j + 1]! + g;
          acc[j + 2] = acc[j + 2]! + b;
        }
      }
      for (let o = oy * tw, j = 0; j < tw * 3; o++, j += 3) {
        outR[o] = acc[j]! * inv + 0.5;
        outG[o] = acc[j + 1]! * inv + 0.5;
        outB[o] = acc[j + 2]! * inv + 0.5;
      }
    }
    return out;
  }

  const hT = makeTaps(rw, tw);
  const vT = makeTaps(rh, th);
  const row = new Float32Array(rw * 3);
  for (let oy = 0; oy < th; oy++) {
    row.fill(0);
    const vs = vT.start[oy]!;
    const vc = vT.count[oy]!;
    const vo = vT.offset[oy]!;
    for (let k = 0; k < vc; k++) {
      const wgt = vT.weights[vo + k]!;
      let i = ((ry + vs + k) * sw + rx) * 4;
      for (let x = 0, j = 0; x < rw; x++, i += 4, j += 3) {
        row[j] = row[j]! + wgt * data[i]!;
        row[j + 1] = row[j + 1]! + wgt * data[i + 1]!;
        row[j + 2] = row[j + 2]! + wgt * data[i + 2]!;
      }
    }
    let o = oy * tw;
    for (let ox = 0; ox < tw; ox++, o++) {
      const hs = hT.start[ox]!;
      const hc = hT.count[ox]!;
      const ho = hT.offset[ox]!;
      let ar = 0;
      let ag = 0;
      let ab = 0;
      for (let k = 0, j = hs * 3; k < hc; k++, j += 3) {
        const wgt = hT.weights[ho + k]!;
        ar += wgt * row[j]!;
        ag += wgt * row[j + 1]!;
        ab += wgt * row[j + 2]!;
      }
      outR[o] = ar + 0.5;
      outG[o] = ag + 0.5;
      outB[o] = ab + 0.5;
    }
  }
  return out;
}

/** Resample one 8-bit plane (same rules as `resampleRect`). */
export function resamplePlane(src: Uint8Array, sw: number, sh: number, tw: number, th: number): Uint8Array {
  const out = new Uint8Array(tw * th);
  if (sw === tw && sh === th) {
    out.set(src);
    return out;
  }
  const hT = makeTaps(sw, tw);
  const vT = makeTaps(sh, th);
  const row = new Float32Array(sw);
  for (let oy = 0; oy < th; oy++) {
    row.fill(0);
    const vs = vT.start[oy]!;
    const vc = vT.count[oy]!;
    const vo = vT.offset[oy]!;
    for (let k = 0; k < vc; k++) {
      const wgt = vT.weights[vo + k]!;
      const base = (vs + k) * sw;
      for (let x = 0; x < sw; x++) row[x] = row[x]! + wgt * src[base + x]!;
    }
    let o = oy * tw;
    for (let ox = 0; ox < tw; ox++, o++) {
      const hs = hT.start[ox]!;
      const hc = hT.count[ox]!;
      const ho = hT.offset[ox]!;
      let a = 0;
      for (let k = 0; k < hc; k++) a += hT.weights[ho + k]! * row[hs + k]!;
      out[o] = a + 0.5;
    }
  }
  return out;
}

export function resamplePlanes(p: Planes, tw: number, th: number): Planes {
  return {
    width: tw,
    height: th,
    r: resamplePlane(p.r, p.width, p.height, tw, th),
    g: resamplePlane(p.g, p.width, p.height, tw, th),
    b: resamplePlane(p.b, p.width, p.height, tw, th),
  };
}

/** Area-average (or bilinear-enlarge) a whole RGBA image to `tw`×`th`, returning RGBA. */
export function resampleRgba(src: RgbaImage, tw: number, th: number): { data: Uint8ClampedArray; width: number; height: number } {
  const p = resampleRect(src, { x: 0, y: 0, w: src.width, h: src.height }, tw, th);
  const data = new Uint8ClampedArray(tw * th * 4);
  for (let i = 0, j = 0; i < tw * th; i++, j += 4) {
    data[j] = p.r[i]!;
    data[j + 1] = p.g[i]!;
    data[j + 2] = p.b[i]!;
    data[j + 3] = 255;
  }
  return { data, width: tw, height: th };
}

// ---------------------------------------------------------------------------------------------
// Channels
// ---------------------------------------------------------------------------------------------

export function grayFromPlanes(p: Planes, mode: ChannelMode): Gray {
  const n = p.width * p.height;
  const out = new Uint8Array(n);
  const { r, g, b } = p;
  switch (mode) {
    case "luma":
      // jsQR's own weights (0.2126, 0.7152, 0.0722) in 8.8 fixed point.
      for (let i = 0; i < n; i++) out[i] = (54 * r[i]! + 183 * g[i]! + 19 * b[i]! + 128) >> 8;
      break;
    case "min":
      for (let i = 0; i < n; i++) {
        const a = r[i]!;
        const c = g[i]!;
        const d = b[i]!;
        out[i] = a < c ? (a < d ? a : d) : c < d ? c : d;
      }
      break;
    case "max":
      for (let i = 0; i < n; i++) {
        const a = r[i]!;
        const c = g[i]!;
        const d = b[i]!;
        out[i] = a > c ? (a > d ? a : d) : c > d ? c : d;
      }
      break;
    case "red":
      out.set(r);
      break;
    case "green":
      out.set(g);
      break;
    case "blue":
      out.set(b);
      break;
  }
  return { width: p.width, height: p.height, data: out };
}

export function cropGray(src: Gray, rect: Rect): Gray {
  const x0 = Math.max(0, Math.round(rect.x));
  const y0 = Math.max(0, Math.round(rect.y));
  const w = Math.min(src.width - x0, Math.round(rect.w));
  const h = Math.min(src.height - y0, Math.round(rect.h));
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const s = (y0 + y) * src.width + x0;
    out.set(src.data.subarray(s, s + w), y * w);
  }
  return { width: w, height: h, data: out };
}

// ---------------------------------------------------------------------------------------------
// Contrast
// ---------------------------------------------------------------------------------------------

/** Stretch so that the `lowPct`..`highPct` percentiles map to 0..255 (in place). */
export function stretchContrast(img: Gray, lowPct = 0.01, highPct = 0.99): void {
  const { data } = img;
  const n = data.length;
  if (n === 0) return;
  const hist = new Uint32Array(256);
  for (let i = 0; i < n; i++) hist[data[i]!]!++;
  const loTarget = n * lowPct;
  const hiTarget = n * highPct;
  let acc = 0;
  let lo = 0;
  let hi = 255;
  let foundLo = false;
  for (let v = 0; v < 256; v++) {
    acc += hist[v]!;
    if (!foundLo && acc > loTarget) {
      lo = v;
      foundLo = true;
    }
    if (acc >= hiTarget) {
      hi = v;
      break;
    }
  }
  if (hi - lo < 2) return;
  const lut = new Uint8Array(256);
  const k = 255 / (hi - lo);
  for (let v = 0; v < 256; v++) lut[v] = Math.max(0, Math.min(255, Math.round((v - lo) * k)));
  for (let i = 0; i < n; i++) data[i] = lut[data[i]!]!;
}

/** Apply an 8-bit lookup table in place. */
export function applyLut(img: Gray, lut: Uint8Array): void {
  const d = img.data;
  for (let i = 0; i < d.length; i++) d[i] = lut[d[i]!]!;
}

/** LUT for v → 255·(v/255)^γ. */
export function gammaLut(gamma: number): Uint8Array {
  const lut = new Uint8Array(256);
  for (let v = 0; v < 256; v++) lut[v] = Math.round(255 * Math.pow(v / 255, gamma));
  return lut;
}

/**
 * Separable box blur (running sums), radius `r`, edges clamped. Returns Float32 local means when
 * `squared` is false, or local means of squares when true.
 */
function boxMean(src: Uint8Array, w: number, h: number, r: number, squared: boolean): Float32Array {
  const tmp = new Float32Array(w * h);
  const out = new Float32Array(w * h);
  const win = 2 * r + 1;
  for (let y = 0; y < h; y++) {
    const base = y * w;
    let s = 0;
    for (let k = -r; k <= r; k++) {
      const v = src[base + Math.min(w - 1, Math.max(0, k))]!;
      s += squared ? v * v : v;
    }
    for (let x = 0; x < w; x++) {
      tmp[base + x] = s;
      const addV = src[base + Math.min(w - 1, x + r + 1)]!;
      const subV = src[base + Math.max(0, x - r)]!;
      s += squared ? addV * addV - subV * subV : addV - subV;
    }
  }
  const norm = 1 / (win * win);
  for (let x = 0; x < w; x++) {
    let s = 0;
    for (let k = -r; k <= r; k++) s += tmp[Math.min(h - 1, Math.max(0, k)) * w + x]!;
    for (let y = 0; y < h; y++) {
      out[y * w + x] = s * norm;
      s += tmp[Math.min(h - 1, y + r + 1) * w + x]! - tmp[Math.max(0, y - r) * w + x]!;
    }
  }
  return out;
}

/**
 * Local contrast normalisation: (x - mean) / max(std, floor) over a (2r+1)² window, mapped to
 * 128 ± 80·z. Removes glare gradients, vignetting and low global contrast.
 */
export function localNormalize(img: Gray, radius: number, stdFloor = 12): Gray {
  const { width: w, height: h, data } = img;
  const r = Math.max(1, Math.min(radius, Math.floor((Math.min(w, h) - 1) / 2)));
  const mean = boxMean(data, w, h, r, false);
  const meanSq = boxMean(data, w, h, r, true);
  const out = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) {
    const m = mean[i]!;
    const variance = meanSq[i]! - m * m;
    const sd = Math.sqrt(variance > 0 ? variance : 0);
    const z = (data[i]! - m) / (sd > stdFloor ? sd : stdFloor);
    const v = 128 + 80 * z;
    out[i] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
  return { width: w, height: h, data: out };
}

/**
 * Local threshold (Sauvola-like, on the local z-score): white where x > mean − k·std over a
 * (2r+1)² window (std floored), else black. A larger, smoother window than jsQR's own 8 px blocks:
 * wins on moiré bands and uneven light. The result is binary, which jsQR's binariser keeps as is.
 */
export function binarizeLocal(img: Gray, radius: number, k = 0.2): Gray {
  const z = localNormalize(img, radius, 4);
  const cut = 128 - 80 * k;
  const out = new Uint8Array(z.data.length);
  for (let i = 0; i < out.length; i++) out[i] = z.data[i]! > cut ? 255 : 0;
  return { width: img.width, height: img.height, data: out };
}

/**
 * 3×3 median (edges clamped): removes thin moiré lines, JPEG ringing and sensor speckle while
 * keeping the edges of modules that are at least ~3 px wide.
 */
export function median3(img: Gray): Gray {
  const { width: w, height: h, data } = img;
  const out = new Uint8Array(w * h);
  const v = new Int32Array(9);
  for (let y = 0; y < h; y++) {
    const r0 = Math.max(0, y - 1) * w;
    const r1 = y * w;
    const r2 = Math.min(h - 1, y + 1) * w;
    for (let x = 0; x < w; x++) {
      const xl = x > 0 ? x - 1 : 0;
      const xr = x < w - 1 ? x + 1 : x;
      v[0] = data[r0 + xl]!;
      v[1] = data[r0 + x]!;
      v[2] = data[r0 + xr]!;
      v[3] = data[r1 + xl]!;
      v[4] = data[r1 + x]!;
      v[5] = data[r1 + xr]!;
      v[6] = data[r2 + xl]!;
      v[7] = data[r2 + x]!;
      v[8] = data[r2 + xr]!;
      // Partial selection: 4 passes of min-extraction leave the median at the 5th smallest.
      for (let i = 0; i < 5; i++) {
        let m = i;
        for (let j = i + 1; j < 9; j++) if (v[j]! < v[m]!) m = j;
        const t = v[i]!;
        v[i] = v[m]!;
        v[m] = t;
      }
      out[r1 + x] = v[4]!;
    }
  }
  return { width: w, height: h, data: out };
}

/** Unsharp mask with a 3×3 box blur: x + amount·(x − blur(x)). */
export function sharpen(img: Gray, amount: number): Gray {
  const { width: w, height: h, data } = img;
  const blur = boxMean(data, w, h, 1, false);
  const out = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) {
    const v = data[i]! + amount * (data[i]! - blur[i]!);
    out[i] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
  return { width: w, height: h, data: out };
}

/** Bilinear sample at continuous (x, y) (pixel k spans [k, k+1)); NaN outside. */
export function sampleBilinear(gray: Gray, x: number, y: number): number {
  const { width: w, height: h, data } = gray;
  const fx0 = x - 0.5;
  const fy0 = y - 0.5;
  if (!(fx0 >= 0 && fy0 >= 0 && fx0 < w - 1 && fy0 < h - 1)) return NaN;
  const x0 = Math.floor(fx0);
  const y0 = Math.floor(fy0);
  const fx = fx0 - x0;
  const fy = fy0 - y0;
  const k = y0 * w + x0;
  const top = data[k]! + (data[k + 1]! - data[k]!) * fx;
  const bottom = data[k + w]! + (data[k + w + 1]! - data[k + w]!) * fx;
  return top + (bottom - top) * fy;
}

/** Invert in place (255 − x). */
export function invertGray(img: Gray): void {
  const d = img.data;
  for (let i = 0; i < d.length; i++) d[i] = 255 - d[i]!;
}

/** Mean value of a gray image. */
export function meanGray(img: Gray): number {
  let s = 0;
  const d = img.data;
  for (let i = 0; i < d.length; i++) s += d[i]!;
  return d.length ? s / d.length : 0;
}

/** Fill a convex quadrilateral (points in order around the quad) with `value`. */
export function fillQuad(img: Gray, quad: readonly { x: number; y: number }[], value: number): void {
  if (quad.length < 3) return;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of quad) {
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x);
    maxY = Math.max(maxY, p.y);
  }
  const x0 = Math.max(0, Math.floor(minX));
  const y0 = Math.max(0, Math.floor(minY));
  const x1 = Math.min(img.width - 1, Math.ceil(maxX));
  const y1 = Math.min(img.height - 1, Math.ceil(maxY));
  // Orientation-independent convex test: all cross products share a sign.
  const n = quad.length;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      let pos = false;
      let neg = false;
      for (let i = 0; i < n; i++) {
        const a = quad[i]!;
        const b = quad[(i + 1) % n]!;
        const c = (b.x - a.x) * (y - a.y) - (b.y - a.y) * (x - a.x);
        if (c > 0) pos = true;
        else if (c < 0) neg = true;
      }
      if (!(pos && neg)) img.data[y * img.width + x] = value;
    }
  }
}

/** Write a gray image into (the prefix of) an RGBA buffer, growing it when needed. Returns the view jsQR needs. */
export function grayToRgba(img: Gray, buffer: { buf: Uint8ClampedArray }): Uint8ClampedArray {
  const n = img.width * img.height;
  if (buffer.buf.length < n * 4) buffer.buf = new Uint8ClampedArray(n * 4);
  const out = buffer.buf.subarray(0, n * 4);
  const d = img.data;
  for (let i = 0, j = 0; i < n; i++, j += 4) {
    const v = d[i]!;
    out[j] = v;
    out[j + 1] = v;
    out[j + 2] = v;
    out[j + 3] = 255;
  }
  return out;
}

/** A copy of a rectangle of an RGBA image (integer, inside the image). */
export function cropRgba(src: RgbaImage, x: number, y: number, w: number, h: number): RgbaImage & { data: Uint8ClampedArray } {
  const out = new Uint8ClampedArray(w * h * 4);
  for (let row = 0; row < h; row++) {
    const from = ((y + row) * src.width + x) * 4;
    out.set(src.data.subarray(from, from + w * 4), row * w * 4);
  }
  return { data: out, width: w, height: h };
}

/** An RGBA image turned clockwise by 90, 180 or 270 degrees (a copy). */
export function rotateRgba(src: RgbaImage, degrees: 90 | 180 | 270): RgbaImage & { data: Uint8ClampedArray } {
  const { width: W, height: H } = src;
  const s = new Uint32Array(src.data.buffer, src.data.byteOffset, W * H);
  const ow = degrees === 180 ? W : H;
  const oh = degrees === 180 ? H : W;
  const out = new Uint8ClampedArray(W * H * 4);
  const o = new Uint32Array(out.buffer);
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      // Output (x, y) comes from source (sx, sy): the inverse of the clockwise turn.
      const sx = degrees === 90 ? y : degrees === 180 ? W - 1 - x : W - 1 - y;
      const sy = degrees === 90 ? H - 1 - x : degrees === 180 ? H - 1 - y : x;
      o[y * ow + x] = s[sy * W + sx]!;
    }
  }
  return { data: out, width: ow, height: oh };
}
