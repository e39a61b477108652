import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { metrics } from "@/lib/metrics/metrics";
import { scrapeMetrics } from "@/lib/metrics/scrape";
import { ENGINES } from "@/lib/testing/databases";
import { recorderChallenge, seedDevice, seedStaff, TEST_KEYS } from "@/lib/testing/fixtures";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/test-db";
import { createTicket } from "@/lib/tickets/create-ticket";
import { issueCode } from "@/lib/tickets/issue-code";
import { resolveTicket } from "@/lib/tickets/resolve-ticket";
import type { TicketActor } from "@/lib/tickets/rules";
import { setWebhookAllowlist } from "./allowlist";
import { claimWebhookBatch } from "./claim-webhook-batch";
import { emitTicketEvent } from "./emit-ticket-event";
import { createWebhook, listWebhookDeliveries, removeWebhook } from "./manage-webhooks";
import { runWebhooksOnce } from "./run-webhooks-once";
import { verifyWebhook } from "./signature";
import { startWebhookReceiver } from "./testing/webhook-receiver";
import type { WebhookConfig } from "./webhook-config";

const CONFIG: WebhookConfig = { batchSize: 10, leaseMs: 60_000, backoffBaseMs: 1_000, backoffCapMs: 10_000, maxAttempts: 3, timeoutMs: 5_000 };

