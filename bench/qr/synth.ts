/**
 * Synthetic "phone photo of a monitor showing a QR code" renderer. Pure TypeScript on typed arrays
 * (no sharp, no DOM) so unit tests can use it directly; `fixtures.ts` adds JPEG encoding.
 *
 * Model, in physical order:
 *   1. a recorder UI rendered at screen resolution (light or dark theme; dark themes draw the QR
 *      light-on-dark, i.e. inverted), QR modules a whole number of screen pixels;
 *   2. the screen's emission: each screen pixel is three vertical R/G/B sub-pixel stripes with a
 *      black matrix between them (the source of moiré when the camera samples them at a
 *      non-integer ratio);
 *   3. a camera looking at the screen through a homography (distance, rotation, perspective),
 *      bezel and room around the screen, a specular glare highlight on the glass;
 *   4. the sensor: pixel-area integration (supersampling), lens blur (gaussian) and hand shake
 *      (motion blur), exposure / ambient veil (low contrast), vignetting, white-balance cast, a
 *      Bayer RGGB mosaic with shot + read noise, bilinear demosaic, sRGB gamma, clipping.
 */
import QRCode from "qrcode";

// ---------------------------------------------------------------------------------------------
// PRNG
// ---------------------------------------------------------------------------------------------

export interface Rng {
  next(): number;
  range(a: number, b: number): number;
  int(a: number, b: number): number;
  pick<T>(xs: readonly T[]): T;
  gauss(): number;
  chance(p: number): boolean;
}

