import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeEscalation, takeEscalation } from "@/lib/escalations/handle-escalation";
import { countOpenEscalations, listOpenEscalations } from "@/lib/escalations/list-escalations";
import { runJobOnce } from "@/lib/scheduler/run-job-once";
import { expireTicketsJob } from "@/lib/scheduler/jobs";
import { ENGINES } from "@/lib/testing/databases";
import { recorderChallenge, seedDevice, seedStaff, TEST_KEYS } from "@/lib/testing/fixtures";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/test-db";
import { resolveSchema } from "@/lib/validation/tickets";
import { assignTicket } from "./assign-ticket";
import { createTicket } from "./create-ticket";
import { escalateTicket } from "./escalate-ticket";
import { expireTickets } from "./expire-tickets";
import { issueCode } from "./issue-code";
import { listLinkedTickets } from "./linked-tickets";
import { listTicketQueue } from "./list-ticket-queue";
import { reopenTicket } from "./reopen-ticket";
import { resolveTicket } from "./resolve-ticket";
import type { TicketActor } from "./rules";
import { ticketRef } from "./ticket-ref";

const NOW = new Date("2026-12-06T12:00:00Z");
const HOUR = 3_600_000;

describe.each(ENGINES)("ticket lifecycle on %s", (engine) => {
  let t: TestDatabase;
  let agent: TicketActor;
  let otherAgent: TicketActor;
  let supervisor: TicketActor;
  let supervisor2: TicketActor;
  const actor = (u: { id: string; name: string }, role: TicketActor["role"]): TicketActor => ({ id: u.id, label: u.name, role, ip: "127.0.0.1" });

  beforeAll(async () => {
    t = await openTestDatabase(engine);
    agent = actor(await seedStaff(t.db, "AGENT"), "AGENT");
    otherAgent = actor(await seedStaff(t.db, "AGENT"), "AGENT");
    supervisor = actor(await seedStaff(t.db, "SUPERVISOR"), "SUPERVISOR");
    supervisor2 = actor(await seedStaff(t.db, "SUPERVISOR"), "SUPERVISOR");
  });
  afterAll(() => t.close());

  async function openTicket(options: { status?: "ACTIVE" | "STOLEN" | "BLOCKED"; challengeText?: string; now?: Date } = {}) {
    const device = await seedDevice(t.db, { status: options.status });
    const owner = await t.db.owner.findUniqueOrThrow({ where: { id: device.ownerId! } });
    const now = options.now ?? NOW;
    const challengeText =
      options.challengeText ?? recorderChallenge({ serial: device.serial, reservedEmail: owner.email, time: new Date(now.getTime() - 60_000) });
    const ticket = await createTicket({
      db: t.db,
      actor: agent,
      now,
      keys: TEST_KEYS,
      input: { customerName: "Kim", customerEmail: owner.email, customerPhone: "+44 20 7946 0000", channel: "PHONE", notes: null, challengeText },
    });
    return { ticket, challengeText };
  }
  const resolveInput = (fields: Record<string, string>) => resolveSchema.parse(fields);
  const actions = async (ticketId: string) => (await t.db.auditEvent.findMany({ where: { ticketId }, orderBy: { seq: "asc" } })).map((e) => e.action);

  it("resolve with an outcome, then reopen with a reason: both audited with the change", async () => {
    const { ticket } = await openTicket();
    await resolveTicket({
      db: t.db,
      actor: agent,
      input: resolveInput({ ticketId: ticket.id, outcome: "UNREACHABLE", note: "Three calls, no answer." }),
      now: NOW,
    });
    const resolved = await t.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(resolved).toMatchObject({
      status: "RESOLVED",
      resolution: "UNREACHABLE",
      resolutionNote: "Three calls, no answer.",
      resolvedFrom: "READY",
      resolvedById: agent.id,
    });
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { ticketId: ticket.id, action: "ticket.resolved" } });
    expect(event).toMatchObject({ actorId: agent.id, details: expect.objectContaining({ outcome: "UNREACHABLE", from: "READY" }) });

    await expect(
      resolveTicket({ db: t.db, actor: agent, input: resolveInput({ ticketId: ticket.id, outcome: "OTHER", note: "again" }) }),
    ).rejects.toMatchObject({
      code: "INVALID_STATE",
    });
    await reopenTicket({ db: t.db, actor: agent, ticketId: ticket.id, reason: "The customer called back.", now: NOW });
    const reopened = await t.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(reopened).toMatchObject({ status: "READY", resolution: null, resolutionNote: null, resolvedFrom: null, resolvedAt: null });
    expect(await actions(ticket.id)).toEqual(["ticket.created", "ticket.checks_run", "ticket.decided", "ticket.resolved", "ticket.reopened"]);
    await expect(reopenTicket({ db: t.db, actor: agent, ticketId: ticket.id, reason: "twice" })).rejects.toMatchObject({ code: "INVALID_STATE" });
  });

  it("'reset confirmed' needs a code sent; 'other' needs a note; the schema says so before the database", async () => {
    const { ticket } = await openTicket();
    await expect(resolveTicket({ db: t.db, actor: agent, input: resolveInput({ ticketId: ticket.id, outcome: "CONFIRMED" }) })).rejects.toMatchObject({
      code: "INVALID_STATE",
      message: expect.stringMatching(/No code was sent/),
    });
    expect(resolveSchema.safeParse({ ticketId: ticket.id, outcome: "OTHER", note: "" }).success).toBe(false);
    expect(resolveSchema.safeParse({ ticketId: ticket.id, outcome: "DUPLICATE", duplicateOf: "not a ticket" }).success).toBe(false);
    await issueCode({ db: t.db, actor: agent, ticketId: ticket.id, now: NOW, keys: TEST_KEYS });
    await resolveTicket({ db: t.db, actor: agent, input: resolveInput({ ticketId: ticket.id, outcome: "CONFIRMED" }), now: NOW });
    expect(await t.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({
      status: "RESOLVED",
      resolution: "CONFIRMED",
      resolvedFrom: "SENT",
    });
  });

  it("'duplicate of' must name another existing ticket; the link shows on both; same-QR tickets link both ways", async () => {
    const { ticket: first, challengeText } = await openTicket();
    const { ticket: second } = await openTicket({ challengeText, now: new Date(NOW.getTime() + 60_000) });
    const missing = (await t.db.ticket.aggregate({ _max: { number: true } }))._max.number! + 1000;
    await expect(
      resolveTicket({ db: t.db, actor: agent, input: resolveInput({ ticketId: second.id, outcome: "DUPLICATE", duplicateOf: ticketRef(missing) }) }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", fieldErrors: { duplicateOf: [expect.stringMatching(/There is no ticket/)] } });
    await expect(
      resolveTicket({ db: t.db, actor: agent, input: resolveInput({ ticketId: second.id, outcome: "DUPLICATE", duplicateOf: String(second.number) }) }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect((await t.db.ticket.findUniqueOrThrow({ where: { id: second.id } })).status).toBe("REVIEW");

    await resolveTicket({ db: t.db, actor: agent, input: resolveInput({ ticketId: second.id, outcome: "DUPLICATE", duplicateOf: ticketRef(first.number) }) });
    expect((await t.db.ticket.findUniqueOrThrow({ where: { id: second.id } })).duplicateOfId).toBe(first.id);
    const fromFirst = await listLinkedTickets({ db: t.db, actor: agent, ticket: { id: first.id, challengeId: first.challengeId, duplicateOfId: null } });
    const fromSecond = await listLinkedTickets({ db: t.db, actor: agent, ticket: { id: second.id, challengeId: second.challengeId, duplicateOfId: first.id } });
    expect(fromFirst.sameChallenge.map((x) => x.id)).toEqual([second.id]);
    expect(fromFirst.duplicates.map((x) => x.id)).toEqual([second.id]);
    expect(fromSecond.sameChallenge.map((x) => x.id)).toEqual([first.id]);
    expect(fromSecond.duplicateOf?.id).toBe(first.id);
  });

  it("another agent cannot resolve, reopen or escalate a ticket that is not theirs; nothing changes", async () => {
    const { ticket } = await openTicket();
    await expect(resolveTicket({ db: t.db, actor: otherAgent, input: resolveInput({ ticketId: ticket.id, outcome: "UNREACHABLE" }) })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(escalateTicket({ db: t.db, actor: otherAgent, ticketId: ticket.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await resolveTicket({ db: t.db, actor: agent, input: resolveInput({ ticketId: ticket.id, outcome: "UNREACHABLE" }) });
    await expect(reopenTicket({ db: t.db, actor: otherAgent, ticketId: ticket.id, reason: "Not mine" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await t.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe("RESOLVED");
    expect(await actions(ticket.id)).toEqual(["ticket.created", "ticket.checks_run", "ticket.decided", "ticket.resolved"]);
  });

  it("concurrent transitions: of resolve, resolve, escalate and escalate at once exactly one wins", async () => {
    const { ticket } = await openTicket();
    const results = await Promise.allSettled([
      resolveTicket({ db: t.db, actor: agent, input: resolveInput({ ticketId: ticket.id, outcome: "UNREACHABLE" }) }),
      resolveTicket({ db: t.db, actor: supervisor, input: resolveInput({ ticketId: ticket.id, outcome: "OTHER", note: "Handled by phone." }) }),
      escalateTicket({ db: t.db, actor: agent, ticketId: ticket.id }),
      escalateTicket({ db: t.db, actor: supervisor, ticketId: ticket.id, note: "Looks odd" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(["CONFLICT", "INVALID_STATE"]).toContain((r.reason as { code: string }).code);
    const transitions = (await actions(ticket.id)).filter((a) => a === "ticket.resolved" || a === "ticket.escalated");
    expect(transitions).toHaveLength(1);
    expect(await t.db.escalation.count({ where: { ticketId: ticket.id } })).toBe(transitions[0] === "ticket.escalated" ? 1 : 0);
  });

  it("the scheduler's expiry: lapsed open and sent tickets expire, audited as the scheduler; resolved and refused ones stay", async () => {
    const { ticket: open } = await openTicket();
    const { ticket: sent } = await openTicket();
    await issueCode({ db: t.db, actor: agent, ticketId: sent.id, now: NOW, keys: TEST_KEYS });
    const { ticket: resolved } = await openTicket();
    await resolveTicket({ db: t.db, actor: agent, input: resolveInput({ ticketId: resolved.id, outcome: "UNREACHABLE" }) });
    const { ticket: refused } = await openTicket({ status: "STOLEN" });
    expect(refused.status).toBe("REFUSED");

    // Not yet: an hour before the QR code lapses nothing moves.
    await t.db.$transaction((tx) => expireTickets(tx, new Date(open.expiresAt!.getTime() - HOUR)));
    expect((await t.db.ticket.findUniqueOrThrow({ where: { id: open.id } })).status).toBe("READY");

    const later = new Date(NOW.getTime() + 25 * HOUR);
    const run = await runJobOnce({ db: t.db, job: expireTicketsJob, now: later });
    expect(run).toMatchObject({ ran: true });
    const status = async (id: string) => (await t.db.ticket.findUniqueOrThrow({ where: { id } })).status;
    expect(await status(open.id)).toBe("EXPIRED");
    expect(await status(sent.id)).toBe("EXPIRED");
    expect(await status(resolved.id)).toBe("RESOLVED");
    expect(await status(refused.id)).toBe("REFUSED");
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { ticketId: open.id, action: "ticket.expired" } });
    expect(event).toMatchObject({ actorId: null, actorLabel: "scheduler", details: expect.objectContaining({ from: "READY" }) });
    expect(await t.db.auditEvent.count({ where: { ticketId: sent.id, action: "ticket.expired" } })).toBe(1);

    // An expired ticket is no longer sendable; it can still be resolved, and a reopen of a
    // ticket that lapsed while resolved lands on EXPIRED.
    await expect(issueCode({ db: t.db, actor: agent, ticketId: open.id, now: later, keys: TEST_KEYS })).rejects.toMatchObject({ code: "INVALID_STATE" });
    await reopenTicket({ db: t.db, actor: agent, ticketId: resolved.id, reason: "Customer wrote again.", now: later });
    expect(await status(resolved.id)).toBe("EXPIRED");
    await resolveTicket({ db: t.db, actor: agent, input: resolveInput({ ticketId: open.id, outcome: "UNREACHABLE" }) });
    expect(await status(open.id)).toBe("RESOLVED");
  });

  it("escalation: one action opens it (kind from the registry), a supervisor takes and closes it with a note", async () => {
    const { ticket } = await openTicket({ status: "STOLEN" });
    const before = await countOpenEscalations({ db: t.db });
    const { escalationId, kind } = await escalateTicket({ db: t.db, actor: agent, ticketId: ticket.id, note: "Caller insisted." });
    expect(kind).toBe("STOLEN");
    expect(await countOpenEscalations({ db: t.db })).toBe(before + 1);
    expect((await listOpenEscalations({ db: t.db })).map((e) => e.id)).toContain(escalationId);
    await expect(escalateTicket({ db: t.db, actor: agent, ticketId: ticket.id })).rejects.toMatchObject({ code: "INVALID_STATE" });
    await expect(resolveTicket({ db: t.db, actor: agent, input: resolveInput({ ticketId: ticket.id, outcome: "REFUSED" }) })).rejects.toMatchObject({
      code: "INVALID_STATE",
    });
    const escalated = await listTicketQueue({ db: t.db, actor: agent, filter: { view: "escalated", status: "OPEN", decision: "ALL", assignee: "all" } });
    expect(escalated.map((r) => r.id)).toContain(ticket.id);

    await expect(takeEscalation({ db: t.db, actor: agent, escalationId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(closeEscalation({ db: t.db, actor: agent, escalationId, note: "done" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const takes = await Promise.allSettled([
      takeEscalation({ db: t.db, actor: supervisor, escalationId }),
      takeEscalation({ db: t.db, actor: supervisor2, escalationId }),
    ]);
    expect(takes.filter((r) => r.status === "fulfilled")).toHaveLength(1);

    const closes = await Promise.allSettled([
      closeEscalation({ db: t.db, actor: supervisor, escalationId, note: "Police informed; customer told we verify ownership." }),
      closeEscalation({ db: t.db, actor: supervisor2, escalationId, note: "Closing too." }),
    ]);
    expect(closes.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const row = await t.db.escalation.findUniqueOrThrow({ where: { id: escalationId } });
    expect(row.closedAt).not.toBeNull();
    expect(row.closeNote).toMatch(/Police informed|Closing too/);
    expect((await t.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).escalatedAt).toBeNull();
    expect(await countOpenEscalations({ db: t.db })).toBe(before);
    const trail = await actions(ticket.id);
    expect(trail.filter((a) => a.startsWith("escalation.") || a === "ticket.escalated")).toEqual(["ticket.escalated", "escalation.taken", "escalation.closed"]);

    // Handled: the agent may now resolve it.
    await resolveTicket({ db: t.db, actor: agent, input: resolveInput({ ticketId: ticket.id, outcome: "REFUSED" }) });
    expect((await t.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe("RESOLVED");
  });

  it("a supervisor assigns to a named agent; assigning at once never loses an update: each winner read the one before", async () => {
    const { ticket } = await openTicket();
    const results = await Promise.allSettled([
      assignTicket({ db: t.db, actor: supervisor, ticketId: ticket.id, assigneeId: otherAgent.id }),
      assignTicket({ db: t.db, actor: supervisor2, ticketId: ticket.id, assigneeId: supervisor2.id }),
    ]);
    for (const r of results) if (r.status === "rejected") expect((r.reason as { code: string }).code).toBe("CONFLICT");
    // One event per winner, chained: each change started from the assignee the previous one left
    // (a stale read loses with CONFLICT instead of overwriting blindly).
    const events = await t.db.auditEvent.findMany({ where: { ticketId: ticket.id, action: "ticket.assigned" }, orderBy: { seq: "asc" } });
    expect(events).toHaveLength(results.filter((r) => r.status === "fulfilled").length);
    let previous: unknown = agent.id;
    for (const e of events) {
      const details = e.details as { from: string | null; to: string | null };
      expect(details.from).toBe(previous);
      previous = details.to;
    }
    const after = await t.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(after.assigneeId).toBe(previous);
    // The assignee sees it in "Mine, open"; the agent who opened it no longer does.
    const assignee = after.assigneeId === otherAgent.id ? otherAgent : supervisor2;
    const view = { view: "mine", status: "OPEN", decision: "ALL", assignee: "all" } as const;
    expect((await listTicketQueue({ db: t.db, actor: assignee, filter: view })).map((r) => r.id)).toContain(ticket.id);
    expect((await listTicketQueue({ db: t.db, actor: agent, filter: view })).map((r) => r.id)).not.toContain(ticket.id);
  });

  it("queue sorts by time left and by age", async () => {
    const { ticket: older } = await openTicket({ now: new Date(NOW.getTime() - 2 * HOUR) });
    const { ticket: newer } = await openTicket({ now: new Date(NOW.getTime() - HOUR) });
    // The older one has more time left (say, a longer lifetime when it was opened).
    await t.db.ticket.update({ where: { id: older.id }, data: { expiresAt: new Date(newer.expiresAt!.getTime() + HOUR) } });
    const base = { status: "OPEN", decision: "ALL", assignee: "me" } as const;
    const ids = async (sort: "timeLeft" | "age" | "newest") =>
      (await listTicketQueue({ db: t.db, actor: agent, filter: { ...base, sort } })).map((r) => r.id).filter((id) => id === older.id || id === newer.id);
    expect(await ids("timeLeft")).toEqual([newer.id, older.id]);
    expect(await ids("age")).toEqual([older.id, newer.id]);
    expect(await ids("newest")).toEqual([newer.id, older.id]);
  });
});
