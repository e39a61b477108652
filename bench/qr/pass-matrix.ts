/**
 * Tuning aid: run every candidate pass on every hard-set image (each pass on its own, sharing the
 * image's resampling caches as the pipeline does) and record which images each pass decodes and
 * what it costs. Then print a greedy pass order and simulate it.
 *
 *   npx tsx bench/qr/pass-matrix.ts --seed=N [--model=synth2] [--ids=ID,ID…] [--candidates=default|zx] [--add]
 *       measures one set, writes bench-results/decode/pass-matrix-<seed>.json (--add: only the
 *       candidates that file lacks, merged in, timings calibrated against passes it has)
 *   npx tsx bench/qr/pass-matrix.ts --from=A.json,B.json [--budget=MS] [--order=default] [--prefix=a,b]
 *       merges measured sets (images are told apart by seed) and prints the greedy order, plus a
 *       simulation of the chosen order: decode rate and p95 of the summed pass times per image.
 *
 * Tune on some seeds, then check the result with `run.ts --seed=…` on seeds that were not used.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { DEFAULT_PASSES } from "@/lib/qr/passes";
import { jsqrEngine } from "@/lib/qr/engines";
import { createDecodeContext, passApplies, runSinglePass } from "@/lib/qr/pipeline";
import { nodeZxingEngine } from "@/lib/qr/server/zxing-node";
import type { ChannelMode, ContrastMode, EngineTuning, PassDescriptor } from "@/lib/qr/types";
import { hardSetSpecs, loadRgba, renderFixture } from "./fixtures";
import { renderFixture2, synth2Specs } from "./synth2";

const outDir = path.resolve("bench-results", "decode");
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

function candidates(): PassDescriptor[] {
  const out: PassDescriptor[] = [];
  const add = (longSide: number, channel: ChannelMode, contrast: ContrastMode, extra: Partial<PassDescriptor> = {}) => {
    const region = extra.region && extra.region.kind !== "full" ? `-${extra.region.kind}${"side" in extra.region ? extra.region.side : ""}` : "";
    out.push({
      name:
        extra.name ??
        `s${longSide}-${channel}-${contrast}${extra.sharpen ? "-sh" : ""}${extra.upscale ? "-up" : ""}${region}${extra.inversion === "onlyInvert" ? "-inv" : ""}`,
      longSide,
      region: { kind: "full" },
      channel,
      contrast,
      inversion: "attemptBoth",
      ...extra,
    });
  };
  for (const s of [300, 350, 400, 450, 500, 600, 800, 1000])
    for (const c of ["luma", "max", "min"] as const) for (const k of ["none", "stretch", "gamma"] as const) add(s, c, k);
  for (const s of [400, 600, 800, 1000]) add(s, "luma", "local");
  for (const s of [400, 600]) for (const c of ["luma", "min"] as const) add(s, c, "stretch", { inversion: "onlyInvert" });
  for (const k of ["none", "gamma"] as const) add(1200, "luma", k);
  for (const s of [600, 800, 1000, 1200])
    for (const c of ["luma", "max", "min"] as const)
      for (const k of ["none", "gamma", "stretch"] as const) add(s, c, k, { upscale: true, maxInputLongSide: 640 });
  for (const s of [800, 1000]) add(s, "luma", "local", { upscale: true, maxInputLongSide: 640 });
  for (const side of [400, 600, 800])
    for (const c of ["luma", "max", "min"] as const)
      for (const k of ["none", "gamma", "local"] as const) add(0, c, k, { region: { kind: "hotspots", max: 2, side }, upscale: true });
  for (const s of [1200, 1600]) for (const k of ["none", "gamma"] as const) add(s, "luma", k, { region: { kind: "tiles", cols: 2, rows: 2, overlap: 0.3 } });
  for (const c of ["luma", "max"] as const)
    for (const k of ["none", "gamma"] as const) add(800, c, k, { region: { kind: "center", fraction: 0.6 }, upscale: true });
  for (const s of [400, 600, 800]) for (const k of ["stretch", "gamma"] as const) add(s, "luma", k, { sharpen: 1.5 });
  // Second round (after the never-decoded images of seeds 101/102): median, deep gamma, own threshold, strong sharpen.
  for (const s of [300, 400, 500, 600])
    for (const c of ["luma", "max", "min"] as const)
      for (const k of ["none", "stretch", "gamma"] as const) add(s, c, k, { median: true, name: `s${s}-${c}-${k}-med` });
  for (const s of [400, 500, 600, 800]) for (const c of ["luma", "max", "min"] as const) add(s, c, "deep-gamma");
  for (const s of [300, 400, 500, 600]) for (const c of ["luma", "max", "min"] as const) add(s, c, "binarize");
  for (const s of [300, 400, 500]) for (const c of ["luma", "max"] as const) add(s, c, "stretch", { sharpen: 3, name: `s${s}-${c}-stretch-sh3` });
  for (const side of [400, 600])
    for (const c of ["luma", "max"] as const)
      add(0, c, "stretch", { region: { kind: "hotspots", max: 2, side }, upscale: true, median: true, name: `s0-${c}-stretch-med-hotspots${side}` });
  // Third round (keystone): symbols located by their finder patterns and resampled upright.
  for (const s of [400, 600, 800, 1000])
    for (const c of ["luma", "max"] as const)
      for (const k of ["none", "gamma"] as const) add(s, c, k, { region: { kind: "rectify", max: 2 }, upscale: true, name: `rect${s}-${c}-${k}` });
  for (const side of [400, 600, 800])
    for (const c of ["luma", "max"] as const)
      add(0, c, "none", { region: { kind: "rectify", max: 2, hotspotSide: side }, upscale: true, name: `recthot${side}-${c}` });
  return out;
}

/**
 * The zxing-cpp round (issue #16): zxing-cpp at every scale up to the native image, with its
 * local or global binariser, with and without its denoising, its own downscaled retries, tone
 * curves and channels, and in hotspot crops; beside the current list, so the greedy order can
 * interleave the two engines.
 */
