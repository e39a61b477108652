/**
 * Side-by-side decode benchmark on either photo model (`npm run bench:decode`):
 *
 *   npx tsx bench/qr/compare.ts [--model=synth2|synth] [--seed=N] [--per-category=N] [--budget=MS] [--filter=PREFIX] [--skip-plain] [--skip-jsqr-pipeline] [--baseline=REV] [--out=F.json]
 *
 * For every photo, in one run and in the same way as the CLI (bytes → `runDecodeJob`, so loading
 * is included): (a) plain jsQR on a 1000 px box downscale, (b) zxing-cpp alone on the full image
 * with every try-harder option, (c) the pipeline with jsQR only (as before zxing-cpp), (d) the
 * pipeline with both engines (the product). A decode counts only when the text equals the
 * encoded one; any other text is WRONG. `--baseline=REV` adds (e): the product with the pass list
 * of git revision REV (`lib/qr/passes.ts` as it was there), to measure a change of the list. Per category, per group (printed / screen), the engines'
 * share of the pipeline's wins, p50/p95 time to a found result, and the not-found latency.
 */
import { execFileSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import jsQR from "jsqr";
import { resampleRgba, scaledSize } from "@/lib/qr/image-ops";
import { EXTENDED_TIME_BUDGET_MS } from "@/lib/qr/pipeline";
import type { PassDescriptor } from "@/lib/qr/types";
import { runDecodeJob } from "@/lib/qr/server/decode-job";
import { hardSetSpecs, loadRgba, negativeSpecs, renderFixture } from "./fixtures";
import { referenceDecode } from "./reference";
import { GROUP, renderFixture2, synth2Specs, type Category2 } from "./synth2";

const args = process.argv.slice(2);
const arg = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const model = arg("model") ?? "synth2";
const seed = Number(arg("seed") ?? (model === "synth2" ? 1 : 20251121));
const perCategory = Number(arg("per-category") ?? 1e9);
const budget = Number(arg("budget") ?? EXTENDED_TIME_BUDGET_MS);
const filter = arg("filter") ?? "";
const outName = arg("out") ?? `compare-${model}-${seed}.json`;
/** Plain jsQR can take tens of seconds on a noisy 1000 px photo on a loaded machine: skippable. */
const skipPlain = args.includes("--skip-plain");
const baselineRev = arg("baseline");
/** (c) spends the whole budget on most hard photos: skippable when only the product is compared. */
const skipJsqrPipeline = args.includes("--skip-jsqr-pipeline");

/** `lib/qr/passes.ts` at a git revision, imported from a copy (it imports types only). */
async function passesAt(rev: string): Promise<readonly PassDescriptor[]> {
  const source = execFileSync("git", ["show", `${rev}:lib/qr/passes.ts`], { encoding: "utf8" });
  const dir = path.resolve("bench-results", "decode");
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `passes-${rev.replace(/[^\w.-]/g, "_")}.ts`);
  await writeFile(file, source.replace(/from "\.\/types"/g, `from "${path.resolve("lib/qr/types")}"`));
  return ((await import(file)) as { DEFAULT_PASSES: readonly PassDescriptor[] }).DEFAULT_PASSES;
}
const baselinePasses = baselineRev ? await passesAt(baselineRev) : undefined;

interface Photo {
  id: string;
  category: string;
  group: string;
  text: string | null;
  bytes: Buffer;
}

async function photos(): Promise<Photo[]> {
  const counts = new Map<string, number>();
  const keep = (cat: string) => {
    const n = (counts.get(cat) ?? 0) + 1;
    counts.set(cat, n);
    return n <= perCategory;
  };
  const out: Photo[] = [];
  if (model === "synth2") {
    for (const s of synth2Specs(seed).filter((s) => s.id.startsWith(filter) && keep(s.category))) {
      const f = await renderFixture2(s);
      out.push({ id: s.id, category: s.category, group: GROUP[s.category as Category2], text: s.text, bytes: f.jpeg });
      process.stderr.write(".");
    }
  } else {
    for (const s of [...hardSetSpecs(seed), ...negativeSpecs(seed)].filter((s) => s.id.startsWith(filter) && keep(s.category))) {
      const f = await renderFixture(s);
      out.push({ id: s.id, category: s.category, group: s.category === "negative" ? "negative" : "screen", text: s.text, bytes: f.jpeg });
      process.stderr.write(".");
    }
  }
  process.stderr.write("\n");
  return out;
}