/** mulberry32 — tiny, fast, deterministic. */
export function makeRng(seed: number): Rng {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let spare: number | null = null;
  return {
    next,
    range: (a, b) => a + (b - a) * next(),
    int: (a, b) => a + Math.floor((b - a + 1) * next()),
    pick: (xs) => xs[Math.floor(next() * xs.length)]!,
    chance: (p) => next() < p,
    gauss: () => {
      if (spare !== null) {
        const v = spare;
        spare = null;
        return v;
      }
      let u = 0;
      let v = 0;
      while (u === 0) u = next();
      v = next();
      const m = Math.sqrt(-2 * Math.log(u));
      spare = m * Math.sin(2 * Math.PI * v);
      return m * Math.cos(2 * Math.PI * v);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Geometry
// ---------------------------------------------------------------------------------------------

export interface Pt {
  x: number;
  y: number;
}
/** Row-major 3×3 homography. */
export type Homography = Float64Array;

/** Solve the homography mapping src[i] → dst[i] (4 point pairs). */
export function homographyFromQuads(src: readonly Pt[], dst: readonly Pt[]): Homography {
  const A: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const { x, y } = src[i]!;
    const { x: u, y: v } = dst[i]!;
    A.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    A.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  // Gaussian elimination with partial pivoting on the 8×9 augmented matrix.
  for (let c = 0; c < 8; c++) {
    let p = c;
    for (let r = c + 1; r < 8; r++) if (Math.abs(A[r]![c]!) > Math.abs(A[p]![c]!)) p = r;
    [A[c], A[p]] = [A[p]!, A[c]!];
    const piv = A[c]![c]!;
    for (let k = c; k < 9; k++) A[c]![k]! /= piv;
    for (let r = 0; r < 8; r++) {
      if (r === c) continue;
      const f = A[r]![c]!;
      if (f === 0) continue;
      for (let k = c; k < 9; k++) A[r]![k]! -= f * A[c]![k]!;
    }
  }
  return Float64Array.from([A[0]![8]!, A[1]![8]!, A[2]![8]!, A[3]![8]!, A[4]![8]!, A[5]![8]!, A[6]![8]!, A[7]![8]!, 1]);
}

export function applyHomography(h: Homography, p: Pt): Pt {
  const w = h[6]! * p.x + h[7]! * p.y + h[8]!;
  return { x: (h[0]! * p.x + h[1]! * p.y + h[2]!) / w, y: (h[3]! * p.x + h[4]! * p.y + h[5]!) / w };
}

// ---------------------------------------------------------------------------------------------
// Screen (recorder UI) rendering
// ---------------------------------------------------------------------------------------------

export type Theme = "light" | "dark" | "dark-boxed";

export interface Screen {
  width: number;
  height: number;
  /** sRGB 8-bit, 3 channels */
  rgb: Uint8Array;
  /** Symbol corners (outer edge of the modules, no quiet zone) in screen pixels: TL, TR, BR, BL. */
  qrCorners: Pt[];
}

export function qrMatrix(text: string, ecLevel: "L" | "M" | "Q" | "H" = "M"): { size: number; dark: (r: number, c: number) => boolean } {
  const qr = QRCode.create(text, { errorCorrectionLevel: ecLevel });
  const m = qr.modules;
  return { size: m.size, dark: (r, c) => !!m.get(r, c) };
}

type RGB = [number, number, number];

function fillRect(s: { width: number; height: number; rgb: Uint8Array }, x0: number, y0: number, w: number, h: number, c: RGB): void {
  const x1 = Math.min(s.width, Math.round(x0 + w));
  const y1 = Math.min(s.height, Math.round(y0 + h));
  for (let y = Math.max(0, Math.round(y0)); y < y1; y++) {
    for (let x = Math.max(0, Math.round(x0)); x < x1; x++) {
      const i = (y * s.width + x) * 3;
      s.rgb[i] = c[0];
      s.rgb[i + 1] = c[1];
      s.rgb[i + 2] = c[2];
    }
  }
}

/** Fake "text": a line of word-sized bars. */
function textLine(s: Screen, rng: Rng, x: number, y: number, maxW: number, h: number, c: RGB): void {
  let cx = x;
  while (cx < x + maxW) {
    const w = rng.int(h * 1.5, h * 6);
    if (cx + w > x + maxW) break;
    // letters: vertical-ish strokes inside the word
    for (let lx = cx; lx < cx + w; lx += rng.int(2, 4)) fillRect(s, lx, y + rng.int(0, Math.floor(h / 3)), 1, h - rng.int(0, Math.floor(h / 3)), c);
    fillRect(s, cx, y + h - 1, w, 1, c);
    cx += w + rng.int(h, 2 * h);
  }
}

/** Camera-tile-like smooth texture. */
function videoTile(s: Screen, rng: Rng, x0: number, y0: number, w: number, h: number, dark: boolean): void {
  const base: RGB = dark ? [rng.int(30, 90), rng.int(30, 90), rng.int(30, 90)] : [rng.int(60, 200), rng.int(60, 200), rng.int(60, 200)];
  const fx = rng.range(0.01, 0.05);
  const fy = rng.range(0.01, 0.05);
  const ph = rng.range(0, 6.28);
  for (let y = Math.max(0, y0); y < Math.min(s.height, y0 + h); y++) {
    for (let x = Math.max(0, x0); x < Math.min(s.width, x0 + w); x++) {
      const t = 0.5 + 0.5 * Math.sin(x * fx + ph) * Math.cos(y * fy - ph);
      const i = (y * s.width + x) * 3;
      s.rgb[i] = base[0] * (0.6 + 0.6 * t);
      s.rgb[i + 1] = base[1] * (0.6 + 0.6 * t);
      s.rgb[i + 2] = base[2] * (0.6 + 0.6 * t);
    }
  }
}

export interface ScreenOptions {
  text: string;
  ecLevel?: "L" | "M" | "Q" | "H";
  theme: Theme;
  /** Screen pixels per module. */
  modulePx: number;
  width?: number;
  height?: number;
  /** Destroy the symbol (paint random modules) — for "unreadable" fixtures. */
  destroy?: number;
  /** No QR at all (UI only). */
  noQr?: boolean;
}

/** Render the recorder's "Retrieve Password" dialog on its UI. */
export function renderScreen(opts: ScreenOptions, rng: Rng): Screen {
  const width = opts.width ?? 1280;
  const height = opts.height ?? 800;
  const s: Screen = { width, height, rgb: new Uint8Array(width * height * 3), qrCorners: [] };
  const dark = opts.theme !== "light";
  const bg: RGB = dark ? [18, 20, 24] : [236, 238, 242];
  const panel: RGB = dark ? [32, 36, 42] : [255, 255, 255];
  const fg: RGB = dark ? [200, 205, 210] : [40, 44, 52];
  fillRect(s, 0, 0, width, height, bg);
  // Camera tiles grid in the background (recorder live view).
  const cols = 4;
  const rows = 3;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++)
      videoTile(s, rng, 8 + c * (width / cols), 48 + r * ((height - 56) / rows), width / cols - 16, (height - 56) / rows - 16, dark);
  }
  // Top bar.
  fillRect(s, 0, 0, width, 40, dark ? [10, 12, 14] : [30, 90, 160]);
  textLine(s, rng, 16, 14, 300, 12, [230, 230, 230]);

  const { size, dark: isDark } = qrMatrix(opts.text, opts.ecLevel ?? "M");
  const quiet = 4;
  const qrPx = size * opts.modulePx;
  const box = (size + 2 * quiet) * opts.modulePx;
  const dlgW = Math.max(box + 80, 420);
  const dlgH = box + 150;
  const dx = Math.round((width - dlgW) / 2);
  const dy = Math.round((height - dlgH) / 2);
  // Dim overlay behind the modal.
  for (let i = 0; i < s.rgb.length; i++) s.rgb[i] = s.rgb[i]! * 0.45;
  fillRect(s, dx, dy, dlgW, dlgH, panel);
  fillRect(s, dx, dy, dlgW, 36, dark ? [44, 50, 58] : [245, 246, 248]);
  textLine(s, rng, dx + 14, dy + 12, 200, 12, fg);
  textLine(s, rng, dx + 20, dy + 48, dlgW - 40, 10, fg);
  const qx = Math.round(dx + (dlgW - box) / 2) + quiet * opts.modulePx;
  const qy = dy + 70 + quiet * opts.modulePx;
  // QR colours: light theme dark-on-white; "dark" draws light modules on the dark panel (inverted);
  // "dark-boxed" puts a normal QR on a white box inside the dark UI.
  let on: RGB = [0, 0, 0];
  let off: RGB = [255, 255, 255];
  if (opts.theme === "dark") {
    on = [228, 230, 232];
    off = panel;
  }
  if (!opts.noQr) {
    fillRect(s, qx - quiet * opts.modulePx, qy - quiet * opts.modulePx, box, box, off);
    for (let r = 0; r < size; r++) {
      for (let c = 0; c < size; c++) {
        let d = isDark(r, c);
        if (opts.destroy && rng.chance(opts.destroy)) d = !d;
        if (d) fillRect(s, qx + c * opts.modulePx, qy + r * opts.modulePx, opts.modulePx, opts.modulePx, on);
      }
    }
  } else {
    fillRect(s, qx - quiet * opts.modulePx, qy - quiet * opts.modulePx, box, box, off);
    for (let i = 0; i < 8; i++) textLine(s, rng, qx, qy + i * 20, qrPx, 10, opts.theme === "dark" ? on : fg);
  }
  s.qrCorners = [
    { x: qx, y: qy },
    { x: qx + qrPx, y: qy },
    { x: qx + qrPx, y: qy + qrPx },
    { x: qx, y: qy + qrPx },
  ];
  // Buttons under the QR.
  fillRect(s, dx + dlgW - 120, dy + dlgH - 44, 100, 30, [37, 99, 235]);
  textLine(s, rng, dx + dlgW - 108, dy + dlgH - 34, 76, 10, [255, 255, 255]);
  fillRect(s, dx + 20, dy + dlgH - 44, 100, 30, dark ? [60, 66, 74] : [225, 228, 232]);
  return s;
}

// ---------------------------------------------------------------------------------------------
// Float plane helpers
// ---------------------------------------------------------------------------------------------

function boxBlurH(src: Float32Array, dst: Float32Array, w: number, h: number, r: number): void {
  const inv = 1 / (2 * r + 1);
  for (let y = 0; y < h; y++) {
    const b = y * w;
    let s = 0;
    for (let k = -r; k <= r; k++) s += src[b + Math.min(w - 1, Math.max(0, k))]!;
    for (let x = 0; x < w; x++) {
      dst[b + x] = s * inv;
      s += src[b + Math.min(w - 1, x + r + 1)]! - src[b + Math.max(0, x - r)]!;
    }
  }
}

function boxBlurV(src: Float32Array, dst: Float32Array, w: number, h: number, r: number): void {
  const inv = 1 / (2 * r + 1);
  const acc = new Float32Array(w);
  for (let x = 0; x < w; x++) {
    let s = 0;
    for (let k = -r; k <= r; k++) s += src[Math.min(h - 1, Math.max(0, k)) * w + x]!;
    acc[x] = s;
  }
  for (let y = 0; y < h; y++) {
    const b = y * w;
    const addRow = Math.min(h - 1, y + r + 1) * w;
    const subRow = Math.max(0, y - r) * w;
    for (let x = 0; x < w; x++) {
      dst[b + x] = acc[x]! * inv;
      acc[x] = acc[x]! + src[addRow + x]! - src[subRow + x]!;
    }
  }
}

/** Gaussian blur approximated by three box blurs (in place). */
export function gaussianBlurPlane(p: Float32Array, w: number, h: number, sigma: number): void {
  if (sigma < 0.3) return;
  // Box sizes for 3 passes (Kovesi).
  const n = 3;
  const wIdeal = Math.sqrt((12 * sigma * sigma) / n + 1);
  let wl = Math.floor(wIdeal);
  if (wl % 2 === 0) wl--;
  const m = Math.round((12 * sigma * sigma - n * wl * wl - 4 * n * wl - 3 * n) / (-4 * wl - 4));
  const tmp = new Float32Array(w * h);
  for (let i = 0; i < n; i++) {
    const size = i < m ? wl : wl + 2;
    const r = Math.max(0, (size - 1) / 2);
    if (r === 0) continue;
    boxBlurH(p, tmp, w, h, r);
    boxBlurV(tmp, p, w, h, r);
  }
}

/** Linear motion blur of length `len` px along `angle` (in place, nearest-pixel taps). */
export function motionBlurPlane(p: Float32Array, w: number, h: number, len: number, angle: number): void {
  const taps = Math.max(2, Math.round(len));
  const offs: number[] = [];
  for (let k = 0; k < taps; k++) {
    const t = k / (taps - 1) - 0.5;
    offs.push(Math.round(t * len * Math.cos(angle)), Math.round(t * len * Math.sin(angle)));
  }
  const src = Float32Array.from(p);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let s = 0;
      for (let k = 0; k < offs.length; k += 2) {
        const xx = Math.min(w - 1, Math.max(0, x + offs[k]!));
        const yy = Math.min(h - 1, Math.max(0, y + offs[k + 1]!));
        s += src[yy * w + xx]!;
      }
      p[y * w + x] = s / taps;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Camera
// ---------------------------------------------------------------------------------------------

export interface CameraOptions {
  /** Sensor (render) size. */
  width: number;
  height: number;
  /** Where the symbol's TL, TR, BR, BL corners land on the sensor. */
  qrQuad: Pt[];
  /** Sub-pixel stripes (fill fraction of a stripe, of a row); null = ideal continuous pixels. */
  subpixel: { fill: number; rowFill: number } | null;
  /** Supersampling per axis (pixel-area integration). */
  ss: number;
  /** Lens blur sigma in sensor px. */
  blur: number;
  motion?: { len: number; angle: number } | null;
  /** Specular highlight: centre (sensor px), radii, strength (1 = white level), added before blur. */
  glare?: { x: number; y: number; rx: number; ry: number; strength: number } | null;
  /** Multiplier of scene light. */
  exposure: number;
  /** Uniform ambient reflection added to the screen (reduces contrast), 0..1. */
  veil: number;
  /** White-balance gains. */
  cast: [number, number, number];
  /** 0..1 darkening at the corners. */
  vignette: number;
  /** Read noise sigma (0..255 units) and shot noise factor. */
  noise: number;
  /** Bayer mosaic + demosaic. */
  bayer: boolean;
  /** Bezel width in screen px and room colour. */
  bezel?: number;
}

const srgbToLin = new Float32Array(256).map((_, v) => Math.pow(v / 255, 2.2));

/**
 * Photograph `screen`. Returns sRGB 8-bit RGB at the sensor size. Deterministic given `rng`.
 */
export function photograph(screen: Screen, cam: CameraOptions, rng: Rng): { width: number; height: number; rgb: Uint8Array } {
  const { width: W, height: H } = cam;
  const sensorToScreen = homographyFromQuads(cam.qrQuad, screen.qrCorners);
  const [h0, h1, h2, h3, h4, h5, h6, h7, h8] = Array.from(sensorToScreen) as [number, number, number, number, number, number, number, number, number];
  const sw = screen.width;
  const sh = screen.height;
  // Linear-light screen emission.
  const lin = new Float32Array(sw * sh * 3);
  for (let i = 0; i < lin.length; i++) lin[i] = srgbToLin[screen.rgb[i]!]!;
  const sp = cam.subpixel;
  const gain = sp ? 1 / (sp.fill * sp.rowFill) : 1;
  const bezel = cam.bezel ?? 30;
  const room: RGB = [rng.range(0.05, 0.35), rng.range(0.05, 0.3), rng.range(0.04, 0.25)];
  const roomGrad = [rng.range(-0.3, 0.3) / W, rng.range(-0.3, 0.3) / H];
  const veil = cam.veil;

  const R = new Float32Array(W * H);
  const G = new Float32Array(W * H);
  const B = new Float32Array(W * H);
  const ss = Math.max(1, cam.ss);
  const inv = 1 / (ss * ss);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let ar = 0;
      let ag = 0;
      let ab = 0;
      for (let sy = 0; sy < ss; sy++) {
        const Y = y + (sy + 0.5) / ss;
        for (let sx = 0; sx < ss; sx++) {
          const X = x + (sx + 0.5) / ss;
          const w = h6 * X + h7 * Y + h8;
          const u = (h0 * X + h1 * Y + h2) / w;
          const v = (h3 * X + h4 * Y + h5) / w;
          if (u >= 0 && v >= 0 && u < sw && v < sh) {
            const iu = u | 0;
            const iv = v | 0;
            const ci = (iv * sw + iu) * 3;
            if (sp) {
              const fv = v - iv;
              if (fv < sp.rowFill) {
                const f3 = (u - iu) * 3;
                const k = f3 | 0;
                if (f3 - k < sp.fill) {
                  const e = lin[ci + k]! * gain * 3;
                  if (k === 0) ar += e;
                  else if (k === 1) ag += e;
                  else ab += e;
                }
              }
            } else {
              ar += lin[ci]!;
              ag += lin[ci + 1]!;
              ab += lin[ci + 2]!;
            }
            ar += veil;
            ag += veil;
            ab += veil;
          } else if (u >= -bezel && v >= -bezel && u < sw + bezel && v < sh + bezel) {
            ar += 0.012;
            ag += 0.012;
            ab += 0.014;
          } else {
            const t = 1 + roomGrad[0]! * X + roomGrad[1]! * Y;
            ar += room[0] * t;
            ag += room[1] * t;
            ab += room[2] * t;
          }
        }
      }
      const i = y * W + x;
      R[i] = ar * inv;
      G[i] = ag * inv;
      B[i] = ab * inv;
    }
  }
  const planes = [R, G, B];
  if (cam.glare) {
    const g = cam.glare;
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const dx = (x - g.x) / g.rx;
        const dy = (y - g.y) / g.ry;
        const a = g.strength * Math.exp(-(dx * dx + dy * dy));
        if (a < 1e-4) continue;
        const i = y * W + x;
        R[i] = R[i]! + a;
        G[i] = G[i]! + a * 0.98;
        B[i] = B[i]! + a * 0.95;
      }
    }
  }
  for (const p of planes) {
    gaussianBlurPlane(p, W, H, cam.blur);
    if (cam.motion && cam.motion.len >= 2) motionBlurPlane(p, W, H, cam.motion.len, cam.motion.angle);
  }
  // Exposure, white balance, vignetting.
  const cx = W / 2;
  const cy = H / 2;
  const rmax2 = cx * cx + cy * cy;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = y * W + x;
      const d2 = ((x - cx) * (x - cx) + (y - cy) * (y - cy)) / rmax2;
      const v = cam.exposure * (1 - cam.vignette * d2);
      R[i] = R[i]! * v * cam.cast[0];
      G[i] = G[i]! * v * cam.cast[1];
      B[i] = B[i]! * v * cam.cast[2];
    }
  }
  // Sensor: Bayer RGGB mosaic, shot + read noise, bilinear demosaic.
  const out = new Uint8Array(W * H * 3);
  const noiseLin = cam.noise / 255;
  const toSrgb = (v: number) => {
    const c = v <= 0 ? 0 : v >= 1 ? 1 : v;
    return Math.round(255 * Math.pow(c, 1 / 2.2));
  };
  if (cam.bayer) {
    const mosaic = new Float32Array(W * H);
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const i = y * W + x;
        const ch = (y & 1) === 0 ? ((x & 1) === 0 ? 0 : 1) : (x & 1) === 0 ? 1 : 2;
        let v = planes[ch]![i]!;
        v = Math.min(1.2, v); // full well
        v += rng.gauss() * (noiseLin * 0.5 + noiseLin * Math.sqrt(Math.max(0, v)));
        mosaic[i] = v;
      }
    }
    const at = (x: number, y: number) => mosaic[Math.min(H - 1, Math.max(0, y)) * W + Math.min(W - 1, Math.max(0, x))]!;
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const even = (y & 1) === 0;
        const xe = (x & 1) === 0;
        const c = at(x, y);
        const cross = (at(x - 1, y) + at(x + 1, y) + at(x, y - 1) + at(x, y + 1)) / 4;
        const diag = (at(x - 1, y - 1) + at(x + 1, y - 1) + at(x - 1, y + 1) + at(x + 1, y + 1)) / 4;
        const horiz = (at(x - 1, y) + at(x + 1, y)) / 2;
        const vert = (at(x, y - 1) + at(x, y + 1)) / 2;
        let r: number;
        let g: number;
        let b: number;
        if (even && xe) {
          r = c;
          g = cross;
          b = diag;
        } else if (even && !xe) {
          g = c;
          r = horiz;
          b = vert;
        } else if (!even && xe) {
          g = c;
          r = vert;
          b = horiz;
        } else {
          b = c;
          g = cross;
          r = diag;
        }
        const o = (y * W + x) * 3;
        out[o] = toSrgb(r);
        out[o + 1] = toSrgb(g);
        out[o + 2] = toSrgb(b);
      }
    }
  } else {
    for (let i = 0; i < W * H; i++) {
      const o = i * 3;
      out[o] = toSrgb(R[i]! + rng.gauss() * noiseLin);
      out[o + 1] = toSrgb(G[i]! + rng.gauss() * noiseLin);
      out[o + 2] = toSrgb(B[i]! + rng.gauss() * noiseLin);
    }
  }
  return { width: W, height: H, rgb: out };
}

