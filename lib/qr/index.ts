/** Public entry of the QR decode pipeline (browser, worker and Node safe — no Node imports). */
export { decodeQr, decodeQrAsync, DEFAULT_TIME_BUDGET_MS, EXTENDED_TIME_BUDGET_MS, PHASE_WORDS, passPhase } from "./pipeline";
export { DEFAULT_PASSES } from "./passes";
export { jsqrEngine, type EngineCode, type EngineReadOptions, type QrEngine } from "./engines";
export { createZxingEngine, type ZxingEngineOptions } from "./zxing-engine";
export type * from "./types";
