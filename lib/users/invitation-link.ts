import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

/** How long an invitation's set-password link works. */
export const INVITATION_TTL_MS = 72 * 60 * 60 * 1000;

function secret(): string {
  const value = env().NEXTAUTH_SECRET;
  if (!value) throw new Error("NEXTAUTH_SECRET is not set: invitation links cannot be signed.");
  return value;
}

/** The link's token, derived from the invitation id and the server secret; never stored. */
export function invitationToken(invitationId: string): string {
  return createHmac("sha256", secret()).update(`invite|${invitationId}`).digest("base64url");
}

/** The one-time set-password link mailed to an invited user (rendered at send time). */
export function invitationLink({ invitationId }: { invitationId: string }): string {
  const base = (env().NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/+$/, "");
  return `${base}/invite/${encodeURIComponent(invitationId)}?token=${invitationToken(invitationId)}`;
}

/** Constant-time comparison, so the response time says nothing about how much of a token matched. */
export function verifyInvitationToken({ invitationId, token }: { invitationId: string; token: string }): boolean {
  const expected = Buffer.from(invitationToken(invitationId));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
