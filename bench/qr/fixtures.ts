/**
 * Deterministic hard set of "phone photo of a monitor showing the Retrieve Password QR" images,
 * generated at run time (nothing large is committed). Node only (sharp for resize + JPEG).
 *
 *   import { hardSetSpecs, renderFixture } from "./fixtures";
 *   for (const spec of hardSetSpecs()) { const fx = await renderFixture(spec); ... }
 *
 * Rendered JPEGs are cached under bench-results/decode/fixtures-cache (git-ignored) keyed by a hash of the
 * spec and GENERATOR_VERSION, so re-runs are fast; delete the folder to force regeneration.
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { makeRng, photograph, qrQuadOnSensor, renderScreen, type CameraOptions, type Pt, type Rng, type Theme } from "./synth";

export const GENERATOR_VERSION = 5;
const CACHE_DIR = path.resolve("bench-results", "decode", "fixtures-cache");

export type Category = "12mp" | "chat-moire" | "thumb" | "dark" | "glare" | "low-contrast" | "blur" | "perspective" | "cluttered" | "negative";

export interface FixtureSpec {
  id: string;
  category: Category;
  /** The encoded text (null for negatives). */
  text: string | null;
  ecLevel: "L" | "M" | "Q";
  theme: Theme;
  modulePx: number;
  destroy?: number;
  noQr?: boolean;
  /** Final JPEG size. */
  outWidth: number;
  outHeight: number;
  quality: number;
  camera: CameraOptions;
  seed: number;
}

export interface Fixture {
  spec: FixtureSpec;
  jpeg: Buffer;
  /** Symbol corners TL, TR, BR, BL (symbol orientation) in final image pixels. */
  corners: Pt[];
}

// ---------------------------------------------------------------------------------------------
// RP1-like URLs (made up, format-valid)
// ---------------------------------------------------------------------------------------------

export const EXAMPLE_URL =
  "https://reset.example.com/rp1?s=2MN8X-2411-000123&p=2MN-8016&m=A1B2C3D4E5F6&f=4.1.7&v=1&t=1763726400&n=ZGVmZ2hpamtsbW5v&e=q-GFqW-4GHu1_Ysmh-PKMA&g=klyoQ4aHwonZh-hv97123g";

const B64U = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const HEX = "0123456789ABCDEF";
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

function randStr(rng: Rng, alphabet: string, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(rng.next() * alphabet.length)];
  return s;
}

/** A made-up RP1 URL with valid field formats. */
export function rp1Url(rng: Rng): string {
  const s = `${randStr(rng, ALNUM, 5)}-${rng.int(2201, 2612)}-${String(rng.int(1, 999999)).padStart(6, "0")}`;
  const p = `${randStr(rng, ALNUM, 3)}-${rng.int(1000, 9999)}`;
  const t = 1763726400 + rng.int(0, 10_000_000);
  return (
    `https://reset.example.com/rp1?s=${s}&p=${p}&m=${randStr(rng, HEX, 12)}&f=4.${rng.int(0, 3)}.${rng.int(0, 12)}` +
    `&v=1&t=${t}&n=${randStr(rng, B64U, 16)}&e=${randStr(rng, B64U, 22)}&g=${randStr(rng, B64U, 22)}`
  );
}

// ---------------------------------------------------------------------------------------------
// Spec sampling per category
// ---------------------------------------------------------------------------------------------

/** Modules of the symbol (version) for a text, without rendering. */
const SYMBOL_MODULES = 57; // ~200-char URL at EC level M → version 10 (53 at L, 61 at Q)

interface Framing {
  sensorW: number;
  sensorH: number;
  outW: number;
  outH: number;
  /** symbol side in sensor px */
  qrSide: number;
  center: Pt;
}

function landscapeOrPortrait(rng: Rng, long: number, aspect = 4 / 3): { w: number; h: number } {
  const short = Math.round(long / aspect);
  return rng.chance(0.3) ? { w: short, h: long } : { w: long, h: short };
}

