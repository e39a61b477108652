/**
 * Node entry point of the QR decode pipeline.
 *
 *   npx tsx lib/qr/cli.ts [--budget=MS] [--any] FILE...
 *
 * Prints one JSON line per file: {"file","text","pass","ms"} — `text`/`pass` null when no QR code
 * was found (plus "reason"), and "error" when the file can't be read. Like the intake, it reads
 * reset challenges only (`CHALLENGE_TEXT`): another code in the photo, such as a help link, is
 * skipped and the search goes on; `--any` takes the first code of any kind. `ms` covers loading (sharp,
 * EXIF-rotated, RGBA) and decoding. Exit code 0 when every file was processed (found or not),
 * 1 when a file could not be read, 2 on bad usage.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import sharp from "sharp";
import { CHALLENGE_TEXT } from "./challenge-text";
import { decodeQr } from "./pipeline";
import type { DecodeFailureReason, RgbaImage } from "./types";

export interface CliLine {
  file: string;
  text: string | null;
  pass: string | null;
  ms: number;
  reason?: DecodeFailureReason;
  error?: string;
}

/** Load any image sharp reads (JPEG, PNG, WebP, TIFF, GIF, AVIF…) as RGBA, EXIF orientation applied. */
export async function loadImageFile(file: string): Promise<RgbaImage> {
  const { data, info } = await sharp(file).rotate().ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
}

const isChallenge = (text: string) => CHALLENGE_TEXT.test(text);

export async function decodeFile(file: string, opts: { timeBudgetMs?: number; any?: boolean } = {}): Promise<CliLine> {
  const t0 = performance.now();
  let image: RgbaImage;
  try {
    image = await loadImageFile(file);
  } catch (e) {
    return { file, text: null, pass: null, ms: Math.round(performance.now() - t0), error: e instanceof Error ? e.message : String(e) };
  }
  const r = decodeQr(image, { timeBudgetMs: opts.timeBudgetMs, accept: opts.any ? undefined : isChallenge });
  const ms = Math.round(performance.now() - t0);
  return r.ok ? { file, text: r.text, pass: r.pass, ms } : { file, text: null, pass: null, ms, reason: r.reason };
}

const USAGE = "usage: tsx lib/qr/cli.ts [--budget=MS] [--any] FILE...";

export async function main(argv: string[], write: (line: string) => void = (l) => process.stdout.write(l + "\n")): Promise<number> {
  let budget: number | undefined;
  let any = false;
  const files: string[] = [];
  for (const a of argv) {
    const m = /^--budget=(\d+)$/.exec(a);
    if (m) budget = Number(m[1]);
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
    const line = await decodeFile(f, { timeBudgetMs: budget, any });
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