interface Outcome {
  ok: boolean;
  wrong: boolean;
  ms: number;
  wallMs?: number;
  engine?: string;
  pass?: string | null;
}

const judge = (expected: string | null, text: string | null | undefined, ms: number, extra: Partial<Outcome> = {}): Outcome => ({
  ok: expected !== null && text === expected,
  wrong: text != null && text !== expected,
  ms,
  ...extra,
});

/**
 * CPU time of this process (user + system, ms) while `fn` runs — on a machine shared with other
 * work, wall time measures the neighbours; CPU time is what the decode costs (wall time on an idle
 * core, minus waiting for I/O). Wall time is kept in the JSON.
 */
async function timed<T>(fn: () => Promise<T>): Promise<[T, number, number]> {
  const t = performance.now();
  const c = process.cpuUsage();
  const v = await fn();
  const d = process.cpuUsage(c);
  return [v, (d.user + d.system) / 1000, performance.now() - t];
}

const ALL_METHODS = ["jsqr-1000", "zxing-alone", "pipeline-jsqr", "pipeline", "baseline"] as const;
const METHODS = ALL_METHODS.filter(
  (m) => (m !== "baseline" || baselinePasses) && (m !== "pipeline-jsqr" || !skipJsqrPipeline) && (m !== "jsqr-1000" || !skipPlain),
);
type Method = (typeof ALL_METHODS)[number];
const LABEL: Record<Method, string> = {
  "jsqr-1000": "(a) plain jsQR, 1000 px",
  "zxing-alone": "(b) zxing-cpp alone, try harder",
  "pipeline-jsqr": "(c) pipeline, jsQR only",
  pipeline: "(d) pipeline, jsQR + zxing-cpp",
  baseline: `(e) pipeline, pass list of ${baselineRev}`,
};

async function runOne(p: Photo): Promise<Partial<Record<Method, Outcome>>> {
  const [a, aMs, aWall] = await timed(async () => {
    if (skipPlain) return undefined;
    let img = await loadRgba(p.bytes);
    if (Math.max(img.width, img.height) > 1000) {
      const s = scaledSize(img.width, img.height, 1000);
      img = resampleRgba(img, s.width, s.height);
    }
    return jsQR(img.data, img.width, img.height, { inversionAttempts: "attemptBoth" })?.data;
  });
  const [b, bMs, bWall] = await timed(async () => referenceDecode(await loadRgba(p.bytes)));
  const bytes = new Uint8Array(p.bytes);
  const [c, cMs, cWall] = await timed(async () => (skipJsqrPipeline ? undefined : runDecodeJob(bytes, undefined, { timeBudgetMs: budget, engines: ["jsqr"] })));
  const [d, dMs, dWall] = await timed(() => runDecodeJob(bytes, undefined, { timeBudgetMs: budget }));
  const [e, eMs, eWall] = await timed(async () =>
    baselinePasses ? runDecodeJob(bytes, undefined, { timeBudgetMs: budget, passes: baselinePasses }) : undefined,
  );
  return {
    ...(e ? { baseline: judge(p.text, e.ok ? e.text : null, eMs, { wallMs: eWall, pass: e.ok ? e.pass : null, engine: e.ok ? e.engine : undefined }) } : {}),
    "jsqr-1000": judge(p.text, a, aMs, { wallMs: aWall }),
    "zxing-alone": judge(p.text, b, bMs, { wallMs: bWall }),
    ...(c ? { "pipeline-jsqr": judge(p.text, c.ok ? c.text : null, cMs, { wallMs: cWall, pass: c.ok ? c.pass : null }) } : {}),
    pipeline: judge(p.text, d.ok ? d.text : null, dMs, { wallMs: dWall, pass: d.ok ? d.pass : null, engine: d.ok ? d.engine : undefined }),
  };
}

function quantile(xs: number[], q: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((x, y) => x - y);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}
const f0 = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : "—");
const pct = (a: number, n: number) => (n ? `${((100 * a) / n).toFixed(1)}%` : "—");

const list = await photos();
console.error(`${list.length} photos (${model}, seed ${seed})`);
// Warm-up: JIT and the zxing-cpp wasm, so the first photo is not penalised.
await runDecodeJob(new Uint8Array(list[0]!.bytes), undefined, { timeBudgetMs: 300 });
await referenceDecode(await loadRgba(list[0]!.bytes));

