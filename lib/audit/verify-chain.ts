import "server-only";
import { existsSync } from "node:fs";
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { CHECKPOINT_GENESIS, checkSignature, fromRow, type SignedCheckpoint } from "./checkpoints/checkpoint";
import { readExportedCheckpoints } from "./checkpoints/exported-checkpoints";
import { checkpointKeys, type CheckpointKeys } from "./checkpoints/keys";
import { eventHash, GENESIS_HASH } from "./event-hash";
import { recordAudit, type AuditActor } from "./record-audit";

const VERIFY_BATCH = 5_000;

export type Anchor = { seq: string; hash: string };

/** How far the signed checkpoints vouch for the chain. */
export type CheckpointSummary = {
  /** Checkpoints in the database, all verified. */
  count: number;
  /** The last checkpoint's event: everything up to it is signed. */
  verifiedUpTo: { seq: string; at: string; checkpoint: string; signedAt: string; keyId: string } | null;
  /** Events after it: not yet covered by a signature (a cut among them is not detectable). */
  uncovered: number;
  /** The exported copies checked against, when a directory was given. */
  exported: { dir: string; count: number; notYetExported: number } | null;
};

export type BreakReason =
  | "hash-mismatch"
  | "prev-link"
  | "gap"
  | "anchor-mismatch"
  | "checkpoint-missing"
  | "checkpoint-link"
  | "checkpoint-hash"
  | "checkpoint-signature"
  | "checkpoint-unknown-key"
  | "checkpoint-order"
  | "checkpoint-export-mismatch"
  | "checkpoint-export-invalid"
  | "checkpoint-mismatch"
  | "truncated";

export type ChainReport =
  | { ok: true; checked: number; anchor: Anchor | null; checkpoints: CheckpointSummary }
  | {
      ok: false;
      checked: number;
      /** The event where the break is (for a checkpoint problem: the event it signs, or the first event it lost). */
      brokenAt: string;
      reason: BreakReason;
      /** The checkpoint involved, when there is one. */
      checkpoint?: string;
      /** Where and what, in words ("events #1001–#2000 were rewritten: …"). */
      message: string;
    };

type Break = Extract<ChainReport, { ok: false }>;

/**
 * The checkpoints among themselves: numbered 1, 2, 3… without a gap, each naming the previous
 * one's hash, each hash and Ed25519 signature valid with a configured public key, covering a
 * growing head. Then each exported copy must be in the database unchanged.
 */
function verifyCheckpointChain(
  checkpoints: SignedCheckpoint[],
  keys: Pick<CheckpointKeys, "verify"> | null,
  exported: SignedCheckpoint[] | null,
): Omit<Break, "checked" | "ok"> | null {
  let previous = CHECKPOINT_GENESIS;
  let previousSeq = 0n;
  for (const [i, cp] of checkpoints.entries()) {
    const expected = (i + 1).toString();
    if (cp.number !== expected) {
      return {
        reason: "checkpoint-missing",
        checkpoint: expected,
        brokenAt: previousSeq.toString(),
        message: `signed checkpoint #${expected} is missing from the database (the next one there is #${cp.number})`,
      };
    }
    const where = { checkpoint: cp.number, brokenAt: cp.eventSeq };
    const problem = checkSignature(cp, keys ?? { verify: new Map() });
    if (problem === "checkpoint-hash") return { ...where, reason: problem, message: `checkpoint #${cp.number} was edited: its content no longer has its hash` };
    if (problem === "checkpoint-unknown-key")
      return {
        ...where,
        reason: problem,
        message: `checkpoint #${cp.number} is signed by key ${cp.keyId}, which is not among the verify keys (AUDIT_VERIFY_KEYS)`,
      };
    if (problem === "checkpoint-signature") return { ...where, reason: problem, message: `checkpoint #${cp.number} has an invalid signature` };
    if (cp.previous !== previous)
      return { ...where, reason: "checkpoint-link", message: `checkpoint #${cp.number} does not name checkpoint #${i}'s hash as its previous one` };
    if (BigInt(cp.eventSeq) <= previousSeq || cp.eventCount !== cp.eventSeq)
      return {
        ...where,
        reason: "checkpoint-order",
        message: `checkpoint #${cp.number} covers event #${cp.eventSeq}, not past checkpoint #${i}'s #${previousSeq}`,
      };
    previous = cp.hash;
    previousSeq = BigInt(cp.eventSeq);
  }
  const byNumber = new Map(checkpoints.map((cp) => [cp.number, cp]));
  for (const copy of exported ?? []) {
    const where = { checkpoint: copy.number, brokenAt: copy.eventSeq };
    const problem = checkSignature(copy, keys ?? { verify: new Map() });
    if (problem)
      return { ...where, reason: "checkpoint-export-invalid", message: `the exported copy of checkpoint #${copy.number} does not verify (${problem})` };
    const stored = byNumber.get(copy.number);
    if (!stored)
      return {
        ...where,
        reason: "checkpoint-missing",
        message: `checkpoint #${copy.number} (event #${copy.eventSeq}) is in the exported copies but was deleted from the database`,
      };
    if (stored.hash !== copy.hash)
      return { ...where, reason: "checkpoint-export-mismatch", message: `checkpoint #${copy.number} in the database differs from its exported copy` };
  }
  return null;
}

