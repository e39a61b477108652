/**
 * Module-grid sampling: read a located symbol module by module and redraw it clean.
 *
 * jsQR samples one pixel at the centre of each module after its own 8 px block threshold. On a
 * photo of a screen that pixel is often a moiré fringe, a sensor speck or a JPEG block edge, and
 * one wrong bit in ten is already past what error correction repairs. Here each module is the mean
 * of a 4×4 grid of bilinear samples over its central half (area averaging over exactly one
 * module, which is what suppresses moiré whose period is shorter than a module), thresholded
 * against the mean of the modules around it (uneven light, glare gradients). The result is drawn
 * as a perfect symbol with a quiet zone, which jsQR then decodes with its own error correction:
 * jsQR stays the decoder, this only chooses where to look.
 *
 * The module count comes from the finders' size, which is off by one version now and then, so the
 * caller tries the neighbouring sizes too (`gridSizes`).
 */
import { sampleBilinear, type Gray } from "./image-ops";
import { invert3, mapPoint, squareToQuad, type Rectified, type SymbolQuad } from "./rectify";

/** Pixels per module in the redrawn symbol, and its quiet zone in modules. */
const DRAW_PX = 4;
const QUIET = 4;
/** Sub-samples per module along each axis, spread over its central half. */
const SUB = 4;
/** Neighbourhood (in modules, each way) whose mean is a module's threshold. */
const LOCAL = 4;
/** The bottom-right corner is searched within n / SEARCH_FRACTION modules of its estimate. */
const SEARCH_FRACTION = 4;
/** Starting points climbed on the grid score: the finders' own estimate and the best alignment-pattern matches. */
const ALIGN_KEEP = 5;
/** Hill-climbing moves per step size. */
const CLIMB_STEPS = 4;
/** Rounds of nudging all four corners, per step size (in modules). */
const POLISH_ROUNDS = 3;
const POLISH_STEPS = [0.5, 0.25];

/** Valid QR sizes (17 + 4·version) nearest the estimate: the estimate's own first. */
export function gridSizes(estimate: number): number[] {
  const v = Math.max(1, Math.min(40, Math.round((estimate - 17) / 4)));
  const sizes = [v, v - 1, v + 1].filter((x) => x >= 1 && x <= 40).map((x) => 17 + 4 * x);
  return [...new Set(sizes)];
}

/**
 * Sample the `quad.modules`² cells of `quad` in `gray` and draw the thresholded symbol (dark
 * modules 0, light 255; `light` = the symbol is light-on-dark, drawn inverted so it reads as a
 * normal code). Returns null when the quad leaves the image.
 */
export function redrawSymbol(gray: Gray, quad: SymbolQuad, light: boolean): Gray | null {
  const toImage = squareToQuad(quad.corners);
  const n = quad.modules;
  const means = new Float32Array(n * n);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let b = 0; b < SUB; b++) {
        const v = (j + 0.25 + (b + 0.5) / (2 * SUB)) / n;
        for (let a = 0; a < SUB; a++) {
          const p = mapPoint(toImage, (i + 0.25 + (a + 0.5) / (2 * SUB)) / n, v);
          const x = sampleBilinear(gray, p.x, p.y);
          if (Number.isNaN(x)) return null;
          s += x;
        }
      }
      means[j * n + i] = s / (SUB * SUB);
    }
  }
  // Threshold each module against the mean of its (2·LOCAL+1)² neighbourhood (integral image).
  const stride = n + 1;
  const integral = new Float64Array(stride * stride);
  for (let j = 0; j < n; j++) {
    let row = 0;
    for (let i = 0; i < n; i++) {
      row += means[j * n + i]!;
      integral[(j + 1) * stride + i + 1] = integral[j * stride + i + 1]! + row;
    }
  }
  const side = n + 2 * QUIET;
  const size = side * DRAW_PX;
  const out = new Uint8Array(size * size).fill(255);
  for (let j = 0; j < n; j++) {
    const j0 = Math.max(0, j - LOCAL);
    const j1 = Math.min(n, j + LOCAL + 1);
    for (let i = 0; i < n; i++) {
      const i0 = Math.max(0, i - LOCAL);
      const i1 = Math.min(n, i + LOCAL + 1);
      const sum = integral[j1 * stride + i1]! - integral[j0 * stride + i1]! - integral[j1 * stride + i0]! + integral[j0 * stride + i0]!;
      const local = sum / ((j1 - j0) * (i1 - i0));
      const isDark = light ? means[j * n + i]! > local : means[j * n + i]! < local;
      if (!isDark) continue;
      const y0 = (j + QUIET) * DRAW_PX;
      const x0 = (i + QUIET) * DRAW_PX;
      for (let y = y0; y < y0 + DRAW_PX; y++) out.fill(0, y * size + x0, y * size + x0 + DRAW_PX);
    }
  }
  return { width: size, height: size, data: out };
}

