/**
 * Any photo a customer sends → RGBA, in Node: JPEG, PNG, WebP, GIF (first frame), AVIF and TIFF
 * through sharp (libvips; EXIF orientation applied by `.rotate()`), HEIC/HEIF from iPhones through
 * libheif-js (WebAssembly: sharp's prebuilt libvips reads AVIF but not HEVC-coded HEIC; libheif
 * applies the container's rotation and mirroring), and the photo on a PDF's first page
 * (`../pdf-first-page.ts`, loaded on the first PDF: its JPEG through sharp, or its raw pixels).
 * Anything else is a clear `ImageLoadError`. A pixel limit guards against decompression bombs,
 * checked from the header (a PDF: the image's dictionary) before decoding.
 */
import { createRequire } from "node:module";
import sharp from "sharp";
import type { PdfReadErrorCode } from "../pdf-first-page";
import type { RgbaImage } from "../types";

/** 40 MP: a 48 MP phone photo is downscaled by the phone's share sheet; beyond that it is a bomb. */
export const DEFAULT_MAX_PIXELS = 50_000_000;

export type ImageLoadErrorCode = "unsupported-format" | "too-large" | "load-failed";

export class ImageLoadError extends Error {
  constructor(
    readonly code: ImageLoadErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ImageLoadError";
  }
}

export interface LoadImageOptions {
  /** Largest width × height accepted (default `DEFAULT_MAX_PIXELS`). */
  maxPixels?: number;
}

export type ImageFormat = "jpeg" | "png" | "webp" | "gif" | "avif" | "heif" | "tiff" | "bmp" | "pdf" | "unknown";

const HEIF_BRANDS = ["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"];
const AVIF_BRANDS = ["avif", "avis"];

/** The format from the file's first bytes (the mime type a mail or browser gives is only a hint). */
export function sniffFormat(buf: Uint8Array): ImageFormat {
  const b = (i: number) => buf[i] ?? -1;
  const ascii = (from: number, to: number) => String.fromCharCode(...buf.subarray(from, to));
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return "jpeg";
  if (b(0) === 0x89 && ascii(1, 4) === "PNG") return "png";
  if (ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "webp";
  if (ascii(0, 4) === "GIF8") return "gif";
  if (ascii(0, 4) === "%PDF") return "pdf";
  if (ascii(0, 2) === "BM") return "bmp";
  if ((b(0) === 0x49 && b(1) === 0x49 && b(2) === 0x2a) || (b(0) === 0x4d && b(1) === 0x4d && b(3) === 0x2a)) return "tiff";
  if (buf.length >= 12 && ascii(4, 8) === "ftyp") {
    // Major brand, then the compatible brands up to the box's end.
    const boxEnd = Math.min(buf.length, (b(0) << 24) | (b(1) << 16) | (b(2) << 8) | b(3));
    const brands = [ascii(8, 12)];
    for (let i = 16; i + 4 <= boxEnd; i += 4) brands.push(ascii(i, i + 4));
    if (brands.some((x) => AVIF_BRANDS.includes(x))) return "avif";
    if (brands.some((x) => HEIF_BRANDS.includes(x))) return "heif";
  }
  return "unknown";
}

const UNSUPPORTED =
  "This file is not a photo the console can read. Please send a JPEG, PNG, WebP, GIF, AVIF or HEIC photo (or a screenshot) of the recorder's screen, or a PDF with that photo on its first page.";

/** Decode an image file's bytes to RGBA (EXIF orientation applied). Throws `ImageLoadError`. */
export async function loadImageBuffer(input: Uint8Array, mime?: string, opts: LoadImageOptions = {}): Promise<RgbaImage & { format: ImageFormat }> {
  const maxPixels = opts.maxPixels ?? DEFAULT_MAX_PIXELS;
  const format = sniffFormat(input);
  const heifHint = format === "unknown" && /image\/hei[cf]/i.test(mime ?? "");
  if (format === "heif" || heifHint) return { ...(await loadHeif(input, maxPixels)), format: "heif" };
  if (format === "pdf") return { ...(await loadPdf(input, maxPixels)), format: "pdf" };
  if (format === "unknown" || format === "bmp") throw new ImageLoadError("unsupported-format", UNSUPPORTED);
  return { ...(await loadWithSharp(input, `${format.toUpperCase()} file`, maxPixels)), format };
}

/** `what` names the file in the failure message ("PNG file", "JPEG in the PDF"). */
async function loadWithSharp(input: Uint8Array, what: string, maxPixels: number): Promise<RgbaImage> {
  try {
    const { data, info } = await sharp(input, { limitInputPixels: maxPixels, animated: false })
      .rotate()
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/pixel limit/i.test(msg)) throw new ImageLoadError("too-large", `The photo is larger than ${maxPixels} pixels.`);
    throw new ImageLoadError("load-failed", `The ${what} could not be read (damaged or truncated?): ${msg}`);
  }
}

// ---------------------------------------------------------------------------------------------
// PDF: the photo on the first page
// ---------------------------------------------------------------------------------------------

const PDF_CODES: Record<PdfReadErrorCode, ImageLoadErrorCode> = {
  "no-photo": "unsupported-format",
  unsupported: "unsupported-format",
  encrypted: "unsupported-format",
  damaged: "load-failed",
  "too-large": "too-large",
};

async function loadPdf(input: Uint8Array, maxPixels: number): Promise<RgbaImage> {
  const { readPdfFirstPage, PdfReadError } = await import("../pdf-first-page");
  let page;
  try {
    page = await readPdfFirstPage(input, { maxPixels });
  } catch (e) {
    if (e instanceof PdfReadError) throw new ImageLoadError(PDF_CODES[e.code], e.message);
    throw new ImageLoadError("load-failed", `The PDF could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  return page.kind === "jpeg" ? loadWithSharp(page.bytes, "JPEG in the PDF", maxPixels) : page.image;
}

// ---------------------------------------------------------------------------------------------
// HEIC / HEIF
// ---------------------------------------------------------------------------------------------

interface HeifImage {
  get_width(): number;
  get_height(): number;
  display(target: { data: Uint8ClampedArray; width: number; height: number }, cb: (r: unknown) => void): void;
  free?(): void;
}
interface Libheif {
  HeifDecoder: new () => { decode(buf: Uint8Array): HeifImage[] };
}

let libheif: Libheif | undefined;

async function loadHeif(input: Uint8Array, maxPixels: number): Promise<RgbaImage> {
  // The wasm bundle carries its .wasm inline: nothing to locate, loaded on the first HEIC only.
  libheif ??= createRequire(import.meta.url)("libheif-js/wasm-bundle") as Libheif;
  let images: HeifImage[];
  try {
    images = new libheif.HeifDecoder().decode(input);
  } catch (e) {
    throw new ImageLoadError("load-failed", `The HEIC file could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  const image = images[0];
  if (!image) throw new ImageLoadError("load-failed", "The HEIC file holds no image (damaged or truncated?).");
  try {
    const width = image.get_width();
    const height = image.get_height();
    if (width * height > maxPixels) throw new ImageLoadError("too-large", `The photo is larger than ${maxPixels} pixels.`);
    const data = new Uint8ClampedArray(width * height * 4);
    const ok = await new Promise<boolean>((resolve) => image.display({ data, width, height }, (r) => resolve(!!r)));
    if (!ok) throw new ImageLoadError("load-failed", "The HEIC image could not be decoded.");
    return { data, width, height };
  } finally {
    for (const im of images) im.free?.();
  }
}
