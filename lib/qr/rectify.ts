/**
 * Perspective rectification for strongly keystoned photos.
 *
 * jsQR samples the symbol through a homography fixed by the three finder centres and a single
 * alignment pattern, which it looks for where an affine (parallelogram) model puts it. Under strong
 * keystone that guess lands on the wrong alignment pattern, or the module count it derives from the
 * finder distances is off by a version, and the whole grid is misread, although the code is sharp.
 *
 * This module finds the three finder patterns itself (1:1:3:1:1 runs on a binary image, checked
 * across), traces each finder's outer ring to get its four corners, and takes the symbol's outer
 * corners from them: three are outer corners of finders, the fourth is where the right edge of the
 * top-right finder meets the bottom edge of the bottom-left one (the perspective-correct
 * construction; a parallelogram would be off by modules). The symbol is then resampled into an
 * upright square with a quiet zone, where jsQR's own model holds again. jsQR stays the decoder.
 *
 * Coordinates are continuous: pixel k spans [k, k+1).
 */
import { sampleBilinear, type Gray } from "./image-ops";
import type { Point } from "./types";

export interface Finder {
  x: number;
  y: number;
  /** Module size in pixels. */
  module: number;
  /** Rows and columns that confirmed it. */
  count: number;
}

/** A candidate symbol: corners TL, TR, BR, BL (symbol orientation) and its estimated module count. */
export interface SymbolQuad {
  corners: [Point, Point, Point, Point];
  modules: number;
}

const MAX_FINDERS = 10;

/** Whether five runs (starting dark) look like 1:1:3:1:1. */
function finderRatio(c: readonly number[]): boolean {
  const total = c[0]! + c[1]! + c[2]! + c[3]! + c[4]!;
  if (total < 7) return false;
  const m = total / 7;
  const tol = m * 0.6;
  return Math.abs(m - c[0]!) < tol && Math.abs(m - c[1]!) < tol && Math.abs(3 * m - c[2]!) < 3 * tol && Math.abs(m - c[3]!) < tol && Math.abs(m - c[4]!) < tol;
}

/**
 * Runs through (x, y) along one axis: returns the 1:1:3:1:1 extent centred on the dark run
 * containing (x, y), or null. `dark(x, y)` reads the binary image.
 */
function crossCheck(dark: (i: number) => boolean, at: number, len: number, maxTotal: number): { center: number; total: number } | null {
  if (!dark(at)) return null;
  const c = [0, 0, 0, 0, 0];
  let i = at;
  while (i >= 0 && dark(i)) {
    c[2]!++;
    i--;
  }
  while (i >= 0 && !dark(i) && c[1]! <= maxTotal) {
    c[1]!++;
    i--;
  }
  while (i >= 0 && dark(i) && c[0]! <= maxTotal) {
    c[0]!++;
    i--;
  }
  const start = i + 1;
  i = at + 1;
  while (i < len && dark(i)) {
    c[2]!++;
    i++;
  }
  while (i < len && !dark(i) && c[3]! <= maxTotal) {
    c[3]!++;
    i++;
  }
  while (i < len && dark(i) && c[4]! <= maxTotal) {
    c[4]!++;
    i++;
  }
  if (!c[0] || !c[1] || !c[3] || !c[4] || !finderRatio(c)) return null;
  const total = c[0]! + c[1]! + c[2]! + c[3]! + c[4]!;
  if (total > maxTotal) return null;
  return { center: start + c[0]! + c[1]! + c[2]! / 2, total };
}

