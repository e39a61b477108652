import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log";
import type { MasterKeys } from "@/lib/reset-protocol";
import { readChecks } from "@/lib/tickets/checks/read-checks";
import { issueCode } from "@/lib/tickets/issue-code";
import { SYSTEM_LABEL, systemActor } from "./system-actor";
import { canApproveZeroTouch, isZeroTouchCandidate, zeroTouchNeedsSecondAdmin, type ZeroTouchRequest } from "./zero-touch-rules";

// Stored as Setting rows of their own (getSettings ignores keys it does not know).
const ENABLED_KEY = "zeroTouch.enabled";
const REQUEST_KEY = "zeroTouch.request";

export type ZeroTouchState = { enabled: boolean; request: ZeroTouchRequest | null };

export async function zeroTouchState(db: Db | Prisma.TransactionClient): Promise<ZeroTouchState> {
  const rows = await db.setting.findMany({ where: { key: { in: [ENABLED_KEY, REQUEST_KEY] } } });
  const enabled = rows.find((r) => r.key === ENABLED_KEY)?.value === true;
  const raw = rows.find((r) => r.key === REQUEST_KEY)?.value as Partial<ZeroTouchRequest> | null | undefined;
  const request =
    raw && typeof raw.requestedById === "string" && typeof raw.requestedAt === "string"
      ? { requestedById: raw.requestedById, requestedAt: raw.requestedAt }
      : null;
  return { enabled, request };
}

type Admin = AuditActor & { id: string; ip: string | null };

/** An admin turns zero-touch off (at once) or asks to turn it on (a second admin approves). Audited. */
export async function requestZeroTouch(options: { db: Db; actor: Admin; enable: boolean; now?: Date }): Promise<{ pending: boolean }> {
  const { db, actor, enable } = options;
  return db.$transaction(async (tx) => {
    const state = await zeroTouchState(tx);
    if (!zeroTouchNeedsSecondAdmin(enable)) {
      await tx.setting.upsert({
        where: { key: ENABLED_KEY },
        create: { key: ENABLED_KEY, value: false, updatedById: actor.id },
        update: { value: false, updatedById: actor.id },
      });
      await tx.setting.deleteMany({ where: { key: REQUEST_KEY } });
      await recordAudit(tx, { actor, ip: actor.ip, action: "zero_touch.disabled", details: { wasEnabled: state.enabled } });
      return { pending: false };
    }
    if (state.enabled) throw new AppError("INVALID_STATE", "Zero-touch is already on.");
    const request: ZeroTouchRequest = { requestedById: actor.id, requestedAt: (options.now ?? new Date()).toISOString() };
    await tx.setting.upsert({
      where: { key: REQUEST_KEY },
      create: { key: REQUEST_KEY, value: request, updatedById: actor.id },
      update: { value: request, updatedById: actor.id },
    });
    await recordAudit(tx, { actor, ip: actor.ip, action: "zero_touch.requested", details: { enable: true } });
    return { pending: true };
  });
}

/** A second admin approves or refuses turning zero-touch on; the requester cannot (refused and audited). */
export async function decideZeroTouch(options: { db: Db; actor: Admin; approve: boolean }): Promise<ZeroTouchState> {
  const { db, actor } = options;
  const refusal = await db.$transaction(async (tx) => {
    const state = await zeroTouchState(tx);
    const verdict = canApproveZeroTouch(state.request, actor.id);
    // The refused attempt is kept (its own committed transaction), the change is not made.
    if (!verdict.ok && state.request) await recordAudit(tx, { actor, ip: actor.ip, action: "zero_touch.self_approval_refused", details: {} });
    return verdict.ok ? null : verdict.message;
  });
  if (refusal) throw new AppError("FORBIDDEN", refusal);
  return db.$transaction(async (tx) => {
    const state = await zeroTouchState(tx);
    const verdict = canApproveZeroTouch(state.request, actor.id);
    if (!verdict.ok) throw new AppError("FORBIDDEN", verdict.message);
    await tx.setting.deleteMany({ where: { key: REQUEST_KEY } });
    if (options.approve) {
      await tx.setting.upsert({
        where: { key: ENABLED_KEY },
        create: { key: ENABLED_KEY, value: true, updatedById: actor.id },
        update: { value: true, updatedById: actor.id },
      });
    }
    await recordAudit(tx, {
      actor,
      ip: actor.ip,
      action: options.approve ? "zero_touch.enabled" : "zero_touch.refused",
      details: { requestedById: state.request!.requestedById },
    });
    return { enabled: options.approve, request: null };
  });
}

/**
 * Right after an email opened a ticket: when zero-touch is on and the ticket is a clean request
 * (isZeroTouchCandidate), the console issues the code itself, through the same issueCode and
 * canSendCode an agent's send goes through (velocity, blocked/stolen, four eyes unchanged), with
 * the system as the audited actor. The code goes only to the owner of record, as always.
 */
export async function zeroTouchIssue(options: {
  db: Db;
  ticketId: string;
  keys?: MasterKeys;
  now?: Date;
  /** A trusted receiving server found the From domain passed DMARC (zero-touch-rules.ts). */
  senderPassedDmarc: boolean;
}): Promise<{ issued: boolean; reason: string }> {
  const { db } = options;
  if (!(await zeroTouchState(db)).enabled) return { issued: false, reason: "off" };
  const ticket = await db.ticket.findUnique({ where: { id: options.ticketId }, select: { channel: true, status: true, decision: true, checks: true } });
  if (!ticket || !isZeroTouchCandidate({ ...ticket, checks: readChecks(ticket.checks), senderPassedDmarc: options.senderPassedDmarc }))
    return { issued: false, reason: "not a clean request" };
  const actor = await systemActor(db);
  try {
    await issueCode({ db, actor: { ...actor, label: SYSTEM_LABEL }, ticketId: options.ticketId, keys: options.keys, now: options.now });
    return { issued: true, reason: "issued" };
  } catch (error) {
    // Refused by the send rule (e.g. the recorder was blocked meanwhile): the ticket waits for an agent.
    logger({ component: "inbound" }).info({ reason: error instanceof AppError ? error.code : "error" }, "zero-touch: not issued; left for an agent");
    return { issued: false, reason: error instanceof AppError ? error.code : "error" };
  }
}
