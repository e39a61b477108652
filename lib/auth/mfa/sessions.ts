import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

export type OwnSession = { id: string; current: boolean; browser: string; ip: string | null; createdAt: Date; lastSeenAt: Date; secondFactor: boolean };

/** "Firefox", "Edge", "Chromium"…: enough to tell one's own browsers apart, from the User-Agent at sign-in. */
export function browserName(userAgent: string | null | undefined): string {
  const ua = userAgent ?? "";
  if (/Edg\//.test(ua)) return "Edge";
  if (/Firefox\//.test(ua)) return "Firefox";
  if (/Chromium\/|HeadlessChrome\//.test(ua)) return "Chromium";
  if (/Chrome\//.test(ua)) return "Chrome";
  if (/Safari\//.test(ua)) return "Safari";
  if (/^curl\//.test(ua)) return "curl";
  return "Unknown browser";
}

/** The user's sessions that still hold (not ended, not expired), newest activity first. */
export async function listOwnSessions(options: { db: Db; userId: string; currentSessionId: string; now?: Date }): Promise<OwnSession[]> {
  const now = options.now ?? new Date();
  const rows = await options.db.userSession.findMany({
    where: { userId: options.userId, revokedAt: null, expiresAt: { gt: now } },
    orderBy: { lastSeenAt: "desc" },
    take: 50,
  });
  return rows.map((row) => ({
    id: row.id,
    current: row.id === options.currentSessionId,
    browser: browserName(row.userAgent),
    ip: row.ip,
    createdAt: row.createdAt,
    lastSeenAt: row.lastSeenAt,
    secondFactor: row.secondFactorAt !== null,
  }));
}

/** Ends one of the user's own sessions (never someone else's: it is looked up by both ids), audited as `auth.session_ended`. */
export async function endOwnSession(options: { db: Db; actor: AuditActor & { id: string }; ip: string | null; sessionId: string; now?: Date }) {
  const now = options.now ?? new Date();
  return options.db.$transaction(async (tx) => {
    const ended = await tx.userSession.updateMany({ where: { id: options.sessionId, userId: options.actor.id, revokedAt: null }, data: { revokedAt: now } });
    if (ended.count !== 1) throw new AppError("NOT_FOUND", "That session has ended already.");
    await recordAudit(tx, { actor: options.actor, action: "auth.session_ended", ip: options.ip, details: { sessionId: options.sessionId } });
  });
}