/** Finder pattern candidates (dark-on-light in `bin`: 0 = dark), best confirmed first. */
export function findFinders(bin: Gray): Finder[] {
  const { width: w, height: h, data } = bin;
  const found: Finder[] = [];
  const c = [0, 0, 0, 0, 0];
  for (let y = 0; y < h; y++) {
    const row = y * w;
    c.fill(0);
    let state = 0; // index into c; even = dark run, odd = light run
    let started = false;
    for (let x = 0; x <= w; x++) {
      const isDark = x < w && data[row + x] === 0;
      if (!started) {
        if (isDark) {
          started = true;
          state = 0;
          c[0] = 1;
        }
        continue;
      }
      if (isDark === (state % 2 === 0) && x < w) {
        c[state]!++;
        continue;
      }
      // Run ended.
      if (state < 4) {
        state++;
        c[state] = 1;
        continue;
      }
      if (finderRatio(c)) addCandidate(bin, found, x - c[4]! - c[3]! - c[2]! / 2, y, c[0]! + c[1]! + c[2]! + c[3]! + c[4]!);
      // Shift by two runs: the next candidate starts at the current third run.
      c[0] = c[2]!;
      c[1] = c[3]!;
      c[2] = c[4]!;
      c[3] = 1;
      c[4] = 0;
      state = 3;
    }
  }
  return found
    .filter((f) => f.count >= 2)
    .sort((a, b) => b.count - a.count)
    .slice(0, MAX_FINDERS);
}

function addCandidate(bin: Gray, found: Finder[], cx: number, y: number, hTotal: number): void {
  const { width: w, height: h, data } = bin;
  const maxTotal = Math.ceil(hTotal * 1.6);
  const xi = Math.floor(cx);
  const vertical = crossCheck((i) => data[i * w + xi] === 0, y, h, maxTotal);
  if (!vertical || Math.abs(vertical.total - hTotal) > 0.5 * hTotal) return;
  const yi = Math.floor(vertical.center);
  const horizontal = crossCheck((i) => data[yi * w + i] === 0, xi, w, maxTotal);
  if (!horizontal) return;
  const x = horizontal.center;
  const yc = vertical.center;
  const size = (horizontal.total + vertical.total) / 14;
  for (const f of found) {
    if (Math.abs(f.x - x) <= f.module * 2 && Math.abs(f.y - yc) <= f.module * 2 && Math.abs(f.module - size) <= f.module) {
      const n = f.count;
      f.x = (f.x * n + x) / (n + 1);
      f.y = (f.y * n + yc) / (n + 1);
      f.module = (f.module * n + size) / (n + 1);
      f.count++;
      return;
    }
  }
  found.push({ x, y: yc, module: size, count: 1 });
}

/**
 * The four corners of a finder's outer dark ring (in continuous coordinates), traced by a flood
 * fill from the ring; null when the ring is not a closed 7-module square (it leaks into the data
 * area, e.g. under blur).
 */
export function finderCorners(bin: Gray, f: Finder): Point[] | null {
  const { width: w, height: h, data } = bin;
  // Walk right from the centre: dark core, light ring, then the dark outer ring.
  let x = Math.floor(f.x);
  const y = Math.floor(f.y);
  const limit = Math.min(w - 1, Math.floor(f.x + f.module * 6));
  while (x < limit && data[y * w + x] === 0) x++;
  while (x < limit && data[y * w + x] !== 0) x++;
  if (x >= limit) return null;
  const reach = f.module * 6;
  const x0 = Math.max(0, Math.floor(f.x - reach));
  const x1 = Math.min(w - 1, Math.ceil(f.x + reach));
  const y0 = Math.max(0, Math.floor(f.y - reach));
  const y1 = Math.min(h - 1, Math.ceil(f.y + reach));
  const seen = new Uint8Array((x1 - x0 + 1) * (y1 - y0 + 1));
  const stack = [x, y];
  const pts: number[] = [];
  seen[(y - y0) * (x1 - x0 + 1) + (x - x0)] = 1;
  while (stack.length) {
    const py = stack.pop()!;
    const px = stack.pop()!;
    pts.push(px, py);
    for (const [dx, dy] of NEIGHBOURS) {
      const nx = px + dx;
      const ny = py + dy;
      if (nx < x0 || nx > x1 || ny < y0 || ny > y1) return null; // leaked out of the finder's box
      const k = (ny - y0) * (x1 - x0 + 1) + (nx - x0);
      if (seen[k] || data[ny * w + nx] !== 0) continue;
      seen[k] = 1;
      stack.push(nx, ny);
    }
  }
  // A ring of 24 modules' area; far fewer pixels means we traced a speck.
  if (pts.length / 2 < 12 * f.module * f.module) return null;
  return quadCorners(pts, f);
}

