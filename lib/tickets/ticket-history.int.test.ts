import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedStaff, seedTicket } from "@/lib/audit/testing/seed-tickets";
import { ENGINES } from "@/lib/testing/databases";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/test-db";
import { HISTORY_LIMIT, ticketHistory } from "./ticket-history";

describe.each(ENGINES)("ticket history on %s", (engine) => {
  let t: TestDatabase;
  let agent: { id: string; role: "AGENT" };
  let other: { id: string; role: "AGENT" };
  let supervisor: { id: string; role: "SUPERVISOR" };
  const ids: Record<string, string> = {};
  const at = (d: number) => new Date(Date.UTC(2026, 10, d, 9));

  beforeAll(async () => {
    t = await openTestDatabase(engine);
    agent = { id: (await seedStaff(t.db, "AGENT")).id, role: "AGENT" };
    other = { id: (await seedStaff(t.db, "AGENT")).id, role: "AGENT" };
    supervisor = { id: (await seedStaff(t.db, "SUPERVISOR")).id, role: "SUPERVISOR" };
    const base = await seedTicket(t.db, {
      createdById: agent.id,
      serial: "NVR8-HIST-000001",
      customerEmail: "kim@history.test",
      withChallenge: true,
      createdAt: at(10),
    });
    ids.base = base.id;
    // Same recorder, another requester, two codes issued on it.
    ids.recorder = (
      await seedTicket(t.db, { createdById: agent.id, serial: "NVR8-HIST-000001", customerEmail: "someone@else.test", status: "SENT", createdAt: at(1) })
    ).id;
    await t.db.codeIssue.createMany({
      data: [
        { ticketId: ids.recorder, kind: "FIRST", destination: "owner@history.test", actorId: agent.id, issuedAt: at(1), serial: "NVR8-HIST-000001" },
        { ticketId: ids.recorder, kind: "RESEND", destination: "owner@history.test", actorId: agent.id, issuedAt: at(2), serial: "NVR8-HIST-000001" },
      ],
    });
    // Same requester, another recorder.
    ids.requester = (await seedTicket(t.db, { createdById: agent.id, serial: "DVR4-HIST-000002", customerEmail: "kim@history.test", createdAt: at(3) })).id;
    // The same QR challenge submitted again (same recorder and requester too).
    const again = await seedTicket(t.db, { createdById: agent.id, serial: "NVR8-HIST-000001", customerEmail: "kim@history.test", createdAt: at(4) });
    await t.db.ticket.update({ where: { id: again.id }, data: { challengeId: base.challengeId } });
    ids.challenge = again.id;
    // Same recorder, but another agent's assigned ticket: hidden from the first agent.
    const hidden = await seedTicket(t.db, { createdById: other.id, serial: "NVR8-HIST-000001", customerEmail: "kim@history.test", createdAt: at(5) });
    await t.db.ticket.update({ where: { id: hidden.id }, data: { assigneeId: other.id } });
    ids.hidden = hidden.id;
    // Unrelated.
    ids.unrelated = (await seedTicket(t.db, { createdById: agent.id, serial: "XVR1-HIST-000003", customerEmail: "nobody@history.test", createdAt: at(6) })).id;
  });
  afterAll(() => t.close());

  it("lists the other tickets for the same recorder, QR challenge or requester, newest first, each once", async () => {
    const history = await ticketHistory({ db: t.db, actor: agent, ticketId: ids.base! });
    expect(history?.more).toBe(false);
    expect(history?.tickets.map((x) => x.id)).toEqual([ids.challenge, ids.requester, ids.recorder]);
    const [challenge, requester, recorder] = history!.tickets;
    expect(challenge).toMatchObject({ sameRecorder: true, sameChallenge: true, sameRequester: true, codes: [] });
    expect(requester).toMatchObject({ sameRecorder: false, sameChallenge: false, sameRequester: true });
    expect(recorder).toMatchObject({ sameRecorder: true, sameChallenge: false, sameRequester: false, status: "SENT" });
    expect(recorder!.ref).toMatch(/^RT-\d{6}$/);
    expect(recorder!.codes).toEqual([
      { kind: "FIRST", issuedAt: at(1) },
      { kind: "RESEND", issuedAt: at(2) },
    ]);
  });

  it("shows an agent nothing outside their scope; a supervisor sees it", async () => {
    const agentView = await ticketHistory({ db: t.db, actor: agent, ticketId: ids.base! });
    expect(agentView?.tickets.map((x) => x.id)).not.toContain(ids.hidden);
    const supervisorView = await ticketHistory({ db: t.db, actor: supervisor, ticketId: ids.base! });
    expect(supervisorView?.tickets.map((x) => x.id)).toEqual([ids.hidden, ids.challenge, ids.requester, ids.recorder]);
    // The hidden ticket's own history is not the agent's to read.
    expect(await ticketHistory({ db: t.db, actor: agent, ticketId: ids.hidden! })).toBeNull();
  });

  it("a ticket with nothing in common with others has an empty history", async () => {
    expect(await ticketHistory({ db: t.db, actor: agent, ticketId: ids.unrelated! })).toMatchObject({ tickets: [], more: false });
  });

  it("stops at the limit and says there is more", async () => {
    // The ticket itself and HISTORY_LIMIT + 1 others.
    for (let i = 0; i < HISTORY_LIMIT + 2; i++) {
      await seedTicket(t.db, { createdById: supervisor.id, serial: null, customerEmail: "busy@history.test", createdAt: at(7) });
    }
    const first = await t.db.ticket.findFirstOrThrow({ where: { customerEmail: "busy@history.test" } });
    const history = await ticketHistory({ db: t.db, actor: supervisor, ticketId: first.id });
    expect(history?.tickets).toHaveLength(HISTORY_LIMIT);
    expect(history?.more).toBe(true);
    expect(history?.tickets.every((x) => x.sameRequester && !x.sameRecorder)).toBe(true);
  });
});
