import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedStaff, seedTicket } from "@/lib/audit/testing/seed-tickets";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { decideReview } from "@/lib/review/decide-review";
import { canSendCode, loadSendFacts } from "@/lib/tickets/rules";
import { DAY_MS } from "@/lib/time";
import { ENGINES } from "@/lib/testing/databases";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/test-db";
import { decidePrivilegeRequest } from "./decide-privilege-request";
import { inviteUser } from "./invite-user";
import { GRANT_COOLING_OFF_DAYS, loadGranters } from "./privilege-rules";
import { setUserActive } from "./set-user-active";
import { setUserRole } from "./set-user-role";

const IP = "10.1.2.3";
type Staff = Awaited<ReturnType<typeof seedStaff>>;
const as = (u: Staff) => ({ id: u.id, label: u.name, role: u.role });

describe.each(ENGINES)("four eyes on privileges on %s", (engine) => {
  let t: TestDatabase;
  let adminA: Staff;
  let adminB: Staff;
  beforeAll(async () => {
    t = await openTestDatabase(engine);
    adminA = await seedStaff(t.db, "ADMIN", "Admin A");
    adminB = await seedStaff(t.db, "ADMIN", "Admin B");
  });
  afterAll(() => t.close());

  it("granting SUPERVISOR waits for a second admin; the requester cannot approve it; the second admin's approval makes it effective", async () => {
    const agent = await seedStaff(t.db, "AGENT");
    const asked = await setUserRole({ db: t.db, actor: as(adminA), ip: IP, userId: agent.id, role: "SUPERVISOR" });
    expect(asked).toMatchObject({ pending: true });
    if (!asked.pending) throw new Error("expected a pending request");
    expect((await t.db.user.findUniqueOrThrow({ where: { id: agent.id } })).role).toBe("AGENT");
    expect(await t.db.auditEvent.count({ where: { action: "privilege.requested", actorId: adminA.id } })).toBe(1);
    // The same change again is not stacked.
    await expect(setUserRole({ db: t.db, actor: as(adminB), ip: IP, userId: agent.id, role: "SUPERVISOR" })).rejects.toMatchObject({ code: "CONFLICT" });

    await expect(decidePrivilegeRequest({ db: t.db, actor: as(adminA), ip: IP, requestId: asked.requestId, decision: "APPROVE" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: agent.id } })).role).toBe("AGENT");
    const denied = await t.db.auditEvent.findFirstOrThrow({ where: { action: "auth.denied", actorId: adminA.id } });
    expect(denied.details).toMatchObject({ what: "privilege:four-eyes", requestId: asked.requestId });
    // A supervisor (or agent) cannot decide either, whatever reaches the function.
    await expect(
      decidePrivilegeRequest({ db: t.db, actor: { ...as(agent), role: "SUPERVISOR" }, ip: IP, requestId: asked.requestId, decision: "APPROVE" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });

    const outcome = await decidePrivilegeRequest({ db: t.db, actor: as(adminB), ip: IP, requestId: asked.requestId, decision: "APPROVE" });
    expect(outcome).toMatchObject({ status: "APPROVED", userId: agent.id });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: agent.id } })).role).toBe("SUPERVISOR");
    const changed = await t.db.auditEvent.findFirstOrThrow({ where: { action: "user.role_changed", details: { path: ["userId"], equals: agent.id } } });
    expect(changed.actorId).toBe(adminB.id);
    expect(changed.details).toMatchObject({ from: "AGENT", to: "SUPERVISOR", requestId: asked.requestId, requestedBy: adminA.id });
    expect(await t.db.auditEvent.count({ where: { action: "privilege.approved", actorId: adminB.id } })).toBe(1);
    // Decided once only.
    await expect(decidePrivilegeRequest({ db: t.db, actor: as(adminB), ip: IP, requestId: asked.requestId, decision: "REFUSE" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect((await verifyAuditChain({ db: t.db })).ok).toBe(true);
  });

  it("inviting at ADMIN creates nobody and sends nothing until approved; then the user, the invitation and its email exist", async () => {
    const email = `boss-${engine}@example.test`;
    const asked = await inviteUser({ db: t.db, actor: as(adminA), ip: IP, email, name: "New Boss", role: "ADMIN" });
    if (!asked.pending) throw new Error("expected a pending request");
    expect(await t.db.user.count({ where: { email } })).toBe(0);
    expect(await t.db.outboxEmail.count({ where: { to: email } })).toBe(0);
    // One pending invitation per address.
    await expect(inviteUser({ db: t.db, actor: as(adminB), ip: IP, email, name: "Again", role: "SUPERVISOR" })).rejects.toMatchObject({ code: "CONFLICT" });

    const outcome = await decidePrivilegeRequest({ db: t.db, actor: as(adminB), ip: IP, requestId: asked.requestId, decision: "APPROVE" });
    const user = await t.db.user.findUniqueOrThrow({ where: { email } });
    expect(user).toMatchObject({ role: "ADMIN", passwordHash: null });
    expect(outcome.userId).toBe(user.id);
    expect(await t.db.outboxEmail.count({ where: { to: email, kind: "INVITATION" } })).toBe(1);
    expect((await t.db.privilegeRequest.findUniqueOrThrow({ where: { id: asked.requestId } })).userId).toBe(user.id);
  });

  it("re-enabling a disabled user waits for a second admin; a refusal leaves them disabled; disabling stays immediate", async () => {
    const agent = await seedStaff(t.db, "AGENT");
    expect(await setUserActive({ db: t.db, actor: as(adminA), ip: IP, userId: agent.id, active: false })).toMatchObject({
      pending: false,
      user: { active: false },
    });
    const asked = await setUserActive({ db: t.db, actor: as(adminA), ip: IP, userId: agent.id, active: true });
    if (!asked.pending) throw new Error("expected a pending request");
    expect((await t.db.user.findUniqueOrThrow({ where: { id: agent.id } })).active).toBe(false);
    await decidePrivilegeRequest({ db: t.db, actor: as(adminB), ip: IP, requestId: asked.requestId, decision: "REFUSE" });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: agent.id } })).active).toBe(false);
    expect(await t.db.auditEvent.count({ where: { action: "privilege.refused", actorId: adminB.id } })).toBe(1);
  });

  it("a new supervisor cannot approve tickets opened by the admins who granted the role, and those admins cannot send what they approved", async () => {
    const candidate = await seedStaff(t.db, "AGENT");
    const asked = await setUserRole({ db: t.db, actor: as(adminA), ip: IP, userId: candidate.id, role: "SUPERVISOR" });
    if (!asked.pending) throw new Error("expected a pending request");
    await decidePrivilegeRequest({ db: t.db, actor: as(adminB), ip: IP, requestId: asked.requestId, decision: "APPROVE" });
    const supervisor = { ...as(candidate), role: "SUPERVISOR" as const };
    expect(new Set(await loadGranters(t.db, candidate.id, new Date()))).toEqual(new Set([adminA.id, adminB.id]));
    // After the cooling-off window, the grant no longer counts.
    expect(await loadGranters(t.db, candidate.id, new Date(Date.now() + (GRANT_COOLING_OFF_DAYS + 1) * DAY_MS))).toEqual([]);

    for (const opener of [adminA, adminB]) {
      const ticket = await seedTicket(t.db, { createdById: opener.id });
      await expect(
        decideReview({ db: t.db, actor: supervisor, ip: IP, ticketId: ticket.id, decision: "APPROVE", reason: "Verified by phone." }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
      expect((await t.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe("REVIEW");
      const denied = await t.db.auditEvent.findFirstOrThrow({ where: { action: "auth.denied", ticketId: ticket.id } });
      expect(denied.details).toMatchObject({ what: "review:granter" });
    }
    // Handled (assigned) by a granter: refused too.
    const agent = await seedStaff(t.db, "AGENT");
    const handled = await seedTicket(t.db, { createdById: agent.id });
    await t.db.ticket.update({ where: { id: handled.id }, data: { assigneeId: adminA.id } });
    await expect(decideReview({ db: t.db, actor: supervisor, ip: IP, ticketId: handled.id, decision: "APPROVE" })).rejects.toMatchObject({ code: "FORBIDDEN" });

    // A ticket someone else opened: the new supervisor may approve it, but neither granter may then send it.
    const ticket = await seedTicket(t.db, { createdById: agent.id });
    await decideReview({ db: t.db, actor: supervisor, ip: IP, ticketId: ticket.id, decision: "APPROVE" });
    const facts = (await loadSendFacts(t.db, ticket.id))!;
    expect(facts.approverId).toBe(candidate.id);
    for (const granter of [adminA, adminB]) {
      for (const stage of ["issue", "resend"] as const) {
        const sentFacts = stage === "issue" ? facts : { ...facts, status: "SENT" as const, issued: true };
        expect(canSendCode(sentFacts, { stage, actorId: granter.id, keyVersions: [1], now: new Date() })).toMatchObject({
          ok: false,
          refusal: "GRANTER_SENDS",
        });
      }
    }
    expect(canSendCode(facts, { stage: "issue", actorId: agent.id, keyVersions: [1], now: new Date() })).not.toMatchObject({ refusal: "GRANTER_SENDS" });
  });
});