const NEIGHBOURS = [
  [1, 0],
  [-1, 0],
  [0, 1],
  [0, -1],
] as const;

/** Four extreme points of a roughly square blob: farthest from the centre, the one opposite, and the two farthest from that diagonal. */
function quadCorners(pts: number[], f: Finder): Point[] | null {
  const n = pts.length / 2;
  let best = -1;
  let a = 0;
  for (let i = 0; i < n; i++) {
    const d = (pts[2 * i]! + 0.5 - f.x) ** 2 + (pts[2 * i + 1]! + 0.5 - f.y) ** 2;
    if (d > best) {
      best = d;
      a = i;
    }
  }
  const ax = pts[2 * a]! + 0.5;
  const ay = pts[2 * a + 1]! + 0.5;
  best = -1;
  let b = 0;
  for (let i = 0; i < n; i++) {
    const d = (pts[2 * i]! + 0.5 - ax) ** 2 + (pts[2 * i + 1]! + 0.5 - ay) ** 2;
    if (d > best) {
      best = d;
      b = i;
    }
  }
  const bx = pts[2 * b]! + 0.5;
  const by = pts[2 * b + 1]! + 0.5;
  let maxPos = 0;
  let maxNeg = 0;
  let p = -1;
  let q = -1;
  for (let i = 0; i < n; i++) {
    const s = (bx - ax) * (pts[2 * i + 1]! + 0.5 - ay) - (by - ay) * (pts[2 * i]! + 0.5 - ax);
    if (s > maxPos) {
      maxPos = s;
      p = i;
    }
    if (s < maxNeg) {
      maxNeg = s;
      q = i;
    }
  }
  if (p < 0 || q < 0) return null;
  const diag = Math.hypot(bx - ax, by - ay);
  // Both off-diagonal corners must be well off the diagonal (a square, not a sliver).
  if (maxPos / diag < diag * 0.25 || -maxNeg / diag < diag * 0.25) return null;
  // Pixel centres are half a pixel inside the ring's outline: push each corner out from the centre.
  const out = (i: number): Point => {
    const x = pts[2 * i]! + 0.5;
    const y = pts[2 * i + 1]! + 0.5;
    const d = Math.hypot(x - f.x, y - f.y) || 1;
    return { x: x + ((x - f.x) / d) * 0.7, y: y + ((y - f.y) / d) * 0.7 };
  };
  // In order around the quad: a, p, b, q.
  return [out(a), out(p), out(b), out(q)];
}

const dist = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);

type Triple = { tl: Finder; tr: Finder; bl: Finder };

/** Label three finders as top-left, top-right, bottom-left (as jsQR does), or null for an implausible triangle. */
function orderTriple(f: Finder[]): Triple | null {
  const [p, q, r] = f as [Finder, Finder, Finder];
  const dpq = dist(p, q);
  const dqr = dist(q, r);
  const dpr = dist(p, r);
  let tl: Finder;
  let a: Finder;
  let b: Finder;
  if (dqr >= dpq && dqr >= dpr) [tl, a, b] = [p, q, r];
  else if (dpr >= dpq && dpr >= dqr) [tl, a, b] = [q, p, r];
  else [tl, a, b] = [r, p, q];
  // top-right × bottom-left must turn clockwise in image coordinates (y down).
  const cross = (a.x - tl.x) * (b.y - tl.y) - (a.y - tl.y) * (b.x - tl.x);
  const [tr, bl] = cross > 0 ? [a, b] : [b, a];
  const s1 = dist(tl, tr);
  const s2 = dist(tl, bl);
  const m = (tl.module + tr.module + bl.module) / 3;
  if (Math.min(s1, s2) < 10 * m) return null; // finders of one symbol are ≥ 14 modules apart
  if (s1 / s2 > 2 || s2 / s1 > 2) return null;
  const cos = ((tr.x - tl.x) * (bl.x - tl.x) + (tr.y - tl.y) * (bl.y - tl.y)) / (s1 * s2);
  if (Math.abs(cos) > 0.6) return null;
  return { tl, tr, bl };
}