/** A centred, rotated, perspective-jittered destination quad for the symbol. */
export function qrQuadOnSensor(center: Pt, side: number, rotationRad: number, perspective: number, rng: Rng): Pt[] {
  const c = Math.cos(rotationRad);
  const s = Math.sin(rotationRad);
  const base = [
    { x: -0.5, y: -0.5 },
    { x: 0.5, y: -0.5 },
    { x: 0.5, y: 0.5 },
    { x: -0.5, y: 0.5 },
  ];
  // Keystone along a random axis (a tilted camera), plus a little independent corner jitter.
  const tiltAxis = rng.range(0, Math.PI);
  const ta = Math.cos(tiltAxis);
  const tb = Math.sin(tiltAxis);
  return base.map((p) => {
    const along = p.x * ta + p.y * tb; // -0.7..0.7
    const k = 1 + perspective * along * 1.4;
    const px = p.x * k + rng.range(-1, 1) * perspective * 0.15;
    const py = p.y * k + rng.range(-1, 1) * perspective * 0.15;
    return { x: center.x + side * (px * c - py * s), y: center.y + side * (px * s + py * c) };
  });
}

/** RGB (3 channels) → RGBA. */
export function rgbToRgba(rgb: Uint8Array, width: number, height: number): { data: Uint8ClampedArray; width: number; height: number } {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0, j = 0; i < width * height; i++, j += 4) {
    data[j] = rgb[i * 3]!;
    data[j + 1] = rgb[i * 3 + 1]!;
    data[j + 2] = rgb[i * 3 + 2]!;
    data[j + 3] = 255;
  }
  return { data, width, height };
}
