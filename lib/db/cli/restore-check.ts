// `npm run db:restore-check -- FILE [--keep] [audit:verify options]`: restores FILE into a fresh
// database beside the configured one, applies newer migrations and runs audit:verify on it with
// the options after FILE (e.g. the exported checkpoints). Exit 0 only when both pass.
import { restoreCheck } from "../backup";
import { databaseConfig } from "../config";

const [file, ...rest] = process.argv.slice(2);
if (!file || file.startsWith("-")) {
  console.error("usage: npm run db:restore-check -- FILE [--keep] [audit:verify options]");
  process.exit(2);
}
const keep = rest.includes("--keep");
const verifyArgs = rest.filter((arg) => arg !== "--keep");
process.exit(await restoreCheck({ config: databaseConfig(), file, verifyArgs, keep, print: (line) => console.log(line) }));
