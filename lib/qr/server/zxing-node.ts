/**
 * The zxing-cpp engine in Node: the .wasm is read from node_modules (no network). One engine per
 * process (the wasm module is a per-factory singleton inside zxing-wasm anyway).
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { QrEngine } from "../engines";
import { createZxingEngine } from "../zxing-engine";

let engine: QrEngine | undefined;

export function zxingWasmPath(): string {
  return createRequire(import.meta.url).resolve("zxing-wasm/reader/zxing_reader.wasm");
}

export function nodeZxingEngine(): QrEngine {
  engine ??= createZxingEngine({ loadWasm: async () => new Uint8Array(await readFile(zxingWasmPath())) });
  return engine;
}
