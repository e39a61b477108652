import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckName, CheckResult, ReasonCode } from "@/lib/tickets/checks/types";
import { runVerifyCli } from "./cli/verify";
import { loadDashboard } from "./dashboard/load-dashboard";
import { deviceHistory } from "./device-history";
import { exportAnchor } from "./export-anchor";
import { exportAuditCsv } from "./export/export-audit-csv";
import { exportTicketsCsv } from "./export/export-tickets-csv";
import { listAuditEvents } from "./list-audit-events";
import { recordAudit } from "./record-audit";
import { searchTickets } from "./search-tickets";
import { seedStaff, seedTicket, uniqueSerial } from "./testing/seed-tickets";
import { ticketTimeline } from "./ticket-timeline";
import { ENGINES } from "@/lib/testing/databases";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/test-db";

const pass = (check: CheckName, id: ReasonCode): CheckResult => ({ check, id, outcome: "pass", label: id, reason: "ok" });
const flag = (check: CheckName, id: ReasonCode, outcome: "review" | "refuse" = "review"): CheckResult => ({ check, id, outcome, label: id, reason: "flagged" });

async function allPages<T>(first: (cursor: { after?: string; before?: string }) => Promise<{ rows: T[]; next: string | null; prev: string | null }>) {
  const pages: { rows: T[]; next: string | null; prev: string | null }[] = [];
  let page = await first({});
  pages.push(page);
  while (page.next) {
    page = await first({ after: page.next });
    pages.push(page);
  }
  return pages;
}

