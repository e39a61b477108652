import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { setMasterKeysForTests } from "@/lib/keys/master-keys";
import { rp1Scheme } from "@/lib/reset-protocol";
import { ENGINES } from "@/lib/testing/databases";
import { captureLogs } from "@/lib/testing/capture-logs";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/test-db";
import { ticketRef } from "@/lib/tickets/ticket-ref";
import { invitationLink } from "@/lib/users/invitation-link";
import { enqueueEmail } from "./enqueue-email";
import type { MailSink } from "./mail-sink";
import { DEFAULT_OUTBOX_CONFIG, type OutboxConfig } from "./outbox-config";
import { runOutboxOnce } from "./run-outbox-once";
import { freePort } from "./testing/smtp-test-listener";
import { smtpHarness } from "./testing/smtp-harness";
import { seedResetCode, seedStaffUser, TEST_MASTER_KEYS } from "./testing/seed-reset-code";
import { claimOutboxBatch } from "./claim-outbox-batch";
import { ticketDelivery } from "./ticket-delivery";

const CONFIG: OutboxConfig = { ...DEFAULT_OUTBOX_CONFIG, leaseMs: 60_000 };
const CODE_IN_TEXT = /^\s{4}([A-Za-z0-9]{4}-[A-Za-z0-9]{4})$/m;
const HOUR = 3600_000;

function expectedCode(challengeText: string): string {
  const parsed = rp1Scheme.parse(challengeText);
  if (!parsed.ok) throw new Error("seeded challenge does not parse");
  const derived = rp1Scheme.deriveCode({ challenge: parsed.challenge, keys: TEST_MASTER_KEYS });
  if (!derived.ok) throw new Error("seeded challenge does not verify");
  return derived.code;
}

/** Every log line written during a test (all levels), to check that no code ever reaches a log. */
function captureLogLines() {
  return captureLogs().lines;
}

