/**
 * zxing-cpp (the `zxing-wasm` package, Apache-2.0, reader build) as a second engine of the
 * pipeline. Its WebAssembly module (~1 MB) is loaded lazily, on the first read or `load()`:
 *
 *   createZxingEngine({ wasmUrl: "/qr/zxing_reader.wasm" })  // browser: the app serves the file (no CDN)
 *   createZxingEngine({ wasmBinary })                         // bytes the caller already has
 *   createZxingEngine({ loadWasm: () => readFile(...) })      // lazily fetched bytes (Node: `server/zxing-node.ts`)
 *
 * One of the three must be given: the package's own default would fetch from a CDN. Browser,
 * worker and Node safe (no DOM, no Node imports).
 */
import type { ReaderOptions } from "zxing-wasm/reader";
import type { EngineCode, QrEngine } from "./engines";
import { grayToRgba, type Gray } from "./image-ops";
import type { EngineTuning } from "./types";

export interface ZxingEngineOptions {
  /** URL of `zxing_reader.wasm` (same origin in the browser). */
  wasmUrl?: string;
  /** The .wasm bytes. */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** Returns the .wasm bytes on first use. */
  loadWasm?: () => Promise<ArrayBuffer | Uint8Array>;
  /** zxing-cpp's `tryHarder` (default true: slower, reads more; our passes already choose the scale). */
  tryHarder?: boolean;
  /** Symbols per image (default 4: a photo may hold a help-link code beside the challenge). */
  maxSymbols?: number;
}

const FULL_QR: ReadonlySet<string> = new Set(["QRCode", "QRCodeModel1", "QRCodeModel2"]);
const RETRY_LOAD_AFTER_MS = 30_000;

type ZxingReader = typeof import("zxing-wasm/reader");

const BINARIZER: Record<NonNullable<EngineTuning["binarizer"]>, NonNullable<ReaderOptions["binarizer"]>> = {
  local: "LocalAverage",
  global: "GlobalHistogram",
  fixed: "FixedThreshold",
};

const toArrayBuffer = (b: ArrayBuffer | Uint8Array): ArrayBuffer =>
  b instanceof Uint8Array ? (b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer) : b;

export function createZxingEngine(opts: ZxingEngineOptions): QrEngine {
  if (!opts.wasmUrl && !opts.wasmBinary && !opts.loadWasm) throw new Error("createZxingEngine: give wasmUrl, wasmBinary or loadWasm (no CDN)");
  let ready: Promise<ZxingReader> | undefined;
  /** When loading last failed: reads give nothing for a while, then loading is tried again (a network blip must not end the second reader for good). */
  let failedAt = -Infinity;
  const load = (): Promise<ZxingReader> => {
    // The JavaScript glue is its own chunk too: a worker or page that never needs it never loads it.
    ready ??= (async () => {
      const [zx, binary] = await Promise.all([import("zxing-wasm/reader"), opts.wasmBinary ?? opts.loadWasm?.()]);
      const overrides = binary
        ? { wasmBinary: toArrayBuffer(binary) }
        : { locateFile: (path: string, prefix: string) => (path.endsWith(".wasm") ? opts.wasmUrl! : prefix + path) };
      await zx.prepareZXingModule({ overrides, fireImmediately: true });
      return zx;
    })().catch((e: unknown) => {
      failedAt = Date.now();
      ready = undefined;
      throw e;
    });
    return ready;
  };
  const base: ReaderOptions = {
    // Full QR codes only: zxing-cpp's "QRCode" also admits Micro QR and rMQR, and an M1 symbol has
    // next to no error detection (screen texture was read as one).
    formats: ["QRCodeModel2", "QRCodeModel1"],
    tryHarder: opts.tryHarder ?? true,
    tryRotate: true,
    tryDownscale: false,
    maxNumberOfSymbols: opts.maxSymbols ?? 4,
  };
  const buffer = { buf: new Uint8ClampedArray(0) };
  return {
    name: "zxing",
    multi: true,
    load: async () => {
      await load();
    },
    async read(gray: Gray, { inversion, tuning, maxSymbols }): Promise<EngineCode[]> {
      if (Date.now() - failedAt < RETRY_LOAD_AFTER_MS) return [];
      let zx: ZxingReader;
      try {
        zx = await load();
      } catch {
        return [];
      }
      // One buffer that only grows: passes of many sizes (up to a 6000 px photo) read in turn.
      const rgba = grayToRgba(gray, buffer);
      try {
        const results = await zx.readBarcodes({ data: rgba, width: gray.width, height: gray.height, colorSpace: "srgb" } as ImageData, {
          ...base,
          // zxing-cpp's own inversion is a second full scan of the inverted image.
          tryInvert: inversion !== "dontInvert",
          binarizer: BINARIZER[tuning?.binarizer ?? "local"],
          tryDenoise: tuning?.denoise ?? false,
          tryDownscale: tuning?.downscale ?? false,
          ...(maxSymbols ? { maxNumberOfSymbols: maxSymbols } : {}),
        });
        return results
          .filter((r) => r.isValid && r.text !== "" && FULL_QR.has(r.format))
          .map((r) => ({
            text: r.text,
            corners: { topLeft: r.position.topLeft, topRight: r.position.topRight, bottomLeft: r.position.bottomLeft, bottomRight: r.position.bottomRight },
          }));
      } catch {
        return [];
      }
    },
  };
}