describe.each(ENGINES)("audit views on %s", (engine) => {
  let t: TestDatabase;
  let agentA: { id: string; name: string };
  let agentB: { id: string; name: string };
  let supervisor: { id: string; name: string };
  const sameInstant = new Date(Date.UTC(2026, 2, 10, 12, 0, 0));
  const serial = uniqueSerial("FILT");
  const email = "filter.me@customer.test";

  beforeAll(async () => {
    t = await openTestDatabase(engine);
    agentA = await seedStaff(t.db, "AGENT", "Agent Alpha");
    agentB = await seedStaff(t.db, "AGENT", "Agent Bravo");
    supervisor = await seedStaff(t.db, "SUPERVISOR", "Sup Charlie");
    // 23 tickets at the very same millisecond: the id must break the tie without gaps or repeats.
    for (let i = 0; i < 23; i++) {
      await seedTicket(t.db, {
        createdById: i % 2 ? agentA.id : agentB.id,
        createdAt: sameInstant,
        status: "SENT",
        decision: "ISSUE",
        checks: [pass("challenge", "TAG_VALID"), pass("velocity", "VELOCITY_DEVICE")],
      });
    }
    await seedTicket(t.db, {
      createdById: agentA.id,
      createdAt: new Date(Date.UTC(2026, 2, 11, 9)),
      serial,
      customerEmail: email,
      checks: [pass("challenge", "TAG_VALID"), flag("velocity", "VELOCITY_DEVICE")],
    });
    await seedTicket(t.db, {
      createdById: agentB.id,
      createdAt: new Date(Date.UTC(2026, 2, 12, 9)),
      status: "REFUSED",
      decision: "REFUSE",
      customerName: '=HYPERLINK("http://evil.example")',
      checks: [flag("device", "DEVICE_STOLEN", "refuse")],
    });
  });
  afterAll(() => t.close());

  it("keyset pages of tickets: no duplicates, no gaps, stable order, and prev links walk back", async () => {
    const pages = await allPages((c) => searchTickets({ db: t.db, filters: {}, limit: 7, ...c }));
    const ids = pages.flatMap((p) => p.rows.map((r) => r.id));
    expect(ids).toHaveLength(25);
    expect(new Set(ids).size).toBe(25);
    const full = await searchTickets({ db: t.db, filters: {}, limit: 100 });
    expect(ids).toEqual(full.rows.map((r) => r.id));
    expect(pages[0]!.prev).toBeNull();
    expect(pages[pages.length - 1]!.next).toBeNull();
    // Walking back from the last page with `before` reproduces every earlier page exactly.
    let page = pages[pages.length - 1]!;
    for (let i = pages.length - 2; i >= 0; i--) {
      page = await searchTickets({ db: t.db, filters: {}, limit: 7, before: page.prev! });
      expect(page.rows.map((r) => r.id)).toEqual(pages[i]!.rows.map((r) => r.id));
    }
    expect(page.prev).toBeNull();
  });

  it("filters tickets by agent, status, decision, non-pass reason code, serial, email and date range", async () => {
    const ids = async (filters: Parameters<typeof searchTickets>[0]["filters"]) => (await searchTickets({ db: t.db, filters, limit: 100 })).rows;
    expect(await ids({ agent: agentA.id })).toHaveLength(12);
    expect(await ids({ status: "REFUSED" })).toHaveLength(1);
    expect(await ids({ decision: "ISSUE" })).toHaveLength(23);
    // VELOCITY_DEVICE passed on 23 tickets and was flagged on one: only the flagged one matches.
    expect((await ids({ reason: "VELOCITY_DEVICE" })).map((r) => r.serial)).toEqual([serial]);
    expect(await ids({ reason: "DEVICE_STOLEN" })).toHaveLength(1);
    expect(await ids({ reason: "TAG_INVALID" })).toHaveLength(0);
    expect((await ids({ serial })).map((r) => r.customerEmail)).toEqual([email]);
    expect(await ids({ email })).toHaveLength(1);
    expect(await ids({ from: "2026-03-11", to: "2026-03-11" })).toHaveLength(1);
    expect(await ids({ from: "2026-03-11" })).toHaveLength(2);
    expect(await ids({ to: "2026-03-10" })).toHaveLength(23);
    expect(await ids({ agent: agentB.id, status: "REFUSED", reason: "DEVICE_STOLEN" })).toHaveLength(1);
  });

  it("streams the filtered tickets as CSV in batches, neutralises formulas, audits the export without the email", async () => {
    const exported = await exportTicketsCsv({ db: t.db, actor: { id: supervisor.id, label: supervisor.name }, ip: "10.1.1.1", filters: {}, batchSize: 4 });
    expect(exported.rows).toBe(25);
    const rows = parse((await new Response(exported.stream).text()).replace(/^\uFEFF/, "")) as string[][];
    expect(rows).toHaveLength(26);
    expect(rows[0]![0]).toBe("number");
    expect(new Set(rows.slice(1).map((r) => r[1])).size).toBe(25);
    expect(rows.some((r) => r[7] === '\'=HYPERLINK("http://evil.example")')).toBe(true);
    expect(rows.every((r) => r.every((cell) => !/^[=+\-@]/.test(cell)))).toBe(true);

    const filtered = await exportTicketsCsv({ db: t.db, actor: { id: supervisor.id, label: supervisor.name }, ip: null, filters: { email } });
    expect(filtered.rows).toBe(1);
    await new Response(filtered.stream).text();
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { action: "export.tickets" }, orderBy: { seq: "desc" } });
    expect(event.details).toMatchObject({ rows: 1, email: "f***e@customer.test" });
    expect(JSON.stringify(event.details)).not.toContain(email);
  });

  it("pages and filters the audit log, exports it, and shows ticket timelines and device history", async () => {
    const ticket = await seedTicket(t.db, { createdById: agentA.id, serial });
    for (let i = 0; i < 9; i++) {
      await t.db.$transaction((tx) =>
        recordAudit(tx, {
          actor: { id: agentA.id, label: agentA.name },
          action: i % 3 ? "ticket.note_added" : "ticket.created",
          ticketId: ticket.id,
          serial,
          details: { i },
        }),
      );
    }
    const pages = await allPages((c) => listAuditEvents({ db: t.db, filters: { ticket: { id: ticket.id } }, limit: 4, ...c }));
    const seqs = pages.flatMap((p) => p.rows.map((r) => Number(r.seq)));
    const newest = seqs[0]!;
    expect(seqs).toEqual([...Array(9).keys()].map((i) => newest - i));
    const back = await listAuditEvents({ db: t.db, filters: { ticket: { id: ticket.id } }, limit: 4, before: pages[1]!.prev! });
    expect(back.rows.map((r) => r.seq)).toEqual(pages[0]!.rows.map((r) => r.seq));
    expect((await listAuditEvents({ db: t.db, filters: { action: "ticket.created", ticket: { id: ticket.id } } })).rows).toHaveLength(3);
    expect((await listAuditEvents({ db: t.db, filters: { actor: agentA.id } })).rows).toHaveLength(9);

    const timeline = await ticketTimeline({ db: t.db, ticketId: ticket.id });
    expect(timeline).toHaveLength(9);
    expect(timeline[0]).toMatchObject({
      action: "ticket.created",
      sentence: expect.stringMatching(/^Agent Alpha opened the ticket/),
      actorLabel: "Agent Alpha",
    });
    expect(Number(timeline[1]!.seq)).toBeGreaterThan(Number(timeline[0]!.seq));

    const history = await deviceHistory({ db: t.db, serial });
    expect(history.tickets).toHaveLength(2);
    expect(history.events).toHaveLength(9);

    const exported = await exportAuditCsv({ db: t.db, actor: { id: supervisor.id, label: supervisor.name }, ip: null, filters: { serial }, batchSize: 2 });
    expect(exported.rows).toBe(9);
    const rows = parse((await new Response(exported.stream).text()).replace(/^\uFEFF/, "")) as string[][];
    expect(rows.slice(1).map((r) => Number(r[0]))).toEqual([...timeline.map((e) => Number(e.seq))]);
    expect(await t.db.auditEvent.count({ where: { action: "export.audit" } })).toBe(1);
  });

  it("the verify CLI reports OK, checks an exported anchor, and fails (exit 1) on a wrong anchor", async () => {
    const anchor = await exportAnchor({ db: t.db, actor: { id: supervisor.id, label: supervisor.name }, ip: null });
    expect(anchor.at).toMatch(/Z$/);
    const lines: string[] = [];
    const ok = await runVerifyCli({ argv: ["--anchor", `${anchor.seq}:${anchor.hash}`], db: t.db, print: (l) => lines.push(l) });
    expect(ok.exitCode).toBe(0);
    expect(lines.join("\n")).toMatch(/^OK: \d+ events verified/);
    expect(lines.join("\n")).toContain(`Anchor #${anchor.seq} matches.`);
    const bad = await runVerifyCli({ argv: ["--anchor", `${anchor.seq}:${"0".repeat(64)}`], db: t.db, print: () => {} });
    expect(bad).toMatchObject({ exitCode: 1, report: { ok: false, reason: "anchor-mismatch" } });
    expect((await runVerifyCli({ argv: ["--anchor", "nonsense"], db: t.db, print: () => {} })).exitCode).toBe(2);
    expect(await t.db.auditEvent.count({ where: { action: "audit.anchor_exported" } })).toBe(1);
  });
});

