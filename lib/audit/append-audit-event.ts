import "server-only";
import { env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { checkpointDueAfter } from "./checkpoints/make-checkpoint";
import { eventHash, GENESIS_HASH } from "./event-hash";

export type AuditActor = { id: string | null; label: string };

export type AuditInput = {
  actor: AuditActor;
  action: string;
  ip?: string | null;
  ticketId?: string | null;
  serial?: string | null;
  details?: Record<string, string | number | boolean | null | string[]>;
};

/** Appends one event after the chain's last. The caller holds the chain lock (lockAuditChain). */
export async function appendAuditEvent(tx: Prisma.TransactionClient, input: AuditInput): Promise<{ seq: bigint; hash: string }> {
  const last = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  const content = {
    seq: (last?.seq ?? 0n) + 1n,
    at: new Date(),
    actorId: input.actor.id,
    actorLabel: input.actor.label,
    action: input.action,
    ip: input.ip ?? null,
    ticketId: input.ticketId ?? null,
    serial: input.serial ?? null,
    details: input.details ?? {},
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = eventHash(content, prevHash);
  await tx.auditEvent.create({ data: { ...content, prevHash, hash } });
  await checkpointDueAfter(tx, { seq: content.seq, at: content.at, every: env().AUDIT_CHECKPOINT_EVERY });
  return { seq: content.seq, hash };
}
