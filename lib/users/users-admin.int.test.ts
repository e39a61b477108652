import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import { ACCOUNT_FAILURE_CAP, throttleKeys } from "@/lib/auth/throttle";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { ENGINES } from "@/lib/testing/databases";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/test-db";
import { acceptInvitation } from "./accept-invitation";
import { clearUserThrottle } from "./clear-user-throttle";
import { createUser } from "./create-user";
import { getInvitationStatus } from "./get-invitation-status";
import { INVITATION_TTL_MS, invitationLink, invitationToken } from "./invitation-link";
import { inviteUser } from "./invite-user";
import { resendInvitation } from "./resend-invitation";
import { setUserActive } from "./set-user-active";
import { setUserRole } from "./set-user-role";

const IP = "127.0.0.1";

/** An invitation that takes effect at once (an agent's): the user and the invitation. */
async function invited(pending: ReturnType<typeof inviteUser>) {
  const result = await pending;
  if (result.pending) throw new Error("expected an immediate invitation");
  return result;
}
const PASSWORD = "a long enough password";

describe.each(ENGINES)("user administration on %s", (engine) => {
  let t: TestDatabase;
  let admin: { id: string; label: string };
  beforeAll(async () => {
    vi.stubEnv("NEXTAUTH_SECRET", "int-test-secret-int-test-secret-0123");
    vi.stubEnv("NEXTAUTH_URL", "https://console.example");
    t = await openTestDatabase(engine);
    const a = await createUser({ db: t.db, email: "root@example.test", name: "Root Admin", role: "ADMIN", password: PASSWORD });
    admin = { id: a.id, label: a.name };
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await t.close();
  });

  it("invites a user: user without password, invitation, INVITATION outbox row holding only the id, audited", async () => {
    const { user, invitation } = await invited(
      inviteUser({ db: t.db, actor: admin, ip: IP, email: " New.Agent@Example.test ", name: "New Agent", role: "AGENT" }),
    );
    expect(user).toMatchObject({ email: "new.agent@example.test", passwordHash: null, role: "AGENT" });
    expect(invitation.expiresAt.getTime() - invitation.createdAt.getTime()).toBeGreaterThan(INVITATION_TTL_MS - 5_000);
    const mail = await t.db.outboxEmail.findUniqueOrThrow({ where: { idempotencyKey: `invitation:${invitation.id}` } });
    expect(mail).toMatchObject({ kind: "INVITATION", to: "new.agent@example.test", payload: { invitationId: invitation.id } });
    expect(JSON.stringify(mail.payload)).not.toContain(invitationToken(invitation.id));
    expect(await t.db.auditEvent.count({ where: { action: "user.invited" } })).toBe(1);
    expect(invitationLink({ invitationId: invitation.id })).toBe(`https://console.example/invite/${invitation.id}?token=${invitationToken(invitation.id)}`);
    await expect(inviteUser({ db: t.db, actor: admin, ip: IP, email: "new.agent@example.test", name: "Again", role: "AGENT" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("accepts an invitation link once, then says it was used; the user can sign in", async () => {
    const { invitation, user } = await invited(inviteUser({ db: t.db, actor: admin, ip: IP, email: "once@example.test", name: "Once", role: "AGENT" }));
    const token = invitationToken(invitation.id);
    await expect(
      acceptInvitation({ db: t.db, ip: IP, invitationId: invitation.id, token: token.slice(0, -2) + "xx", password: PASSWORD }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await getInvitationStatus({ db: t.db, invitationId: invitation.id, token })).toMatchObject({ state: "valid", email: "once@example.test" });
    // Two submissions at once: exactly one wins.
    const results = await Promise.allSettled([
      acceptInvitation({ db: t.db, ip: IP, invitationId: invitation.id, token, password: PASSWORD }),
      acceptInvitation({ db: t.db, ip: IP, invitationId: invitation.id, token, password: "another long password" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await getInvitationStatus({ db: t.db, invitationId: invitation.id, token })).toEqual({ state: "used" });
    const stored = await t.db.invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(stored.usedAt).not.toBeNull();
    const winner = results.findIndex((r) => r.status === "fulfilled");
    const signIn = await authenticate({ db: t.db, email: user.email, password: winner === 0 ? PASSWORD : "another long password", ip: "10.9.0.1" });
    expect(signIn.ok).toBe(true);
    expect(await t.db.auditEvent.count({ where: { action: "user.invitation_accepted" } })).toBe(1);
    expect(await t.db.auditEvent.count({ where: { action: "user.invitation_rejected" } })).toBe(2);
  });

  it("refuses an expired invitation (injected clock), and a resend issues a new link that works", async () => {
    const created = new Date("2026-03-01T10:00:00Z");
    const { invitation, user } = await invited(
      inviteUser({ db: t.db, actor: admin, ip: IP, email: "late@example.test", name: "Late", role: "AGENT", now: created }),
    );
    const token = invitationToken(invitation.id);
    const justBefore = new Date(created.getTime() + INVITATION_TTL_MS - 1000);
    const after = new Date(created.getTime() + INVITATION_TTL_MS + 1000);
    expect((await getInvitationStatus({ db: t.db, invitationId: invitation.id, token, now: justBefore })).state).toBe("valid");
    expect(await getInvitationStatus({ db: t.db, invitationId: invitation.id, token, now: after })).toEqual({ state: "expired" });
    await expect(acceptInvitation({ db: t.db, ip: IP, invitationId: invitation.id, token, password: PASSWORD, now: after })).rejects.toMatchObject({
      code: "INVALID_STATE",
    });

    const resent = await resendInvitation({ db: t.db, actor: admin, ip: IP, userId: user.id, now: after });
    expect(resent.invitation.id).not.toBe(invitation.id);
    expect(await t.db.outboxEmail.count({ where: { kind: "INVITATION", to: "late@example.test" } })).toBe(2);
    await acceptInvitation({
      db: t.db,
      ip: IP,
      invitationId: resent.invitation.id,
      token: invitationToken(resent.invitation.id),
      password: PASSWORD,
      now: after,
    });
    await expect(resendInvitation({ db: t.db, actor: admin, ip: IP, userId: user.id })).rejects.toMatchObject({ code: "INVALID_STATE" });
  });

  it("disabling a user revokes their live session at once", async () => {
    const u = await createUser({ db: t.db, email: "live@example.test", name: "Live", role: "AGENT", password: PASSWORD });
    const signIn = await authenticate({ db: t.db, email: u.email, password: PASSWORD, ip: "10.9.0.2" });
    if (!signIn.ok) throw new Error("sign-in failed");
    await setUserActive({ db: t.db, actor: admin, ip: IP, userId: u.id, active: false });
    const session = await t.db.userSession.findUniqueOrThrow({ where: { id: signIn.sessionId } });
    expect(session.revokedAt).not.toBeNull();
    expect(await t.db.auditEvent.count({ where: { action: "user.disabled" } })).toBe(1);
  });

  it("lowers roles at once, audited, and never demotes or disables the last active admin", async () => {
    const u = await createUser({ db: t.db, email: "role@example.test", name: "Role", role: "SUPERVISOR", password: PASSWORD });
    expect(await setUserRole({ db: t.db, actor: admin, ip: IP, userId: u.id, role: "AGENT" })).toMatchObject({ pending: false, user: { role: "AGENT" } });
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { action: "user.role_changed" } });
    expect(event.details).toMatchObject({ from: "SUPERVISOR", to: "AGENT" });
    await expect(setUserRole({ db: t.db, actor: admin, ip: IP, userId: admin.id, role: "AGENT" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(setUserActive({ db: t.db, actor: admin, ip: IP, userId: admin.id, active: false })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("ADMIN");
  });

  it("two admins demoting each other at once leave one admin", async () => {
    const a = await createUser({ db: t.db, email: "a1@example.test", name: "A1", role: "ADMIN", password: PASSWORD });
    const b = await createUser({ db: t.db, email: "b1@example.test", name: "B1", role: "ADMIN", password: PASSWORD });
    // Only these two are active admins now.
    await setUserRole({ db: t.db, actor: admin, ip: IP, userId: admin.id, role: "SUPERVISOR" });
    // PostgreSQL: the second admin uses its own client (its own connections), like another app instance.
    const other = t.url ? new PrismaClient({ adapter: new PrismaPg({ connectionString: t.url, max: 3 }) }) : t.db;
    try {
      const results = await Promise.allSettled([
        setUserRole({ db: t.db, actor: { id: a.id, label: "A1" }, ip: IP, userId: b.id, role: "AGENT" }),
        setUserRole({ db: other, actor: { id: b.id, label: "B1" }, ip: IP, userId: a.id, role: "AGENT" }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "CONFLICT" } });
      expect(await t.db.user.count({ where: { role: "ADMIN", active: true } })).toBe(1);
      // Same for disabling each other.
      const c = await createUser({ db: t.db, email: "c1@example.test", name: "C1", role: "ADMIN", password: PASSWORD });
      const remaining = await t.db.user.findFirstOrThrow({ where: { role: "ADMIN", active: true, id: { not: c.id } } });
      const disables = await Promise.allSettled([
        setUserActive({ db: t.db, actor: { id: c.id, label: "C1" }, ip: IP, userId: remaining.id, active: false }),
        setUserActive({ db: other, actor: { id: remaining.id, label: "R" }, ip: IP, userId: c.id, active: false }),
      ]);
      expect(disables.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(await t.db.user.count({ where: { role: "ADMIN", active: true } })).toBe(1);
    } finally {
      if (other !== t.db) await other.$disconnect();
    }
  });

  it("clears a user's sign-in lock (the failure cap and the waits from every address), audited", async () => {
    const u = await createUser({ db: t.db, email: "locked@example.test", name: "Locked", role: "AGENT", password: PASSWORD });
    for (let i = 0; i < ACCOUNT_FAILURE_CAP; i++) await authenticate({ db: t.db, email: u.email, password: `wrong ${i}`, ip: `10.8.${i % 2}.${i}` });
    expect(await authenticate({ db: t.db, email: u.email, password: PASSWORD, ip: "10.8.1.1" })).toEqual({ ok: false, reason: "locked" });
    const { cleared } = await clearUserThrottle({ db: t.db, actor: admin, ip: IP, userId: u.id });
    expect(cleared).toBe(101);
    expect(await t.db.signInThrottle.count({ where: { key: throttleKeys(u.email, "x").account } })).toBe(0);
    expect((await authenticate({ db: t.db, email: u.email, password: PASSWORD, ip: "10.8.1.1" })).ok).toBe(true);
    expect(await t.db.auditEvent.count({ where: { action: "user.throttle_cleared" } })).toBe(1);
  });
});
