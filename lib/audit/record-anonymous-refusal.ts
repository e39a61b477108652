import "server-only";
import type { Db } from "@/lib/db/client";
import { appendAuditEvent, type AuditInput } from "./append-audit-event";
import { lockAuditChain } from "./lock-audit-chain";
import { REFUSAL_BUDGET_ACTION, REFUSALS_AUDITED_PER_WINDOW, refusalWindowStart } from "./refusal-window";
import { summariseRefusals } from "./summarise-refusals";

export type AnonymousRefusal = {
  db: Db;
  /** The audit action the refusal would have been recorded as, e.g. "auth.denied". */
  action: string;
  /** What was refused (e.g. "action:setUserActive"); refusals are counted per action, reason and IP. */
  reason: string;
  ip: string;
  /** The first refusal's audit details. */
  details: NonNullable<AuditInput["details"]>;
  now?: Date;
};

type TallyKey = { windowStart: Date; action: string; reason: string; ip: string };

/** Counts one refusal in its window with one atomic upsert (safe across instances); returns the count. */
async function countRefusal(db: Db, key: TallyKey, now: Date): Promise<number> {
  const rows = await db.$queryRaw<{ count: number }[]>`
    INSERT INTO "RefusalTally" ("windowStart", "action", "reason", "ip", "count", "firstAt", "lastAt")
    VALUES (${key.windowStart}, ${key.action}, ${key.reason}, ${key.ip}, 1, ${now}, ${now})
    ON CONFLICT ("windowStart", "action", "reason", "ip") DO UPDATE SET
      "count"   = "RefusalTally"."count" + 1,
      "firstAt" = LEAST("RefusalTally"."firstAt", EXCLUDED."firstAt"),
      "lastAt"  = GREATEST("RefusalTally"."lastAt", EXCLUDED."lastAt")
    RETURNING "count"`;
  return Number(rows[0]?.count ?? 0);
}

/**
 * Records a refusal of a request without an account, which anyone can send as fast as they like.
 * Each is counted without the chain lock; only the first per action, reason and IP in a window
 * (while the window's budget across all IPs lasts) becomes an audit event at once. The rest reach
 * the chain as summaries when the window has closed (summariseRefusals), so the count survives
 * but a flood cannot make every request a serialised chain write.
 */
export async function recordAnonymousRefusal(options: AnonymousRefusal): Promise<"audited" | "counted"> {
  const { db, action, reason, ip } = options;
  const now = options.now ?? new Date();
  const key = { windowStart: refusalWindowStart(now), action, reason, ip };
  if ((await countRefusal(db, key, now)) > 1) return "counted";
  const budgetKey = { windowStart: key.windowStart, action: REFUSAL_BUDGET_ACTION, reason: "", ip: "" };
  if ((await countRefusal(db, budgetKey, now)) > REFUSALS_AUDITED_PER_WINDOW) return "counted";
  return db.$transaction(async (tx) => {
    await lockAuditChain(tx);
    await summariseRefusals(tx, now);
    // Under the chain lock: if another instance has summarised this row meanwhile (its clock saw
    // the window closed), the summary already counts this refusal and it must not be audited twice.
    const claimed = await tx.$executeRaw`
      UPDATE "RefusalTally" SET "audited" = true
      WHERE "windowStart" = ${key.windowStart} AND "action" = ${action} AND "reason" = ${reason} AND "ip" = ${ip} AND NOT "audited"`;
    if (claimed !== 1) return "counted";
    await appendAuditEvent(tx, { actor: { id: null, label: "anonymous" }, action, ip, details: options.details });
    return "audited";
  });
}
