import "server-only";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createDecodePool, type DecodePool } from "@/lib/qr/server/decode-pool";
import { rp1Scheme } from "@/lib/reset-protocol";
import type { InboundImage } from "./parse-inbound";

/** A reset link in text: any host, the RP1 path, its query (as a mail client shows or links it). */
const LINK = /https?:\/\/[^\s<>"'()]+\/rp1\?[^\s<>"'()]+/gi;

/** The first reset challenge in a message's text (plain text and the HTML's text and links), or null. */
export function findChallengeLink(text: string): string | null {
  for (const match of text.matchAll(LINK)) {
    const candidate = match[0].replace(/[.,;:!?\]]+$/, "");
    if (rp1Scheme.parse(candidate).ok) return candidate;
  }
  return null;
}

const holder = globalThis as unknown as { __inboundDecodePool?: DecodePool };

/**
 * The decode pool of this process (worker_threads: photos never decode on the event loop). The
 * worker entry is named by its path in the source tree, so the same file loads under `next start`
 * (whose bundle would otherwise move it away from the .ts it imports), tsx scripts and the outbox
 * worker process.
 */
export function inboundDecodePool(): DecodePool {
  holder.__inboundDecodePool ??= createDecodePool({
    maxQueue: 10_000,
    workerUrl: pathToFileURL(path.join(/*turbopackIgnore: true*/ process.cwd(), "lib/qr/server/decode-worker.mjs")),
  });
  return holder.__inboundDecodePool;
}

export type ImageDecode = { index: number; challengeText: string | null; failure: string | null };

/**
 * Decodes every image in parallel on the pool (reset challenges only, each at most `maxPixels`
 * so a decompression bomb is refused before it is expanded) and returns what each gave.
 */
export async function decodeImages(images: readonly InboundImage[], options: { maxPixels: number; pool?: DecodePool }): Promise<ImageDecode[]> {
  const pool = options.pool ?? inboundDecodePool();
  return Promise.all(
    images.map(async (image, index): Promise<ImageDecode> => {
      try {
        const result = await pool.decode(image.bytes, image.contentType, { maxPixels: options.maxPixels });
        if (result.ok && rp1Scheme.parse(result.text).ok) return { index, challengeText: result.text, failure: null };
        return { index, challengeText: null, failure: result.ok ? "not a reset code" : result.reason };
      } catch (error) {
        return { index, challengeText: null, failure: error instanceof Error ? error.message : "decode failed" };
      }
    }),
  );
}
