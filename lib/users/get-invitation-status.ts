import "server-only";
import type { Db } from "@/lib/db/client";
import { verifyInvitationToken } from "./invitation-link";

export type InvitationStatus = { state: "valid"; name: string; email: string } | { state: "used" | "expired" | "invalid" };

/** What the public invite page may show; a wrong token looks exactly like an unknown invitation. */
export async function getInvitationStatus(options: { db: Db; invitationId: string; token: string; now?: Date }): Promise<InvitationStatus> {
  const now = options.now ?? new Date();
  if (!verifyInvitationToken({ invitationId: options.invitationId, token: options.token })) return { state: "invalid" };
  const invitation = await options.db.invitation.findUnique({
    where: { id: options.invitationId },
    include: { user: { select: { name: true, email: true, active: true } } },
  });
  if (!invitation || !invitation.user.active) return { state: "invalid" };
  if (invitation.usedAt) return { state: "used" };
  if (invitation.expiresAt.getTime() <= now.getTime()) return { state: "expired" };
  return { state: "valid", name: invitation.user.name, email: invitation.user.email };
}
