/**
 * zxing-cpp (`zxing-wasm/reader`, Apache-2.0) as the decode worker's second reader: the
 * JavaScript glue is a separate chunk and the ~0.95 MB .wasm is fetched from the console itself
 * (`ZXING_WASM_URL`), both only when a photo first needs them (never on the page's first load).
 * The caller supplies the .wasm bytes; Node tests read them from node_modules.
 */
import type { Corners, RgbaImage } from "./types";

export interface ZxingSymbol {
  text: string;
  corners: Corners;
}

type ZxingReader = typeof import("zxing-wasm/reader");

let reader: Promise<ZxingReader> | undefined;

function loadZxing(wasm: () => Promise<ArrayBuffer>): Promise<ZxingReader> {
  reader ??= (async () => {
    const [zx, wasmBinary] = await Promise.all([import("zxing-wasm/reader"), wasm()]);
    await zx.prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true });
    return zx;
  })();
  reader.catch(() => {
    reader = undefined;
  });
  return reader;
}

/**
 * Every QR code zxing-cpp reads in the image (its thorough settings: harder search, 90° turns,
 * inverted codes, downscaled tries), in image coordinates. Up to `max` symbols.
 */
export async function zxingReadAll(image: RgbaImage, wasm: () => Promise<ArrayBuffer>, max = 4): Promise<ZxingSymbol[]> {
  const zx = await loadZxing(wasm);
  const results = await zx.readBarcodes({ data: image.data, width: image.width, height: image.height, colorSpace: "srgb" } as ImageData, {
    formats: ["QRCode"],
    tryHarder: true,
    tryRotate: true,
    tryInvert: true,
    tryDownscale: true,
    maxNumberOfSymbols: max,
  });
  return results
    .filter((r) => r.isValid && r.text !== "")
    .map((r) => ({
      text: r.text,
      corners: { topLeft: r.position.topLeft, topRight: r.position.topRight, bottomLeft: r.position.bottomLeft, bottomRight: r.position.bottomRight },
    }));
}
