/**
 * HEIC/HEIF (iPhone photos) → RGBA with libheif (`libheif-js`, its WebAssembly build), for the
 * decode worker: Chromium cannot open HEIC. The ~90 kB glue and the 1.4 MB .wasm are loaded on
 * the first HEIC only; the caller supplies the .wasm bytes (the worker fetches them from the
 * console itself, `qrWasmUrl("libheif.wasm")`; tests read them from node_modules).
 *
 * libheif applies the file's own transformations while decoding (clean aperture, rotation `irot`
 * and mirroring `imir`: libheif's default decoding options), so the pixels come out upright, as
 * `createImageBitmap(…, {imageOrientation: "from-image"})` gives other formats.
 */
import type { RgbaImage } from "./types";

interface HeifImage {
  get_width(): number;
  get_height(): number;
  is_primary(): boolean;
  display(target: { data: Uint8ClampedArray; width: number; height: number }, done: (out: unknown) => void): void;
  free(): void;
}
interface LibHeif {
  HeifDecoder: new () => { decode(bytes: Uint8Array): HeifImage[] };
}
type LibHeifFactory = (options: { wasmBinary: ArrayBuffer; print?: () => void; printErr?: () => void }) => Promise<LibHeif>;

/** Refused before decoding: a HEIC claiming more pixels than a phone takes is not a photo. */
export const HEIF_MAX_PIXELS = 60_000_000;

let libheifModule: Promise<LibHeif> | undefined;

function loadLibheif(wasm: () => Promise<ArrayBuffer>): Promise<LibHeif> {
  libheifModule ??= (async () => {
    const [glue, wasmBinary] = await Promise.all([import("libheif-js/libheif-wasm/libheif.js"), wasm()]);
    const factory = ((glue as { default?: unknown }).default ?? glue) as LibHeifFactory;
    // libheif prints its own diagnostics with console.log; the caller reports failures itself.
    const silent = () => {};
    return factory({ wasmBinary, print: silent, printErr: silent });
  })();
  libheifModule.catch(() => {
    libheifModule = undefined;
  });
  return libheifModule;
}

export class HeifDecodeError extends Error {}

/** The primary image of a HEIF file, upright, as RGBA. */
export async function decodeHeif(bytes: Uint8Array, wasm: () => Promise<ArrayBuffer>): Promise<RgbaImage> {
  const libheif = await loadLibheif(wasm);
  const decoder = new libheif.HeifDecoder();
  const images = decoder.decode(bytes);
  if (images.length === 0) throw new HeifDecodeError("no image in this HEIF file");
  const image = images.find((i) => i.is_primary()) ?? images[0]!;
  try {
    const width = image.get_width();
    const height = image.get_height();
    if (!(width > 0 && height > 0) || width * height > HEIF_MAX_PIXELS) throw new HeifDecodeError(`unusable HEIF size ${width}×${height}`);
    const target = { data: new Uint8ClampedArray(width * height * 4), width, height };
    await new Promise<void>((resolve, reject) => image.display(target, (out) => (out ? resolve() : reject(new HeifDecodeError("HEIF decoding failed")))));
    return target;
  } finally {
    for (const i of images) i.free();
  }
}
