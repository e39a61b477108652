import "server-only";
import type { Db } from "@/lib/db/client";
import { eventHash, GENESIS_HASH } from "./event-hash";
import { recordAudit, type AuditActor } from "./record-audit";

const VERIFY_BATCH = 5_000;

export type ChainReport =
  | { ok: true; checked: number; anchor: { seq: string; hash: string } | null }
  | { ok: false; checked: number; brokenAt: string; reason: "hash-mismatch" | "prev-link" | "gap" | "anchor-mismatch" };

export type Anchor = { seq: string; hash: string };

/**
 * Walks the whole chain in seq order, in keyset batches (constant memory), and reports the first
 * event whose content, link or position does not match: an edit, a deletion or an insertion.
 * A cut at the tail leaves a valid shorter chain; an anchor kept outside the database (an earlier
 * report's `anchor`) catches that: its event must still be there with the same hash.
 */
export async function verifyAuditChain(options: { db: Db; batchSize?: number; anchor?: Anchor }): Promise<ChainReport> {
  const batchSize = options.batchSize ?? VERIFY_BATCH;
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1n;
  let checked = 0;
  for (;;) {
    const rows = await options.db.auditEvent.findMany({ where: { seq: { gte: expectedSeq } }, orderBy: { seq: "asc" }, take: batchSize });
    for (const row of rows) {
      if (row.seq !== expectedSeq) return { ok: false, checked, brokenAt: expectedSeq.toString(), reason: "gap" };
      if (row.prevHash !== prevHash) return { ok: false, checked, brokenAt: row.seq.toString(), reason: "prev-link" };
      if (eventHash(row, prevHash) !== row.hash) return { ok: false, checked, brokenAt: row.seq.toString(), reason: "hash-mismatch" };
      if (options.anchor && row.seq.toString() === options.anchor.seq && row.hash !== options.anchor.hash) {
        return { ok: false, checked, brokenAt: row.seq.toString(), reason: "anchor-mismatch" };
      }
      prevHash = row.hash;
      expectedSeq += 1n;
      checked += 1;
    }
    if (rows.length < batchSize) break;
  }
  if (options.anchor && BigInt(options.anchor.seq) >= expectedSeq) {
    return { ok: false, checked, brokenAt: options.anchor.seq, reason: "anchor-mismatch" };
  }
  return { ok: true, checked, anchor: checked ? { seq: (expectedSeq - 1n).toString(), hash: prevHash } : null };
}

/**
 * A person's verification: the walk above, then an `audit.chain_verified` event naming who
 * checked, what anchor they brought and what they were told. The page and the API both use it.
 */
export async function verifyAuditChainAs(options: { db: Db; actor: AuditActor; ip: string | null; anchor?: Anchor }): Promise<ChainReport> {
  const report = await verifyAuditChain({ db: options.db, anchor: options.anchor });
  await options.db.$transaction((tx) =>
    recordAudit(tx, {
      actor: options.actor,
      action: "audit.chain_verified",
      ip: options.ip,
      details: { ok: report.ok, checked: report.checked, anchorSeq: options.anchor?.seq ?? null },
    }),
  );
  return report;
}
