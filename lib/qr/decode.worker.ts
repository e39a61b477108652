/**
 * Web Worker entry of the QR decode: opening the file (every format, HEIC included), the jsQR
 * pipeline and the second reader (zxing-cpp) all run here, never on the page's main thread.
 * Protocol and stages: `worker-handler.ts`; loaders: `browser-decoder.ts`. Created by
 * `decode-client.ts` with `new Worker(new URL('./decode.worker.ts', import.meta.url), { type: 'module' })`.
 */
import { createBrowserDecoder } from "./browser-decoder";
import type { WorkerRequest, WorkerResponse } from "./worker-handler";

interface WorkerScope {
  postMessage(msg: WorkerResponse): void;
  addEventListener(type: "message", listener: (ev: MessageEvent<WorkerRequest>) => void): void;
}

const scope = self as unknown as WorkerScope;
const handle = createBrowserDecoder((m) => scope.postMessage(m));
scope.addEventListener("message", (ev) => {
  void handle(ev.data);
});
