/**
 * Words for the decode's progress line, per pipeline phase: their own module so that a page
 * showing them does not bundle the pipeline (it runs in the Web Worker).
 */
import type { DecodePhase } from "./types";

export const PHASE_WORDS: Record<DecodePhase, string> = {
  reading: "Reading the code…",
  "looking-closer": "Looking closer at the code…",
  "second-reader": "Trying a second reader…",
  "trying-harder": "Still trying — this photo is hard to read…",
};
