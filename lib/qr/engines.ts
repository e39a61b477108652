/**
 * Decoders the pipeline can run on its prepared images ("engines"). jsQR is built in and
 * synchronous; zxing-cpp (`zxing-engine.ts`) is WebAssembly, loaded on first use, and asynchronous.
 * A pass names the engine it runs (`PassDescriptor.engine`, default `jsqr`); passes whose engine
 * the caller did not supply are skipped, so the pass list stays one list.
 *
 * Browser, worker and Node safe: no DOM and no Node imports.
 */
import jsQR from "jsqr";
import type { Gray } from "./image-ops";
import { grayToRgba } from "./image-ops";
import type { Corners, EngineTuning, InversionMode } from "./types";

/** One code an engine read, corners in the coordinates of the gray image it was given. */
export interface EngineCode {
  text: string;
  corners: Corners;
}

export interface EngineReadOptions {
  inversion: InversionMode;
  /** The pass's engine settings; an engine ignores what it has no such setting for. */
  tuning?: EngineTuning;
  /** For engines that read every code at once: how many at most (default: the engine's own). */
  maxSymbols?: number;
}

export interface QrEngine {
  /** The name passes refer to (`PassDescriptor.engine`), e.g. `jsqr`, `zxing`. */
  readonly name: string;
  /**
   * Whether this engine returns every code of an image in one call. Engines that return at most
   * one (jsQR) are called again after a refused code has been painted over.
   */
  readonly multi: boolean;
  /** Read the codes of a gray image (all of them when `multi`); `[]` when none. Never throws. */
  read(gray: Gray, opts: EngineReadOptions): EngineCode[] | Promise<EngineCode[]>;
  /** Start loading (WebAssembly) ahead of the first read; resolves when ready, rejects if it cannot load. */
  load?(): Promise<void>;
}

const rgbaBuffer = { buf: new Uint8ClampedArray(0) };
/** Shorter jsQR texts are refused (see `read`). */
const MIN_JSQR_TEXT = 4;

/**
 * jsQR. `onlyInvert` inverts the luminance ourselves and runs jsQR without inversion: jsQR's own
 * inversion flips its binarised bits, but its binariser treats flat blocks as light, so a flat
 * dark quiet zone (a dark theme's panel) becomes dark after its inversion and the finder patterns
 * lose their light border. Inverting first lets the binariser see a normal code. `attemptBoth`
 * keeps jsQR's cheaper shared-binarisation attempt (one binarise, two scans).
 */
export const jsqrEngine: QrEngine = {
  name: "jsqr",
  multi: false,
  read(gray, { inversion }) {
    const data = grayToRgba(gray, rgbaBuffer);
    if (inversion === "onlyInvert") for (let i = 0; i < data.length; i++) if ((i & 3) !== 3) data[i] = 255 - data[i]!;
    let code: ReturnType<typeof jsQR>;
    try {
      code = jsQR(data, gray.width, gray.height, { inversionAttempts: inversion === "onlyInvert" ? "dontInvert" : inversion });
    } catch {
      return [];
    }
    // An empty or one-to-three-character payload is what jsQR "reads" from noise or from a code it
    // misread (seen: "1" from a printed challenge, and ""); zxing-cpp, which checks more, reads the
    // rare real code that short.
    if (!code || code.data.length < MIN_JSQR_TEXT) return [];
    const l = code.location;
    return [
      { text: code.data, corners: { topLeft: l.topLeftCorner, topRight: l.topRightCorner, bottomLeft: l.bottomLeftCorner, bottomRight: l.bottomRightCorner } },
    ];
  },
};
