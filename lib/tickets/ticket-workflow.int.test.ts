import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rp1Scheme } from "@/lib/reset-protocol";
import { ENGINES } from "@/lib/testing/databases";
import { recorderChallenge, seedDevice, seedStaff, TEST_KEYS } from "@/lib/testing/fixtures";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/test-db";
import { createTicket } from "./create-ticket";
import { issueCode } from "./issue-code";
import { resendCode } from "./resend-code";
import type { TicketActor } from "./rules";

const NOW = new Date("2026-11-22T12:00:00Z");

describe.each(ENGINES)("ticket workflow on %s", (engine) => {
  let t: TestDatabase;
  let agent: TicketActor;
  let otherAgent: TicketActor;
  beforeAll(async () => {
    t = await openTestDatabase(engine);
    const a = await seedStaff(t.db, "AGENT");
    const b = await seedStaff(t.db, "AGENT");
    agent = { id: a.id, label: a.name, role: "AGENT", ip: "127.0.0.1" };
    otherAgent = { id: b.id, label: b.name, role: "AGENT", ip: "127.0.0.1" };
  });
  afterAll(() => t.close());

  async function openTicket(options: { customerEmail?: string; ownerEmail?: string; reservedEmail?: string; serial?: string } = {}) {
    const device = await seedDevice(t.db, { serial: options.serial, ownerEmail: options.ownerEmail });
    const owner = await t.db.owner.findUniqueOrThrow({ where: { id: device.ownerId! } });
    const challengeText = recorderChallenge({
      serial: device.serial,
      reservedEmail: options.reservedEmail ?? owner.email,
      time: new Date(NOW.getTime() - 5 * 60_000),
    });
    const ticket = await createTicket({
      db: t.db,
      actor: agent,
      now: NOW,
      keys: TEST_KEYS,
      input: { customerName: "Kim", customerEmail: options.customerEmail ?? owner.email, customerPhone: null, channel: "EMAIL", notes: null, challengeText },
    });
    return { ticket, device, owner, challengeText };
  }

  it("a clean request is ISSUE → READY; issuing records the destination, queues the email and changes status in one go", async () => {
    const { ticket, device, owner, challengeText } = await openTicket();
    expect(ticket.decision).toBe("ISSUE");
    expect(ticket.status).toBe("READY");
    const result = await issueCode({ db: t.db, actor: agent, ticketId: ticket.id, now: NOW, keys: TEST_KEYS });
    expect(result.destination).toBe(owner.email);
    const after = await t.db.ticket.findUniqueOrThrow({ where: { id: ticket.id }, include: { codeIssues: true, outbox: true } });
    expect(after.status).toBe("SENT");
    expect(after.codeIssues).toHaveLength(1);
    expect(after.outbox).toHaveLength(1);
    expect(after.outbox[0]).toMatchObject({ to: owner.email, kind: "RESET_CODE", status: "PENDING" });
    expect(after.codeIssues[0]!.outboxId).toBe(after.outbox[0]!.id);
    // The dashboard counts codes per recorder from CodeIssue alone, so the issue carries the serial.
    expect(after.codeIssues[0]!.serial).toBe(device.serial);
    const actions = (await t.db.auditEvent.findMany({ where: { ticketId: ticket.id }, orderBy: { seq: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["ticket.created", "ticket.checks_run", "ticket.decided", "code.issued"]);
    // The link the ticket was opened from is evidence: its hash is in the audit event, as an upload's is.
    const created = await t.db.auditEvent.findFirstOrThrow({ where: { ticketId: ticket.id, action: "ticket.created" } });
    expect(created.details).toMatchObject({ challengeSha256: createHash("sha256").update(challengeText).digest("hex") });

    // The code itself is nowhere in the database.
    const parsed = rp1Scheme.parse(challengeText);
    if (!parsed.ok) throw new Error("unparseable");
    const derived = rp1Scheme.deriveCode({ challenge: parsed.challenge, keys: TEST_KEYS });
    if (!derived.ok) throw new Error("underivable");
    const dump = JSON.stringify(
      await Promise.all([
        t.db.ticket.findMany(),
        t.db.codeIssue.findMany(),
        t.db.outboxEmail.findMany(),
        t.db.auditEvent.findMany(),
        t.db.challenge.findMany(),
      ]),
      (_k, v) => (typeof v === "bigint" ? v.toString() : v),
    );
    expect(dump).not.toContain(derived.code);
  });

  it("a second issue is refused (resend instead) and changes nothing", async () => {
    const { ticket } = await openTicket();
    await issueCode({ db: t.db, actor: agent, ticketId: ticket.id, now: NOW, keys: TEST_KEYS });
    await expect(issueCode({ db: t.db, actor: agent, ticketId: ticket.id, now: NOW, keys: TEST_KEYS })).rejects.toMatchObject({ code: "INVALID_STATE" });
    expect(await t.db.codeIssue.count({ where: { ticketId: ticket.id } })).toBe(1);
  });

  it("two concurrent issues produce exactly one code issue", async () => {
    const { ticket } = await openTicket();
    const results = await Promise.allSettled([0, 1, 2].map(() => issueCode({ db: t.db, actor: agent, ticketId: ticket.id, now: NOW, keys: TEST_KEYS })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await t.db.codeIssue.count({ where: { ticketId: ticket.id } })).toBe(1);
    expect(await t.db.outboxEmail.count({ where: { ticketId: ticket.id } })).toBe(1);
  });

  it("another agent cannot issue on a ticket that is not theirs; nothing changes", async () => {
    const { ticket } = await openTicket();
    await expect(issueCode({ db: t.db, actor: otherAgent, ticketId: ticket.id, now: NOW, keys: TEST_KEYS })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await t.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe("READY");
    expect(await t.db.codeIssue.count({ where: { ticketId: ticket.id } })).toBe(0);
  });

  it("a REVIEW ticket cannot be sent until approved, then goes to the approved address", async () => {
    const { ticket } = await openTicket({ customerEmail: "someone.else@example.net" });
    expect(ticket.decision).toBe("REVIEW");
    await expect(issueCode({ db: t.db, actor: agent, ticketId: ticket.id, now: NOW, keys: TEST_KEYS })).rejects.toMatchObject({ code: "INVALID_STATE" });
    expect(await t.db.outboxEmail.count({ where: { ticketId: ticket.id } })).toBe(0);
    const supervisor = await seedStaff(t.db, "SUPERVISOR");
    await t.db.ticket.update({ where: { id: ticket.id }, data: { status: "APPROVED" } });
    await t.db.approval.create({ data: { ticketId: ticket.id, supervisorId: supervisor.id, decision: "APPROVE", reason: "Spoke to the owner on the phone." } });
    // Four eyes: the approving supervisor may not also send it.
    const approver: TicketActor = { id: supervisor.id, label: supervisor.name, role: "SUPERVISOR", ip: "127.0.0.1" };
    await expect(issueCode({ db: t.db, actor: approver, ticketId: ticket.id, now: NOW, keys: TEST_KEYS })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await t.db.outboxEmail.count({ where: { ticketId: ticket.id } })).toBe(0);
    const sent = await issueCode({ db: t.db, actor: agent, ticketId: ticket.id, now: NOW, keys: TEST_KEYS });
    const owner = await t.db.ticket.findUniqueOrThrow({ where: { id: ticket.id }, include: { device: { include: { owner: true } } } });
    expect(sent.destination).toBe(owner.device!.owner!.email);
  });

  it("a registry change after the decision blocks the send", async () => {
    const { ticket, device } = await openTicket();
    await t.db.device.update({ where: { id: device.id }, data: { status: "STOLEN" } });
    await expect(issueCode({ db: t.db, actor: agent, ticketId: ticket.id, now: NOW, keys: TEST_KEYS })).rejects.toMatchObject({ code: "INVALID_STATE" });
    expect((await t.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe("READY");
  });

  it("an expired challenge cannot be issued", async () => {
    const { ticket } = await openTicket();
    const later = new Date(NOW.getTime() + 25 * 3_600_000);
    await expect(issueCode({ db: t.db, actor: agent, ticketId: ticket.id, now: later, keys: TEST_KEYS })).rejects.toMatchObject({ code: "INVALID_STATE" });
  });

  it("a forged challenge is recorded and refused; an unreadable one is an input error that writes nothing", async () => {
    const { challengeText, owner } = await openTicket();
    const forged = challengeText.replace(/e=[^&]+/, "e=AAAAAAAAAAAAAAAAAAAAAA");
    const ticket = await createTicket({
      db: t.db,
      actor: agent,
      now: NOW,
      keys: TEST_KEYS,
      input: { customerName: "Mallory", customerEmail: owner.email, customerPhone: null, channel: "CHAT", notes: null, challengeText: forged },
    });
    expect(ticket).toMatchObject({ decision: "REFUSE", status: "REFUSED", challengeId: null, rawChallenge: forged });
    expect((ticket.checks as { id: string }[]).map((c) => c.id)).toEqual(["TAG_INVALID"]);
    const before = await t.db.ticket.count();
    await expect(
      createTicket({
        db: t.db,
        actor: agent,
        now: NOW,
        keys: TEST_KEYS,
        input: { customerName: "X", customerEmail: owner.email, customerPhone: null, channel: "CHAT", notes: null, challengeText: "hello" },
      }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(await t.db.ticket.count()).toBe(before);
  });

  it("the same QR on a second ticket goes to review and keeps its first-seen time", async () => {
    const { ticket, challengeText, owner } = await openTicket();
    const later = new Date(NOW.getTime() + 60 * 60_000);
    const second = await createTicket({
      db: t.db,
      actor: agent,
      now: later,
      keys: TEST_KEYS,
      input: { customerName: "Kim", customerEmail: owner.email, customerPhone: null, channel: "PHONE", notes: null, challengeText },
    });
    expect(second.decision).toBe("REVIEW");
    expect((second.checks as { id: string }[]).map((c) => c.id)).toContain("CHALLENGE_REUSED");
    expect(second.challengeId).toBe(ticket.challengeId);
    expect(second.expiresAt).toEqual(ticket.expiresAt);
  });

  it("resend goes to the first destination, is recorded each time, and is rate-limited", async () => {
    const { ticket, device, owner } = await openTicket();
    await issueCode({ db: t.db, actor: agent, ticketId: ticket.id, now: NOW, keys: TEST_KEYS });
    for (let i = 0; i < 3; i++) await resendCode({ db: t.db, actor: agent, ticketId: ticket.id, keys: TEST_KEYS, now: new Date(NOW.getTime() + i * 1000) });
    await expect(resendCode({ db: t.db, actor: agent, ticketId: ticket.id, keys: TEST_KEYS, now: new Date(NOW.getTime() + 5000) })).rejects.toMatchObject({
      code: "RATE_LIMITED",
    });
    const issues = await t.db.codeIssue.findMany({ where: { ticketId: ticket.id } });
    expect(issues.map((i) => i.kind).sort()).toEqual(["FIRST", "RESEND", "RESEND", "RESEND"]);
    expect(new Set(issues.map((i) => i.destination))).toEqual(new Set([owner.email]));
    expect(new Set(issues.map((i) => i.serial))).toEqual(new Set([device.serial]));
    expect(await t.db.outboxEmail.count({ where: { ticketId: ticket.id } })).toBe(4);
  });

  it("velocity: the fourth reset of one recorder in 30 days needs a supervisor", async () => {
    // Isolate the per-device limit (the per-requester one would trip first otherwise).
    await t.db.setting.upsert({
      where: { key: "maxIssuesPerRequesterPerDay" },
      create: { key: "maxIssuesPerRequesterPerDay", value: 100 },
      update: { value: 100 },
    });
    const { device, owner } = await openTicket();
    for (let i = 0; i < 3; i++) {
      const text = recorderChallenge({ serial: device.serial, reservedEmail: owner.email, time: NOW });
      const tk = await createTicket({
        db: t.db,
        actor: agent,
        now: NOW,
        keys: TEST_KEYS,
        input: { customerName: "Kim", customerEmail: owner.email, customerPhone: null, channel: "EMAIL", notes: null, challengeText: text },
      });
      if (tk.status === "READY") await issueCode({ db: t.db, actor: agent, ticketId: tk.id, now: NOW, keys: TEST_KEYS });
    }
    const text = recorderChallenge({ serial: device.serial, reservedEmail: owner.email, time: NOW });
    const fourth = await createTicket({
      db: t.db,
      actor: agent,
      now: NOW,
      keys: TEST_KEYS,
      input: { customerName: "Kim", customerEmail: owner.email, customerPhone: null, channel: "EMAIL", notes: null, challengeText: text },
    });
    expect(fourth.decision).toBe("REVIEW");
    expect((fourth.checks as { id: string }[]).map((c) => c.id)).toContain("VELOCITY_DEVICE");
    await t.db.setting.delete({ where: { key: "maxIssuesPerRequesterPerDay" } });
  });
});