describe.each(ENGINES)("outbox delivery on %s", (engine) => {
  let t: TestDatabase;
  let agentId: string;
  const smtp = smtpHarness();
  const smtpSink = smtp.sink;
  const listener = smtp.listener;
  let clock: Date;
  const now = () => clock;

  function run(sink: MailSink, extra: { workerId?: string; db?: Db; random?: () => number; config?: OutboxConfig } = {}) {
    return runOutboxOnce({
      db: extra.db ?? t.db,
      workerId: extra.workerId ?? "worker-a",
      sink,
      config: extra.config ?? CONFIG,
      now,
      random: extra.random ?? (() => 0.5),
    });
  }

  beforeAll(async () => {
    t = await openTestDatabase(engine);
    setMasterKeysForTests(TEST_MASTER_KEYS);
    agentId = await seedStaffUser(t.db);
  });
  beforeEach(async () => {
    // Ahead of the database's own now(), so rows enqueued a moment ago are due.
    clock = new Date(Date.now() + 5_000);
    // Each test starts with an empty queue: park what earlier tests left waiting on purpose.
    await t.db.outboxEmail.updateMany({ where: { status: { in: ["PENDING", "SENDING"] } }, data: { status: "FAILED", lastError: "parked by test" } });
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await smtp.closeAll();
  });
  afterAll(async () => {
    setMasterKeysForTests(undefined);
    await t?.close();
  });

  it("sends the reset code to the owner of record only, records SENT and the audit event, and sends once", async () => {
    const logs = captureLogLines();
    const smtp = await listener();
    const seeded = await seedResetCode({ db: t.db, agentId, ownerEmail: "olivia.owner@example.com", recorderTime: clock });
    const sink = smtpSink(smtp.url);

    expect(await run(sink)).toMatchObject({ claimed: 1, sent: 1 });
    expect(smtp.received).toHaveLength(1);
    const [arrived] = smtp.received;
    expect(arrived?.rcptTo).toEqual(["olivia.owner@example.com"]);
    expect(arrived?.mailFrom).toBe("support@recorders.example");
    const code = expectedCode(seeded.challengeText);
    expect(CODE_IN_TEXT.exec(arrived?.mail.text ?? "")?.[1]).toBe(rp1Scheme.formatCode(code));
    expect(arrived?.mail.html).toContain(rp1Scheme.formatCode(code));
    expect(arrived?.mail.subject).toBe(`Your security code for recorder ${seeded.serial} (${ticketRef(seeded.ticketNumber)})`);
    expect(arrived?.mail.messageId).toBe(`<outbox.${seeded.outboxId}@recorders.example>`);

    const row = await t.db.outboxEmail.findUniqueOrThrow({ where: { id: seeded.outboxId } });
    expect(row).toMatchObject({ status: "SENT", attempts: 1, messageId: `<outbox.${seeded.outboxId}@recorders.example>`, lastError: null, lockedBy: null });
    expect(row.sentAt?.getTime()).toBe(clock.getTime());
    const events = await t.db.auditEvent.findMany({ where: { ticketId: seeded.ticketId, action: "email.sent" } });
    expect(events).toHaveLength(1);
    expect(events[0]?.details).toMatchObject({ outboxId: seeded.outboxId, kind: "RESET_CODE", to: "o***r@example.com", attempt: 1 });
    expect((await t.db.ticket.findUniqueOrThrow({ where: { id: seeded.ticketId } })).firstSentAt?.getTime()).toBe(clock.getTime());

    expect(await run(sink)).toMatchObject({ claimed: 0 });
    expect(smtp.received).toHaveLength(1);
    const everything = [...logs, JSON.stringify(events.map((e) => e.details))].join("\n");
    expect(everything).not.toContain(code);
    expect(everything).not.toContain(rp1Scheme.formatCode(code));
    expect(logs.join("\n")).not.toContain("olivia.owner@example.com");
    // The scan above looked at real lines: the delivery was logged, with the masked recipient.
    expect(logs.filter((l) => l.includes('"msg":"outbox: sent"') && l.includes("o***r@example.com"))).toHaveLength(1);
  });

  it("retries with jittered exponential backoff while the relay is down, then delivers exactly once", async () => {
    captureLogLines();
    const port = await freePort();
    const sink = smtpSink(`smtp://127.0.0.1:${port}`);
    const seeded = await seedResetCode({ db: t.db, agentId, ownerEmail: "down@example.com", recorderTime: clock });
    const start = clock.getTime();

    expect(await run(sink)).toMatchObject({ claimed: 1, retry: 1 });
    let row = await t.db.outboxEmail.findUniqueOrThrow({ where: { id: seeded.outboxId } });
    // attempt 1, random 0.5 → half of the 30 s base window.
    expect(row).toMatchObject({ status: "PENDING", attempts: 1, lockedBy: null });
    expect(row.nextAttemptAt.getTime()).toBe(start + 15_000);
    expect(row.lastError).toMatch(/ECONNREFUSED/);
    expect(await run(sink)).toMatchObject({ claimed: 0 });

    clock = new Date(start + 15_000);
    expect(await run(sink)).toMatchObject({ claimed: 1, retry: 1 });
    row = await t.db.outboxEmail.findUniqueOrThrow({ where: { id: seeded.outboxId } });
    expect(row.attempts).toBe(2);
    expect(row.nextAttemptAt.getTime()).toBe(clock.getTime() + 30_000);
    const retries = await t.db.auditEvent.findMany({ where: { ticketId: seeded.ticketId, action: "email.retry_scheduled" }, orderBy: { seq: "asc" } });
    expect(retries.map((e) => (e.details as { attempt: number }).attempt)).toEqual([1, 2]);
    expect(await ticketDelivery({ db: t.db, ticketId: seeded.ticketId })).toEqual([
      expect.objectContaining({
        id: seeded.outboxId,
        kind: "RESET_CODE",
        state: "retrying",
        attempts: 2,
        to: "d***n@example.com",
        nextAttemptAt: row.nextAttemptAt,
        sentAt: null,
      }),
    ]);

    const smtp = await listener({ port });
    clock = new Date(clock.getTime() + 30_000);
    expect(await run(sink)).toMatchObject({ claimed: 1, sent: 1 });
    expect(await run(sink)).toMatchObject({ claimed: 0 });
    expect(smtp.received).toHaveLength(1);
    expect(CODE_IN_TEXT.exec(smtp.received[0]?.mail.text ?? "")?.[1]).toBe(rp1Scheme.formatCode(expectedCode(seeded.challengeText)));
    expect(await ticketDelivery({ db: t.db, ticketId: seeded.ticketId })).toEqual([expect.objectContaining({ state: "sent", attempts: 3, lastError: null })]);
  });

  it("fails for good after the maximum attempts", async () => {
    captureLogLines();
    const sink = smtpSink(`smtp://127.0.0.1:${await freePort()}`);
    const seeded = await seedResetCode({ db: t.db, agentId, ownerEmail: "never@example.com", recorderTime: clock });
    const config = { ...CONFIG, maxAttempts: 3 };
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect(await run(sink, { config })).toMatchObject({ claimed: 1 });
      clock = new Date(clock.getTime() + CONFIG.backoffCapMs);
    }
    expect(await t.db.outboxEmail.findUniqueOrThrow({ where: { id: seeded.outboxId } })).toMatchObject({ status: "FAILED", attempts: 3 });
    expect(await t.db.auditEvent.count({ where: { ticketId: seeded.ticketId, action: "email.failed" } })).toBe(1);
    expect(await run(sink, { config })).toMatchObject({ claimed: 0 });
  });

  it("marks a message the relay refuses with 5xx as FAILED at once", async () => {
    captureLogLines();
    const smtp = await listener({ verdict: () => ({ responseCode: 554, message: "Message rejected by policy" }) });
    const seeded = await seedResetCode({ db: t.db, agentId, ownerEmail: "refused@example.com", recorderTime: clock });
    expect(await run(smtpSink(smtp.url))).toMatchObject({ claimed: 1, failed: 1 });
    const row = await t.db.outboxEmail.findUniqueOrThrow({ where: { id: seeded.outboxId } });
    expect(row).toMatchObject({ status: "FAILED", attempts: 1, sentAt: null });
    expect(row.lastError).toMatch(/^SMTP 554/);
    const failed = await t.db.auditEvent.findFirstOrThrow({ where: { ticketId: seeded.ticketId, action: "email.failed" } });
    expect(failed.details).toMatchObject({ to: "r***d@example.com", attempt: 1 });
    expect(await ticketDelivery({ db: t.db, ticketId: seeded.ticketId })).toEqual([expect.objectContaining({ state: "failed" })]);
  });

  it("never lets the code reach a log line, lastError or the audit, even when the relay echoes it", async () => {
    const logs = captureLogLines();
    // A hostile or careless relay that quotes the message back in its refusal.
    const smtp = await listener({
      verdict: (raw) => ({ responseCode: 451, message: `Temporary failure, body was: ${raw.replace(/\s+/g, " ").slice(-3000)}` }),
    });
    const seeded = await seedResetCode({ db: t.db, agentId, ownerEmail: "echo@example.com", recorderTime: clock });
    const code = expectedCode(seeded.challengeText);
    expect(await run(smtpSink(smtp.url))).toMatchObject({ retry: 1 });
    const row = await t.db.outboxEmail.findUniqueOrThrow({ where: { id: seeded.outboxId } });
    const audit = await t.db.auditEvent.findMany({ where: { ticketId: seeded.ticketId } });
    const everything = [...logs, row.lastError ?? "", JSON.stringify(audit.map((e) => e.details))].join("\n");
    expect(row.lastError).toMatch(/^SMTP 451/);
    expect(everything).not.toContain(code);
    expect(everything).not.toContain(rp1Scheme.formatCode(code));
    // The retry was logged (with the relay's words), the recipient's address only masked.
    expect(logs.filter((l) => l.includes('"msg":"outbox: will retry"'))).toHaveLength(1);
    expect(logs.join("\n")).not.toContain("echo@example.com");
  });

  it("fails permanently, without sending, when the stored challenge no longer verifies", async () => {
    captureLogLines();
    const smtp = await listener();
    const seeded = await seedResetCode({ db: t.db, agentId, ownerEmail: "tampered@example.com", recorderTime: clock });
    const tag = /[?&]g=([^&]+)/.exec(seeded.challengeText)?.[1] ?? "";
    const forged = seeded.challengeText.replace(`g=${tag}`, `g=${tag.startsWith("A") ? "B" : "A"}${tag.slice(1)}`);
    await t.db.challenge.update({ where: { id: seeded.challengeId }, data: { text: forged } });
    expect(await run(smtpSink(smtp.url))).toMatchObject({ failed: 1 });
    expect(smtp.received).toHaveLength(0);
    expect((await t.db.outboxEmail.findUniqueOrThrow({ where: { id: seeded.outboxId } })).lastError).toBe("render: challenge does not verify (bad-tag)");
  });

  it("refuses to send a code to an address other than the code issue's destination", async () => {
    captureLogLines();
    const smtp = await listener();
    const seeded = await seedResetCode({ db: t.db, agentId, ownerEmail: "real.owner@example.com", recorderTime: clock });
    await t.db.outboxEmail.update({ where: { id: seeded.outboxId }, data: { to: "attacker@example.net" } });
    expect(await run(smtpSink(smtp.url))).toMatchObject({ failed: 1 });
    expect(smtp.received).toHaveLength(0);
  });

  it("sends nothing when the recorder was reported stolen after the code was queued", async () => {
    captureLogLines();
    const smtp = await listener();
    const seeded = await seedResetCode({ db: t.db, agentId, ownerEmail: "stolen.later@example.com", recorderTime: clock });
    const ticket = await t.db.ticket.findUniqueOrThrow({ where: { id: seeded.ticketId } });
    await t.db.device.update({ where: { id: ticket.deviceId! }, data: { status: "STOLEN" } });
    expect(await run(smtpSink(smtp.url))).toMatchObject({ failed: 1 });
    expect(smtp.received).toHaveLength(0);
  });

  it("lets two workers race on the same rows without sending any row twice", async () => {
    captureLogLines();
    const smtp = await listener();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await seedResetCode({ db: t.db, agentId, ownerEmail: `race${i}@example.com`, recorderTime: clock })).outboxId);
    for (let i = 0; i < 7; i++) {
      const row = await t.db.$transaction((tx) =>
        enqueueEmail(tx, {
          kind: "OWNER_CHANGE_NOTICE",
          to: `previous${i}@example.com`,
          payload: { deviceSerial: `NVR8-RACE-${i}00000`, changedAt: new Date().toISOString(), newOwnerMasked: "n***w@example.com" },
          idempotencyKey: `race-owner-change-${i}`,
        }),
      );
      ids.push(row.id);
    }
    // PostgreSQL: the second worker has its own client and connections, like a second process.
    const otherDb = t.url ? new PrismaClient({ adapter: new PrismaPg({ connectionString: t.url, max: 5 }) }) : t.db;
    const config = { ...CONFIG, batchSize: 2 };
    const sink = smtpSink(smtp.url);
    async function drain(workerId: string, db: Db) {
      let sent = 0;
      for (;;) {
        const result = await run(sink, { workerId, db, config });
        sent += result.sent;
        if (result.claimed === 0) return sent;
      }
    }
    try {
      const [a, b] = await Promise.all([drain("worker-a", t.db), drain("worker-b", otherDb)]);
      expect(a + b).toBe(ids.length);
    } finally {
      if (otherDb !== t.db) await otherDb.$disconnect();
    }
    const arrivedIds = smtp.received.map((r) => r.mail.messageId);
    expect(arrivedIds).toHaveLength(ids.length);
    expect(new Set(arrivedIds).size).toBe(ids.length);
    const rows = await t.db.outboxEmail.findMany({ where: { id: { in: ids } } });
    expect(rows.every((r) => r.status === "SENT" && r.attempts === 1)).toBe(true);
    const sentEvents = await t.db.auditEvent.findMany({ where: { action: "email.sent" } });
    const perRow = ids.map((id) => sentEvents.filter((e) => (e.details as { outboxId: string }).outboxId === id).length);
    expect(perRow).toEqual(ids.map(() => 1));
  });

  it("takes over a row whose worker died mid-send once the lease ends, and the old worker cannot record it", async () => {
    captureLogLines();
    const smtp = await listener();
    const seeded = await seedResetCode({ db: t.db, agentId, ownerEmail: "lease@example.com", recorderTime: clock });
    const [stale] = await claimOutboxBatch({ db: t.db, workerId: "worker-dead", now: clock, leaseMs: CONFIG.leaseMs, limit: 10 });
    expect(stale?.id).toBe(seeded.outboxId);
    expect(await run(smtpSink(smtp.url), { workerId: "worker-b" })).toMatchObject({ claimed: 0 });
    clock = new Date(clock.getTime() + CONFIG.leaseMs + 1);
    expect(await run(smtpSink(smtp.url), { workerId: "worker-b" })).toMatchObject({ claimed: 1, sent: 1 });
    expect(await t.db.outboxEmail.findUniqueOrThrow({ where: { id: seeded.outboxId } })).toMatchObject({ status: "SENT", attempts: 2 });
    expect(smtp.received).toHaveLength(1);
    // The dead worker's claim is void: it can neither re-claim nor record.
    const [again] = await claimOutboxBatch({ db: t.db, workerId: "worker-dead", now: clock, leaseMs: CONFIG.leaseMs, limit: 10 });
    expect(again).toBeUndefined();
  });

  // Clock skew is between processes: only PostgreSQL has several (PGlite's one process has one clock).
  if (engine === "postgresql")
    it("survives clock skew between workers: a fast clock takes over a send in flight, which costs at most one duplicate with the same Message-ID", async () => {
      captureLogLines();
      const smtp = await listener();
      const seeded = await seedResetCode({ db: t.db, agentId, ownerEmail: "skew@example.com", recorderTime: clock });
      // Worker A's relay hangs on this message until released: A is mid-send.
      const real = smtpSink(smtp.url);
      if (real.kind !== "smtp") throw new Error("expected an SMTP sink");
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let entered!: () => void;
      const inFlight = new Promise<void>((resolve) => (entered = resolve));
      const slowSink: MailSink = {
        kind: "smtp",
        transport: {
          ...real.transport,
          sendMail: async (mail: Parameters<typeof real.transport.sendMail>[0]) => {
            entered();
            await released;
            return real.transport.sendMail(mail);
          },
        } as typeof real.transport,
      };
      const slowRun = run(slowSink, { workerId: "worker-slow-clock" });
      await inFlight;
      // Worker B's clock runs ten minutes fast, beyond the lease: to B, A's claim has lapsed.
      const fast = new Date(clock.getTime() + 10 * 60_000);
      const fastRun = await runOutboxOnce({
        db: t.db,
        workerId: "worker-fast-clock",
        sink: smtpSink(smtp.url),
        config: CONFIG,
        now: () => fast,
        random: () => 0.5,
      });
      expect(fastRun).toMatchObject({ claimed: 1, sent: 1 });
      release();
      // A's send completes at the relay but A can no longer record it: "lost", never a second SENT.
      expect(await slowRun).toMatchObject({ claimed: 1, lost: 1, sent: 0 });
      const row = await t.db.outboxEmail.findUniqueOrThrow({ where: { id: seeded.outboxId } });
      expect(row.status).toBe("SENT");
      const arrived = smtp.received.map((r) => r.mail.messageId);
      expect(arrived).toHaveLength(2);
      expect(new Set(arrived)).toEqual(new Set([row.messageId]));
      const sentEvents = await t.db.auditEvent.findMany({ where: { action: "email.sent" } });
      expect(sentEvents.filter((e) => (e.details as { outboxId: string }).outboxId === seeded.outboxId)).toHaveLength(1);
    });

  it("captures mail in the dev mailbox when there is no SMTP in demo mode", async () => {
    captureLogLines();
    const seeded = await seedResetCode({ db: t.db, agentId, ownerEmail: "demo.owner@example.com", recorderTime: clock });
    expect(await run({ kind: "devmail" })).toMatchObject({ sent: 1 });
    const captured = await t.db.devMail.findFirstOrThrow({ where: { to: "demo.owner@example.com" } });
    expect(captured.text).toContain(rp1Scheme.formatCode(expectedCode(seeded.challengeText)));
    expect(captured.from).toBe(`"SecureView Support" <support@recorders.example>`);
    const sent = await t.db.auditEvent.findFirstOrThrow({ where: { ticketId: seeded.ticketId, action: "email.sent" } });
    expect(sent.details).toMatchObject({ captured: true });
  });

  it("leaves rows queued, uncharged, with one warning, when there is nowhere to send", async () => {
    const logs = captureLogLines();
    const seeded = await seedResetCode({ db: t.db, agentId, ownerEmail: "waiting@example.com", recorderTime: clock });
    await run({ kind: "none" }, { workerId: `worker-idle-${engine}` });
    await run({ kind: "none" }, { workerId: `worker-idle-${engine}` });
    expect(await t.db.outboxEmail.findUniqueOrThrow({ where: { id: seeded.outboxId } })).toMatchObject({ status: "PENDING", attempts: 0 });
    expect(logs.filter((l) => l.includes("SMTP_URL is not set"))).toHaveLength(1);
  });

  it("renders invitations with a working link at send time", async () => {
    captureLogLines();
    vi.stubEnv("NEXTAUTH_SECRET", "test-secret-test-secret-test-secret");
    vi.stubEnv("NEXTAUTH_URL", "https://console.example");
    const smtp = await listener();
    const user = await t.db.user.create({ data: { email: "new.agent@example.com", name: "Nia New", role: "AGENT" } });
    const invitation = await t.db.invitation.create({ data: { userId: user.id, expiresAt: new Date(clock.getTime() + 72 * HOUR) } });
    await t.db.$transaction((tx) =>
      enqueueEmail(tx, { kind: "INVITATION", to: user.email, payload: { invitationId: invitation.id }, idempotencyKey: `invitation:${invitation.id}` }),
    );
    expect(await run(smtpSink(smtp.url))).toMatchObject({ sent: 1 });
    expect(smtp.received[0]?.mail.text).toContain(invitationLink({ invitationId: invitation.id }));
    vi.unstubAllEnvs();
  });
});
