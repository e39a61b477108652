import { readFileSync } from "node:fs";
import { createDecodePool } from "@/lib/qr/server/decode-pool";
const pool = createDecodePool({ size: 2 });
let ticks = 0, maxGap = 0, last = performance.now();
const iv = setInterval(() => { const n = performance.now(); maxGap = Math.max(maxGap, n - last); last = n; ticks++; }, 10);
for (const f of ["lib/qr/server/fixtures/challenge.heic", "e2e/fixtures/qr/photo-large.jpg", "e2e/fixtures/qr/no-qr.jpg", "package.json"]) {
  const t = performance.now();
  const r = await pool.decode(readFileSync(f), undefined, { timeBudgetMs: 3000 });
  console.log(f, Math.round(performance.now() - t), r.ok ? [r.pass, r.engine, r.text.slice(0, 40)] : [r.reason, r.message], pool.stats());
}
clearInterval(iv);
console.log({ ticks, maxGap });
await pool.close();