/**
 * How well a module grid of `n` through `corners` lands on module centres, over the modules from
 * `from` on in both directions (by default the quarter of the symbol that the bottom-right corner
 * moves most; 0 for the whole symbol): the mean difference between neighbouring
 * module centres. On the grid, neighbours are whole modules (full contrast where they differ);
 * half a module off, each sample blends two modules; off the symbol, flat surroundings add
 * nothing, so the grid is not rewarded for straying outside the code.
 */
export function gridScore(gray: Gray, corners: SymbolQuad["corners"], n: number, from = Math.floor(n / 2)): number {
  const H = squareToQuad(corners);
  const half = from;
  const prev = new Float32Array(n - half);
  let sum = 0;
  let count = 0;
  for (let j = half, row = 0; j < n; j++, row++) {
    const v = (j + 0.5) / n;
    let left = NaN;
    for (let i = half, c = 0; i < n; i++, c++) {
      const p = mapPoint(H, (i + 0.5) / n, v);
      const x = sampleBilinear(gray, p.x, p.y);
      if (Number.isNaN(x)) return 0;
      if (c > 0) {
        sum += Math.abs(x - left);
        count++;
      }
      if (row > 0) {
        sum += Math.abs(x - prev[c]!);
        count++;
      }
      left = x;
      prev[c] = x;
    }
  }
  return count ? sum / count : 0;
}

/**
 * How much the 5×5 modules around where the bottom-right alignment pattern must be (its centre
 * is module (n−7, n−7) from version 2 on) look like one: the light ring's mean minus the mean of
 * the dark centre and outer ring (the other way round for a light-on-dark symbol).
 */
export function alignmentScore(gray: Gray, corners: SymbolQuad["corners"], n: number, light: boolean): number {
  const H = squareToQuad(corners);
  const c = n - 7;
  let dark = 0;
  let lit = 0;
  for (let dj = -2; dj <= 2; dj++) {
    for (let di = -2; di <= 2; di++) {
      const p = mapPoint(H, (c + di + 0.5) / n, (c + dj + 0.5) / n);
      const x = sampleBilinear(gray, p.x, p.y);
      if (Number.isNaN(x)) return -Infinity;
      if (Math.max(Math.abs(di), Math.abs(dj)) === 1) lit += x;
      else dark += x;
    }
  }
  const d = lit / 8 - dark / 17;
  return light ? -d : d;
}

/**
 * Search the bottom-right corner (the one the finders do not fix) and the module count. The
 * alignment pattern is looked for at every half-module offset within a quarter of the symbol;
 * the best few spots are then climbed on `gridScore` in half and quarter modules. Returns one
 * candidate per module count, best first.
 */
