import "server-only";
import type { Db } from "@/lib/db/client";
import { DAY_MS } from "@/lib/time";
import { SYSTEM_USER_EMAIL } from "./system-actor";

/** Tickets opened in the window, and how many got their code with no agent (the system issued it). */
export async function zeroTouchShare(options: { db: Db; days: number; now?: Date }): Promise<{ tickets: number; zeroTouch: number; fromEmail: number }> {
  const since = new Date((options.now ?? new Date()).getTime() - options.days * DAY_MS);
  const system = await options.db.user.findUnique({ where: { email: SYSTEM_USER_EMAIL }, select: { id: true } });
  const [tickets, zeroTouch, fromEmail] = await Promise.all([
    options.db.ticket.count({ where: { createdAt: { gte: since } } }),
    system ? options.db.codeIssue.count({ where: { kind: "FIRST", actorId: system.id, issuedAt: { gte: since } } }) : 0,
    system ? options.db.ticket.count({ where: { createdById: system.id, createdAt: { gte: since } } }) : 0,
  ]);
  return { tickets, zeroTouch, fromEmail };
}
