/**
 * The decode handler with the browser's own loaders (createImageBitmap, OffscreenCanvas, fetch
 * of the served .wasm files): what `decode.worker.ts` runs, and what `decode-client.ts` runs on
 * the page itself only when the browser has no Web Worker.
 */
import { bitmapSource, previewJpeg } from "./bitmap";
import { openPhotoFile } from "./open-photo";
import { qrWasmUrl, type QrWasmFile } from "./wasm-assets";
import { createWorkerHandler, type WorkerRequest, type WorkerResponse } from "./worker-handler";
import { createZxingEngine } from "./zxing-engine";

async function fetchWasm(file: QrWasmFile): Promise<ArrayBuffer> {
  const res = await fetch(qrWasmUrl(file), { credentials: "same-origin" });
  if (!res.ok) throw new Error(`${file}: HTTP ${res.status}`);
  return res.arrayBuffer();
}

export function createBrowserDecoder(post: (msg: WorkerResponse) => void): (msg: WorkerRequest) => Promise<void> {
  // The glue and the .wasm are fetched when a photo first needs the second reader.
  const zxing = createZxingEngine({ loadWasm: () => fetchWasm("zxing_reader.wasm") });
  return createWorkerHandler({
    post,
    openFile: (file) =>
      openPhotoFile(file, {
        heifWasm: () => fetchWasm("libheif.wasm"),
        toBitmap: (image) => createImageBitmap(new ImageData(new Uint8ClampedArray(image.data), image.width, image.height)),
        nativeBitmap: (blob) => createImageBitmap(blob, { imageOrientation: "from-image" }),
        source: bitmapSource,
        preview: previewJpeg,
      }),
    zxing,
  });
}
