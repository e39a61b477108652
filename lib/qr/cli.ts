/**
 * Node entry point of the QR decode pipeline.
 *
 *   npx tsx lib/qr/cli.ts [--budget=MS] [--any] [--engines=jsqr,zxing] FILE...
 *
 * Prints one JSON line per file: {"file","text","pass","ms","engine"} — `text`/`pass` null when no
 * QR code was found (plus "reason"), and "error" when the file can't be read; "candidates" when the
 * photo holds several distinct challenges. Like the intake, it reads reset challenges only
 * (`CHALLENGE_TEXT`): another code in the photo, such as a help link, is skipped and the search
 * goes on; `--any` takes the first code of any kind. Every format of `server/load-image.ts` (JPEG,
 * PNG, WebP, GIF, AVIF, TIFF, HEIC/HEIF; EXIF orientation applied; the photo on a PDF's first
 * page), both engines (jsQR first, zxing-cpp second), budget `EXTENDED_TIME_BUDGET_MS` (4 s) by default (easy photos end at their first pass). `ms` covers
 * loading and decoding. Exit code 0 when every file was processed (found or not), 1 when a file
 * could not be read, 2 on bad usage.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { runDecodeJob } from "./server/decode-job";
import type { DecodeCandidate, DecodeFailureReason } from "./types";

export interface CliLine {
  file: string;
  text: string | null;
  pass: string | null;
  ms: number;
  /** The engine that read it (`jsqr`, `zxing`). */
  engine?: string;
  candidates?: DecodeCandidate[];
  reason?: DecodeFailureReason;
  error?: string;
}

type EngineName = "jsqr" | "zxing";

export async function decodeFile(file: string, opts: { timeBudgetMs?: number; any?: boolean; engines?: EngineName[] } = {}): Promise<CliLine> {
  const t0 = performance.now();
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (e) {
    return { file, text: null, pass: null, ms: Math.round(performance.now() - t0), error: e instanceof Error ? e.message : String(e) };
  }
  const r = await runDecodeJob(bytes, undefined, { timeBudgetMs: opts.timeBudgetMs, any: opts.any, engines: opts.engines });
  const ms = Math.round(performance.now() - t0);
  if (r.ok) return { file, text: r.text, pass: r.pass, ms, engine: r.engine, ...(r.candidates ? { candidates: r.candidates } : {}) };
  if ("message" in r && (r.reason === "unsupported-format" || r.reason === "too-large" || r.reason === "load-failed" || r.reason === "worker-failed")) {
    return { file, text: null, pass: null, ms, error: r.message };
  }
  return { file, text: null, pass: null, ms, reason: r.reason as DecodeFailureReason };
}

const USAGE = "usage: tsx lib/qr/cli.ts [--budget=MS] [--any] [--engines=jsqr,zxing] FILE...";

export async function main(argv: string[], write: (line: string) => void = (l) => process.stdout.write(l + "\n")): Promise<number> {
  let budget: number | undefined;
  let any = false;
  let engines: EngineName[] | undefined;
  const files: string[] = [];
  for (const a of argv) {
    const m = /^--budget=(\d+)$/.exec(a);
    const e = /^--engines=((?:jsqr|zxing)(?:,(?:jsqr|zxing))*)$/.exec(a);
    if (m) budget = Number(m[1]);
    else if (e) engines = e[1]!.split(",") as EngineName[];
    else if (a === "--any") any = true;
    else if (a === "-h" || a === "--help") {
      write(USAGE);
      return 0;
    } else if (a.startsWith("--")) {
      process.stderr.write(`unknown option ${a}\n`);
      return 2;
    } else files.push(a);
  }
  if (files.length === 0) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let failed = false;
  for (const f of files) {
    const line = await decodeFile(f, { timeBudgetMs: budget, any, engines });
    if (line.error !== undefined) failed = true;
    write(JSON.stringify(line));
  }
  return failed ? 1 : 0;
}

const invoked = process.argv[1] ? pathToFileURL(path.resolve(process.argv[1])).href : "";
if (import.meta.url === invoked) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
