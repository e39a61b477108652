import "server-only";
import type { Db } from "@/lib/db/client";
import type { AuditActor } from "./record-audit";
import { recordAudit } from "./record-audit";

export type ExportedAnchor = { seq: string; hash: string; at: string };

/**
 * The chain's current head, to keep outside the database (a ticket system, a printout, another
 * company's mailbox): a later `verify --anchor seq:hash` proves nothing before it was cut or
 * rewritten. The export is itself the anchored event, so the anchor also commits to who took it.
 */
export async function exportAnchor(options: { db: Db; actor: AuditActor; ip: string | null }): Promise<ExportedAnchor> {
  return options.db.$transaction(async (tx) => {
    const previous = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } });
    const event = await recordAudit(tx, {
      actor: options.actor,
      action: "audit.anchor_exported",
      ip: options.ip,
      details: { previousSeq: previous?.seq.toString() ?? null },
    });
    const row = await tx.auditEvent.findUniqueOrThrow({ where: { seq: event.seq }, select: { at: true } });
    return { seq: event.seq.toString(), hash: event.hash, at: row.at.toISOString() };
  });
}