function zxCandidates(): PassDescriptor[] {
  const out: PassDescriptor[] = [...DEFAULT_PASSES];
  const zx = (name: string, longSide: number, tuning: EngineTuning, extra: Partial<PassDescriptor> = {}) =>
    out.push({ name, longSide, region: { kind: "full" }, channel: "luma", contrast: "none", inversion: "attemptBoth", engine: "zxing", tuning, ...extra });
  const NATIVE = 100_000;
  const GLOBAL_T: EngineTuning = { binarizer: "global" };
  for (const b of ["local", "global"] as const)
    for (const d of [false, true]) {
      const t = `${b === "global" ? "-glob" : ""}${d ? "-dn" : ""}`;
      for (const side of [NATIVE, 3000, 2400, 2000, 1600, 1200, 1000, 800, 600, 400])
        zx(`zx${side === NATIVE ? "nat" : side}${t}`, side, { binarizer: b, denoise: d });
      zx(`zxnat-ds${t}`, NATIVE, { binarizer: b, denoise: d, downscale: true });
      for (const side of [600, 800, 1200])
        zx(`zx-hot${side}${t}`, 0, { binarizer: b, denoise: d }, { region: { kind: "hotspots", max: 2, side }, upscale: true });
      for (const side of [800, 1200]) zx(`zx-rect${side}${t}`, side, { binarizer: b, denoise: d }, { region: { kind: "rectify", max: 2 }, upscale: true });
    }
  for (const side of [800, 1200, 1600]) for (const k of ["gamma", "deep-gamma", "stretch", "local"] as const) zx(`zx${side}-${k}`, side, {}, { contrast: k });
  for (const side of [800, 1200, 1600]) for (const c of ["max", "min"] as const) zx(`zx${side}-${c}`, side, {}, { channel: c });
  for (const side of [800, 1200]) zx(`zx${side}-median`, side, {}, { median: true });
  for (const side of [800, 1200]) zx(`zx${side}-sharpen`, side, {}, { contrast: "stretch", sharpen: 1.5 });
  for (const side of [1200, 1600, 2000]) zx(`zx-up${side}`, side, {}, { upscale: true, maxInputLongSide: 1000 });
  for (const side of [1600, 2400]) zx(`zx-tiles${side}`, side, {}, { region: { kind: "tiles", cols: 2, rows: 2, overlap: 0.3 } });
  // Second zxing-cpp round: the symbols jsQR's grid passes redraw, sharpening, local tone and tiles with the global binariser.
  for (const side of [400, 600])
    for (const k of ["none", "deep-gamma"] as const)
      zx(`zx-grid${side}${k === "none" ? "" : "-deepgamma"}`, side, {}, { region: { kind: "rectify", max: 2, sample: "grid" }, upscale: true, contrast: k });
  for (const side of [600, 800])
    zx(`zx-hot${side}-glob-sharpen`, 0, GLOBAL_T, { region: { kind: "hotspots", max: 2, side }, upscale: true, contrast: "stretch", sharpen: 2 });
  for (const side of [800, 1200]) zx(`zx${side}-glob-sharpen`, side, GLOBAL_T, { contrast: "stretch", sharpen: 2 });
  for (const side of [600, 800]) zx(`zx-hot${side}-local`, 0, {}, { region: { kind: "hotspots", max: 2, side }, upscale: true, contrast: "local" });
  zx("zx-hot600-glob-median", 0, GLOBAL_T, { region: { kind: "hotspots", max: 2, side: 600 }, upscale: true, median: true });
  for (const side of [1600, 2400]) zx(`zx-tiles${side}-glob`, side, GLOBAL_T, { region: { kind: "tiles", cols: 2, rows: 2, overlap: 0.3 } });
  zx("zx-hot600-glob-gamma", 0, GLOBAL_T, { region: { kind: "hotspots", max: 2, side: 600 }, upscale: true, contrast: "gamma" });
  zx("zx-hot600-max-glob", 0, GLOBAL_T, { region: { kind: "hotspots", max: 2, side: 600 }, upscale: true, channel: "max" });
  return out.filter((p, i) => out.findIndex((q) => q.name === p.name) === i);
}

