import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Serialises appends across every app instance sharing the database (pg_advisory_xact_lock key). */
const AUDIT_CHAIN_LOCK = 7_202_611;

/** Takes the chain's lock until the transaction ends; every append to the chain holds it. */
export async function lockAuditChain(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;
}