describe.each(ENGINES)("dashboard aggregates on %s", (engine) => {
  let t: TestDatabase;
  const now = new Date(Date.UTC(2026, 4, 20, 15, 0, 0));
  const daysAgo = (d: number, h = 0) => new Date(now.getTime() - d * 86_400_000 + h * 3_600_000);
  beforeAll(async () => {
    t = await openTestDatabase(engine);
  });
  afterAll(() => t.close());

  it("volume per day, decisions, median time to send, per-agent table and anomalies", async () => {
    const busy = await seedStaff(t.db, "AGENT", "Busy Bee");
    const calm = [await seedStaff(t.db, "AGENT", "Calm One"), await seedStaff(t.db, "AGENT", "Calm Two"), await seedStaff(t.db, "SUPERVISOR", "Calm Sup")];
    const repeated = uniqueSerial("REP");
    // Busy Bee: 6 codes in the last week on the same recorder; each sent 10 minutes after opening.
    for (let i = 0; i < 6; i++) {
      const created = daysAgo(i % 3, -1);
      const ticket = await seedTicket(t.db, {
        createdById: busy.id,
        createdAt: created,
        status: "SENT",
        decision: "ISSUE",
        serial: repeated,
        firstSentAt: new Date(created.getTime() + 600_000),
        customerEmail: "many@devices.test",
      });
      await t.db.codeIssue.create({
        data: {
          ticketId: ticket.id,
          serial: repeated,
          kind: "FIRST",
          destination: "owner@owner.test",
          actorId: busy.id,
          issuedAt: new Date(created.getTime() + 600_000),
        },
      });
    }
    // One calm agent: one code, sent after 30 minutes; a requester asking for three recorders.
    const calmTicket = await seedTicket(t.db, {
      createdById: calm[0]!.id,
      createdAt: daysAgo(1),
      status: "SENT",
      decision: "ISSUE",
      firstSentAt: new Date(daysAgo(1).getTime() + 1_800_000),
      customerEmail: "Many@Devices.test",
    });
    await t.db.codeIssue.create({
      data: {
        ticketId: calmTicket.id,
        serial: calmTicket.serial,
        kind: "FIRST",
        destination: "owner@owner.test",
        actorId: calm[0]!.id,
        issuedAt: daysAgo(1, 1),
      },
    });
    await seedTicket(t.db, { createdById: calm[1]!.id, createdAt: daysAgo(2), decision: "REVIEW", status: "REVIEW", customerEmail: "many@devices.test" });
    await seedTicket(t.db, { createdById: calm[1]!.id, createdAt: daysAgo(2), decision: "REFUSE", status: "REFUSED" });
    // Outside the 30-day window: ignored everywhere.
    await seedTicket(t.db, { createdById: calm[2]!.id, createdAt: daysAgo(45), decision: "ISSUE", status: "SENT" });

    const d = await loadDashboard({ db: t.db, now });
    expect(d.volume).toHaveLength(30);
    expect(d.volume[d.volume.length - 1]!.day).toBe("2026-05-20");
    expect(d.volume.reduce((s, v) => s + v.tickets, 0)).toBe(9);
    expect(d.volume.reduce((s, v) => s + v.codesIssued, 0)).toBe(7);
    expect(d.decisions).toEqual({ ISSUE: 7, REVIEW: 1, REFUSE: 1 });
    expect(d.timeToSend.sent).toBe(7);
    expect(d.timeToSend.medianSeconds).toBe(600);
    const bee = d.agents.find((a) => a.name === "Busy Bee")!;
    expect(bee).toMatchObject({ tickets: 6, issued: 6, refused: 0, review: 0 });
    expect(d.agents.find((a) => a.name === "Calm Two")).toMatchObject({ tickets: 2, refused: 1, review: 1, reviewRate: 0.5 });
    // Issued in the week: Busy Bee 6, Calm One 1, the others 0 → median 0.5.
    expect(d.anomalies.teamMedianIssues).toBe(0.5);
    expect(d.anomalies.busyAgents.map((a) => a.name)).toEqual(["Busy Bee"]);
    expect(d.anomalies.repeatDevices).toEqual([{ serial: repeated, issues: 6 }]);
    expect(d.anomalies.busyRequesters).toEqual([{ email: "many@devices.test", serials: 3 }]);
  });
});