interface Matrix {
  seed: string;
  passes: string[];
  /** image id → pass name → ms (absent: pass does not apply) */
  times: Record<string, Record<string, number>>;
  /** image id → pass names that decoded it */
  wins: Record<string, string[]>;
}

/** Passes re-run by `--add` to put new timings on the scale of the stored ones (machine load differs). */
const CALIBRATION = ["s400-max-none", "s600-luma-none", "s800-luma-gamma"];

async function measure(seed: number): Promise<void> {
  const synth2 = arg("model") === "synth2";
  const file = path.join(outDir, `pass-matrix-${synth2 ? "synth2-" : ""}${seed}.json`);
  // --add: measure only the candidates the stored matrix of this seed lacks, and merge them in.
  const stored = process.argv.includes("--add") ? (JSON.parse(await readFile(file, "utf8")) as Matrix) : null;
  const all = arg("candidates") === "default" ? [...DEFAULT_PASSES] : arg("candidates") === "zx" ? zxCandidates() : candidates();
  const passes = stored ? all.filter((p) => !stored.passes.includes(p.name) || CALIBRATION.includes(p.name)) : all;
  const ids = arg("ids")?.split(",");
  const specs = (synth2 ? synth2Specs(seed).filter((s) => s.text !== null) : hardSetSpecs(seed)).filter((s) => !ids || ids.includes(s.id));
  const engines = { jsqr: jsqrEngine, zxing: nodeZxingEngine() } as const;
  const m: Matrix = stored ?? { seed: String(seed), passes: passes.map((p) => p.name), times: {}, wins: {} };
  let calibrationStored = 0;
  let calibrationNow = 0;
  const added: Record<string, { times: Record<string, number>; wins: string[] }> = {};
  for (const spec of specs) {
    const fx = synth2
      ? await renderFixture2(spec as ReturnType<typeof synth2Specs>[number])
      : await renderFixture(spec as ReturnType<typeof hardSetSpecs>[number]);
    const t0 = performance.now();
    const img = await loadRgba(fx.jpeg);
    const loadMs = performance.now() - t0;
    const ctx = createDecodeContext(img);
    const times: Record<string, number> = { load: loadMs };
    const wins: string[] = [];
    for (const p of passes) {
      if (!passApplies(p, ctx.longSide)) continue;
      const t = performance.now();
      const r = await runSinglePass(ctx, p, undefined, engines[(p.engine ?? "jsqr") as keyof typeof engines]);
      times[p.name] = performance.now() - t;
      if (r && r.text === spec.text) wins.push(p.name);
      else if (r) console.error(`WRONG ${seed} ${spec.id} ${p.name}: ${JSON.stringify(r.text).slice(0, 80)}`);
    }
    console.error(`${seed} ${spec.id}: ${wins.length} passes: ${wins.slice(0, 8).join(" ")}`);
    if (!stored) {
      m.times[spec.id] = times;
      m.wins[spec.id] = wins;
      continue;
    }
    for (const c of CALIBRATION) {
      if (times[c] === undefined || m.times[spec.id]?.[c] === undefined) continue;
      calibrationStored += m.times[spec.id]![c]!;
      calibrationNow += times[c]!;
    }
    added[spec.id] = { times, wins };
  }
  if (stored) {
    const k = calibrationNow > 0 ? calibrationStored / calibrationNow : 1;
    console.error(`calibration: new timings × ${k.toFixed(2)}`);
    for (const [id, a] of Object.entries(added)) {
      for (const [name, ms] of Object.entries(a.times)) if (name !== "load" && !CALIBRATION.includes(name)) m.times[id]![name] = ms * k;
      m.wins[id] = [...new Set([...(m.wins[id] ?? []), ...a.wins.filter((w) => !CALIBRATION.includes(w))])];
    }
    for (const p of passes) if (!m.passes.includes(p.name)) m.passes.push(p.name);
  }
  await mkdir(outDir, { recursive: true });
  await writeFile(file, JSON.stringify(m));
  console.error(`wrote ${file}`);
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((s.length - 1) * q))] ?? NaN;
};

