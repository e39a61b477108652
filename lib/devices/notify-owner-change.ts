import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { enqueueEmail } from "@/lib/outbox/enqueue-email";
import type { OwnerChangeNoticePayload } from "@/lib/outbox/payloads";
import { maskEmail } from "@/lib/privacy/mask-email";

/**
 * Enqueues OWNER_CHANGE_NOTICE to the PREVIOUS owner inside the caller's transaction (it leaves
 * only if the change commits), so a quiet re-binding — the first step of a reset to an
 * attacker's address — is noticed.
 */
export async function notifyOwnerChange(tx: Prisma.TransactionClient, options: { serial: string; previousEmail: string; newEmail: string; changedAt: Date }) {
  const payload = {
    deviceSerial: options.serial,
    audience: "PREVIOUS_OWNER" as const,
    changedAt: options.changedAt.toISOString(),
    newOwnerMasked: maskEmail(options.newEmail),
  } satisfies OwnerChangeNoticePayload;
  return enqueueEmail(tx, {
    kind: "OWNER_CHANGE_NOTICE",
    to: options.previousEmail,
    payload,
    idempotencyKey: `owner-change:${options.serial}:${options.changedAt.getTime()}`,
  });
}