function baseCamera(rng: Rng, f: Framing, theme: Theme): CameraOptions {
  const rot = rng.chance(0.15) ? rng.pick([Math.PI / 2, Math.PI, -Math.PI / 2]) + rng.range(-0.15, 0.15) : rng.range(-0.25, 0.25);
  return {
    width: f.sensorW,
    height: f.sensorH,
    qrQuad: qrQuadOnSensor(f.center, f.qrSide, rot, rng.range(0.03, 0.18), rng),
    subpixel: { fill: rng.range(0.6, 0.85), rowFill: rng.range(0.75, 0.92) },
    ss: 2,
    blur: rng.range(0.6, 1.4),
    motion: null,
    glare: null,
    exposure: theme === "dark" ? rng.range(1.1, 1.8) : rng.range(0.8, 1.15),
    veil: rng.range(0.005, 0.03),
    cast: [rng.range(0.85, 1.15), 1, rng.range(0.8, 1.2)],
    vignette: rng.range(0.1, 0.4),
    noise: rng.range(2, 6),
    bayer: true,
  };
}

function chatFraming(rng: Rng, outLong: number, qrFracOfShort: [number, number], sensorFactor: [number, number]): Framing {
  const out = landscapeOrPortrait(rng, outLong);
  const k = rng.range(sensorFactor[0], sensorFactor[1]);
  const sensorW = Math.round(out.w * k);
  const sensorH = Math.round(out.h * k);
  const short = Math.min(sensorW, sensorH);
  const qrSide = short * rng.range(qrFracOfShort[0], qrFracOfShort[1]);
  const center = { x: sensorW * rng.range(0.4, 0.6), y: sensorH * rng.range(0.4, 0.6) };
  return { sensorW, sensorH, outW: out.w, outH: out.h, qrSide, center };
}

function twelveMpFraming(rng: Rng, qrFrac: [number, number]): Framing {
  const out = rng.chance(0.3) ? { w: 3000, h: 4000 } : { w: 4000, h: 3000 };
  const qrSide = 3000 * rng.range(qrFrac[0], qrFrac[1]);
  return { sensorW: out.w, sensorH: out.h, outW: out.w, outH: out.h, qrSide, center: { x: out.w * rng.range(0.4, 0.6), y: out.h * rng.range(0.4, 0.6) } };
}

/**
 * Screen pixels per module so that the symbol has a plausible on-screen size, and the camera's
 * sensor-px-per-screen-px ratio (which decides stripes vs moiré) follows from the framing.
 */