/**
 * Walks the whole chain in seq order, in keyset batches (constant memory), and reports the first
 * event whose content, link or position does not match: an edit, a deletion or an insertion.
 * Before that it verifies every signed checkpoint (and the exported copies, when given); during
 * the walk each checkpoint's event must have the hash it signed, which catches a rewrite whose
 * hashes were recomputed forward; after it, the log must still reach the last checkpoint, which
 * catches a cut at the tail. Events after the last checkpoint are reported as not yet covered;
 * an anchor kept outside the database (an earlier report's `anchor`) can vouch for them.
 */
export async function verifyAuditChain(options: {
  db: Db;
  batchSize?: number;
  anchor?: Anchor;
  keys?: Pick<CheckpointKeys, "verify">;
  /** A directory of exported checkpoints to check the database against (none there yet counts as none exported). */
  exportDir?: string | null;
}): Promise<ChainReport> {
  const batchSize = options.batchSize ?? VERIFY_BATCH;
  const checkpoints = (await options.db.auditCheckpoint.findMany({ orderBy: { number: "asc" } })).map(fromRow);
  let exported: SignedCheckpoint[] | null = null;
  if (options.exportDir) {
    try {
      exported = existsSync(options.exportDir) ? await readExportedCheckpoints(options.exportDir) : [];
    } catch (error) {
      return { ok: false, checked: 0, brokenAt: "0", reason: "checkpoint-export-invalid", message: (error as Error).message };
    }
  }
  const needKeys = checkpoints.length > 0 || (exported?.length ?? 0) > 0;
  const keys = options.keys ?? (needKeys ? checkpointKeys() : null);
  const checkpointBreak = verifyCheckpointChain(checkpoints, keys, exported);
  if (checkpointBreak) return { ok: false, checked: 0, ...checkpointBreak };

  const covered = new Map(checkpoints.map((cp, i) => [BigInt(cp.eventSeq), { cp, from: i ? BigInt(checkpoints[i - 1]!.eventSeq) + 1n : 1n }]));
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1n;
  let checked = 0;
  const broken = (brokenAt: bigint | string, reason: BreakReason, message: string, checkpoint?: string): Break => ({
    ok: false,
    checked,
    brokenAt: brokenAt.toString(),
    reason,
    message,
    ...(checkpoint ? { checkpoint } : {}),
  });
  for (;;) {
    const rows = await options.db.auditEvent.findMany({ where: { seq: { gte: expectedSeq } }, orderBy: { seq: "asc" }, take: batchSize });
    for (const row of rows) {
      if (row.seq !== expectedSeq) return broken(expectedSeq, "gap", `event #${expectedSeq} is missing (the next one is #${row.seq})`);
      if (row.prevHash !== prevHash) return broken(row.seq, "prev-link", `event #${row.seq} does not link to event #${row.seq - 1n}`);
      if (eventHash(row, prevHash) !== row.hash) return broken(row.seq, "hash-mismatch", `event #${row.seq} was changed: its content no longer has its hash`);
      const signed = covered.get(row.seq);
      if (signed && signed.cp.eventHash !== row.hash) {
        const range = signed.from === row.seq ? `event #${row.seq} was` : `events #${signed.from}–#${row.seq} were`;
        return broken(
          row.seq,
          "checkpoint-mismatch",
          `${range} rewritten and rechained: event #${row.seq} no longer has the hash signed in checkpoint #${signed.cp.number} (${signed.cp.signedAt})`,
          signed.cp.number,
        );
      }
      if (options.anchor && row.seq.toString() === options.anchor.seq && row.hash !== options.anchor.hash) {
        return broken(row.seq, "anchor-mismatch", `event #${row.seq} does not have the anchor's hash`);
      }
      prevHash = row.hash;
      expectedSeq += 1n;
      checked += 1;
    }
    if (rows.length < batchSize) break;
  }
  const last = checkpoints[checkpoints.length - 1];
  if (last && BigInt(last.eventSeq) >= expectedSeq) {
    return broken(
      expectedSeq,
      "truncated",
      `the log was cut: it ends at event #${expectedSeq - 1n} but checkpoint #${last.number} signed events up to #${last.eventSeq}`,
      last.number,
    );
  }
  if (options.anchor && BigInt(options.anchor.seq) >= expectedSeq) {
    return broken(options.anchor.seq, "anchor-mismatch", `the log ends at event #${expectedSeq - 1n}, before the anchor's #${options.anchor.seq}`);
  }
  const exportedNumbers = new Set(exported?.map((cp) => cp.number));
  return {
    ok: true,
    checked,
    anchor: checked ? { seq: (expectedSeq - 1n).toString(), hash: prevHash } : null,
    checkpoints: {
      count: checkpoints.length,
      verifiedUpTo: last ? { seq: last.eventSeq, at: last.eventAt, checkpoint: last.number, signedAt: last.signedAt, keyId: last.keyId } : null,
      uncovered: checked - Number(last?.eventSeq ?? 0),
      exported:
        exported && options.exportDir
          ? { dir: options.exportDir, count: exported.length, notYetExported: checkpoints.filter((cp) => !exportedNumbers.has(cp.number)).length }
          : null,
    },
  };
}

