/**
 * Web Worker entry of the QR decode pipeline.
 *
 * Messages in:  {id, bitmap: ImageBitmap, options?}   (transfer the bitmap)
 *               {id, imageData: {data, width, height}, options?}
 *               {id, type: 'cancel'}
 * Messages out: {id, type: 'progress', passIndex, passCount, pass}
 *               {id, type: 'result', result: DecodeResult}
 *
 * Bitmaps are drawn into an OffscreenCanvas of at most 2400 px on the long side before pixels are
 * read (bounds memory to ~17 MB for a 12 MP photo; see `bitmap.ts`); result corners are in the
 * bitmap's coordinates. The pipeline yields between passes so `cancel` is honoured between jsQR
 * attempts. Create with `new Worker(new URL('./decode.worker.ts', import.meta.url))`
 * (see `decode-client.ts`).
 */
import { bitmapToRgba } from "./bitmap";
import { createWorkerHandler, type WorkerRequest, type WorkerResponse } from "./worker-handler";

interface WorkerScope {
  postMessage(msg: WorkerResponse): void;
  addEventListener(type: "message", listener: (ev: MessageEvent<WorkerRequest>) => void): void;
}

const scope = self as unknown as WorkerScope;
const handle = createWorkerHandler({ post: (m) => scope.postMessage(m), bitmapToImage: (b) => bitmapToRgba(b) });
scope.addEventListener("message", (ev) => {
  void handle(ev.data);
});