/** Per image: the time the order spends until the first winning pass (or all applicable passes). */
function simulate(images: { id: string; times: Record<string, number>; wins: Set<string> }[], order: string[], budget: number) {
  let decoded = 0;
  const total: number[] = [];
  const winsBy: Record<string, number> = {};
  for (const im of images) {
    let t = 0;
    let won: string | null = null;
    for (const p of order) {
      if (t >= budget) break;
      const ms = im.times[p];
      if (ms === undefined) continue;
      t += ms;
      if (im.wins.has(p)) {
        won = p;
        break;
      }
    }
    if (won) {
      decoded++;
      winsBy[won] = (winsBy[won] ?? 0) + 1;
    }
    total.push(t + (im.times.load ?? 0));
  }
  return { decoded, n: images.length, p95: quantile(total, 0.95), median: quantile(total, 0.5), winsBy };
}

async function merge(files: string[]): Promise<void> {
  const budget = Number(arg("budget") ?? 1000);
  const ms = await Promise.all(files.map(async (f) => JSON.parse(await readFile(f, "utf8")) as Matrix));
  const images = ms.flatMap((m) => Object.keys(m.times).map((id) => ({ id: `${m.seed}/${id}`, times: m.times[id]!, wins: new Set(m.wins[id]) })));
  const names = ms[0]!.passes;
  // Greedy: the pass with the most newly decoded images per ms spent on the images still open.
  const open = new Set(images.map((i) => i.id));
  const order: string[] = [];
  const lines: string[] = [];
  // --prefix=a,b: passes placed first by reasoning (e.g. zxing-cpp as it comes); the greedy order follows.
  for (const p of arg("prefix")?.split(",") ?? []) {
    const gain = images.filter((im) => open.has(im.id) && im.wins.has(p)).length;
    order.push(p);
    for (const im of images) if (im.wins.has(p)) open.delete(im.id);
    lines.push(`${p.padEnd(28)} +${gain} → ${images.length - open.size}/${images.length}  (placed)`);
  }
  for (;;) {
    let best: string | null = null;
    let bestScore = 0;
    let bestGain = 0;
    let bestCost = 0;
    for (const n of names) {
      if (order.includes(n)) continue;
      let gain = 0;
      let cost = 0;
      for (const im of images) {
        if (!open.has(im.id) || im.times[n] === undefined) continue;
        cost += im.times[n]!;
        if (im.wins.has(n)) gain++;
      }
      const score = gain / Math.max(1, cost);
      if (gain > 0 && score > bestScore) [best, bestScore, bestGain, bestCost] = [n, score, gain, cost];
    }
    if (!best) break;
    order.push(best);
    for (const im of images) if (im.wins.has(best)) open.delete(im.id);
    lines.push(`${best.padEnd(28)} +${bestGain} → ${images.length - open.size}/${images.length}  (${(bestCost / 1000).toFixed(1)} s on the open images)`);
  }
  console.log("Greedy order:\n" + lines.join("\n"));
  console.log(`\nNever decoded (${open.size}): ${[...open].join(" ")}`);
  const chosen = arg("order") === "default" ? DEFAULT_PASSES.map((p) => p.name) : (arg("order")?.split(",") ?? order);
  const sim = simulate(images, chosen, budget);
  console.log(
    `\nSimulated (${chosen.length} passes, budget ${budget} ms): ${sim.decoded}/${sim.n}, median ${sim.median.toFixed(0)} ms, p95 ${sim.p95.toFixed(0)} ms`,
  );
  for (const m of ms) {
    const s = simulate(
      images.filter((i) => i.id.startsWith(`${m.seed}/`)),
      chosen,
      budget,
    );
    console.log(`  seed ${m.seed}: ${s.decoded}/${s.n}, median ${s.median.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms`);
  }
  console.log(JSON.stringify(sim.winsBy));
}

const from = arg("from");
if (from) await merge(from.split(","));
else await measure(Number(arg("seed") ?? 20251121));
