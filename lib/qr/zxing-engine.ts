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
import { prepareZXingModule, readBarcodes, type ReaderOptions } from "zxing-wasm/reader";
import type { EngineCode, QrEngine } from "./engines";
import type { Gray } from "./image-ops";

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

const toArrayBuffer = (b: ArrayBuffer | Uint8Array): ArrayBuffer =>
  b instanceof Uint8Array ? (b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer) : b;

export function createZxingEngine(opts: ZxingEngineOptions): QrEngine {
  if (!opts.wasmUrl && !opts.wasmBinary && !opts.loadWasm) throw new Error("createZxingEngine: give wasmUrl, wasmBinary or loadWasm (no CDN)");
  let ready: Promise<void> | undefined;
  let failed = false;
  const load = (): Promise<void> => {
    ready ??= (async () => {
      const binary = opts.wasmBinary ?? (opts.loadWasm ? await opts.loadWasm() : undefined);
      const overrides = binary
        ? { wasmBinary: toArrayBuffer(binary) }
        : { locateFile: (path: string, prefix: string) => (path.endsWith(".wasm") ? opts.wasmUrl! : prefix + path) };
      await prepareZXingModule({ overrides, fireImmediately: true });
    })().catch((e: unknown) => {
      failed = true;
      throw e;
    });
    return ready;
  };
  const base: ReaderOptions = {
    formats: ["QRCode"],
    tryHarder: opts.tryHarder ?? true,
    tryRotate: true,
    tryDownscale: false,
    maxNumberOfSymbols: opts.maxSymbols ?? 4,
  };
  let rgba = new Uint8ClampedArray(0);
  return {
    name: "zxing",
    multi: true,
    load,
    async read(gray: Gray, { inversion }): Promise<EngineCode[]> {
      if (failed) return [];
      try {
        await load();
      } catch {
        return [];
      }
      const n = gray.width * gray.height;
      if (rgba.length !== n * 4) rgba = new Uint8ClampedArray(n * 4);
      const src = gray.data;
      for (let i = 0, j = 0; i < n; i++, j += 4) {
        const v = src[i]!;
        rgba[j] = v;
        rgba[j + 1] = v;
        rgba[j + 2] = v;
        rgba[j + 3] = 255;
      }
      try {
        const results = await readBarcodes({ data: rgba, width: gray.width, height: gray.height, colorSpace: "srgb" } as ImageData, {
          ...base,
          // zxing-cpp's own inversion is a second full scan of the inverted image.
          tryInvert: inversion !== "dontInvert",
        });
        return results
          .filter((r) => r.isValid && r.text !== "")
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