const rows: { photo: Omit<Photo, "bytes">; r: Record<Method, Outcome> }[] = [];
for (const p of list) {
  const r = (await runOne(p)) as Record<Method, Outcome>;
  rows.push({ photo: { id: p.id, category: p.category, group: p.group, text: p.text }, r });
  console.error(
    `${p.id.padEnd(20)} ${METHODS.map((m) => `${m}=${r[m].ok ? "OK" : r[m].wrong ? "WRONG" : "--"} ${f0(r[m].ms)}`).join("  ")} ${r.pipeline.pass ?? ""}`,
  );
}

const out: string[] = [];
const pos = rows.filter((x) => x.photo.text !== null);
const neg = rows.filter((x) => x.photo.text === null);
out.push(`## Decode comparison — model ${model}, seed ${seed}: ${pos.length} photos with a code, ${neg.length} without`);
out.push("");
out.push(
  `Node ${process.version}, ${os.cpus().length}× ${os.cpus()[0]?.model ?? "cpu"}, load ${os.loadavg()[0]!.toFixed(1)}; pipeline budget ${budget} ms. Times include loading the file.`,
);
out.push("");
out.push("| method | read | rate | printed | screen | p50 ms to found | p95 ms to found | wrong |");
out.push("|---|---:|---:|---:|---:|---:|---:|---:|");
for (const m of METHODS) {
  const found = pos.filter((x) => x.r[m].ok);
  const grp = (g: string) => {
    const rs = pos.filter((x) => x.photo.group === g);
    return rs.length ? `${rs.filter((x) => x.r[m].ok).length}/${rs.length} (${pct(rs.filter((x) => x.r[m].ok).length, rs.length)})` : "—";
  };
  out.push(
    `| ${LABEL[m]} | ${found.length}/${pos.length} | ${pct(found.length, pos.length)} | ${grp("printed")} | ${grp("screen")} | ${f0(
      quantile(
        found.map((x) => x.r[m].ms),
        0.5,
      ),
    )} | ${f0(
      quantile(
        found.map((x) => x.r[m].ms),
        0.95,
      ),
    )} | ${rows.filter((x) => x.r[m].wrong).length} |`,
  );
}
out.push("");
out.push("### By category (read)");
out.push("");
out.push(`| category | n | ${METHODS.map((m) => LABEL[m]).join(" | ")} |`);
out.push(`|---|---:|${METHODS.map(() => "---:").join("|")}|`);
for (const cat of [...new Set(pos.map((x) => x.photo.category))]) {
  const rs = pos.filter((x) => x.photo.category === cat);
  out.push(`| ${cat} | ${rs.length} | ${METHODS.map((m) => rs.filter((x) => x.r[m].ok).length).join(" | ")} |`);
}
const wins = pos.filter((x) => x.r.pipeline.ok);
const byEngine = new Map<string, number>();
for (const x of wins) byEngine.set(x.r.pipeline.engine!, (byEngine.get(x.r.pipeline.engine!) ?? 0) + 1);
out.push("");
out.push(
  `Pipeline wins by engine: ${[...byEngine].map(([e, n]) => `${e} ${n} (${pct(n, wins.length)})`).join(", ") || "none"}. ` +
    `Winning passes: ${
      [...new Set(wins.map((x) => x.r.pipeline.pass))].map((p) => `${p} ${wins.filter((x) => x.r.pipeline.pass === p).length}`).join(", ") || "none"
    }.`,
);
const notFound = rows.filter((x) => !x.r.pipeline.ok).map((x) => x.r.pipeline.ms);
out.push(
  `Not-found latency (pipeline, every photo it did not read, ${notFound.length}): median ${f0(quantile(notFound, 0.5))} ms, max ${f0(Math.max(...notFound))} ms; ` +
    `photos without a code: ${neg.length}, false reads ${neg.filter((x) => x.r.pipeline.wrong).length}.`,
);
out.push(
  `Read by zxing-cpp alone but not the pipeline: ${
    pos
      .filter((x) => x.r["zxing-alone"].ok && !x.r.pipeline.ok)
      .map((x) => x.photo.id)
      .join(", ") || "none"
  }; by the pipeline only: ${
    pos
      .filter((x) => !x.r["zxing-alone"].ok && x.r.pipeline.ok)
      .map((x) => x.photo.id)
      .join(", ") || "none"
  }.`,
);
console.log(out.join("\n"));
const dir = path.resolve("bench-results", "decode");
await mkdir(dir, { recursive: true });
await writeFile(path.join(dir, outName), JSON.stringify({ date: new Date().toISOString(), model, seed, budget, rows }, null, 1));
console.error(`wrote ${path.join(dir, outName)}`);
