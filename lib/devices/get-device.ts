import "server-only";
import type { Db } from "@/lib/db/client";

const HISTORY_LIMIT = 100;
const TICKETS_LIMIT = 50;

/** A device with its owner of record, its tickets and its audited history (newest first). */
export async function getDevice(options: { db: Db; serial: string }) {
  const device = await options.db.device.findUnique({
    where: { serial: options.serial },
    include: { owner: { select: { email: true, name: true } } },
  });
  if (!device) return null;
  const [tickets, history] = await Promise.all([
    options.db.ticket.findMany({
      where: { deviceId: device.id },
      orderBy: { createdAt: "desc" },
      take: TICKETS_LIMIT,
      select: { id: true, number: true, status: true, decision: true, customerName: true, createdAt: true },
    }),
    options.db.auditEvent.findMany({
      where: { serial: device.serial },
      orderBy: { seq: "desc" },
      take: HISTORY_LIMIT,
      select: { seq: true, at: true, actorLabel: true, action: true, details: true },
    }),
  ]);
  return { device, tickets, history: history.map((h) => ({ ...h, seq: h.seq.toString(), details: h.details as Record<string, unknown> })) };
}
