import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { appendAuditEvent, type AuditInput } from "./append-audit-event";
import { lockAuditChain } from "./lock-audit-chain";
import { REFUSAL_WINDOW_MS, refusalWindowStart } from "./refusal-window";
import { summariseRefusals } from "./summarise-refusals";

export type { AuditActor, AuditInput } from "./append-audit-event";

// When this instance next looks for closed refusal windows: once per window, so a summary
// reaches the chain with the next audited write after its window closes, at one cheap query
// per window instead of one per write. A write that rolls back leaves the rows for the next one.
let refusalSummaryDueAt = 0;

/**
 * Appends one event to the hash chain. Must run inside the transaction that makes the change it
 * describes, so the two commit or roll back together.
 */
export async function recordAudit(tx: Prisma.TransactionClient, input: AuditInput): Promise<{ seq: bigint; hash: string }> {
  await lockAuditChain(tx);
  const now = new Date();
  if (now.getTime() >= refusalSummaryDueAt) {
    refusalSummaryDueAt = refusalWindowStart(now).getTime() + REFUSAL_WINDOW_MS;
    await summariseRefusals(tx, now);
  }
  return appendAuditEvent(tx, input);
}
