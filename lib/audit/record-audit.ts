import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { eventHash, GENESIS_HASH } from "./event-hash";

/** Serialises appends across every app instance sharing the database (pg_advisory_xact_lock key). */
const AUDIT_CHAIN_LOCK = 7_202_611;

export type AuditActor = { id: string | null; label: string };

export type AuditInput = {
  actor: AuditActor;
  action: string;
  ip?: string | null;
  ticketId?: string | null;
  serial?: string | null;
  details?: Record<string, string | number | boolean | null | string[]>;
};

/**
 * Appends one event to the hash chain. Must run inside the transaction that makes the change it
 * describes, so the two commit or roll back together.
 */
export async function recordAudit(tx: Prisma.TransactionClient, input: AuditInput): Promise<{ seq: bigint; hash: string }> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;
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
  return { seq: content.seq, hash };
}