export function refineQuad(gray: Gray, quad: SymbolQuad, light: boolean, keep = 2): { quad: SymbolQuad; score: number }[] {
  const [tl, tr, br0, bl] = quad.corners;
  const out: { quad: SymbolQuad; score: number }[] = [];
  for (const n of gridSizes(quad.modules)) {
    const a = { x: (tr.x - tl.x) / n, y: (tr.y - tl.y) / n };
    const b = { x: (bl.x - tl.x) / n, y: (bl.y - tl.y) / n };
    const at = (da: number, db: number) => ({ x: br0.x + da * a.x + db * b.x, y: br0.y + da * a.y + db * b.y });
    const score = (da: number, db: number) => gridScore(gray, [tl, tr, at(da, db), bl], n);
    const R = Math.ceil(n / SEARCH_FRACTION);
    const starts: { da: number; db: number; s: number }[] = [{ da: 0, db: 0, s: Infinity }];
    if (n >= 25) {
      for (let db = -R; db <= R; db += 0.5)
        for (let da = -R; da <= R; da += 0.5) starts.push({ da, db, s: alignmentScore(gray, [tl, tr, at(da, db), bl], n, light) });
      starts.sort((x, y) => y.s - x.s);
    }
    let best = { da: 0, db: 0, s: -1 };
    for (const start of starts.slice(0, ALIGN_KEEP)) {
      let cur = { da: start.da, db: start.db, s: score(start.da, start.db) };
      for (const step of [0.5, 0.25]) {
        for (let moved = true, iter = 0; moved && iter < CLIMB_STEPS; iter++) {
          moved = false;
          const from = cur;
          for (let db = -1; db <= 1; db++)
            for (let da = -1; da <= 1; da++) {
              if (!da && !db) continue;
              const s = score(from.da + da * step, from.db + db * step);
              if (s > cur.s) {
                cur = { da: from.da + da * step, db: from.db + db * step, s };
                moved = true;
              }
            }
        }
      }
      if (cur.s > best.s) best = cur;
    }
    out.push({ quad: { corners: [tl, tr, at(best.da, best.db), bl], modules: n }, score: best.s });
  }
  return out.sort((x, y) => y.score - x.score).slice(0, keep);
}

/**
 * Nudge all four corners, half a module at a time and then a quarter, while the whole symbol's
 * grid score rises: the finders' corners are a pixel or so off at 3 px per module, a third of a
 * module, enough to sample the wrong half of the modules near the far edges; a finder placed from
 * its centre alone (untraced ring, strong keystone) can be a module or more off.
 */
export function polishCorners(gray: Gray, quad: SymbolQuad): SymbolQuad {
  const n = quad.modules;
  const corners = [...quad.corners] as SymbolQuad["corners"];
  const a = { x: (corners[1].x - corners[0].x) / n, y: (corners[1].y - corners[0].y) / n };
  const b = { x: (corners[3].x - corners[0].x) / n, y: (corners[3].y - corners[0].y) / n };
  let score = gridScore(gray, corners, n, 0);
  for (const step of POLISH_STEPS) {
    for (let round = 0, moved = true; moved && round < POLISH_ROUNDS; round++) {
      moved = false;
      for (let k = 0; k < 4; k++) {
        const from = corners[k]!;
        let bestAt = from;
        for (let db = -1; db <= 1; db++)
          for (let da = -1; da <= 1; da++) {
            if (!da && !db) continue;
            const candidate = { x: from.x + step * (da * a.x + db * b.x), y: from.y + step * (da * a.y + db * b.y) };
            corners[k] = candidate;
            const s = gridScore(gray, corners, n, 0);
            if (s > score) {
              score = s;
              bestAt = candidate;
              moved = true;
            }
          }
        corners[k] = bestAt;
      }
    }
  }
  return { corners, modules: n };
}

/**
 * The located symbol, its bottom-right corner and module count searched (`refineQuad`), redrawn
 * module by module (`redrawSymbol`), in `rectify`'s geometry so corners map back the same way:
 * first with all four corners polished (`polishCorners`), then as searched, since the polish
 * now and then climbs the wrong way and a redraw costs little next to the search. Dark modules
 * come out dark whatever the symbol's polarity. Empty when the symbol leaves the image.
 */
export function gridRectify(gray: Gray, quad: SymbolQuad, light: boolean): Rectified[] {
  const best = refineQuad(gray, quad, light, 1)[0];
  if (!best || best.score <= 0) return [];
  const out: Rectified[] = [];
  for (const q of [polishCorners(gray, best.quad), best.quad]) {
    const drawn = redrawSymbol(gray, q, light);
    if (!drawn || out.some((r) => r.gray.data.every((v, i) => v === drawn.data[i]))) continue;
    const toImage = squareToQuad(q.corners);
    out.push({ gray: drawn, toImage, fromImage: invert3(toImage), side: q.modules * DRAW_PX, margin: QUIET * DRAW_PX });
  }
  return out;
}