function farthestFrom(quad: Point[], p: Point): number {
  let best = 0;
  for (let i = 1; i < 4; i++) if (dist(quad[i]!, p) > dist(quad[best]!, p)) best = i;
  return best;
}

/** Of the two corners next to `outer` on the quad, the one whose direction from it is closest to `dir`. */
function edgeTowards(quad: Point[], outer: number, dir: Point): Point {
  const o = quad[outer]!;
  const score = (c: Point) => ((c.x - o.x) * dir.x + (c.y - o.y) * dir.y) / (dist(c, o) || 1);
  const a = quad[(outer + 1) % 4]!;
  const b = quad[(outer + 3) % 4]!;
  return score(a) >= score(b) ? a : b;
}

function intersect(p: Point, pd: Point, q: Point, qd: Point): Point | null {
  const den = pd.x * qd.y - pd.y * qd.x;
  if (Math.abs(den) < 1e-9) return null;
  const t = ((q.x - p.x) * qd.y - (q.y - p.y) * qd.x) / den;
  return { x: p.x + t * pd.x, y: p.y + t * pd.y };
}

function convex(q: Point[]): boolean {
  let sign = 0;
  for (let i = 0; i < q.length; i++) {
    const a = q[i]!;
    const b = q[(i + 1) % q.length]!;
    const c = q[(i + 2) % q.length]!;
    const z = Math.sign((b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x));
    if (z === 0 || (sign && z !== sign)) return false;
    sign = z;
  }
  return true;
}

function unit(a: Point, b: Point): Point {
  const d = dist(a, b) || 1;
  return { x: (b.x - a.x) / d, y: (b.y - a.y) / d };
}

/** A finder's outer square (7 modules) from its centre and module size, in order around it. */
function impliedCorners(f: Finder, u: Point, v: Point): Point[] {
  const h = 3.5 * f.module;
  const at = (a: number, b: number): Point => ({ x: f.x + h * (a * u.x + b * v.x), y: f.y + h * (a * u.y + b * v.y) });
  return [at(-1, -1), at(1, -1), at(1, 1), at(-1, 1)];
}

/** Finders whose pairs are completed by `completeThird` (the most confirmed). */
const PAIR_FINDERS = 6;
/** How far (in modules, each way along the symbol's axes) a third finder is looked for around where a square symbol puts it. */
const THIRD_REACH = 6;
/** A third finder must look at least this much like one (`finderLikeness`). */
const THIRD_MIN_LIKENESS = 0.3;
/** Triples that are not three traced, found finders must look at least this much like finders, all three. */
const PLAUSIBLE_LIKENESS = 0.1;
/** Loose candidates with more modules (version 20's 97) are dropped: see findSymbolQuads. */
const LOOSE_MAX_MODULES = 97;

const LIKENESS_SCALES = [0.85, 1, 1.15];

const rot90 = (p: Point): Point => ({ x: -p.y, y: p.x });

/**
 * How much the 9×9 modules around `c` (axes `u`, `v`, module `m`) look like a finder pattern with
 * its separator: the mean of the light cells (the ring two modules out, and the ring four out)
 * minus the mean of the dark ones (core and outer ring), over 255. NaN where it leaves the image.
 */
function finderLikeness(bin: Gray, c: Point, u: Point, v: Point, m: number): number {
  let dark = 0;
  let lit = 0;
  for (let j = -4; j <= 4; j++)
    for (let i = -4; i <= 4; i++) {
      const ring = Math.max(Math.abs(i), Math.abs(j));
      if (ring === 4 && Math.abs(i) === Math.abs(j)) continue; // corners: the next module may be data
      const x = sampleBilinear(bin, c.x + m * (i * u.x + j * v.x), c.y + m * (i * u.y + j * v.y));
      if (Number.isNaN(x)) return NaN;
      if (ring === 2 || ring === 4) lit += x;
      else dark += x;
    }
  return (lit / 44 - dark / 33) / 255;
}

