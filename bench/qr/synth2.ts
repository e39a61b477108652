/**
 * A SECOND, independent photo model for the decode benchmark, written apart from `synth.ts` with
 * other assumptions, so that a pass list tuned on one can be scored on the other.
 *
 * Where `synth.ts` renders the screen at screen resolution and warps it forward onto a Bayer
 * sensor, this model traces every sensor pixel BACK into the scene (inverse mapping with jittered
 * supersamples), through:
 *   - lens distortion (Brown radial k1: barrel < 0 < pincushion), about the optical centre;
 *   - a homography to the scene plane (distance, tilt, roll), with rolling shutter: each row is
 *     exposed later, so a hand's motion shears the image row by row;
 *   - the scene: a monitor whose pixels are real sub-pixel layouts (RGB stripe with a black
 *     matrix, or an OLED PenTile RG/BG diamond), or PRINTED paper (ink with dot gain on paper,
 *     curvature of a page that does not lie flat, a soft shadow across it, a glossy reflection);
 *   - screen flicker banding (PWM backlight against the rolling shutter);
 *   - optics: missed focus (disc-like defocus, two box passes), linear motion blur;
 *   - sensor: exposure, photon and read noise in linear light, then a tone curve (not a pure sRGB
 *     gamma: phones add an S-curve), sharpening halo of the phone's ISP;
 *   - delivery: chat-app chains (resize to 1280 or 1600 px, JPEG q70–85, again), or the photo
 *     placed inside a phone screenshot of a chat (bubbles, status bar) and saved again.
 *
 * Node only (sharp for resize/JPEG/composite). Deterministic for a seed. Categories and the
 * fraction of photos without a code are chosen here, not taken from `fixtures.ts`.
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import QRCode from "qrcode";
import sharp from "sharp";
import { rp1Url } from "./fixtures";
import { makeRng, type Rng } from "./synth";

export const SYNTH2_VERSION = 1;
const CACHE_DIR = path.resolve("bench-results", "decode", "fixtures2-cache");

export type Category2 =
  | "print-plain"
  | "print-curved"
  | "print-shadow"
  | "print-glossy"
  | "screen-stripe"
  | "screen-pentile"
  | "screen-motion"
  | "screen-defocus"
  | "screen-banding"
  | "chat-chain"
  | "chat-screenshot"
  | "negative";

/** Which categories are "real phone photos of printed codes" and which are "NVR-screen photos" (the two targets). */
export const GROUP: Record<Category2, "printed" | "screen" | "negative"> = {
  "print-plain": "printed",
  "print-curved": "printed",
  "print-shadow": "printed",
  "print-glossy": "printed",
  "screen-stripe": "screen",
  "screen-pentile": "screen",
  "screen-motion": "screen",
  "screen-defocus": "screen",
  "screen-banding": "screen",
  "chat-chain": "screen",
  "chat-screenshot": "screen",
  negative: "negative",
};

export const COMPOSITION2: readonly [Category2, number][] = [
  ["print-plain", 8],
  ["print-curved", 8],
  ["print-shadow", 8],
  ["print-glossy", 8],
  ["screen-stripe", 6],
  ["screen-pentile", 6],
  ["screen-motion", 6],
  ["screen-defocus", 6],
  ["screen-banding", 6],
  ["chat-chain", 6],
  ["chat-screenshot", 6],
  ["negative", 4],
];

export interface Spec2 {
  id: string;
  category: Category2;
  text: string | null;
  seed: number;
}

export interface Fixture2 {
  spec: Spec2;
  jpeg: Buffer;
}

