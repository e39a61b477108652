/**
 * Where the decode worker fetches its WebAssembly from: the console itself (no CDN), through
 * `app/api/v1/qr-wasm/[file]/route.ts`, which serves exactly these files from node_modules.
 * Neither is part of any page's first load: the worker fetches one when a photo first needs it.
 */
export const QR_WASM_FILES = {
  /** zxing-cpp's reader build (`zxing-wasm/reader`), the second reader. */
  "zxing_reader.wasm": "zxing-wasm/dist/reader/zxing_reader.wasm",
  /** libheif with libde265 (`libheif-js`), for HEIC/HEIF photos. */
  "libheif.wasm": "libheif-js/libheif-wasm/libheif.wasm",
} as const;

export type QrWasmFile = keyof typeof QR_WASM_FILES;

export const qrWasmUrl = (file: QrWasmFile): string => `/api/v1/qr-wasm/${file}`;
