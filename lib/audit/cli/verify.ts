// `npm run audit:verify [-- --anchor seq:hash] [--checkpoints DIR] [--json]`: walks the whole
// audit chain of the configured database (DATABASE_URL, or the embedded PGlite), verifies every
// signed checkpoint with the public keys (AUDIT_VERIFY_KEYS(_FILE) and the signing key's public
// half) and, with --checkpoints (default AUDIT_CHECKPOINT_DIR), the exported copies; exits 1 and
// says where if anything is broken. Read-only, so it can run against a replica or a restored
// backup; it records nothing.
import { pathToFileURL } from "node:url";
import { getDb, type Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { CheckpointKeyError, type CheckpointKeys } from "../checkpoints/keys";
import { parseAnchor } from "../parse-anchor";
import { describeCoverage, verifyAuditChain, type ChainReport } from "../verify-chain";

export type VerifyCliResult = { exitCode: 0 | 1 | 2; report: ChainReport | null };

const USAGE = "usage: audit:verify [--anchor <seq>:<sha256 hex>] [--checkpoints DIR] [--json]";

export async function runVerifyCli(options: {
  argv: string[];
  db: Db;
  print: (line: string) => void;
  keys?: Pick<CheckpointKeys, "verify">;
  /** The default checkpoint directory (AUDIT_CHECKPOINT_DIR unless a test passes its own). */
  exportDir?: string | null;
}): Promise<VerifyCliResult> {
  const { argv, print } = options;
  const anchorAt = argv.indexOf("--anchor");
  const anchorText = anchorAt >= 0 ? argv[anchorAt + 1] : undefined;
  const anchor = parseAnchor(anchorText);
  if (anchorAt >= 0 && !anchor) {
    print(`invalid anchor ${JSON.stringify(anchorText ?? "")}; ${USAGE}`);
    return { exitCode: 2, report: null };
  }
  const dirAt = argv.indexOf("--checkpoints");
  const dir = dirAt >= 0 ? argv[dirAt + 1] : options.exportDir === undefined ? env().AUDIT_CHECKPOINT_DIR : options.exportDir;
  if (dirAt >= 0 && (!dir || dir.startsWith("--"))) {
    print(`--checkpoints needs a directory; ${USAGE}`);
    return { exitCode: 2, report: null };
  }
  const started = performance.now();
  let report: ChainReport;
  try {
    report = await verifyAuditChain({ db: options.db, anchor, keys: options.keys, exportDir: dir });
  } catch (error) {
    if (!(error instanceof CheckpointKeyError)) throw error;
    print(`cannot verify checkpoints: ${error.message}`);
    return { exitCode: 2, report: null };
  }
  const seconds = (performance.now() - started) / 1000;
  if (argv.includes("--json")) {
    print(JSON.stringify(report));
  } else if (report.ok) {
    print(`OK: ${report.checked} events verified in ${seconds.toFixed(1)} s (${Math.round(report.checked / Math.max(seconds, 1e-3))} events/s).`);
    print(describeCoverage(report.checkpoints));
    print(report.anchor ? `Head: #${report.anchor.seq} ${report.anchor.hash}` : "The log is empty.");
    if (anchor) print(`Anchor #${anchor.seq} matches.`);
  } else {
    print(`BROKEN at event #${report.brokenAt}${report.checkpoint ? ` (checkpoint #${report.checkpoint})` : ""}: ${report.reason}. ${report.message}.`);
    print(`${report.checked} events verified before it.`);
  }
  return { exitCode: report.ok ? 0 : 1, report };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const db = getDb();
  runVerifyCli({ argv: process.argv.slice(2), db, print: (line) => console.log(line) })
    .then(async ({ exitCode }) => {
      await db.$disconnect();
      process.exit(exitCode);
    })
    .catch((e: unknown) => {
      logger({ component: "audit-verify" }).error({ err: e }, "audit:verify failed");
      process.exit(2);
    });
}
