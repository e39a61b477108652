/**
 * A reference decoder for the benchmark only: zxing-cpp (WebAssembly build, `zxing-wasm`), the
 * strongest open QR reader. It is never part of the product (the issue names jsQR as the decoder);
 * it tells the benchmark which photos a strong decoder can read at all, so a miss of ours can be
 * told apart from a photo nothing reads. The .wasm is loaded from node_modules: no network.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { prepareZXingModule, readBarcodes } from "zxing-wasm/reader";
import type { RgbaImage } from "@/lib/qr/types";

let ready: Promise<unknown> | undefined;

function prepare(): Promise<unknown> {
  ready ??= (async () => {
    const wasmPath = createRequire(import.meta.url).resolve("zxing-wasm/reader/zxing_reader.wasm");
    const wasmBinary = (await readFile(wasmPath)).buffer as ArrayBuffer;
    return prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true });
  })();
  return ready;
}

/** zxing-cpp with its slowest, most thorough settings; the first QR code's text, or null. */
export async function referenceDecode(image: RgbaImage): Promise<string | null> {
  await prepare();
  const results = await readBarcodes({ data: image.data, width: image.width, height: image.height, colorSpace: "srgb" } as ImageData, {
    formats: ["QRCode"],
    tryHarder: true,
    tryRotate: true,
    tryInvert: true,
    tryDownscale: true,
    maxNumberOfSymbols: 1,
  });
  return results.find((r) => r.isValid)?.text ?? null;
}
