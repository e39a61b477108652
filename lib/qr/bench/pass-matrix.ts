/**
 * Tuning aid: run every candidate pass on every hard-set image (each pass on its own, fresh caches)
 * and print which images each pass decodes and what it costs, plus a greedy "best next pass" order.
 *   npx tsx lib/qr/bench/pass-matrix.ts [--candidates=default] [--ids=ID,ID…]
 * Writes bench-results/decode/pass-matrix.json.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { DEFAULT_PASSES } from "@/lib/qr/passes";
import { createDecodeContext, passApplies, runSinglePass } from "@/lib/qr/pipeline";
import type { ChannelMode, ContrastMode, PassDescriptor } from "@/lib/qr/types";
import { hardSetSpecs, loadRgba, renderFixture } from "./fixtures";

const outDir = path.resolve("bench-results", "decode");

function candidates(): PassDescriptor[] {
  const out: PassDescriptor[] = [];
  const add = (longSide: number, channel: ChannelMode, contrast: ContrastMode, extra: Partial<PassDescriptor> = {}) =>
    out.push({
      name: `s${longSide}-${channel}-${contrast}${extra.sharpen ? "-sh" : ""}${extra.upscale ? "-up" : ""}${extra.region && extra.region.kind !== "full" ? "-" + extra.region.kind + ("side" in extra.region ? extra.region.side : "") : ""}`,
      longSide,
      region: { kind: "full" },
      channel,
      contrast,
      inversion: "attemptBoth",
      ...extra,
    });
  for (const s of [400, 600, 800, 1000]) for (const c of ["luma", "max", "min"] as const) for (const k of ["none", "stretch", "gamma"] as const) add(s, c, k);
  for (const s of [600, 800, 1000]) add(s, "luma", "local");
  for (const k of ["none", "gamma"] as const) add(1200, "luma", k);
  for (const s of [300, 500]) for (const c of ["luma", "max"] as const) for (const k of ["none", "gamma"] as const) add(s, c, k);
  for (const s of [800, 1000, 1200]) for (const c of ["max", "min"] as const) for (const k of ["none", "gamma", "stretch"] as const) add(s, c, k, { upscale: true, maxInputLongSide: 640 });
  for (const s of [800, 1000]) add(s, "luma", "local", { upscale: true, maxInputLongSide: 640 });
  for (const s of [800, 1000]) for (const k of ["none", "gamma"] as const) add(s, "luma", k, { upscale: true, maxInputLongSide: 640 });
  for (const side of [600, 800]) for (const k of ["none", "gamma", "local"] as const) add(0, "luma", k, { region: { kind: "hotspots", max: 2, side }, upscale: true });
  for (const s of [1200, 1600]) for (const k of ["none", "gamma"] as const) add(s, "luma", k, { region: { kind: "tiles", cols: 2, rows: 2, overlap: 0.3 } });
  for (const k of ["none", "gamma"] as const) add(800, "luma", k, { region: { kind: "center", fraction: 0.6 }, upscale: true });
  for (const s of [600, 800]) for (const k of ["stretch", "gamma"] as const) add(s, "luma", k, { sharpen: 1.5 });
  return out;
}

const useDefault = process.argv.includes("--candidates=default");
const passes = useDefault ? [...DEFAULT_PASSES] : candidates();
const ids = process.argv.find((a) => a.startsWith("--ids="))?.slice(6).split(",");
const specs = hardSetSpecs().filter((s) => !ids || ids.includes(s.id));
const wins: Record<string, string[]> = {};
const times: Record<string, number[]> = {};
const perImage: Record<string, string[]> = {};
for (const p of passes) {
  wins[p.name] = [];
  times[p.name] = [];
}
for (const spec of specs) {
  const fx = await renderFixture(spec);
  const img = await loadRgba(fx.jpeg);
  const row: string[] = [];
  // One context per image: resampled planes are shared (as in the real pipeline), so a pass's
  // time is mostly its own work; the first pass needing a scale pays for it.
  const ctx = createDecodeContext(img);
  for (const p of passes) {
    if (!passApplies(p, Math.max(img.width, img.height))) continue;
    const t0 = performance.now();
    const r = runSinglePass(ctx, p);
    const ms = performance.now() - t0;
    times[p.name]!.push(ms);
    if (r && r.text === spec.text) {
      wins[p.name]!.push(spec.id);
      row.push(p.name);
    }
  }
  console.error(`${spec.id}: ${row.length} passes: ${row.slice(0, 8).join(" ")}`);
  perImage[spec.id] = row;
}
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
console.log("| pass | wins | mean ms |\n|---|---|---|");
for (const p of passes) console.log(`| ${p.name} | ${wins[p.name]!.length} | ${mean(times[p.name]!).toFixed(0)} |`);
// Greedy order: most newly-covered images per mean ms.
const covered = new Set<string>();
const order: string[] = [];
const remaining = new Set(passes.map((p) => p.name));
for (;;) {
  let best: string | null = null;
  let bestScore = 0;
  for (const n of remaining) {
    const gain = wins[n]!.filter((id) => !covered.has(id)).length;
    const score = gain / Math.max(5, mean(times[n]!));
    if (gain > 0 && score > bestScore) {
      bestScore = score;
      best = n;
    }
  }
  if (!best) break;
  const gain = wins[best]!.filter((id) => !covered.has(id));
  gain.forEach((id) => covered.add(id));
  remaining.delete(best);
  order.push(`${best} (+${gain.length} → ${covered.size}, ${mean(times[best]!).toFixed(0)} ms)`);
}
console.log("\nGreedy order:\n" + order.join("\n"));
const never = specs.filter((s) => !covered.has(s.id)).map((s) => s.id);
console.log(`\nNever decoded (${never.length}): ${never.join(" ")}`);
await mkdir(outDir, { recursive: true });
await writeFile(path.join(outDir, "pass-matrix.json"), JSON.stringify({ wins, times, perImage }, null, 1));
