/**
 * A cheap "QR-likeliness" heat map: a QR symbol is a dense block of edges in BOTH directions
 * (unlike text lines, gradients, bezels or glare). Computed on a small (≈400 px) luma image, it
 * proposes regions to look at in more detail.
 */
import type { Gray, Rect } from "./image-ops";

/** Cells at least this fraction of a component's peak score form its core. */
const TIGHT = 0.6;

export interface Hotspot {
  /** In the coordinates of the gray image the map was computed on. */
  rect: Rect;
  score: number;
}

/**
 * Score cells of `cell`×`cell` px by min(Σ|∂x|, Σ|∂y|) per pixel, threshold, and return the
 * bounding boxes (expanded by `margin` of their size, squared up) of the strongest 8-connected
 * components, best first.
 */
export function findHotspots(img: Gray, max: number, cell = 8, margin = 0.3): Hotspot[] {
  const { width: w, height: h, data } = img;
  const cw = Math.floor(w / cell);
  const ch = Math.floor(h / cell);
  if (cw < 3 || ch < 3) return [];
  const score = new Float32Array(cw * ch);
  for (let cy = 0; cy < ch; cy++) {
    for (let cx = 0; cx < cw; cx++) {
      let sx = 0;
      let sy = 0;
      for (let y = cy * cell; y < (cy + 1) * cell; y++) {
        const yy = Math.min(h - 2, Math.max(1, y));
        for (let x = cx * cell; x < (cx + 1) * cell; x++) {
          const xx = Math.min(w - 2, Math.max(1, x));
          const i = yy * w + xx;
          sx += Math.abs(data[i + 1]! - data[i - 1]!);
          sy += Math.abs(data[i + w]! - data[i - w]!);
        }
      }
      score[cy * cw + cx] = Math.min(sx, sy) / (cell * cell);
    }
  }
  const sorted = Float32Array.from(score).sort();
  const p98 = sorted[Math.floor(sorted.length * 0.98)] ?? 0;
  const median = sorted[Math.floor(sorted.length * 0.5)] ?? 0;
  if (p98 <= 2) return [];
  const threshold = Math.max(median * 2, p98 * 0.35);

  const label = new Int32Array(cw * ch).fill(-1);
  const comps: { x0: number; y0: number; x1: number; y1: number; total: number; cells: number }[] = [];
  const stack: number[] = [];
  for (let i = 0; i < cw * ch; i++) {
    if (label[i] !== -1 || score[i]! < threshold) continue;
    const id = comps.length;
    const comp = { x0: cw, y0: ch, x1: 0, y1: 0, total: 0, cells: 0 };
    comps.push(comp);
    label[i] = id;
    stack.push(i);
    while (stack.length) {
      const j = stack.pop()!;
      const x = j % cw;
      const y = (j - x) / cw;
      comp.x0 = Math.min(comp.x0, x);
      comp.y0 = Math.min(comp.y0, y);
      comp.x1 = Math.max(comp.x1, x);
      comp.y1 = Math.max(comp.y1, y);
      comp.total += score[j]!;
      comp.cells++;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          const ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= cw || ny >= ch) continue;
          const k = ny * cw + nx;
          if (label[k] === -1 && score[k]! >= threshold) {
            label[k] = id;
            stack.push(k);
          }
        }
      }
    }
  }
  // A QR symbol spans at least ~3×3 cells at this scale; tiny specks are noise or text.
  const good = comps
    .map((c, id) => ({ ...c, id }))
    .filter((c) => c.cells >= 6)
    .sort((a, b) => b.total - a.total);
  const out: Hotspot[] = [];
  const square = (x0: number, y0: number, x1: number, y1: number, score: number) => {
    const side = Math.max(x1 - x0 + 1, y1 - y0 + 1) * cell * (1 + 2 * margin);
    const cx = ((x0 + x1 + 1) / 2) * cell;
    const cy = ((y0 + y1 + 1) / 2) * cell;
    const x = Math.max(0, cx - side / 2);
    const y = Math.max(0, cy - side / 2);
    out.push({ rect: { x, y, w: Math.min(w - x, side), h: Math.min(h - y, side) }, score });
  };
  for (const c of good) {
    if (out.length >= max) break;
    square(c.x0, c.y0, c.x1, c.y1, c.total);
    // A code on a busy screen merges with the text around it into one large component; its core
    // (the cells near the component's peak density) is usually the code alone, at a useful scale.
    let peak = 0;
    for (let i = 0; i < label.length; i++) if (label[i] === c.id && score[i]! > peak) peak = score[i]!;
    let [x0, y0, x1, y1] = [cw, ch, -1, -1];
    for (let i = 0; i < label.length; i++) {
      if (label[i] !== c.id || score[i]! < TIGHT * peak) continue;
      const x = i % cw;
      const y = (i - x) / cw;
      [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
    }
    const coreSide = Math.max(x1 - x0 + 1, y1 - y0 + 1);
    if (x1 >= 0 && coreSide >= 3 && coreSide < 0.6 * Math.max(c.x1 - c.x0 + 1, c.y1 - c.y0 + 1) && out.length < max) square(x0, y0, x1, y1, c.total);
  }
  return out;
}