function makeSpec(id: string, category: Category, rng: Rng, seed: number): FixtureSpec {
  const text = category === "negative" ? null : rp1Url(rng);
  const ecLevel = rng.pick(["M", "M", "L", "Q"] as const);
  let theme: Theme = rng.pick(["light", "light", "dark", "dark-boxed"] as const);
  let modulePx = rng.int(3, 6);
  let quality = rng.int(40, 80);
  let f: Framing;
  let cam: CameraOptions;
  let destroy: number | undefined;
  let noQr: boolean | undefined;

  switch (category) {
    case "12mp": {
      f = twelveMpFraming(rng, [0.3, 0.6]);
      cam = baseCamera(rng, f, theme);
      cam.blur = rng.range(1.5, 4);
      cam.noise = rng.range(3, 8);
      quality = rng.int(75, 92);
      if (rng.chance(0.3)) cam.glare = glareNear(rng, f, 0.9);
      break;
    }
    case "chat-moire": {
      f = chatFraming(rng, rng.int(480, 800), [0.4, 0.7], [1.1, 1.9]);
      cam = baseCamera(rng, f, theme);
      cam.blur = rng.range(0.4, 0.9);
      break;
    }
    case "thumb": {
      f = chatFraming(rng, rng.int(320, 420), [0.45, 0.7], [1.5, 3]);
      cam = baseCamera(rng, f, theme);
      quality = rng.int(40, 65);
      break;
    }
    case "dark": {
      theme = "dark";
      f = chatFraming(rng, rng.int(480, 800), [0.4, 0.7], [1.3, 2.5]);
      cam = baseCamera(rng, f, theme);
      cam.veil = rng.range(0.01, 0.04);
      break;
    }
    case "glare": {
      f = chatFraming(rng, rng.int(480, 800), [0.45, 0.7], [1.3, 2.5]);
      cam = baseCamera(rng, f, theme);
      // Partly saturating: the brighter the exposure (dark themes are exposed up), the weaker the
      // highlight needs to be to clip.
      cam.glare = glareNear(rng, f, rng.range(0.6, 1.0) / cam.exposure);
      break;
    }
    case "low-contrast": {
      f = chatFraming(rng, rng.int(480, 800), [0.4, 0.7], [1.3, 2.5]);
      cam = baseCamera(rng, f, theme);
      cam.veil = rng.range(0.12, 0.3);
      cam.exposure = rng.pick([rng.range(0.12, 0.3), rng.range(0.5, 0.8)]);
      cam.cast = rng.pick([
        [1.3, 1, 0.55],
        [0.6, 0.95, 1.35],
        [0.9, 1.2, 0.7],
      ] as [number, number, number][]);
      cam.noise = rng.range(4, 9);
      break;
    }
    case "blur": {
      f = chatFraming(rng, rng.int(480, 800), [0.45, 0.7], [1.3, 2.5]);
      cam = baseCamera(rng, f, theme);
      const moduleSensor = f.qrSide / SYMBOL_MODULES;
      if (rng.chance(0.5)) cam.blur = moduleSensor * rng.range(0.25, 0.45);
      else cam.motion = { len: moduleSensor * rng.range(0.5, 1.0), angle: rng.range(0, Math.PI) };
      break;
    }
    case "perspective": {
      f = chatFraming(rng, rng.int(560, 800), [0.45, 0.7], [1.3, 2.5]);
      cam = baseCamera(rng, f, theme);
      cam.qrQuad = qrQuadOnSensor(f.center, f.qrSide, rng.range(-Math.PI, Math.PI), rng.range(0.1, 0.22), rng);
      break;
    }
    case "cluttered": {
      // Whole monitor in frame, symbol small and off-centre.
      if (rng.chance(0.4)) {
        f = twelveMpFraming(rng, [0.1, 0.16]);
        cam = baseCamera(rng, f, theme);
        cam.blur = rng.range(1, 2);
        quality = rng.int(75, 92);
      } else {
        f = chatFraming(rng, rng.int(1200, 1800), [0.14, 0.22], [1.2, 1.6]);
        cam = baseCamera(rng, f, theme);
      }
      f.center = { x: f.sensorW * rng.pick([0.2, 0.78]), y: f.sensorH * rng.pick([0.22, 0.75]) };
      modulePx = rng.int(3, 4);
      cam.qrQuad = qrQuadOnSensor(f.center, f.qrSide, rng.range(-0.2, 0.2), rng.range(0.03, 0.12), rng);
      break;
    }
    case "negative": {
      f = chatFraming(rng, rng.int(480, 800), [0.4, 0.6], [1.3, 2]);
      cam = baseCamera(rng, f, theme);
      if (rng.chance(0.5)) noQr = true;
      else destroy = 0.35;
      break;
    }
  }
  return { id, category, text, ecLevel, theme, modulePx, destroy, noQr, outWidth: f.outW, outHeight: f.outH, quality, camera: cam, seed };
}

function glareNear(rng: Rng, f: Framing, strength: number): NonNullable<CameraOptions["glare"]> {
  const r = f.qrSide * rng.range(0.2, 0.4);
  return {
    x: f.center.x + rng.range(-0.35, 0.35) * f.qrSide,
    y: f.center.y + rng.range(-0.35, 0.35) * f.qrSide,
    rx: r * rng.range(0.8, 1.6),
    ry: r * rng.range(0.6, 1.2),
    strength,
  };
}