describe.each(ENGINES)("webhooks on %s", (engine) => {
  let t: TestDatabase;
  let agent: TicketActor;
  let admin: { id: string; label: string };
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let clock: Date;
  const now = () => clock;
  const run = (workerId = "worker-a") => runWebhooksOnce({ db: t.db, workerId, config: CONFIG, now, random: () => 0.5 });

  beforeAll(async () => {
    t = await openTestDatabase(engine);
    const a = await seedStaff(t.db, "AGENT");
    const b = await seedStaff(t.db, "ADMIN");
    agent = { id: a.id, label: a.name, role: "AGENT", ip: "127.0.0.1" };
    admin = { id: b.id, label: b.name };
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    await t.close();
  });
  beforeEach(async () => {
    // The workers' clock runs a minute ahead, so what a test queues with the real clock is due.
    clock = new Date(Date.now() + 60_000);
    receiver.received.length = 0;
    // Every test starts with no endpoint and an empty queue.
    await t.db.webhookDelivery.deleteMany();
    await t.db.webhookEndpoint.updateMany({ where: { disabledAt: null }, data: { disabledAt: new Date() } });
    await setWebhookAllowlist({ db: t.db, actor: admin, ip: "127.0.0.1", entries: ["127.0.0.1"] });
  });

  async function openTicket() {
    const device = await seedDevice(t.db);
    const owner = await t.db.owner.findUniqueOrThrow({ where: { id: device.ownerId! } });
    const challengeText = recorderChallenge({ serial: device.serial, reservedEmail: owner.email, time: new Date(Date.now() - 5 * 60_000) });
    const ticket = await createTicket({
      db: t.db,
      actor: agent,
      keys: TEST_KEYS,
      input: { customerName: "Kim", customerEmail: owner.email, customerPhone: null, channel: "EMAIL", notes: null, challengeText },
    });
    return { ticket, owner };
  }

  it("queues each subscribed event in the ticket's own transaction, without the owner's address or the code", async () => {
    const hook = await createWebhook({
      db: t.db,
      actor: admin,
      ip: "127.0.0.1",
      input: { url: receiver.url(), events: ["ticket.created", "ticket.sent", "ticket.resolved"] },
    });
    const other = await createWebhook({ db: t.db, actor: admin, ip: "127.0.0.1", input: { url: receiver.url("/other"), events: ["ticket.escalated"] } });
    const { ticket, owner } = await openTicket();
    await issueCode({ db: t.db, actor: agent, ticketId: ticket.id, keys: TEST_KEYS });
    await resolveTicket({ db: t.db, actor: agent, input: { ticketId: ticket.id, outcome: "CONFIRMED", duplicateOfNumber: null, note: null } });
    const rows = await t.db.webhookDelivery.findMany({ where: { ticketId: ticket.id }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.endpointId, r.event, r.status])).toEqual([
      [hook.id, "ticket.created", "PENDING"],
      [hook.id, "ticket.sent", "PENDING"],
      [hook.id, "ticket.resolved", "PENDING"],
    ]);
    expect(rows.every((r) => r.endpointId !== other.id)).toBe(true);
    const sent = JSON.parse(rows[1]!.body);
    expect(sent).toMatchObject({ type: "ticket.sent", data: { ticketId: ticket.id, number: ticket.number, status: "SENT", kind: "FIRST" } });
    for (const row of rows) {
      expect(row.body).not.toContain(owner.email);
      expect(row.body).not.toContain(owner.email.split("@")[0]!);
    }
    // A transaction that rolls back takes its events with it.
    const before = await t.db.webhookDelivery.count();
    await expect(
      t.db.$transaction(async (tx) => {
        await emitTicketEvent(tx, "ticket.created", { ticket: { id: ticket.id, number: ticket.number, status: "READY", serial: null } });
        throw new Error("the ticket change failed");
      }),
    ).rejects.toThrow("the ticket change failed");
    expect(await t.db.webhookDelivery.count()).toBe(before);
  });

  it("delivers signed, retries a failure after a backoff with the same webhook-id, and logs status, attempts and the last answer", async () => {
    const hook = await createWebhook({ db: t.db, actor: admin, ip: "127.0.0.1", input: { url: receiver.url(), events: ["ticket.created"] } });
    receiver.script(503);
    const { ticket } = await openTicket();
    const failuresBefore = (await metrics().webhookFailures.get()).values.find((v) => v.labels.class === "http_5xx")?.value ?? 0;
    const lagCount = async () => (await metrics().webhookLag.get()).values.find((v) => v.metricName === "reset_webhook_delivery_lag_seconds_count")?.value ?? 0;
    const lagBefore = await lagCount();
    expect((await scrapeMetrics(t.db)).body).toMatch(/^reset_webhook_deliveries_pending 1$/m);

    expect(await run()).toEqual({ claimed: 1, delivered: 0, retry: 1, failed: 0 });
    let [log] = await listWebhookDeliveries({ db: t.db, webhookId: hook.id });
    expect(log).toMatchObject({ status: "PENDING", attempts: 1, lastStatusCode: 503, lastError: "http_5xx: the endpoint answered 503" });
    // Full jitter at 0.5 of the first window (1 s): due 500 ms later, not before.
    expect(log!.nextAttemptAt.getTime() - clock.getTime()).toBe(500);
    expect(await run()).toMatchObject({ claimed: 0 });
    const failuresAfter = (await metrics().webhookFailures.get()).values.find((v) => v.labels.class === "http_5xx")?.value ?? 0;
    expect(failuresAfter).toBe(failuresBefore + 1);

    clock = new Date(clock.getTime() + 600);
    expect(await run()).toEqual({ claimed: 1, delivered: 1, retry: 0, failed: 0 });
    [log] = await listWebhookDeliveries({ db: t.db, webhookId: hook.id });
    expect(log).toMatchObject({ status: "SENT", attempts: 2, lastStatusCode: 200, lastError: null });
    expect(log!.deliveredAt).not.toBeNull();
    expect(await lagCount()).toBe(lagBefore + 1);
    expect((await scrapeMetrics(t.db)).body).toMatch(/^reset_webhook_deliveries_pending 0$/m);

    expect(receiver.received).toHaveLength(2);
    const [first, second] = receiver.received;
    expect(first!.headers.get("webhook-id")).toBe(second!.headers.get("webhook-id"));
    for (const request of receiver.received) {
      expect(verifyWebhook({ secret: hook.secret, headers: request.headers, body: request.body, nowSeconds: Math.floor(clock.getTime() / 1000) })).toBe(true);
      expect(verifyWebhook({ secret: "whsec_" + Buffer.alloc(32).toString("base64"), headers: request.headers, body: request.body })).toBe(false);
    }
    expect(JSON.parse(second!.body)).toMatchObject({ type: "ticket.created", data: { ticketId: ticket.id } });
    expect(second!.headers.get("content-type")).toBe("application/json");
  });

  it("refuses private, loopback and link-local destinations unless allowlisted, checking the resolved address, and gives up after the last attempt", async () => {
    await setWebhookAllowlist({ db: t.db, actor: admin, ip: "127.0.0.1", entries: [] });
    const literal = await createWebhook({ db: t.db, actor: admin, ip: "127.0.0.1", input: { url: receiver.url(), events: ["ticket.created"] } });
    // A name, not an address: refused on what it resolves to (127.0.0.1 or ::1).
    const named = await createWebhook({
      db: t.db,
      actor: admin,
      ip: "127.0.0.1",
      input: { url: `http://localhost:${receiver.port}/named`, events: ["ticket.created"] },
    });
    const mapped = await createWebhook({
      db: t.db,
      actor: admin,
      ip: "127.0.0.1",
      input: { url: `http://[::ffff:127.0.0.1]:${receiver.port}/mapped`, events: ["ticket.created"] },
    });
    await openTicket();
    for (let attempt = 1; attempt <= CONFIG.maxAttempts; attempt++) {
      await run();
      clock = new Date(clock.getTime() + CONFIG.backoffCapMs);
    }
    expect(receiver.received).toHaveLength(0);
    for (const hook of [literal, named, mapped]) {
      const [log] = await listWebhookDeliveries({ db: t.db, webhookId: hook.id });
      expect(log).toMatchObject({ status: "FAILED", attempts: CONFIG.maxAttempts, lastStatusCode: null });
      expect(log!.lastError).toMatch(/^destination_refused: the destination resolves to a loopback address/);
    }

    // Allowlisted, the same destination is reached.
    await setWebhookAllowlist({ db: t.db, actor: admin, ip: "127.0.0.1", entries: ["127.0.0.0/8", "::1"] });
    await openTicket();
    await run();
    expect(receiver.received.map((r) => r.path).sort()).toEqual(["/hooks", "/mapped", "/named"]);
  });

  it("never follows a redirect: a 3xx is a failed attempt, retried later at the registered URL", async () => {
    const hook = await createWebhook({ db: t.db, actor: admin, ip: "127.0.0.1", input: { url: receiver.url(), events: ["ticket.created"] } });
    receiver.script(302);
    await openTicket();
    expect(await run()).toMatchObject({ claimed: 1, retry: 1 });
    expect(receiver.received.map((r) => r.path)).toEqual(["/hooks"]);
    const [log] = await listWebhookDeliveries({ db: t.db, webhookId: hook.id });
    expect(log).toMatchObject({ status: "PENDING", lastStatusCode: 302, lastError: "http_3xx: the endpoint answered 302" });
  });

  it("sends nothing more to a removed endpoint", async () => {
    const hook = await createWebhook({ db: t.db, actor: admin, ip: "127.0.0.1", input: { url: receiver.url(), events: ["ticket.created"] } });
    await openTicket();
    await removeWebhook({ db: t.db, actor: admin, ip: "127.0.0.1", webhookId: hook.id });
    await openTicket();
    expect(await run()).toEqual({ claimed: 1, delivered: 0, retry: 0, failed: 1 });
    expect(receiver.received).toHaveLength(0);
    expect(await t.db.webhookDelivery.count({ where: { endpointId: hook.id } })).toBe(1);
  });

  it("lets concurrent workers claim disjoint deliveries (SKIP LOCKED)", async () => {
    const hook = await createWebhook({ db: t.db, actor: admin, ip: "127.0.0.1", input: { url: receiver.url(), events: ["ticket.created"] } });
    await t.db.webhookDelivery.createMany({
      data: Array.from({ length: 8 }, (_, i) => ({ messageId: `msg_claim_${engine}_${i}`, endpointId: hook.id, event: "ticket.created", body: "{}" })),
    });
    const claim = (workerId: string) => claimWebhookBatch({ db: t.db, workerId, now: new Date(Date.now() + 1000), leaseMs: 60_000, limit: 5 });
    const [a, b] = await Promise.all([claim("a"), claim("b")]);
    const ids = [...a, ...b].map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(8);
    expect(await claim("c")).toHaveLength(0);
  });

  it("audits every webhook change and keeps the chain intact", async () => {
    const actions = (await t.db.auditEvent.findMany({ where: { action: { startsWith: "webhook." } }, select: { action: true } })).map((e) => e.action);
    expect(actions).toContain("webhook.created");
    expect(actions).toContain("webhook.removed");
    expect(actions).toContain("webhook.allowlist_changed");
    expect((await verifyAuditChain({ db: t.db })).ok).toBe(true);
  });
});
