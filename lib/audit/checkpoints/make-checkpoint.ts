import "server-only";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { lockAuditChain } from "../lock-audit-chain";
import { CHECKPOINT_GENESIS, fromRow, signCheckpoint, toRow, type SignedCheckpoint } from "./checkpoint";
import { exportCheckpoints } from "./exported-checkpoints";
import type { SigningKey } from "./keys";

/** The scheduler job's name (lib/scheduler/jobs.ts); appends that cross AUDIT_CHECKPOINT_EVERY make it due at once. */
export const CHECKPOINT_JOB_NAME = "audit.checkpoint";

export type CheckpointResult = { made: SignedCheckpoint | null; latest: SignedCheckpoint | null };

/**
 * Signs the chain's head as the next checkpoint, inside `tx`, unless no event came since the last
 * one (`made: null`). Takes the chain's lock, so the head is committed and no append or other
 * checkpoint runs meanwhile: the checkpoint numbers and their `previous` links stay one line.
 */
export async function createCheckpoint(tx: Prisma.TransactionClient, options: { key: SigningKey; now?: Date }): Promise<CheckpointResult> {
  await lockAuditChain(tx);
  const [head, last] = await Promise.all([
    tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true, at: true } }),
    tx.auditCheckpoint.findFirst({ orderBy: { number: "desc" } }),
  ]);
  const latest = last ? fromRow(last) : null;
  if (!head || (last && last.eventSeq >= head.seq)) return { made: null, latest };
  const checkpoint = signCheckpoint(
    {
      v: 1,
      number: ((last?.number ?? 0n) + 1n).toString(),
      eventSeq: head.seq.toString(),
      eventHash: head.hash,
      eventAt: head.at.toISOString(),
      // The chain is numbered 1, 2, 3… without gaps (verify checks it), so the head's seq is the count.
      eventCount: head.seq.toString(),
      previous: last?.hash ?? CHECKPOINT_GENESIS,
      signedAt: (options.now ?? new Date()).toISOString(),
    },
    options.key,
  );
  await tx.auditCheckpoint.create({ data: toRow(checkpoint) });
  return { made: checkpoint, latest: checkpoint };
}

/**
 * `npm run audit:checkpoint` and tests: a checkpoint in its own transaction, then (after commit,
 * so no file ever names a checkpoint that rolled back) every checkpoint not yet in `exportDir`.
 */
export async function makeCheckpoint(options: {
  db: Db;
  key: SigningKey;
  exportDir?: string | null;
  now?: Date;
}): Promise<CheckpointResult & { exported: number }> {
  const result = await options.db.$transaction((tx) => createCheckpoint(tx, { key: options.key, now: options.now }));
  const exported = options.exportDir ? (await exportCheckpoints({ db: options.db, dir: options.exportDir })).written : 0;
  return { ...result, exported };
}

/**
 * Called by every append (appendAuditEvent, inside its transaction): when the new event's seq is
 * a multiple of `every`, the checkpoint job becomes due now instead of at its next interval. One
 * indexed UPDATE per `every` events; the job's lock and row keep it to one run across instances.
 */
export async function checkpointDueAfter(tx: Prisma.TransactionClient, options: { seq: bigint; at: Date; every: number }): Promise<void> {
  if (options.seq % BigInt(options.every) !== 0n) return;
  await tx.scheduledJob.updateMany({ where: { name: CHECKPOINT_JOB_NAME, nextRunAt: { gt: options.at } }, data: { nextRunAt: options.at } });
}

/**
 * How far the signed checkpoints reach (for metrics and the audit page): the chain's head, the
 * last checkpoint's event and how many events came after it, read without verifying anything
 * (`npm run audit:verify` does that). Two indexed reads.
 */
export async function uncoveredAuditEvents(db: Db | Prisma.TransactionClient): Promise<{
  head: string;
  coveredUpTo: string;
  uncovered: number;
  lastCheckpoint: { number: string; eventSeq: string; eventAt: Date; signedAt: Date } | null;
}> {
  const [head, last] = await Promise.all([
    db.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } }),
    db.auditCheckpoint.findFirst({ orderBy: { number: "desc" }, select: { number: true, eventSeq: true, eventAt: true, signedAt: true } }),
  ]);
  const headSeq = head?.seq ?? 0n;
  const covered = last?.eventSeq ?? 0n;
  return {
    head: headSeq.toString(),
    coveredUpTo: covered.toString(),
    uncovered: Number(headSeq > covered ? headSeq - covered : 0n),
    lastCheckpoint: last ? { number: last.number.toString(), eventSeq: last.eventSeq.toString(), eventAt: last.eventAt, signedAt: last.signedAt } : null,
  };
}