/** "verified up to event N at T, K events not yet covered", for the CLI and the page. */
export function describeCoverage(summary: CheckpointSummary): string {
  const upTo = summary.verifiedUpTo
    ? `Signed checkpoints verified up to event #${summary.verifiedUpTo.seq} at ${summary.verifiedUpTo.at} (checkpoint #${summary.verifiedUpTo.checkpoint}, key ${summary.verifiedUpTo.keyId})`
    : "No signed checkpoint yet";
  const copies = summary.exported
    ? ` Exported copies in ${summary.exported.dir}: ${summary.exported.count} match${summary.exported.notYetExported ? `, ${summary.exported.notYetExported} not exported yet` : ""}.`
    : "";
  return `${upTo}; ${summary.uncovered} ${summary.uncovered === 1 ? "event" : "events"} not yet covered.${copies}`;
}

/**
 * A person's verification: the walk above (against AUDIT_CHECKPOINT_DIR when set), then an
 * `audit.chain_verified` event naming who checked, what anchor they brought and what they were
 * told. The page and the API both use it.
 */
export async function verifyAuditChainAs(options: { db: Db; actor: AuditActor; ip: string | null; anchor?: Anchor }): Promise<ChainReport> {
  const report = await verifyAuditChain({ db: options.db, anchor: options.anchor, exportDir: env().AUDIT_CHECKPOINT_DIR });
  await options.db.$transaction((tx) =>
    recordAudit(tx, {
      actor: options.actor,
      action: "audit.chain_verified",
      ip: options.ip,
      details: {
        ok: report.ok,
        checked: report.checked,
        anchorSeq: options.anchor?.seq ?? null,
        ...(report.ok
          ? { coveredUpTo: report.checkpoints.verifiedUpTo?.seq ?? null, uncovered: report.checkpoints.uncovered }
          : { brokenAt: report.brokenAt, reason: report.reason }),
      },
    }),
  );
  return report;
}