/** A quick look before `finderLikeness`: the centre dark, and two modules out lighter than three out, along both axes. */
function finderCross(bin: Gray, c: Point, u: Point, v: Point, m: number): boolean {
  if (!(sampleBilinear(bin, c.x, c.y) < 128)) return false;
  let lit = 0;
  let dark = 0;
  for (const [du, dv] of AXES) {
    const x = m * (du * u.x + dv * v.x);
    const y = m * (du * u.y + dv * v.y);
    lit += sampleBilinear(bin, c.x + 2 * x, c.y + 2 * y);
    dark += sampleBilinear(bin, c.x + 3 * x, c.y + 3 * y);
  }
  return lit > dark;
}

const AXES = [
  [1, 0],
  [-1, 0],
  [0, 1],
  [0, -1],
] as const;

/**
 * A third finder for two that were found, where run ratios missed it (moiré or bloom breaks its
 * runs): a square symbol puts it at one of six places (the pair an edge, either end the corner,
 * either side; or the pair a diagonal, either side), each searched for the best `finderLikeness`
 * within THIRD_REACH modules. Returns the places that look like a finder, best first.
 */
function completeThird(bin: Gray, a: Finder, b: Finder): Finder[] {
  const m = (a.module + b.module) / 2;
  const d = { x: b.x - a.x, y: b.y - a.y };
  const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
  const r = rot90(d);
  const diagonalAxis = unit({ x: 0, y: 0 }, { x: d.x - r.x, y: d.y - r.y });
  const guesses: { at: Point; u: Point }[] = [
    ...[a, b].flatMap((p) => [1, -1].map((s) => ({ at: { x: p.x + s * r.x, y: p.y + s * r.y }, u: unit(a, b) }))),
    ...[1, -1].map((s) => ({ at: { x: mid.x + (s * r.x) / 2, y: mid.y + (s * r.y) / 2 }, u: diagonalAxis })),
  ];
  const out: (Finder & { likeness: number })[] = [];
  for (const { at, u } of guesses) {
    const v = rot90(u);
    let best = { x: 0, y: 0, s: -Infinity };
    for (let db = -THIRD_REACH; db <= THIRD_REACH; db += 0.5)
      for (let da = -THIRD_REACH; da <= THIRD_REACH; da += 0.5) {
        const c = { x: at.x + m * (da * u.x + db * v.x), y: at.y + m * (da * u.y + db * v.y) };
        if (!finderCross(bin, c, u, v, m)) continue;
        const s = finderLikeness(bin, c, u, v, m);
        if (s > best.s) best = { ...c, s };
      }
    if (best.s >= THIRD_MIN_LIKENESS) out.push({ x: best.x, y: best.y, module: m, count: 0, likeness: best.s });
  }
  return out.sort((p, q) => q.likeness - p.likeness);
}

/** Whether two finders are as far apart as two finders of one symbol can be (14 to 170·√2 modules between centres). */
function pairSpacing(a: Finder, b: Finder): boolean {
  const modules = dist(a, b) / ((a.module + b.module) / 2);
  return modules >= 12 && modules <= 240;
}

/**
 * Candidate symbols from the finders of one binary image (0 = dark), at most `max`: triples of
 * found finders, at least two of whose rings were traced. `loose` also takes pairs of found
 * finders completed with a third that run ratios missed (`completeThird`), and triples with fewer
 * traced rings, as long as all three finders look like finders. They are ranked by how many rings
 * were traced, then by how much the least finder-like of the three looks like one
 * (`finderLikeness`, on the symbol's axes, each at its own module size).
 */
