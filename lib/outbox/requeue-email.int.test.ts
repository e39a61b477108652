import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { setMasterKeysForTests } from "@/lib/keys/master-keys";
import { rp1Scheme } from "@/lib/reset-protocol";
import { ENGINES } from "@/lib/testing/databases";
import { seedStaff } from "@/lib/testing/fixtures";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/test-db";
import { enqueueEmail } from "./enqueue-email";
import type { MailSink } from "./mail-sink";
import { DEFAULT_OUTBOX_CONFIG, type OutboxConfig } from "./outbox-config";
import { requeueEmail, type RequeueActor } from "./requeue-email";
import { runOutboxOnce } from "./run-outbox-once";
import { smtpHarness } from "./testing/smtp-harness";
import { seedResetCode, seedStaffUser, TEST_MASTER_KEYS } from "./testing/seed-reset-code";
import { ticketDelivery } from "./ticket-delivery";

const CONFIG: OutboxConfig = { ...DEFAULT_OUTBOX_CONFIG, leaseMs: 60_000 };
const CODE_IN_TEXT = /^\s{4}([A-Za-z0-9]{4}-[A-Za-z0-9]{4})$/m;
const HOUR = 3600_000;
const IP = "203.0.113.7";

function expectedCode(challengeText: string): string {
  const parsed = rp1Scheme.parse(challengeText);
  if (!parsed.ok) throw new Error("seeded challenge does not parse");
  const derived = rp1Scheme.deriveCode({ challenge: parsed.challenge, keys: TEST_MASTER_KEYS });
  if (!derived.ok) throw new Error("seeded challenge does not verify");
  return derived.code;
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe.each(ENGINES)("requeueing a failed email on %s", (engine) => {
  let t: TestDatabase;
  let agentId: string;
  let supervisor: RequeueActor;
  let admin: RequeueActor;
  const smtp = smtpHarness();
  const smtpSink = smtp.sink;
  const listener = smtp.listener;
  let clock: Date;
  const now = () => clock;

  function run(sink: MailSink) {
    return runOutboxOnce({ db: t.db, workerId: "worker-a", sink, config: CONFIG, now, random: () => 0.5 });
  }

  /** A reset email the way issueCode leaves it (challenge alive for an hour), already FAILED. */
  async function seedFailed(ownerEmail: string) {
    const seeded = await seedResetCode({ db: t.db, agentId, ownerEmail, recorderTime: clock });
    await t.db.ticket.update({ where: { id: seeded.ticketId }, data: { expiresAt: new Date(clock.getTime() + HOUR) } });
    await t.db.outboxEmail.update({
      where: { id: seeded.outboxId },
      data: { status: "FAILED", attempts: CONFIG.maxAttempts, lastError: "SMTP 554: Message rejected by policy" },
    });
    return seeded;
  }
  const row = (id: string) => t.db.outboxEmail.findUniqueOrThrow({ where: { id } });
  const requeued = (ticketId: string) => t.db.auditEvent.findMany({ where: { ticketId, action: "email.requeued" } });

  beforeAll(async () => {
    t = await openTestDatabase(engine);
    setMasterKeysForTests(TEST_MASTER_KEYS);
    agentId = await seedStaffUser(t.db);
    const [s, a] = await Promise.all([seedStaff(t.db, "SUPERVISOR"), seedStaff(t.db, "ADMIN")]);
    supervisor = { id: s.id, label: s.name, role: s.role };
    admin = { id: a.id, label: a.name, role: a.role };
  });
  beforeEach(async () => {
    clock = new Date(Date.now() + 5_000);
    // Each test starts with an empty queue: park what earlier tests left waiting.
    await t.db.outboxEmail.updateMany({ where: { status: { in: ["PENDING", "SENDING"] } }, data: { status: "SENT", lastError: "parked by test" } });
    vi.spyOn(console, "info").mockImplementation(() => undefined);
    vi.spyOn(console, "error").mockImplementation(() => undefined);
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await smtp.closeAll();
  });
  afterAll(async () => {
    setMasterKeysForTests(undefined);
    await t?.close();
  });

  it("puts a failed reset email back in the queue with its audit event, and the worker then delivers it", async () => {
    const smtp = await listener({ verdict: () => ({ responseCode: 554, message: "Message rejected by policy" }) });
    const sink = smtpSink(smtp.url);
    const seeded = await seedResetCode({ db: t.db, agentId, ownerEmail: "fixed.later@example.com", recorderTime: clock });
    await t.db.ticket.update({ where: { id: seeded.ticketId }, data: { expiresAt: new Date(clock.getTime() + HOUR) } });
    expect(await run(sink)).toMatchObject({ claimed: 1, failed: 1 });
    expect(await row(seeded.outboxId)).toMatchObject({ status: "FAILED", attempts: 1 });

    // The mail server is fixed; a supervisor requeues.
    smtp.setVerdict(() => null);
    expect(await requeueEmail({ db: t.db, actor: supervisor, ip: IP, ticketId: seeded.ticketId, emailId: seeded.outboxId, now: clock })).toEqual({
      emailId: seeded.outboxId,
      ticketId: seeded.ticketId,
    });
    const queued = await row(seeded.outboxId);
    expect(queued).toMatchObject({ status: "PENDING", attempts: 0, lastError: null, lockedBy: null, lockedUntil: null, sentAt: null });
    expect(queued.nextAttemptAt.getTime()).toBe(clock.getTime());
    expect(await ticketDelivery({ db: t.db, ticketId: seeded.ticketId })).toEqual([
      expect.objectContaining({ id: seeded.outboxId, state: "queued", attempts: 0 }),
    ]);
    const [event, ...more] = await requeued(seeded.ticketId);
    expect(more).toHaveLength(0);
    expect(event).toMatchObject({ actorId: supervisor.id, actorLabel: supervisor.label, ip: IP, serial: seeded.serial });
    expect(event?.details).toEqual({ outboxId: seeded.outboxId, kind: "RESET_CODE", to: "f***r@example.com", previousAttempts: 1 });

    expect(await run(sink)).toMatchObject({ claimed: 1, sent: 1 });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]?.rcptTo).toEqual(["fixed.later@example.com"]);
    expect(CODE_IN_TEXT.exec(smtp.received[0]?.mail.text ?? "")?.[1]).toBe(rp1Scheme.formatCode(expectedCode(seeded.challengeText)));
    expect(await row(seeded.outboxId)).toMatchObject({ status: "SENT", attempts: 1, messageId: `<outbox.${seeded.outboxId}@recorders.example>` });
    const actions = (await t.db.auditEvent.findMany({ where: { ticketId: seeded.ticketId }, orderBy: { seq: "asc" } })).map((e) => e.action);
    expect(actions.filter((a) => a.startsWith("email."))).toEqual(["email.failed", "email.requeued", "email.sent"]);
    expect(await run(sink)).toMatchObject({ claimed: 0 });
  });

  it("lets exactly one of two concurrent requeues win", async () => {
    const seeded = await seedFailed("race.requeue@example.com");
    // PostgreSQL: the second requeue has its own client and connections, like another instance.
    const otherDb: Db = t.url ? new PrismaClient({ adapter: new PrismaPg({ connectionString: t.url, max: 2 }) }) : t.db;
    try {
      const attempt = (db: Db, actor: RequeueActor) => requeueEmail({ db, actor, ip: IP, ticketId: seeded.ticketId, emailId: seeded.outboxId, now: clock });
      const results = await Promise.allSettled([attempt(t.db, supervisor), attempt(otherDb, admin)]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const [lost] = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(lost?.reason).toBeInstanceOf(AppError);
      expect(["CONFLICT", "INVALID_STATE"]).toContain((lost?.reason as AppError).code);
    } finally {
      if (otherDb !== t.db) await otherDb.$disconnect();
    }
    expect(await row(seeded.outboxId)).toMatchObject({ status: "PENDING", attempts: 0 });
    expect(await requeued(seeded.ticketId)).toHaveLength(1);
  });

  it("refuses a row that is not failed and changes nothing", async () => {
    const pending = await seedResetCode({ db: t.db, agentId, ownerEmail: "still.queued@example.com", recorderTime: clock });
    await t.db.ticket.update({ where: { id: pending.ticketId }, data: { expiresAt: new Date(clock.getTime() + HOUR) } });
    const before = await row(pending.outboxId);
    const queuedRefusal = await refusal(requeueEmail({ db: t.db, actor: supervisor, ip: IP, ticketId: pending.ticketId, emailId: pending.outboxId }));
    expect(queuedRefusal).toMatchObject({ code: "INVALID_STATE", message: "This email is already queued for delivery (someone may have requeued it)." });
    expect(await row(pending.outboxId)).toEqual(before);

    expect(await run({ kind: "devmail" })).toMatchObject({ sent: 1 });
    const sent = await row(pending.outboxId);
    const sentRefusal = await refusal(requeueEmail({ db: t.db, actor: admin, ip: IP, ticketId: pending.ticketId, emailId: pending.outboxId }));
    expect(sentRefusal).toMatchObject({ code: "INVALID_STATE", message: "This email was delivered; there is nothing to requeue." });
    expect(await row(pending.outboxId)).toEqual(sent);
    expect(await requeued(pending.ticketId)).toHaveLength(0);
  });

  it("refuses agents, including the ticket's own, and changes nothing", async () => {
    const seeded = await seedFailed("agent.tries@example.com");
    const before = await row(seeded.outboxId);
    for (const actor of [
      { id: agentId, label: "Test Agent", role: "AGENT" as const },
      { ...supervisor, role: "AGENT" as const },
    ]) {
      const refused = await refusal(requeueEmail({ db: t.db, actor, ip: IP, ticketId: seeded.ticketId, emailId: seeded.outboxId }));
      expect(refused).toMatchObject({ code: "FORBIDDEN", status: 403 });
    }
    expect(await row(seeded.outboxId)).toEqual(before);
    expect(await requeued(seeded.ticketId)).toHaveLength(0);
  });

  it("finds the email only on its own ticket", async () => {
    const seeded = await seedFailed("scoped@example.com");
    const other = await seedFailed("other.ticket@example.com");
    const refused = await refusal(requeueEmail({ db: t.db, actor: supervisor, ip: IP, ticketId: other.ticketId, emailId: seeded.outboxId }));
    expect(refused.code).toBe("NOT_FOUND");
    expect((await row(seeded.outboxId)).status).toBe("FAILED");
  });

  it("re-checks what the send would: a blocked or stolen recorder, a closed ticket, an expired QR code, another email already sent", async () => {
    const attempt = (seeded: { ticketId: string; outboxId: string }) =>
      refusal(requeueEmail({ db: t.db, actor: supervisor, ip: IP, ticketId: seeded.ticketId, emailId: seeded.outboxId, now: clock }));
    for (const status of ["BLOCKED", "STOLEN"] as const) {
      const seeded = await seedFailed(`${status.toLowerCase()}.now@example.com`);
      const ticket = await t.db.ticket.findUniqueOrThrow({ where: { id: seeded.ticketId } });
      await t.db.device.update({ where: { id: ticket.deviceId! }, data: { status } });
      expect(await attempt(seeded)).toMatchObject({
        code: "INVALID_STATE",
        message: expect.stringMatching(status === "BLOCKED" ? /recorder is blocked/ : /recorder is reported stolen/),
      });
      expect((await row(seeded.outboxId)).status).toBe("FAILED");
    }

    const closed = await seedFailed("closed.ticket@example.com");
    await t.db.ticket.update({ where: { id: closed.ticketId }, data: { status: "RESOLVED" } });
    expect((await attempt(closed)).message).toMatch(/This ticket is resolved. Reopen it first./);

    const expired = await seedFailed("expired.qr@example.com");
    await t.db.ticket.update({ where: { id: expired.ticketId }, data: { expiresAt: clock } });
    expect((await attempt(expired)).message).toMatch(/QR code has expired/);

    // The agent resent meanwhile and that email arrived: the same code needs no second copy.
    const resent = await seedFailed("resent.ok@example.com");
    const first = await t.db.codeIssue.findFirstOrThrow({ where: { ticketId: resent.ticketId } });
    await t.db.$transaction(async (tx) => {
      const issue = await tx.codeIssue.create({
        data: { ticketId: resent.ticketId, serial: first.serial, kind: "RESEND", destination: first.destination, actorId: agentId },
      });
      await enqueueEmail(tx, {
        kind: "RESET_CODE",
        to: first.destination,
        payload: { ticketId: resent.ticketId, challengeId: resent.challengeId, codeIssueId: issue.id },
        idempotencyKey: `code-issue:${issue.id}`,
        ticketId: resent.ticketId,
      });
    });
    expect(await run({ kind: "devmail" })).toMatchObject({ sent: 1 });
    expect((await attempt(resent)).message).toBe("Another email with the same code was delivered already.");

    for (const seeded of [closed, expired, resent]) expect((await row(seeded.outboxId)).status).toBe("FAILED");
    expect(await t.db.auditEvent.count({ where: { action: "email.requeued", ticketId: { in: [closed.ticketId, expired.ticketId, resent.ticketId] } } })).toBe(
      0,
    );
  });
});
