import type { DecodePhase } from "@/lib/qr/decode-client";
import { PHASE_WORDS as PIPELINE_WORDS } from "@/lib/qr/phase-words";

/** What the agent reads while a photo is being read: what is happening, not how. */
export const PHASE_WORDS: Record<DecodePhase, string> = {
  loading: "Opening the photo…",
  ...PIPELINE_WORDS,
  others: "Checking the photo for other codes…",
};

/** "2 s of up to 6 s": whole seconds, so the line does not flicker. */
export function elapsedWords(elapsedMs: number, budgetMs: number): string {
  return `${Math.min(Math.floor(elapsedMs / 1000), Math.round(budgetMs / 1000))} s of up to ${Math.round(budgetMs / 1000)} s`;
}

/** Turned by `deg` (clockwise), in words. */
export function rotationWords(deg: number): string {
  if (deg === 0) return "not turned";
  return `turned ${Math.abs(deg)}° ${deg > 0 ? "clockwise" : "anticlockwise"}`;
}
