/**
 * QR decode benchmark on the generated hard set (see fixtures.ts).
 *
 *   npx tsx bench/qr/run.ts [--filter=PREFIX] [--skip-full] [--skip-reference] [--budget=MS] [--seed=N] [--out=FILE.json]
 *
 * For every image, in the same run: (a) plain jsQR on the full decoded image, (b) plain jsQR after
 * a box-filter downscale to 1000 px long side, (c) the lib/qr pipeline, (d) a reference decoder
 * that is not ours and not in the product, zxing-cpp with every "try harder" option
 * (`reference.ts`): it tells a photo that a strong decoder reads from one that none does. Every
 * timing includes loading the JPEG to RGBA with sharp (as the CLI does); (b) and (c) include their
 * downscaling.
 * A decode only counts when the text equals the encoded URL. Prints markdown, writes
 * bench-results/decode/decode.json.
 */
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import jsQR from "jsqr";
import { resampleRgba, scaledSize } from "@/lib/qr/image-ops";
import { DEFAULT_PASSES } from "@/lib/qr/passes";
import { decodeQr, DEFAULT_TIME_BUDGET_MS } from "@/lib/qr/pipeline";
import type { DecodeResult } from "@/lib/qr/types";
import { hardSetSpecs, loadRgba, negativeSpecs, renderFixture, type Fixture } from "./fixtures";
import { referenceDecode } from "./reference";

const args = process.argv.slice(2);
const filter = args.find((a) => a.startsWith("--filter="))?.slice(9) ?? "";
const skipFull = args.includes("--skip-full");
const skipReference = args.includes("--skip-reference");
const budget = Number(args.find((a) => a.startsWith("--budget="))?.slice(9) ?? DEFAULT_TIME_BUDGET_MS);
const seedArg = args.find((a) => a.startsWith("--seed="))?.slice(7);
const seed = seedArg ? Number(seedArg) : undefined;
const outName = args.find((a) => a.startsWith("--out="))?.slice(6) ?? "decode.json";
const outDir = path.resolve("bench-results", "decode");

interface MethodResult {
  ok: boolean;
  ms: number;
  wrong?: boolean;
}
interface Row {
  id: string;
  category: string;
  width: number;
  height: number;
  jpegKB: number;
  loadMs: number;
  full?: MethodResult;
  down1000: MethodResult;
  reference?: MethodResult;
  pipeline: MethodResult & { pass: string | null; reason?: string; cornerErr?: number; passes: { pass: string; ms: number }[] };
}

const median = (xs: number[]) => quantile(xs, 0.5);
function quantile(xs: number[], q: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}
const f0 = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : "—");

async function timed<T>(fn: () => Promise<T> | T): Promise<{ v: T; ms: number }> {
  const t0 = performance.now();
  const v = await fn();
  return { v, ms: performance.now() - t0 };
}

function cornerError(r: DecodeResult, fx: Fixture): number | undefined {
  if (!r.ok) return undefined;
  const c = r.corners;
  const got = [c.topLeft, c.topRight, c.bottomRight, c.bottomLeft];
  const side = Math.hypot(fx.corners[1]!.x - fx.corners[0]!.x, fx.corners[1]!.y - fx.corners[0]!.y);
  let e = 0;
  for (let i = 0; i < 4; i++) e += Math.hypot(got[i]!.x - fx.corners[i]!.x, got[i]!.y - fx.corners[i]!.y);
  return e / 4 / side;
}

