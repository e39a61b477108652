/**
 * Write the hard set as JPEG files to bench-results/decode/preview/ (for looking at them) and print plain
 * jsQR's result per image.  npx tsx bench/qr/preview.ts [category-or-id-prefix]
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import jsQR from "jsqr";
import { hardSetSpecs, loadRgba, negativeSpecs, renderFixture } from "./fixtures";

const outDir = path.resolve("bench-results", "decode", "preview");
const filter = process.argv[2] ?? "";
await mkdir(outDir, { recursive: true });
let ok = 0;
let n = 0;
for (const spec of [...hardSetSpecs(), ...negativeSpecs()].filter((s) => s.id.startsWith(filter))) {
  const t0 = performance.now();
  const fx = await renderFixture(spec);
  const tg = performance.now() - t0;
  await writeFile(path.join(outDir, `${spec.id}.jpg`), fx.jpeg);
  const img = await loadRgba(fx.jpeg);
  const t1 = performance.now();
  const code = jsQR(img.data, img.width, img.height, { inversionAttempts: "attemptBoth" });
  const tj = performance.now() - t1;
  const hit = !!code && code.data === spec.text;
  if (spec.text) {
    n++;
    if (hit) ok++;
  }
  console.log(
    `${spec.id.padEnd(18)} ${img.width}x${img.height} q${spec.quality} ${spec.theme.padEnd(10)} mod=${spec.modulePx} gen=${tg.toFixed(0)}ms jsqr=${tj.toFixed(0)}ms ${hit ? "OK" : code ? "WRONG" : "-"} ${(fx.jpeg.length / 1024).toFixed(0)}KB`,
  );
}
console.log(`plain jsQR: ${ok}/${n}`);