export const HARD_SET_COMPOSITION: readonly [Category, number][] = [
  ["12mp", 12],
  ["chat-moire", 12],
  ["thumb", 10],
  ["dark", 10],
  ["glare", 8],
  ["low-contrast", 8],
  ["blur", 8],
  ["perspective", 8],
  ["cluttered", 8],
];

/** The benchmark's hard set (positives only), deterministic for a seed. */
export function hardSetSpecs(seed = 20251121): FixtureSpec[] {
  const specs: FixtureSpec[] = [];
  for (const [cat, n] of HARD_SET_COMPOSITION) {
    for (let i = 0; i < n; i++) {
      const s = (seed ^ hashString(`${cat}:${i}`)) >>> 0;
      specs.push(makeSpec(`${cat}-${String(i + 1).padStart(2, "0")}`, cat, makeRng(s), s));
    }
  }
  return specs;
}

/** Images without a readable QR (for failure latency). */
export function negativeSpecs(seed = 20251121, n = 4): FixtureSpec[] {
  return Array.from({ length: n }, (_, i) => {
    const s = (seed ^ hashString(`negative:${i}`)) >>> 0;
    return makeSpec(`negative-${String(i + 1).padStart(2, "0")}`, "negative", makeRng(s), s);
  });
}

export function specFor(id: string, category: Category, seed: number): FixtureSpec {
  return makeSpec(id, category, makeRng(seed), seed);
}

function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

// ---------------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------------

/** Render the spec to raw sensor RGB (before resize/JPEG). */
export function renderRaw(spec: FixtureSpec): { width: number; height: number; rgb: Uint8Array } {
  const rng = makeRng(spec.seed ^ 0x9e3779b9);
  const screen = renderScreen(
    { text: spec.text ?? EXAMPLE_URL, ecLevel: spec.ecLevel, theme: spec.theme, modulePx: spec.modulePx, destroy: spec.destroy, noQr: spec.noQr },
    rng,
  );
  return photograph(screen, spec.camera, rng);
}

export function truthCorners(spec: FixtureSpec): Pt[] {
  const sx = spec.outWidth / spec.camera.width;
  const sy = spec.outHeight / spec.camera.height;
  return spec.camera.qrQuad.map((p) => ({ x: p.x * sx, y: p.y * sy }));
}

export async function encodeJpeg(raw: { width: number; height: number; rgb: Uint8Array }, outW: number, outH: number, quality: number): Promise<Buffer> {
  let img = sharp(Buffer.from(raw.rgb.buffer, raw.rgb.byteOffset, raw.rgb.byteLength), { raw: { width: raw.width, height: raw.height, channels: 3 } });
  if (outW !== raw.width || outH !== raw.height) img = img.resize(outW, outH, { kernel: "lanczos3", fit: "fill" });
  return img.jpeg({ quality }).toBuffer();
}

export async function renderFixture(spec: FixtureSpec, opts: { cache?: boolean } = {}): Promise<Fixture> {
  const useCache = opts.cache ?? true;
  const key = createHash("sha1")
    .update(JSON.stringify({ v: GENERATOR_VERSION, spec }))
    .digest("hex")
    .slice(0, 12);
  const file = path.join(CACHE_DIR, `${spec.id}-${key}.jpg`);
  if (useCache) {
    try {
      return { spec, jpeg: await readFile(file), corners: truthCorners(spec) };
    } catch {
      // not cached yet
    }
  }
  const raw = renderRaw(spec);
  const jpeg = await encodeJpeg(raw, spec.outWidth, spec.outHeight, spec.quality);
  if (useCache) {
    await mkdir(CACHE_DIR, { recursive: true });
    await writeFile(file, jpeg);
  }
  return { spec, jpeg, corners: truthCorners(spec) };
}

/** Decode a JPEG/PNG buffer to RGBA (like the CLI does). */
export async function loadRgba(buf: Buffer): Promise<{ data: Uint8ClampedArray; width: number; height: number }> {
  const { data, info } = await sharp(buf).rotate().ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
}
