/** Public entry of the QR decode pipeline (browser, worker and Node safe — no Node imports). */
export { decodeQr, decodeQrAsync, DEFAULT_TIME_BUDGET_MS } from "./pipeline";
export { DEFAULT_PASSES } from "./passes";
export type * from "./types";
