import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { PrivilegeChange, Role } from "@/lib/generated/prisma/enums";
import { maskEmail } from "@/lib/privacy/mask-email";

export type PrivilegeRequestInput =
  | { change: "ROLE"; userId: string; name: string; role: Role }
  | { change: "REACTIVATE"; userId: string; name: string }
  | { change: "MFA_RESET"; userId: string; name: string }
  | { change: "INVITE"; email: string; name: string; role: Role };

/**
 * Files a privilege change for a second admin (see privilege-rules.ts), in the caller's
 * transaction, audited as `privilege.requested`. One pending request per user and change (per
 * address for an invitation): a second one is refused rather than stacked. The caller holds the
 * user's row lock (or, for an invitation, this takes an advisory lock on the address).
 */
export async function requestPrivilegeChange(
  tx: Prisma.TransactionClient,
  actor: AuditActor & { id: string },
  ip: string | null,
  input: PrivilegeRequestInput,
) {
  const change: PrivilegeChange = input.change;
  if (input.change === "INVITE") {
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext(${`privilege-invite:${input.email}`}))::text`;
  }
  const duplicate = await tx.privilegeRequest.findFirst({
    where: { status: "PENDING", change, ...(input.change === "INVITE" ? { email: input.email } : { userId: input.userId }) },
    select: { id: true },
  });
  if (duplicate) throw new AppError("CONFLICT", "The same change is already waiting for a second admin.");
  const request = await tx.privilegeRequest.create({
    data: {
      change,
      requestedById: actor.id,
      userId: input.change === "INVITE" ? null : input.userId,
      role: input.change === "REACTIVATE" || input.change === "MFA_RESET" ? null : input.role,
      email: input.change === "INVITE" ? input.email : null,
      name: input.name,
    },
  });
  await recordAudit(tx, {
    actor,
    action: "privilege.requested",
    ip,
    details: {
      requestId: request.id,
      change,
      userId: request.userId,
      name: input.name,
      role: request.role,
      ...(input.change === "INVITE" ? { email: maskEmail(input.email) } : {}),
    },
  });
  return request;
}
