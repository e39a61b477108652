import "server-only";
import type { Db } from "@/lib/db/client";
import { eventHash, GENESIS_HASH } from "./event-hash";

const VERIFY_BATCH = 5_000;

export type ChainReport =
  | { ok: true; checked: number; anchor: { seq: string; hash: string } | null }
  | { ok: false; checked: number; brokenAt: string; reason: "hash-mismatch" | "prev-link" | "gap" };

/**
 * Walks the whole chain in seq order, in keyset batches (constant memory), and reports the first
 * event whose content, link or position does not match: an edit, a deletion or an insertion.
 */
export async function verifyAuditChain(options: { db: Db; batchSize?: number }): Promise<ChainReport> {
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
      prevHash = row.hash;
      expectedSeq += 1n;
      checked += 1;
    }
    if (rows.length < batchSize) break;
  }
  return { ok: true, checked, anchor: checked ? { seq: (expectedSeq - 1n).toString(), hash: prevHash } : null };
}
