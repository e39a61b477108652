// Writes rp1-vectors.json:  npx tsx lib/reset-protocol/generate-vectors.ts
// Checks it is current:      npx tsx lib/reset-protocol/generate-vectors.ts --check
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildVectors, serializeVectors } from "./vectors";

const target = fileURLToPath(new URL("./rp1-vectors.json", import.meta.url));
const text = serializeVectors(buildVectors());

if (process.argv.includes("--check")) {
  const current = readFileSync(target, "utf8");
  if (current !== text) {
    console.error("rp1-vectors.json is out of date: run npx tsx lib/reset-protocol/generate-vectors.ts");
    process.exit(1);
  }
  console.log("rp1-vectors.json is up to date");
} else {
  writeFileSync(target, text);
  console.log(`wrote ${target}`);
}