export function findSymbolQuads(bin: Gray, max = 2, { loose = false } = {}): SymbolQuad[] {
  const finders = findFinders(bin);
  const cornersOf = new Map<Finder, Point[] | null>();
  const corners = (f: Finder) => {
    if (!cornersOf.has(f)) cornersOf.set(f, finderCorners(bin, f));
    return cornersOf.get(f)!;
  };
  const similar = (fs: Finder[]) => Math.max(...fs.map((f) => f.module)) <= 2 * Math.min(...fs.map((f) => f.module));
  const candidates: { t: Triple; completed: boolean }[] = [];
  for (let i = 0; i < finders.length; i++)
    for (let j = i + 1; j < finders.length; j++) {
      const [a, b] = [finders[i]!, finders[j]!];
      for (let k = j + 1; k < finders.length; k++) {
        const t = similar([a, b, finders[k]!]) ? orderTriple([a, b, finders[k]!]) : null;
        if (t) candidates.push({ t, completed: false });
      }
      if (!loose || j >= PAIR_FINDERS || !similar([a, b]) || !pairSpacing(a, b)) continue;
      for (const third of completeThird(bin, a, b)) {
        // A third that run ratios found too is in a triple of found finders already.
        if (finders.some((f) => dist(f, third) < 2 * third.module)) continue;
        const t = orderTriple([a, b, third]);
        if (t) candidates.push({ t, completed: true });
      }
    }
  const ranked = candidates.map(({ t, completed }) => {
    const u = unit(t.tl, t.tr);
    const v = unit(t.tl, t.bl);
    // Each finder at its own module size (keystone makes them differ), the best of three scales.
    const likeness = Math.min(...[t.tl, t.tr, t.bl].map((f) => Math.max(...LIKENESS_SCALES.map((k) => finderLikeness(bin, f, u, v, k * f.module)))));
    return { t, completed, traced: [t.tl, t.tr, t.bl].filter((f) => corners(f)).length, likeness: Number.isNaN(likeness) ? -1 : likeness };
  });
  ranked.sort((a, b) => b.traced - a.traced || b.likeness - a.likeness);
  // Fewer than two traced rings, or a completed third, is more often a pattern in the data or in
  // the surroundings than a symbol, unless all three look like finders.
  const quads: SymbolQuad[] = [];
  for (const r of ranked) {
    if (quads.length >= max) break;
    const strict = r.traced >= 2 && !r.completed;
    if (!strict && !(loose && r.likeness >= PLAUSIBLE_LIKENESS)) continue;
    const quad = quadOf(r.t, corners);
    // A loose candidate as large as a version-21+ symbol is far more often the screen's text or
    // UI than a code (reset challenges are versions 8–11), and the grid search costs n².
    if (!strict && quad.modules > LOOSE_MAX_MODULES) continue;
    quads.push(quad);
  }
  return quads;
}

/**
 * The symbol's corners from its three finders: three outer finder corners, and the fourth where
 * the top-right finder's right edge meets the bottom-left finder's bottom edge.
 */
function quadOf(t: Triple, corners: (f: Finder) => Point[] | null): SymbolQuad {
  // A finder whose ring could not be traced (it touches noise or a neighbouring module, common
  // at 2–3 px per module) is given the square that its centre and module size imply, along the
  // symbol's axes (the polish of a grid pass corrects a module or so).
  const u = unit(t.tl, t.tr);
  const v = unit(t.tl, t.bl);
  const [qtl, qtr, qbl] = [t.tl, t.tr, t.bl].map((f) => corners(f) ?? impliedCorners(f, u, v)) as [Point[], Point[], Point[]];
  const mid = { x: (t.tr.x + t.bl.x) / 2, y: (t.tr.y + t.bl.y) / 2 };
  const tl = qtl[farthestFrom(qtl, mid)]!;
  const trOuter = farthestFrom(qtr, t.bl);
  const blOuter = farthestFrom(qbl, t.tr);
  const tr = qtr[trOuter]!;
  const bl = qbl[blOuter]!;
  const down = { x: t.bl.x - t.tl.x, y: t.bl.y - t.tl.y };
  const right = { x: t.tr.x - t.tl.x, y: t.tr.y - t.tl.y };
  const trEdge = edgeTowards(qtr, trOuter, down);
  const blEdge = edgeTowards(qbl, blOuter, right);
  let br = intersect(tr, { x: trEdge.x - tr.x, y: trEdge.y - tr.y }, bl, { x: blEdge.x - bl.x, y: blEdge.y - bl.y });
  const parallelogram = { x: tr.x + bl.x - tl.x, y: tr.y + bl.y - tl.y };
  // An edge only 7 modules long, extrapolated over the whole symbol: fall back to the
  // parallelogram when the intersection is absurd (far off, or the quad is not convex).
  const side = (dist(tl, tr) + dist(tl, bl)) / 2;
  if (!br || dist(br, parallelogram) > 0.8 * side || !convex([tl, tr, br, bl])) br = parallelogram;
  const finderSide = [qtl, qtr, qbl].reduce((s, q) => s + dist(q[0]!, q[2]!) + dist(q[1]!, q[3]!), 0) / 6 / Math.SQRT2;
  const modules = Math.max(21, Math.round((side / finderSide) * 7));
  return { corners: [tl, tr, br, bl], modules };
}