async function runOne(fx: Fixture): Promise<Row> {
  const { spec } = fx;
  const expected = spec.text;
  const judge = (text: string | null | undefined, ms: number): MethodResult => ({
    ok: expected !== null && text === expected,
    ms,
    ...(text != null && text !== expected ? { wrong: true } : {}),
  });

  // (a) plain jsQR, full resolution (its default inversionAttempts, passed explicitly: jsQR 1.4
  // mutates its shared defaults when given options).
  let full: MethodResult | undefined;
  let loadMs = 0;
  if (!skipFull) {
    const a = await timed(async () => {
      const t = performance.now();
      const img = await loadRgba(fx.jpeg);
      loadMs = performance.now() - t;
      return { code: jsQR(img.data, img.width, img.height, { inversionAttempts: "attemptBoth" }), img };
    });
    full = judge(a.v.code?.data, a.ms);
  }
  // (b) plain jsQR on a 1000 px box-filtered downscale.
  const b = await timed(async () => {
    const t = performance.now();
    let img = await loadRgba(fx.jpeg);
    loadMs = performance.now() - t;
    if (Math.max(img.width, img.height) > 1000) {
      const s = scaledSize(img.width, img.height, 1000);
      img = resampleRgba(img, s.width, s.height);
    }
    return jsQR(img.data, img.width, img.height, { inversionAttempts: "attemptBoth" });
  });
  // (c) the pipeline.
  let size = { width: 0, height: 0 };
  const c = await timed(async () => {
    const img = await loadRgba(fx.jpeg);
    size = { width: img.width, height: img.height };
    return decodeQr(img, { timeBudgetMs: budget });
  });
  const pr = c.v;
  // (d) the reference decoder, on the full image.
  let reference: MethodResult | undefined;
  if (!skipReference) {
    const d = await timed(async () => referenceDecode(await loadRgba(fx.jpeg)));
    reference = judge(d.v, d.ms);
  }
  return {
    id: spec.id,
    category: spec.category,
    ...size,
    jpegKB: Math.round(fx.jpeg.length / 1024),
    loadMs,
    full,
    down1000: judge(b.v?.data, b.ms),
    reference,
    pipeline: {
      ...judge(pr.ok ? pr.text : null, c.ms),
      pass: pr.ok ? pr.pass : null,
      ...(pr.ok ? {} : { reason: pr.reason }),
      cornerErr: cornerError(pr, fx),
      passes: pr.timings.passes,
    },
  };
}

function summary(rows: Row[], pick: (r: Row) => MethodResult | undefined) {
  const rs = rows.map(pick).filter((x): x is MethodResult => !!x);
  const ms = rs.map((r) => r.ms);
  return {
    n: rs.length,
    decoded: rs.filter((r) => r.ok).length,
    wrong: rs.filter((r) => r.wrong).length,
    medianMs: median(ms),
    p95Ms: quantile(ms, 0.95),
    maxMs: Math.max(...ms),
  };
}

// ---------------------------------------------------------------------------------------------

const specs = [...hardSetSpecs(seed), ...negativeSpecs(seed)].filter((s) => s.id.startsWith(filter));
console.error(`Generating / loading ${specs.length} fixtures…`);
const fixtures: Fixture[] = [];
for (const s of specs) fixtures.push(await renderFixture(s));

// Warm up the JIT on one small image so the first measured image is not penalised.
{
  const warm = fixtures.find((f) => f.jpeg.length < 100_000) ?? fixtures[0];
  if (warm) {
    const img = await loadRgba(warm.jpeg);
    decodeQr(img);
    jsQR(img.data, img.width, img.height, { inversionAttempts: "attemptBoth" });
  }
}

const rows: Row[] = [];
for (const fx of fixtures) {
  const row = await runOne(fx);
  rows.push(row);
  console.error(
    `${row.id.padEnd(18)} ${`${row.width}x${row.height}`.padEnd(10)} full=${row.full ? (row.full.ok ? "OK" : "--") + ` ${f0(row.full.ms)}ms` : "skip"}` +
      `  d1000=${row.down1000.ok ? "OK" : "--"} ${f0(row.down1000.ms)}ms  ref=${row.reference ? (row.reference.ok ? "OK" : "--") : "skip"}  pipeline=${row.pipeline.ok ? "OK" : "--"} ${f0(row.pipeline.ms)}ms ${row.pipeline.pass ?? row.pipeline.reason}`,
  );
}

