import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { seedDevice, seedStaff, seedTicket, uniqueSerial } from "@/lib/audit/testing/seed-tickets";
import { ENGINES } from "@/lib/testing/databases";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/test-db";
import { decideReview } from "./decide-review";
import { FOUR_EYES_MESSAGE } from "./review-rules";

const actorOf = (u: { id: string; name: string; role: "AGENT" | "SUPERVISOR" | "ADMIN" }) => ({ id: u.id, label: u.name, role: u.role });

describe.each(ENGINES)("decideReview on %s", (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(engine);
  });
  afterAll(() => t.close());

  it("the ticket's own author cannot decide it, even as a supervisor; the attempt is audited and nothing changes", async () => {
    const author = await seedStaff(t.db, "SUPERVISOR");
    const ticket = await seedTicket(t.db, { createdById: author.id });
    for (const decision of ["APPROVE", "REFUSE"] as const) {
      await expect(
        decideReview({ db: t.db, actor: actorOf(author), ip: "10.0.0.1", ticketId: ticket.id, decision, reason: "Looks fine to me, verified by phone." }),
      ).rejects.toMatchObject({
        code: "FORBIDDEN",
        message: FOUR_EYES_MESSAGE,
      });
    }
    expect((await t.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe("REVIEW");
    expect(await t.db.approval.count({ where: { ticketId: ticket.id } })).toBe(0);
    const denied = await t.db.auditEvent.findMany({ where: { ticketId: ticket.id }, orderBy: { seq: "asc" } });
    expect(denied.map((e) => e.action)).toEqual(["auth.denied", "auth.denied"]);
    expect(denied[0]?.details).toMatchObject({ what: "review:four-eyes" });
  });

  it("a supervisor who was assigned the ticket (handled the caller) cannot decide it either", async () => {
    const author = await seedStaff(t.db, "AGENT");
    const handler = await seedStaff(t.db, "SUPERVISOR");
    const ticket = await seedTicket(t.db, { createdById: author.id });
    await t.db.ticket.update({ where: { id: ticket.id }, data: { assigneeId: handler.id } });
    await expect(decideReview({ db: t.db, actor: actorOf(handler), ip: null, ticketId: ticket.id, decision: "APPROVE" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect((await t.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe("REVIEW");
  });

  it("an agent cannot decide anyone's ticket", async () => {
    const author = await seedStaff(t.db, "AGENT");
    const other = await seedStaff(t.db, "AGENT");
    const ticket = await seedTicket(t.db, { createdById: author.id });
    await expect(decideReview({ db: t.db, actor: actorOf(other), ip: null, ticketId: ticket.id, decision: "APPROVE" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect((await t.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe("REVIEW");
  });

  it("a second supervisor approves to another address with a reason: Approval row, status, destination, audit", async () => {
    const author = await seedStaff(t.db, "AGENT");
    const supervisor = await seedStaff(t.db, "SUPERVISOR");
    const serial = uniqueSerial();
    const device = await seedDevice(t.db, { serial });
    const ticket = await seedTicket(t.db, { createdById: author.id, serial, deviceId: device.id });
    const outcome = await decideReview({
      db: t.db,
      actor: actorOf(supervisor),
      ip: "10.0.0.2",
      ticketId: ticket.id,
      decision: "APPROVE",
      reason: "Owner called from the registered phone; the old mailbox is closed.",
      destination: " New.Address@Example.com ",
    });
    expect(outcome).toMatchObject({ ticketId: ticket.id, status: "APPROVED" });
    const after = await t.db.ticket.findUniqueOrThrow({ where: { id: ticket.id }, include: { approvals: true } });
    expect(after.status).toBe("APPROVED");
    expect(after.approvedDestination).toBe("new.address@example.com");
    expect(after.approvals).toHaveLength(1);
    expect(after.approvals[0]).toMatchObject({ supervisorId: supervisor.id, decision: "APPROVE", destination: "new.address@example.com" });
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { ticketId: ticket.id, action: "review.approved" } });
    expect(event.actorId).toBe(supervisor.id);
    expect(event.details).toMatchObject({
      reason: "Owner called from the registered phone; the old mailbox is closed.",
      alternateDestination: true,
      destination: "n***s@example.com",
    });
    expect(JSON.stringify(event.details)).not.toContain("new.address@example.com");
    expect((await verifyAuditChain({ db: t.db })).ok).toBe(true);
  });

  it("approval to the owner's own address needs no reason and stores no alternate destination", async () => {
    const author = await seedStaff(t.db, "AGENT");
    const supervisor = await seedStaff(t.db, "ADMIN");
    const ticket = await seedTicket(t.db, { createdById: author.id });
    await decideReview({ db: t.db, actor: actorOf(supervisor), ip: null, ticketId: ticket.id, decision: "APPROVE" });
    const after = await t.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(after).toMatchObject({ status: "APPROVED", approvedDestination: null });
  });

  it("validates reasons: an alternate address needs ≥ 20 characters, a refusal ≥ 10", async () => {
    const author = await seedStaff(t.db, "AGENT");
    const supervisor = await seedStaff(t.db, "SUPERVISOR");
    const ticket = await seedTicket(t.db, { createdById: author.id });
    await expect(
      decideReview({ db: t.db, actor: actorOf(supervisor), ip: null, ticketId: ticket.id, decision: "APPROVE", destination: "x@example.com", reason: "short" }),
    ).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: { reason: [expect.stringContaining("20")] },
    });
    await expect(decideReview({ db: t.db, actor: actorOf(supervisor), ip: null, ticketId: ticket.id, decision: "REFUSE", reason: "no" })).rejects.toMatchObject(
      { code: "INVALID_INPUT" },
    );
    await decideReview({ db: t.db, actor: actorOf(supervisor), ip: null, ticketId: ticket.id, decision: "REFUSE", reason: "Caller could not name the model." });
    const after = await t.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(after.status).toBe("REFUSED");
    expect(await t.db.auditEvent.count({ where: { ticketId: ticket.id, action: "review.refused" } })).toBe(1);
  });

  it("refuses to approve an expired challenge, and to decide a ticket that is not in review", async () => {
    const author = await seedStaff(t.db, "AGENT");
    const supervisor = await seedStaff(t.db, "SUPERVISOR");
    const expired = await seedTicket(t.db, { createdById: author.id, expiresAt: new Date(Date.now() - 1000) });
    await expect(decideReview({ db: t.db, actor: actorOf(supervisor), ip: null, ticketId: expired.id, decision: "APPROVE" })).rejects.toMatchObject({
      code: "INVALID_STATE",
    });
    const ready = await seedTicket(t.db, { createdById: author.id, status: "READY", decision: "ISSUE" });
    await expect(decideReview({ db: t.db, actor: actorOf(supervisor), ip: null, ticketId: ready.id, decision: "APPROVE" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("two supervisors deciding at once: exactly one Approval, the other gets CONFLICT", async () => {
    const author = await seedStaff(t.db, "AGENT");
    const first = await seedStaff(t.db, "SUPERVISOR");
    const second = await seedStaff(t.db, "SUPERVISOR");
    for (let round = 0; round < 3; round++) {
      const ticket = await seedTicket(t.db, { createdById: author.id });
      const results = await Promise.allSettled([
        decideReview({ db: t.db, actor: actorOf(first), ip: null, ticketId: ticket.id, decision: "APPROVE" }),
        decideReview({ db: t.db, actor: actorOf(second), ip: null, ticketId: ticket.id, decision: "REFUSE", reason: "Refusing: the caller hung up." }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(rejected.reason).toMatchObject({ code: "CONFLICT" });
      expect(await t.db.approval.count({ where: { ticketId: ticket.id } })).toBe(1);
      expect(await t.db.auditEvent.count({ where: { ticketId: ticket.id, action: { in: ["review.approved", "review.refused"] } } })).toBe(1);
    }
  });
});