function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export function synth2Specs(seed: number): Spec2[] {
  const out: Spec2[] = [];
  for (const [category, n] of COMPOSITION2) {
    for (let i = 0; i < n; i++) {
      const s = (seed * 2654435761 + hash(`${category}#${i}`)) >>> 0;
      const rng = makeRng(s);
      out.push({ id: `${category}-${String(i + 1).padStart(2, "0")}`, category, text: category === "negative" ? null : rp1Url(rng), seed: s });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Scene
// ---------------------------------------------------------------------------------------------

/** Scene radiance (linear RGB, 0..~1.2) at plane coordinates (u, v) in module units of the code's grid. */
type Scene = (u: number, v: number, out: Float32Array) => void;

interface Symbol {
  n: number;
  dark(r: number, c: number): boolean;
}

function symbolFor(text: string | null, rng: Rng): Symbol {
  if (text === null) {
    // A "code-like" texture without finder patterns: a sticker pattern / a logo grid.
    const n = 33;
    const bits = Array.from({ length: n * n }, () => rng.chance(0.45));
    return { n, dark: (r, c) => bits[r * n + c]! };
  }
  const qr = QRCode.create(text, { errorCorrectionLevel: rng.pick(["L", "M", "M", "Q"] as const) });
  return { n: qr.modules.size, dark: (r, c) => !!qr.modules.get(r, c) };
}

/** Ink on paper: dot gain widens dark modules; the page has a weak fibre texture. */
function paperScene(sym: Symbol, rng: Rng, o: { shadow: boolean; gloss: boolean }): Scene {
  const gain = rng.range(0.02, 0.12);
  const paper = [rng.range(0.78, 0.9), rng.range(0.78, 0.9), rng.range(0.72, 0.86)];
  const ink = rng.range(0.03, 0.09);
  const n = sym.n;
  // A shadow edge (a hand or the phone) across the page: a line with a soft penumbra.
  const sa = rng.range(0, Math.PI * 2);
  const sOff = rng.range(-0.2, 0.3) * n;
  const sSoft = rng.range(0.5, 3);
  const sDepth = rng.range(0.35, 0.65);
  // A glossy reflection: a bright elongated blob (a ceiling lamp in laminated paper).
  const gx = rng.range(0.15, 0.85) * n;
  const gy = rng.range(0.15, 0.85) * n;
  const gr = rng.range(0.08, 0.2) * n;
  const gs = rng.range(0.6, 1.6);
  const ga = rng.range(0, Math.PI);
  const light = rng.range(0.85, 1.1);
  return (u, v, out) => {
    let val: number;
    if (u < -4 || v < -4 || u >= n + 4 || v >= n + 4) {
      // Beyond the quiet zone: page margin with printed text lines, then the desk.
      const far = u < -12 || v < -12 || u >= n + 12 || v >= n + 12;
      if (far && (u < -30 || v < -30 || u > n + 30 || v > n + 30)) {
        out[0] = 0.18;
        out[1] = 0.12;
        out[2] = 0.08;
        return;
      }
      const line = Math.floor(v / 1.6);
      const inText = Math.abs(v / 1.6 - line - 0.5) < 0.18 && (Math.sin(u * 2.1 + line * 3.3) > -0.2 || Math.sin(u * 0.37 + line) > 0.6);
      val = far && inText ? ink + 0.2 : 1;
    } else {
      const c = Math.floor(u);
      const r = Math.floor(v);
      const inside = c >= 0 && r >= 0 && c < n && r < n;
      let dark = inside && sym.dark(r, c);
      if (!dark && inside && gain > 0) {
        // Dot gain: a light module's edge within `gain` of a dark neighbour prints dark.
        const fu = u - c;
        const fv = v - r;
        if ((fu < gain && c > 0 && sym.dark(r, c - 1)) || (fu > 1 - gain && c < n - 1 && sym.dark(r, c + 1))) dark = true;
        if ((fv < gain && r > 0 && sym.dark(r - 1, c)) || (fv > 1 - gain && r < n - 1 && sym.dark(r + 1, c))) dark = true;
      }
      val = dark ? ink / paper[1]! : 1;
    }
    let lum = light;
    if (o.shadow) {
      const d = (u - n / 2) * Math.cos(sa) + (v - n / 2) * Math.sin(sa) - sOff;
      lum *= 1 - sDepth / (1 + Math.exp(-d / sSoft));
    }
    let spec = 0;
    if (o.gloss) {
      const du = (u - gx) * Math.cos(ga) + (v - gy) * Math.sin(ga);
      const dv = -(u - gx) * Math.sin(ga) + (v - gy) * Math.cos(ga);
      spec = gs * Math.exp(-(du * du) / (2 * gr * gr * 4) - (dv * dv) / (2 * gr * gr));
    }
    out[0] = paper[0]! * val * lum + spec;
    out[1] = paper[1]! * val * lum + spec;
    out[2] = paper[2]! * val * lum + spec;
  };
}

/**
 * A monitor showing the recorder's dialog: `pxPerModule` screen pixels per module; each screen
 * pixel lit through its sub-pixels (RGB vertical stripes with a black matrix, or PenTile: every
 * pixel has a green sub-pixel, red and blue alternate in a diamond).
 */
function screenScene(sym: Symbol, rng: Rng, layout: "stripe" | "pentile", pxPerModule: number, theme: "light" | "dark"): Scene {
  const n = sym.n;
  const on = theme === "light" ? [0.05, 0.05, 0.06] : [0.92, 0.92, 0.95];
  const off = theme === "light" ? [0.95, 0.95, 0.97] : [0.08, 0.09, 0.11];
  const panel = theme === "light" ? [0.85, 0.87, 0.9] : [0.13, 0.14, 0.17];
  const bright = rng.range(0.8, 1.15);
  const fill = rng.range(0.55, 0.8);
  return (u, v, out) => {
    // Screen pixel coordinates.
    const x = u * pxPerModule;
    const y = v * pxPerModule;
    const px = Math.floor(x);
    const py = Math.floor(y);
    // The content colour of this screen pixel (module lookup at the pixel centre).
    const mu = Math.floor((px + 0.5) / pxPerModule);
    const mv = Math.floor((py + 0.5) / pxPerModule);
    let col: number[];
    if (mu >= 0 && mv >= 0 && mu < n && mv < n) col = sym.dark(mv, mu) ? on : off;
    else if (mu >= -4 && mv >= -4 && mu < n + 4 && mv < n + 4) col = off;
    else if (mu >= -14 && mv >= -20 && mu < n + 14 && mv < n + 12) {
      // The dialog around the code: a title bar and text lines.
      const textRow = Math.floor((mv + 20) / 2);
      col = mv < -16 ? [0.2, 0.35, 0.7] : (mv + 20) % 2 === 0 && Math.sin(mu * 1.3 + textRow) > 0 ? on : panel;
    } else col = [0.02, 0.02, 0.03];
    const fx = x - px;
    const fy = y - py;
    if (fy > 0.92) {
      out[0] = out[1] = out[2] = 0; // black matrix between rows
      return;
    }
    if (layout === "stripe") {
      const k = Math.floor(fx * 3);
      const within = fx * 3 - k;
      const lit = within < fill ? 3 * bright : 0;
      out[0] = k === 0 ? col[0]! * lit : 0;
      out[1] = k === 1 ? col[1]! * lit : 0;
      out[2] = k === 2 ? col[2]! * lit : 0;
    } else {
      // PenTile: green in the left half of every pixel; red or blue (alternating) on the right.
      const redPixel = (px + py) % 2 === 0;
      out[0] = out[1] = out[2] = 0;
      if (fx < 0.45) out[1] = col[1]! * 2.2 * bright;
      else if (fx > 0.5 && fx < 0.95) {
        if (redPixel) out[0] = col[0]! * 4 * bright;
        else out[2] = col[2]! * 4 * bright;
      }
    }
  };
}

// ---------------------------------------------------------------------------------------------
// Camera
// ---------------------------------------------------------------------------------------------

interface Cam {
  width: number;
  height: number;
  /** module units per sensor pixel at the centre */
  scale: number;
  roll: number;
  tiltX: number;
  tiltY: number;
  /** scene point at the optical centre (module units) */
  cu: number;
  cv: number;
  k1: number;
  /** page curvature (printed): depth of the bend as a fraction of the symbol */
  bend: number;
  /** rolling shutter: scene shift (module units) per row */
  shear: [number, number];
  /** PWM banding: amplitude and period (rows) */
  band: [number, number];
  defocus: number;
  motion: [number, number];
  exposure: number;
  noise: number;
  ss: number;
}

function render(scene: Scene, cam: Cam, rng: Rng, n: number): Float32Array {
  const { width: W, height: H, ss } = cam;
  const rgb = new Float32Array(W * H * 3);
  const tmp = new Float32Array(3);
  const cx = W / 2;
  const cy = H / 2;
  const norm = Math.max(W, H) / 2;
  const cr = Math.cos(cam.roll);
  const sr = Math.sin(cam.roll);
  for (let y = 0; y < H; y++) {
    const sh0 = cam.shear[0] * y;
    const sh1 = cam.shear[1] * y;
    for (let x = 0; x < W; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let s = 0; s < ss * ss; s++) {
        const jx = x + ((s % ss) + rng.next()) / ss;
        const jy = y + (Math.floor(s / ss) + rng.next()) / ss;
        // Lens distortion: the ideal (pinhole) ray for this sensor position.
        const dx = (jx - cx) / norm;
        const dy = (jy - cy) / norm;
        const f = 1 + cam.k1 * (dx * dx + dy * dy);
        const ix = dx * f;
        const iy = dy * f;
        // Tilt as a projective divide, roll, scale to the scene plane.
        const w = 1 + cam.tiltX * ix + cam.tiltY * iy;
        const px = (ix / w) * norm * cam.scale;
        const py = (iy / w) * norm * cam.scale;
        let u = cam.cu + cr * px - sr * py + sh0;
        let v = cam.cv + sr * px + cr * py + sh1;
        if (cam.bend) {
          // A page that does not lie flat: rows sag towards the middle (a cylinder seen from above).
          const t = (u - n / 2) / (n / 2 + 8);
          v += cam.bend * n * (1 - t * t);
          u += cam.bend * 0.3 * n * t * Math.abs(t);
        }
        scene(u, v, tmp);
        r += tmp[0]!;
        g += tmp[1]!;
        b += tmp[2]!;
      }
      const k = (y * W + x) * 3;
      const m = 1 / (ss * ss);
      rgb[k] = r * m;
      rgb[k + 1] = g * m;
      rgb[k + 2] = b * m;
    }
  }
  return rgb;
}

function boxBlur(p: Float32Array, W: number, H: number, rx: number, ry: number): void {
  const tmp = new Float32Array(Math.max(W, H) * 3);
  if (rx > 0)
    for (let y = 0; y < H; y++) {
      for (let c = 0; c < 3; c++) {
        let acc = 0;
        let cnt = 0;
        for (let x = -rx; x < W + rx; x++) {
          if (x + rx < W) {
            acc += p[(y * W + x + rx) * 3 + c]!;
            cnt++;
          }
          if (x - rx - 1 >= 0) {
            acc -= p[(y * W + x - rx - 1) * 3 + c]!;
            cnt--;
          }
          if (x >= 0 && x < W) tmp[x * 3 + c] = acc / cnt;
        }
      }
      p.set(tmp.subarray(0, W * 3), y * W * 3);
    }
  if (ry > 0)
    for (let x = 0; x < W; x++) {
      for (let c = 0; c < 3; c++) {
        let acc = 0;
        let cnt = 0;
        for (let y = -ry; y < H + ry; y++) {
          if (y + ry < H) {
            acc += p[((y + ry) * W + x) * 3 + c]!;
            cnt++;
          }
          if (y - ry - 1 >= 0) {
            acc -= p[((y - ry - 1) * W + x) * 3 + c]!;
            cnt--;
          }
          if (y >= 0 && y < H) tmp[y * 3 + c] = acc / cnt;
        }
      }
      for (let y = 0; y < H; y++) for (let c = 0; c < 3; c++) p[(y * W + x) * 3 + c] = tmp[y * 3 + c]!;
    }
}

/** Motion blur along (dx, dy) pixels: averaging shifted copies (bilinear-free, whole-pixel taps). */
function motionBlur(p: Float32Array, W: number, H: number, dx: number, dy: number): void {
  const steps = Math.max(1, Math.ceil(Math.hypot(dx, dy)));
  const src = p.slice();
  p.fill(0);
  for (let s = 0; s <= steps; s++) {
    const ox = Math.round((dx * s) / steps - dx / 2);
    const oy = Math.round((dy * s) / steps - dy / 2);
    for (let y = 0; y < H; y++) {
      const sy = Math.min(H - 1, Math.max(0, y + oy));
      for (let x = 0; x < W; x++) {
        const sx = Math.min(W - 1, Math.max(0, x + ox));
        const a = (y * W + x) * 3;
        const b = (sy * W + sx) * 3;
        p[a] = p[a]! + src[b]!;
        p[a + 1] = p[a + 1]! + src[b + 1]!;
        p[a + 2] = p[a + 2]! + src[b + 2]!;
      }
    }
  }
  const k = 1 / (steps + 1);
  for (let i = 0; i < p.length; i++) p[i]! *= k;
}

/** Sensor and ISP: banding, exposure, noise in linear light, S-curve tone map, a sharpening halo. */
function develop(p: Float32Array, cam: Cam, rng: Rng): Uint8Array {
  const { width: W, height: H } = cam;
  const [bandAmp, bandPeriod] = cam.band;
  const out = new Uint8Array(W * H * 3);
  const phase = rng.range(0, Math.PI * 2);
  for (let y = 0; y < H; y++) {
    const band = 1 + bandAmp * Math.sin((2 * Math.PI * y) / bandPeriod + phase);
    for (let x = 0; x < W; x++) {
      for (let c = 0; c < 3; c++) {
        const i = (y * W + x) * 3 + c;
        let e = p[i]! * cam.exposure * band;
        // Photon noise ∝ sqrt(signal) plus read noise.
        e += (Math.sqrt(Math.max(0, e)) * cam.noise + cam.noise * 0.3) * rng.gauss() * 0.05;
        e = Math.max(0, e);
        // Filmic S-curve then display gamma.
        const t = e / (e + 0.18) / (1 / 1.18);
        const s = t * t * (3 - 2 * t);
        out[i] = Math.max(0, Math.min(255, Math.round(255 * Math.pow(Math.min(1, 0.6 * t + 0.4 * s), 1 / 1.9))));
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// One photo
// ---------------------------------------------------------------------------------------------

function cameraFor(category: Category2, rng: Rng, n: number, sensorLong: number, symbolPx: number): Cam {
  const landscape = rng.chance(0.65);
  const W = landscape ? sensorLong : Math.round((sensorLong * 3) / 4);
  const H = landscape ? Math.round((sensorLong * 3) / 4) : sensorLong;
  const printed = GROUP[category] === "printed";
  const cam: Cam = {
    width: W,
    height: H,
    scale: n / symbolPx,
    roll: rng.chance(0.2) ? rng.pick([Math.PI / 2, Math.PI, -Math.PI / 2]) + rng.range(-0.2, 0.2) : rng.range(-0.35, 0.35),
    tiltX: rng.range(-0.35, 0.35),
    tiltY: rng.range(-0.35, 0.35),
    cu: n / 2 + rng.range(-0.15, 0.15) * n,
    cv: n / 2 + rng.range(-0.15, 0.15) * n,
    k1: rng.range(-0.18, 0.12),
    bend: 0,
    shear: [0, 0],
    band: [0, 100],
    defocus: rng.range(0, 0.8),
    motion: [0, 0],
    exposure: rng.range(0.85, 1.25),
    noise: rng.range(0.4, 1.2),
    ss: 2,
  };
  if (printed) cam.exposure *= rng.range(0.9, 1.2);
  if (category === "print-curved") cam.bend = rng.range(0.04, 0.12) * rng.pick([-1, 1]);
  if (category === "screen-motion") {
    const len = rng.range(0.6, 1.6) * (symbolPx / n); // up to ~1.5 modules of smear
    const a = rng.range(0, Math.PI);
    cam.motion = [len * Math.cos(a), len * Math.sin(a)];
    cam.shear = [rng.range(-1, 1) * 0.0015 * cam.scale * 10, rng.range(-1, 1) * 0.0015 * cam.scale * 10];
  }
  if (category === "screen-defocus") cam.defocus = rng.range(0.8, 1.6) * (symbolPx / n);
  if (category === "screen-banding") cam.band = [rng.range(0.15, 0.35), rng.range(12, 60)];
  if (!printed && category !== "screen-banding" && rng.chance(0.4)) cam.band = [rng.range(0.04, 0.12), rng.range(20, 80)];
  return cam;
}

async function chatChain(rgb: Uint8Array, W: number, H: number, rng: Rng, twice: boolean): Promise<Buffer> {
  const long = rng.pick([1280, 1600]);
  let buf = await sharp(Buffer.from(rgb.buffer, rgb.byteOffset, rgb.byteLength), { raw: { width: W, height: H, channels: 3 } })
    .resize(long, long, { fit: "inside", withoutEnlargement: true })
    .jpeg({ quality: rng.int(70, 85) })
    .toBuffer();
  if (twice) {
    // Forwarded: decoded and compressed again, often resized once more.
    const long2 = rng.pick([long, 1280, 1024]);
    buf = await sharp(buf)
      .resize(long2, long2, { fit: "inside", withoutEnlargement: true })
      .jpeg({ quality: rng.int(70, 85) })
      .toBuffer();
  }
  return buf;
}

/** The photo as a message in a phone screenshot of a chat: status bar, bubbles, the photo at ~70% of the width. */
async function inChatScreenshot(photo: Buffer, rng: Rng): Promise<Buffer> {
  const SW = rng.pick([750, 828, 1080]);
  const SH = Math.round(SW * 2.16);
  const meta = await sharp(photo).metadata();
  const pw = Math.round(SW * rng.range(0.62, 0.75));
  const ph = Math.round((pw * (meta.height ?? 3)) / (meta.width ?? 4));
  const resized = await sharp(photo).resize(pw, ph).toBuffer();
  const top = Math.round(SH * rng.range(0.18, 0.35));
  const bubble = (y: number, w: number, right: boolean) =>
    Buffer.from(
      `<svg width="${SW}" height="${SH}"><rect x="${right ? SW - w - 30 : 30}" y="${y}" width="${w}" height="${Math.round(SW * 0.09)}" rx="24" fill="${right ? "#dcf8c6" : "#ffffff"}"/></svg>`,
    );
  const chrome = Buffer.from(
    `<svg width="${SW}" height="${SH}"><rect width="${SW}" height="${Math.round(SW * 0.2)}" fill="#075e54"/><rect y="${SH - Math.round(SW * 0.15)}" width="${SW}" height="${Math.round(SW * 0.15)}" fill="#f0f0f0"/></svg>`,
  );
  const shot = await sharp({ create: { width: SW, height: SH, channels: 3, background: "#ece5dd" } })
    .composite([
      { input: chrome, top: 0, left: 0 },
      { input: bubble(Math.round(SW * 0.25), Math.round(SW * 0.5), false), top: 0, left: 0 },
      { input: resized, top: Math.min(SH - ph - 10, top + Math.round(SW * 0.12)), left: SW - pw - 40 },
    ])
    .png()
    .toBuffer();
  // Screenshots travel as PNG or get recompressed to JPEG by the next app.
  return rng.chance(0.5)
    ? shot
    : sharp(shot)
        .jpeg({ quality: rng.int(72, 88) })
        .toBuffer();
}

export async function renderSynth2(spec: Spec2): Promise<Buffer> {
  const rng = makeRng(spec.seed ^ 0x5bd1e995);
  const sym = symbolFor(spec.text, rng);
  const n = sym.n;
  const cat = spec.category;
  const printed = GROUP[cat] === "printed" || (cat === "negative" && rng.chance(0.5));
  // Sensor size: phones save 12 MP, but most of what reaches support went through an app; a third here is full size.
  const full = rng.chance(cat === "chat-chain" || cat === "chat-screenshot" ? 0 : 0.25);
  const sensorLong = full ? 4000 : rng.pick([1600, 1920, 2048]);
  // Symbol size on the sensor: from a distant snapshot (~2.4 px per module) to a close-up.
  const pxPerModule = printed ? rng.range(2.4, 9) : rng.range(2.6, 7);
  const symbolPx = Math.min(sensorLong * 0.7, n * pxPerModule * (full ? 2 : 1));
  const scene = printed
    ? paperScene(sym, rng, { shadow: cat === "print-shadow" || rng.chance(0.2), gloss: cat === "print-glossy" || rng.chance(0.1) })
    : screenScene(
        sym,
        rng,
        cat === "screen-pentile" ? "pentile" : rng.chance(0.8) ? "stripe" : "pentile",
        rng.pick([3, 4, 5, 6]),
        rng.chance(0.3) ? "dark" : "light",
      );
  const cam = cameraFor(cat, rng, n, sensorLong, symbolPx);
  if (full) cam.ss = 1;
  const lin = render(scene, cam, rng, n);
  const blurR = Math.round(cam.defocus);
  if (blurR > 0) {
    boxBlur(lin, cam.width, cam.height, blurR, blurR);
    boxBlur(lin, cam.width, cam.height, blurR, blurR);
  }
  if (cam.motion[0] || cam.motion[1]) motionBlur(lin, cam.width, cam.height, cam.motion[0], cam.motion[1]);
  const rgb = develop(lin, cam, rng);
  if (cat === "chat-chain") return chatChain(rgb, cam.width, cam.height, rng, true);
  if (cat === "chat-screenshot") return inChatScreenshot(await chatChain(rgb, cam.width, cam.height, rng, false), rng);
  // Straight from the phone (mail attachment): full size or the phone's own "medium" export.
  let img = sharp(Buffer.from(rgb.buffer, rgb.byteOffset, rgb.byteLength), { raw: { width: cam.width, height: cam.height, channels: 3 } });
  if (!full && rng.chance(0.5)) img = img.resize(1600, 1600, { fit: "inside" });
  return img.jpeg({ quality: rng.int(80, 92) }).toBuffer();
}

export async function renderFixture2(spec: Spec2): Promise<Fixture2> {
  const key = createHash("sha1")
    .update(JSON.stringify({ v: SYNTH2_VERSION, spec }))
    .digest("hex")
    .slice(0, 12);
  const file = path.join(CACHE_DIR, `${spec.id}-${key}.jpg`);
  try {
    return { spec, jpeg: await readFile(file) };
  } catch {
    // not cached yet
  }
  const jpeg = await renderSynth2(spec);
  await mkdir(CACHE_DIR, { recursive: true });
  await writeFile(file, jpeg);
  return { spec, jpeg };
}