const pos = rows.filter((r) => r.category !== "negative");
const neg = rows.filter((r) => r.category === "negative");
const methods: [string, (r: Row) => MethodResult | undefined][] = [
  ["(a) plain jsQR, full resolution", (r) => r.full],
  ["(b) plain jsQR, box downscale to 1000 px", (r) => r.down1000],
  ["(c) lib/qr pipeline", (r) => r.pipeline],
  ["(d) reference: zxing-cpp, full image, try harder (not in the product)", (r) => r.reference],
];
const out: string[] = [];
out.push(`## QR decode benchmark — ${pos.length} hard-set photos (+${neg.length} without a readable QR)`);
out.push("");
out.push(
  `Set seed ${seed ?? "default"}. Node ${process.version}, ${os.cpus().length}× ${os.cpus()[0]?.model ?? "cpu"}; pipeline budget ${budget} ms. Times include JPEG load (sharp → RGBA).`,
);
out.push("");
out.push("| method | decoded | rate | median ms | p95 ms | max ms | wrong text |");
out.push("|---|---:|---:|---:|---:|---:|---:|");
const summaries: Record<string, ReturnType<typeof summary>> = {};
for (const [name, pick] of methods) {
  const s = summary(pos, pick);
  summaries[name] = s;
  if (!s.n) continue;
  out.push(`| ${name} | ${s.decoded}/${s.n} | ${((100 * s.decoded) / s.n).toFixed(1)}% | ${f0(s.medianMs)} | ${f0(s.p95Ms)} | ${f0(s.maxMs)} | ${s.wrong} |`);
}
if (!skipReference) {
  const readable = pos.filter((r) => r.reference?.ok || r.pipeline.ok);
  const ours = readable.filter((r) => r.pipeline.ok).length;
  out.push("");
  out.push(
    `Readable by (c) or (d): ${readable.length}/${pos.length}; the pipeline reads ${ours}/${readable.length} (${((100 * ours) / Math.max(1, readable.length)).toFixed(1)}%) of them. ` +
      `Read by the reference only: ${
        readable
          .filter((r) => !r.pipeline.ok)
          .map((r) => r.id)
          .join(", ") || "none"
      }; by the pipeline only: ${
        readable
          .filter((r) => !r.reference?.ok)
          .map((r) => r.id)
          .join(", ") || "none"
      }.`,
  );
}
out.push("");
out.push(
  `Median JPEG load time: ${f0(median(pos.map((r) => r.loadMs)))} ms (12 MP: ${f0(median(pos.filter((r) => r.width * r.height > 10e6).map((r) => r.loadMs)))} ms).`,
);
out.push("");
out.push("### By category (decoded)");
out.push("");
out.push("| category | n | (a) full | (b) 1000 px | (c) pipeline | (d) reference | pipeline median ms | pipeline max ms |");
out.push("|---|---:|---:|---:|---:|---:|---:|---:|");
for (const cat of [...new Set(pos.map((r) => r.category))]) {
  const rs = pos.filter((r) => r.category === cat);
  const cnt = (pick: (r: Row) => MethodResult | undefined) => rs.filter((r) => pick(r)?.ok).length;
  out.push(
    `| ${cat} | ${rs.length} | ${skipFull ? "—" : cnt((r) => r.full)} | ${cnt((r) => r.down1000)} | ${cnt((r) => r.pipeline)} | ${skipReference ? "—" : cnt((r) => r.reference)} | ${f0(median(rs.map((r) => r.pipeline.ms)))} | ${f0(Math.max(...rs.map((r) => r.pipeline.ms)))} |`,
  );
}
out.push("");
out.push("### Passes (pipeline, hard set)");
out.push("");
out.push("| # | pass | runs | wins | mean ms per run | total s |");
out.push("|---:|---|---:|---:|---:|---:|");
const passStats = DEFAULT_PASSES.map((p, i) => {
  const runs = pos.flatMap((r) => r.pipeline.passes.filter((x) => x.pass === p.name).map((x) => x.ms));
  const wins = pos.filter((r) => r.pipeline.ok && r.pipeline.pass === p.name).length;
  return {
    index: i + 1,
    pass: p.name,
    runs: runs.length,
    wins,
    meanMs: runs.length ? runs.reduce((a, b) => a + b, 0) / runs.length : 0,
    totalMs: runs.reduce((a, b) => a + b, 0),
  };
});
for (const s of passStats) out.push(`| ${s.index} | ${s.pass} | ${s.runs} | ${s.wins} | ${f0(s.meanMs)} | ${(s.totalMs / 1000).toFixed(1)} |`);
const failed = pos.filter((r) => !r.pipeline.ok);
out.push("");
out.push(`Pipeline misses: ${failed.length ? failed.map((r) => `${r.id} (${r.pipeline.reason})`).join(", ") : "none"}.`);
const errs = pos.map((r) => r.pipeline.cornerErr).filter((x): x is number => x !== undefined);
out.push(`Corner error vs ground truth: median ${(100 * median(errs)).toFixed(1)}% of the symbol side, max ${(100 * Math.max(...errs)).toFixed(1)}%.`);
if (neg.length) {
  const s = summary(neg, (r) => r.pipeline);
  out.push(
    `Images without a readable QR: ${neg.length}, pipeline false decodes ${neg.filter((r) => r.pipeline.pass !== null).length}, median ${f0(s.medianMs)} ms, max ${f0(s.maxMs)} ms (${neg.map((r) => r.pipeline.reason).join(", ")}).`,
  );
}
console.log(out.join("\n"));

await mkdir(outDir, { recursive: true });
await writeFile(
  path.join(outDir, outName),
  JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, budgetMs: budget, summaries, passStats, rows }, null, 1),
);
console.error(`wrote ${path.join(outDir, outName)}`);