// ---------------------------------------------------------------------------------------------
// Homography (row-vector convention: [x y w] = [u v 1] · M)
// ---------------------------------------------------------------------------------------------

export type Mat3 = [number, number, number, number, number, number, number, number, number];

/** The projective map of the unit square (0,0),(1,0),(1,1),(0,1) onto a quad (Heckbert). */
export function squareToQuad(q: readonly [Point, Point, Point, Point]): Mat3 {
  const [p0, p1, p2, p3] = q;
  const dx3 = p0.x - p1.x + p2.x - p3.x;
  const dy3 = p0.y - p1.y + p2.y - p3.y;
  if (Math.abs(dx3) < 1e-9 && Math.abs(dy3) < 1e-9) {
    return [p1.x - p0.x, p1.y - p0.y, 0, p2.x - p1.x, p2.y - p1.y, 0, p0.x, p0.y, 1];
  }
  const dx1 = p1.x - p2.x;
  const dx2 = p3.x - p2.x;
  const dy1 = p1.y - p2.y;
  const dy2 = p3.y - p2.y;
  const den = dx1 * dy2 - dx2 * dy1;
  const a13 = (dx3 * dy2 - dx2 * dy3) / den;
  const a23 = (dx1 * dy3 - dx3 * dy1) / den;
  return [p1.x - p0.x + a13 * p1.x, p1.y - p0.y + a13 * p1.y, a13, p3.x - p0.x + a23 * p3.x, p3.y - p0.y + a23 * p3.y, a23, p0.x, p0.y, 1];
}

/** The adjugate, i.e. the inverse up to scale (enough for a homography). */
export function invert3(m: Mat3): Mat3 {
  const [a, b, c, d, e, f, g, h, i] = m;
  return [e * i - f * h, c * h - b * i, b * f - c * e, f * g - d * i, a * i - c * g, c * d - a * f, d * h - e * g, b * g - a * h, a * e - b * d];
}

export function mapPoint(m: Mat3, u: number, v: number): Point {
  const w = m[2] * u + m[5] * v + m[8];
  return { x: (m[0] * u + m[3] * v + m[6]) / w, y: (m[1] * u + m[4] * v + m[7]) / w };
}

/** Geometry of a rectified image: the symbol fills [margin, margin + side) on both axes. */
export interface Rectified {
  gray: Gray;
  /** square (0..1) → pass image */
  toImage: Mat3;
  /** pass image → square */
  fromImage: Mat3;
  side: number;
  margin: number;
}

/**
 * Resample the symbol `quad` of `gray` (bilinear) into an upright square of ~`pxPerModule` px per
 * module with a quiet zone of `quiet` modules; outside the image reads as the image's mean.
 */
export function rectify(gray: Gray, quad: SymbolQuad, pxPerModule = 4, quiet = 4): Rectified {
  const side = Math.min(800, Math.max(84, Math.round(quad.modules * pxPerModule)));
  const margin = Math.round((side / quad.modules) * quiet);
  const size = side + 2 * margin;
  const toImage = squareToQuad(quad.corners);
  const { data } = gray;
  let mean = 0;
  for (let i = 0; i < data.length; i += 97) mean += data[i]!;
  mean = Math.round(mean / Math.ceil(data.length / 97));
  const out = new Uint8Array(size * size);
  for (let j = 0; j < size; j++) {
    const v = (j + 0.5 - margin) / side;
    for (let i = 0; i < size; i++) {
      const p = mapPoint(toImage, (i + 0.5 - margin) / side, v);
      const x = sampleBilinear(gray, p.x, p.y);
      out[j * size + i] = Number.isNaN(x) ? mean : Math.round(x);
    }
  }
  return { gray: { width: size, height: size, data: out }, toImage, fromImage: invert3(toImage), side, margin };
}
