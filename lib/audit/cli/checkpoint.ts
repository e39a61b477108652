// `npm run audit:checkpoint [-- --export DIR]`: signs a checkpoint of the audit chain's head now
// (when events came since the last one) with AUDIT_SIGNING_KEY(_FILE), then writes every
// checkpoint not yet there to DIR (default AUDIT_CHECKPOINT_DIR) as JSON files.
import { pathToFileURL } from "node:url";
import { getDb, type Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { exportCheckpoints } from "../checkpoints/exported-checkpoints";
import { checkpointKeys, CheckpointKeyError, type CheckpointKeys } from "../checkpoints/keys";
import { makeCheckpoint } from "../checkpoints/make-checkpoint";

const USAGE = "usage: audit:checkpoint [--export DIR] [--no-sign]";

export async function runCheckpointCli(options: {
  argv: string[];
  db: Db;
  print: (line: string) => void;
  keys?: CheckpointKeys;
  exportDir?: string | null;
}): Promise<{ exitCode: 0 | 1 | 2 }> {
  const { argv, print } = options;
  const exportAt = argv.indexOf("--export");
  const known = new Set(["--export", "--no-sign"]);
  const unknown = argv.find((arg, i) => !known.has(arg) && i !== exportAt + 1);
  const dir = exportAt >= 0 ? argv[exportAt + 1] : (options.exportDir ?? env().AUDIT_CHECKPOINT_DIR);
  if (unknown !== undefined || (exportAt >= 0 && (!dir || dir.startsWith("--")))) {
    print(USAGE);
    return { exitCode: 2 };
  }
  if (!argv.includes("--no-sign")) {
    let keys: CheckpointKeys;
    try {
      keys = options.keys ?? checkpointKeys();
    } catch (error) {
      if (!(error instanceof CheckpointKeyError)) throw error;
      print(error.message);
      return { exitCode: 2 };
    }
    if (!keys.signing) {
      print("No signing key: set AUDIT_SIGNING_KEY_FILE (or AUDIT_SIGNING_KEY) to an Ed25519 private key; see docs/audit-security.md.");
      return { exitCode: 2 };
    }
    const { made, latest } = await makeCheckpoint({ db: options.db, key: keys.signing });
    if (made) print(`Checkpoint #${made.number} signed (key ${made.keyId}): events #1–#${made.eventSeq}, head ${made.eventHash} at ${made.eventAt}.`);
    else if (latest) print(`No events since checkpoint #${latest.number} (event #${latest.eventSeq}); nothing new to sign.`);
    else print("The audit log is empty; nothing to sign.");
  }
  if (dir) {
    const { written, kept } = await exportCheckpoints({ db: options.db, dir });
    print(`Exported to ${dir}: ${written} new ${written === 1 ? "file" : "files"}, ${kept} already there.`);
  }
  return { exitCode: 0 };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const db = getDb();
  runCheckpointCli({ argv: process.argv.slice(2), db, print: (line) => console.log(line) })
    .then(async ({ exitCode }) => {
      await db.$disconnect();
      process.exit(exitCode);
    })
    .catch((e: unknown) => {
      logger({ component: "audit-checkpoint" }).error({ err: e }, "audit:checkpoint failed");
      process.exit(1);
    });
}
