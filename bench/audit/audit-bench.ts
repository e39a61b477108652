// `npm run bench:audit [-- --scale 0.1] [--filters-only] [--keep]`: seeds a scratch PostgreSQL database with a
// million tickets and ten million hash-chained audit events (× scale), then times the queries the
// supervisor pages run (the same lib functions), the streaming CSV exports and chain verification.
// Prints a markdown table. The scratch database is dropped afterwards unless --keep.
//
// Filters: every combination of the ticket search's filters (RT number, agent, status, decision,
// reason code, serial prefix, email prefix, a day) and of the audit log's (actor, action, ticket
// by RT number, serial prefix, a day) runs once through the page's own lib function with Prisma's
// query log on; each SQL statement is then EXPLAINed on the same database and the plan is walked
// for a Seq Scan on "Ticket" or "AuditEvent". The bench fails (exit 1) if any plan has one.
// --filters-only generates the events in SQL too (generate_series, placeholder hashes: minutes
// instead of an hour at full scale) and skips the exports and the chain verification.
//
// How the data is made: tickets and code issues with INSERT … SELECT generate_series (pure SQL).
// Audit events are generated in SQL from deterministic functions of seq; their hashes are
// computed here, in order, with the real eventHash over the very same content, and shipped to the
// server as arrays (one text[] per batch), so the synthetic chain verifies like a real one.
// Secondary indexes are dropped during the load and rebuilt afterwards (what a bulk restore does).
import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { loadDashboard } from "@/lib/audit/dashboard/load-dashboard";
import { deviceHistory } from "@/lib/audit/device-history";
import { eventHash, GENESIS_HASH } from "@/lib/audit/event-hash";
import { exportAuditCsv } from "@/lib/audit/export/export-audit-csv";
import { exportTicketsCsv } from "@/lib/audit/export/export-tickets-csv";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { searchTickets } from "@/lib/audit/search-tickets";
import { ticketTimeline } from "@/lib/audit/ticket-timeline";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { applyMigrations } from "@/lib/db/migrate";
import { createMigrationAdapter } from "@/lib/db/migration-adapter";
import { PrismaClient } from "@/lib/generated/prisma/client";
import type { EventFilters } from "@/lib/audit/event-filters";
import type { TicketFilters } from "@/lib/audit/ticket-filters";
import { listReviewQueue } from "@/lib/review/list-review-queue";

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const FULL_TICKETS = 1_000_000;
const FULL_EVENTS = 10_000_000;
const STAFF = 20;
const SPAN_DAYS = 90;
const HASH_BATCH = 50_000;
const QUERY_RUNS = 15;
const ACTIONS = ["ticket.created", "ticket.checks_run", "code.issued", "email.sent", "ticket.note_added", "auth.sign_in", "review.approved", "ticket.resolved"];
const FLAG_CODES = [
  "REQUESTER_EMAIL_DIFFERS",
  "CLOCK_AHEAD",
  "VELOCITY_DEVICE",
  "DEVICE_STOLEN",
  "EMAIL_MISMATCH",
  "CHALLENGE_REUSED",
  "VELOCITY_AGENT",
  "NO_OWNER",
];

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function md5Uuid(text: string): string {
  const h = createHash("md5").update(text).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const log = (msg: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}`);

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Every subset of `keys` (the empty one first). */
function subsets(keys: string[]): string[][] {
  return Array.from({ length: 1 << keys.length }, (_, mask) => keys.filter((_, i) => mask & (1 << i)));
}

type PlanNode = { "Node Type": string; "Relation Name"?: string; "Index Name"?: string; Plans?: PlanNode[] };

/** Collects the indexes a plan reads and any sequential scan of the big tables. */
function walkPlan(node: PlanNode, indexes: Set<string>, seqScans: Set<string>) {
  if (node["Index Name"]) indexes.add(node["Index Name"]);
  if (node["Node Type"] === "Seq Scan" && (node["Relation Name"] === "Ticket" || node["Relation Name"] === "AuditEvent")) seqScans.add(node["Relation Name"]);
  for (const child of node.Plans ?? []) walkPlan(child, indexes, seqScans);
}

async function main() {
  const scale = Number(arg("--scale") ?? "1");
  // --filters-only: events without a hash chain (pure SQL, minutes instead of an hour at full
  // scale), and no exports or chain verification: the filter timings and plans only.
  const filtersOnly = process.argv.includes("--filters-only");
  if (!(scale > 0 && scale <= 1)) throw new Error("--scale must be in (0, 1]");
  const ticketCount = Math.max(1000, Math.round(FULL_TICKETS * scale));
  const eventCount = Math.max(10_000, Math.round(FULL_EVENTS * scale));
  const dbName = `reset_console_bench_${process.pid}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  const results: { what: string; value: string }[] = [];
  const timings: { what: string; p50: number; p95: number; rows: number }[] = [];
  const plans: { what: string; ms: number; rows: number; indexes: string[]; seqScans: string[] }[] = [];
  const started = performance.now();
  let prisma: PrismaClient | undefined;
  try {
    await applyMigrations(createMigrationAdapter({ engine: "postgresql", url: url.toString() }));
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    await client.query("SET synchronous_commit = off; SET maintenance_work_mem = '512MB'");

    // Staff with deterministic ids, so the events' hashes can be computed here.
    const staff = Array.from({ length: STAFF }, (_, i) => ({ id: md5Uuid(`u${i}`), name: `Bench agent ${String(i).padStart(2, "0")}` }));
    for (const [i, s] of staff.entries()) {
      await client.query(`INSERT INTO "User" ("id","email","name","role","updatedAt") VALUES ($1,$2,$3,$4, now())`, [
        s.id,
        `bench${i}@bench.test`,
        s.name,
        i < 3 ? "SUPERVISOR" : "AGENT",
      ]);
    }

    const indexes = (
      await client.query<{ indexname: string; indexdef: string }>(
        `SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('Ticket', 'AuditEvent') AND indexname NOT LIKE '%_pkey' AND indexdef NOT LIKE 'CREATE UNIQUE%'`,
      )
    ).rows;
    for (const ix of indexes) await client.query(`DROP INDEX "${ix.indexname}"`);

    const now = Date.now();
    const spanMs = SPAN_DAYS * 86_400_000;
    const t0 = now - spanMs;
    log(`seeding ${ticketCount} tickets`);
    const [, ticketMs] = await timed(() =>
      client.query(
        `INSERT INTO "Ticket" ("id","number","customerName","customerEmail","channel","status","decision","checks","serial","createdById","createdAt","updatedAt","expiresAt","firstSentAt","decidedAt")
         SELECT md5('t' || g)::uuid, g, 'Customer ' || g, 'c' || (g % ($1::int / 3)) || '@bench.test', 'EMAIL',
                st::"TicketStatus", (CASE WHEN st IN ('SENT','READY','RESOLVED') THEN 'ISSUE' WHEN st = 'REFUSED' THEN 'REFUSE' ELSE 'REVIEW' END)::"Decision",
                ('[{"id":"TAG_VALID","outcome":"pass","label":"Challenge signature","reason":"ok"},{"id":"' || ($3::text[])[1 + g % 8] || '","outcome":"' ||
                  (CASE WHEN st IN ('SENT','READY','RESOLVED') THEN 'pass' WHEN st = 'REFUSED' THEN 'refuse' ELSE 'review' END) || '","label":"check","reason":"synthetic"}]')::jsonb,
                'BENCH-' || lpad((g % ($1::int / 4))::text, 8, '0'), ($2::uuid[])[1 + g % ${STAFF}], ca, ca, ca + interval '1 hour',
                CASE WHEN st = 'SENT' THEN ca + ((g % 600) * interval '1 second') END, ca
         FROM (SELECT g, timestamptz 'epoch' + (($4::bigint + g * ($5::bigint / $1::int)) * interval '1 millisecond') AS ca,
                      (ARRAY['SENT','SENT','SENT','SENT','SENT','SENT','SENT','SENT','SENT','SENT','SENT','SENT','REVIEW','REVIEW','REVIEW','REFUSED','REFUSED','READY','APPROVED','RESOLVED'])[1 + g % 20] AS st
               FROM generate_series(1, $1::int) g) s`,
        [ticketCount, staff.map((s) => s.id), FLAG_CODES, t0, spanMs],
      ),
    );
    await client.query(`SELECT setval(pg_get_serial_sequence('"Ticket"', 'number'), $1)`, [ticketCount]);
    await client.query(
      `INSERT INTO "CodeIssue" ("id","ticketId","serial","kind","destination","actorId","issuedAt") SELECT md5('i' || "number")::uuid, "id", "serial", 'FIRST', 'owner@bench.test', "createdById", "firstSentAt" FROM "Ticket" WHERE "firstSentAt" IS NOT NULL`,
    );
    results.push({ what: "seed tickets (SQL generate_series)", value: `${ticketCount.toLocaleString("en")} in ${(ticketMs / 1000).toFixed(1)} s` });

    const stepMs = Math.floor(spanMs / eventCount);
    const devices = Math.floor(ticketCount / 4);
    if (filtersOnly) {
      // No chain: every column from generate_series in one statement (hashes are placeholders, so
      // the chain is not verified in this mode).
      log(`loading ${eventCount} audit events in SQL (--filters-only: placeholder hashes)`);
      const [, sqlMs] = await timed(() =>
        client.query(
          `INSERT INTO "AuditEvent" ("seq","at","actorId","actorLabel","action","ip","ticketId","serial","details","prevHash","hash")
           SELECT g, timestamptz 'epoch' + (($1::bigint + g * $2::bigint) * interval '1 millisecond'), ($3::uuid[])[1 + g % ${STAFF}], ($4::text[])[1 + g % ${STAFF}],
                  ($5::text[])[1 + (g / ${STAFF}) % ${ACTIONS.length}], '10.0.' || (g % 250) || '.1', md5('t' || (g % $6::int + 1))::uuid,
                  'BENCH-' || lpad(((g % $6::int + 1) % $7::int)::text, 8, '0'), jsonb_build_object('n', g % 1000), md5((g - 1)::text), md5(g::text)
           FROM generate_series(1::bigint, $8::bigint) g`,
          [t0, stepMs, staff.map((s) => s.id), staff.map((s) => s.name), ACTIONS, ticketCount, devices, eventCount],
        ),
      );
      results.push({
        what: "seed audit events (SQL generate_series, no chain)",
        value: `${eventCount.toLocaleString("en")} in ${(sqlMs / 1000).toFixed(1)} s`,
      });
    } else {
      log(`hashing and loading ${eventCount} audit events`);
      const [, eventMs] = await timed(async () => {
        let prev = GENESIS_HASH;
        for (let start = 1; start <= eventCount; start += HASH_BATCH) {
          const end = Math.min(eventCount, start + HASH_BATCH - 1);
          const hashes: string[] = [];
          const batchPrev = prev;
          for (let g = start; g <= end; g++) {
            const n = (g % ticketCount) + 1;
            const actor = staff[g % STAFF]!;
            prev = eventHash(
              {
                seq: BigInt(g),
                at: new Date(t0 + g * stepMs),
                actorId: actor.id,
                actorLabel: actor.name,
                action: ACTIONS[Math.floor(g / STAFF) % ACTIONS.length]!,
                ip: `10.0.${g % 250}.1`,
                ticketId: md5Uuid(`t${n}`),
                serial: `BENCH-${String(n % devices).padStart(8, "0")}`,
                details: { n: g % 1000 },
              },
              prev,
            );
            hashes.push(prev);
          }
          await client.query(
            `INSERT INTO "AuditEvent" ("seq","at","actorId","actorLabel","action","ip","ticketId","serial","details","prevHash","hash")
             SELECT x.g, timestamptz 'epoch' + (($3::bigint + x.g * $4::bigint) * interval '1 millisecond'), ($5::uuid[])[1 + x.g % ${STAFF}], ($6::text[])[1 + x.g % ${STAFF}],
                    ($7::text[])[1 + (x.g / ${STAFF}) % ${ACTIONS.length}], '10.0.' || (x.g % 250) || '.1', md5('t' || (x.g % $8::int + 1))::uuid,
                    'BENCH-' || lpad(((x.g % $8::int + 1) % $9::int)::text, 8, '0'), jsonb_build_object('n', x.g % 1000),
                    COALESCE(lag(x.h) OVER (ORDER BY x.g), $2), x.h
             FROM (SELECT ($10::bigint + u.i - 1) AS g, u.h FROM unnest($1::text[]) WITH ORDINALITY AS u(h, i)) x`,
            [hashes, batchPrev, t0, stepMs, staff.map((s) => s.id), staff.map((s) => s.name), ACTIONS, ticketCount, devices, start],
          );
          if ((end / HASH_BATCH) % 20 === 0) log(`  ${end.toLocaleString("en")} events`);
        }
      });
      results.push({ what: "seed audit events (hash in Node, rows in SQL)", value: `${eventCount.toLocaleString("en")} in ${(eventMs / 1000).toFixed(1)} s` });
    }

    log("rebuilding indexes");
    const [, indexMs] = await timed(async () => {
      for (const ix of indexes) await client.query(ix.indexdef);
      await client.query(`ANALYZE`);
    });
    results.push({ what: "rebuild indexes + ANALYZE", value: `${(indexMs / 1000).toFixed(1)} s` });
    await client.end();

    const logged = new PrismaClient({ adapter: new PrismaPg({ connectionString: url.toString(), max: 4 }), log: [{ emit: "event", level: "query" }] });
    const captured: { query: string; params: string }[] = [];
    let capturing = false;
    logged.$on("query", (e) => {
      if (capturing) captured.push({ query: e.query, params: e.params });
    });
    prisma = logged as unknown as PrismaClient;
    const db = prisma;
    const agent = staff[7]!.id;
    const deep = await db.ticket.findFirstOrThrow({ where: { number: Math.floor(ticketCount / 2) }, select: { createdAt: true, id: true } });
    const deepCursor = Buffer.from(`${deep.createdAt.toISOString()}|${deep.id}`).toString("base64url");
    const aDay = new Date(now - 10 * 86_400_000).toISOString().slice(0, 10);
    const someTicket = md5Uuid(`t${Math.floor(ticketCount / 3)}`);
    const someSerial = `BENCH-${String(Math.floor(devices / 2)).padStart(8, "0")}`;

    const cases: { what: string; run: () => Promise<number> }[] = [
      { what: "tickets: first page, no filter", run: async () => (await searchTickets({ db, filters: {} })).rows.length },
      { what: "tickets: page at the middle (keyset)", run: async () => (await searchTickets({ db, filters: {}, after: deepCursor })).rows.length },
      { what: "tickets: status=REVIEW", run: async () => (await searchTickets({ db, filters: { status: "REVIEW" } })).rows.length },
      { what: "tickets: agent", run: async () => (await searchTickets({ db, filters: { agent } })).rows.length },
      { what: "tickets: agent + one day", run: async () => (await searchTickets({ db, filters: { agent, from: aDay, to: aDay } })).rows.length },
      { what: "tickets: serial", run: async () => (await searchTickets({ db, filters: { serial: someSerial } })).rows.length },
      { what: "tickets: customer email", run: async () => (await searchTickets({ db, filters: { email: "c12345@bench.test" } })).rows.length },
      { what: "tickets: reason code (common)", run: async () => (await searchTickets({ db, filters: { reason: "CLOCK_AHEAD" } })).rows.length },
      { what: "tickets: RT number", run: async () => (await searchTickets({ db, filters: { ticket: Math.floor(ticketCount / 3) } })).rows.length },
      { what: "tickets: decision=REFUSE", run: async () => (await searchTickets({ db, filters: { decision: "REFUSE" } })).rows.length },
      {
        what: "tickets: serial prefix (12 chars, 0.4% of devices)",
        run: async () => (await searchTickets({ db, filters: { serial: someSerial.slice(0, 12) } })).rows.length,
      },
      { what: "tickets: email prefix (c123…)", run: async () => (await searchTickets({ db, filters: { email: "c123" } })).rows.length },
      {
        what: "tickets: serial prefix + status REVIEW",
        run: async () => (await searchTickets({ db, filters: { serial: someSerial.slice(0, 12), status: "REVIEW" } })).rows.length,
      },
      {
        what: "tickets: reason code + status REFUSED + one day",
        run: async () => (await searchTickets({ db, filters: { reason: "DEVICE_STOLEN", status: "REFUSED", from: aDay, to: aDay } })).rows.length,
      },
      { what: "review queue (status REVIEW by expiresAt)", run: async () => (await listReviewQueue({ db, viewerId: agent })).length },
      { what: "audit log: first page, no filter", run: async () => (await listAuditEvents({ db, filters: {} })).rows.length },
      {
        what: "audit log: page at the middle",
        run: async () => (await listAuditEvents({ db, filters: {}, after: String(Math.floor(eventCount / 2)) })).rows.length,
      },
      { what: "audit log: actor", run: async () => (await listAuditEvents({ db, filters: { actor: agent } })).rows.length },
      { what: "audit log: action", run: async () => (await listAuditEvents({ db, filters: { action: "review.approved" } })).rows.length },
      { what: "audit log: one day", run: async () => (await listAuditEvents({ db, filters: { from: aDay, to: aDay } })).rows.length },
      {
        what: "audit log: ticket by RT number",
        run: async () => (await listAuditEvents({ db, filters: { ticket: { number: Math.floor(ticketCount / 3) } } })).rows.length,
      },
      { what: "audit log: serial (whole)", run: async () => (await listAuditEvents({ db, filters: { serial: someSerial } })).rows.length },
      {
        what: "audit log: serial prefix (12 chars)",
        run: async () => (await listAuditEvents({ db, filters: { serial: someSerial.slice(0, 12) } })).rows.length,
      },
      {
        what: "audit log: action + serial prefix",
        run: async () => (await listAuditEvents({ db, filters: { action: "code.issued", serial: someSerial.slice(0, 12) } })).rows.length,
      },
      {
        what: "audit log: actor + action + one day",
        run: async () => (await listAuditEvents({ db, filters: { actor: agent, action: "code.issued", from: aDay, to: aDay } })).rows.length,
      },
      { what: "ticket timeline", run: async () => (await ticketTimeline({ db, ticketId: someTicket })).length },
      { what: "device history", run: async () => (await deviceHistory({ db, serial: someSerial })).tickets.length },
      { what: "dashboard (all aggregates, 30 days)", run: async () => (await loadDashboard({ db })).agents.length },
    ];
    const measure = async (label: string) => {
      for (const c of cases.filter((x) => x.what.startsWith(label))) {
        await c.run();
        const runs: number[] = [];
        let rows = 0;
        for (let i = 0; i < QUERY_RUNS; i++) {
          const [n, ms] = await timed(c.run);
          rows = n;
          runs.push(ms);
        }
        runs.sort((a, b) => a - b);
        timings.push({ what: c.what, p50: percentile(runs, 50), p95: percentile(runs, 95), rows });
        log(`  ${c.what}: p50 ${percentile(runs, 50).toFixed(1)} ms`);
      }
    };
    log("timing queries");
    await measure("");

    // Every combination of filters, once each, with its plans checked (see the top of the file).
    const explainer = new pg.Client({ connectionString: url.toString() });
    await explainer.connect();
    const someNumber = Math.floor(ticketCount / 3);
    const ticketChoices: Record<keyof TicketFilters & string, TicketFilters> = {
      ticket: { ticket: someNumber },
      agent: { agent },
      status: { status: "REFUSED" },
      decision: { decision: "REVIEW" },
      reason: { reason: "DEVICE_STOLEN" },
      serial: { serial: someSerial.slice(0, 12) },
      email: { email: "c123" },
      from: { from: aDay, to: aDay },
      to: {},
    };
    const eventChoices: Record<keyof EventFilters & string, EventFilters> = {
      actor: { actor: agent },
      action: { action: "code.issued" },
      ticket: { ticket: { number: someNumber } },
      serial: { serial: someSerial.slice(0, 12) },
      from: { from: aDay, to: aDay },
      to: {},
    };
    const explainAll = async (what: string, run: () => Promise<number>) => {
      captured.length = 0;
      capturing = true;
      const [rows, ms] = await timed(run);
      capturing = false;
      const indexes = new Set<string>();
      const seqScans = new Set<string>();
      for (const q of captured.filter((c) => /^\s*(SELECT|WITH)/i.test(c.query))) {
        const params = JSON.parse(q.params) as unknown[];
        const plan = (await explainer.query(`EXPLAIN (FORMAT JSON) ${q.query}`, params)).rows[0]["QUERY PLAN"][0].Plan;
        walkPlan(plan, indexes, seqScans);
      }
      plans.push({ what, ms, rows, indexes: [...indexes].sort(), seqScans: [...seqScans] });
    };
    log("checking plans for every filter combination");
    for (const subset of subsets(Object.keys(ticketChoices).filter((k) => k !== "to"))) {
      const filters = Object.assign({}, ...subset.map((k) => ticketChoices[k as keyof typeof ticketChoices])) as TicketFilters;
      await explainAll(`tickets: ${subset.join(" + ") || "(none)"}`, async () => (await searchTickets({ db, filters })).rows.length);
    }
    for (const subset of subsets(Object.keys(eventChoices).filter((k) => k !== "to"))) {
      const filters = Object.assign({}, ...subset.map((k) => eventChoices[k as keyof typeof eventChoices])) as EventFilters;
      await explainAll(`events: ${subset.join(" + ") || "(none)"}`, async () => (await listAuditEvents({ db, filters })).rows.length);
    }
    await explainer.end();

    // Exports and the chain: a real chain only (not with --filters-only).
    if (!filtersOnly) {
      const actor = { id: staff[0]!.id, label: staff[0]!.name };
      const drain = async (stream: ReadableStream<Uint8Array>) => {
        let bytes = 0;
        const reader = stream.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return bytes;
          bytes += value.byteLength;
        }
      };
      const exportRun = async (what: string, make: () => Promise<{ rows: number; stream: ReadableStream<Uint8Array> }>) => {
        global.gc?.();
        const baseRss = process.memoryUsage().rss;
        let peak = baseRss;
        const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
        const [[rows, bytes], ms] = await timed(async () => {
          const exported = await make();
          return [exported.rows, await drain(exported.stream)] as const;
        });
        clearInterval(sampler);
        results.push({
          what,
          value: `${rows.toLocaleString("en")} rows, ${(bytes / 1e6).toFixed(0)} MB in ${(ms / 1000).toFixed(1)} s = ${Math.round(rows / (ms / 1000)).toLocaleString("en")} rows/s; peak RSS ${(peak / 1e6).toFixed(0)} MB (+${((peak - baseRss) / 1e6).toFixed(0)} MB)`,
        });
        log(`  ${what} done`);
      };
      log("timing exports");
      await exportRun("export tickets CSV (all)", () => exportTicketsCsv({ db, actor, ip: null, filters: {} }));
      const lastDays = new Date(now - 9 * 86_400_000).toISOString().slice(0, 10);
      await exportRun(`export audit CSV (from ${lastDays}, ~10% of the log)`, () => exportAuditCsv({ db, actor, ip: null, filters: { from: lastDays } }));

      log("verifying the chain");
      const [report, verifyMs] = await timed(() => verifyAuditChain({ db }));
      results.push({
        what: "verify chain (verifyAuditChain)",
        value: `${report.ok ? "OK" : `BROKEN at ${report.brokenAt} (${report.reason})`}: ${report.checked.toLocaleString("en")} events in ${(verifyMs / 1000).toFixed(1)} s = ${Math.round(report.checked / (verifyMs / 1000)).toLocaleString("en")} events/s`,
      });
    }
  } finally {
    await prisma?.$disconnect();
    if (!process.argv.includes("--keep")) await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
  }

  console.log(
    `\n## Audit benchmark — scale ${scale} (${ticketCount.toLocaleString("en")} tickets, ${eventCount.toLocaleString("en")} audit events), PostgreSQL\n`,
  );
  console.log("| Query (lib function the page uses) | p50 ms | p95 ms | rows |\n|---|---:|---:|---:|");
  for (const t of timings) console.log(`| ${t.what} | ${t.p50.toFixed(1)} | ${t.p95.toFixed(1)} | ${t.rows} |`);
  const bad = plans.filter((p) => p.seqScans.length);
  console.log(
    `\n### Filter combinations: ${plans.length} (every subset of the ticket and audit-log filters), EXPLAIN of each statement\n\n` +
      `${bad.length ? `**${bad.length} with a Seq Scan on a big table**` : 'No Seq Scan on "Ticket" or "AuditEvent" in any plan.'} ` +
      `Slowest single runs below; indexes as the plans name them.\n`,
  );
  console.log("| Filters | ms (one run) | rows | indexes used | seq scan |\n|---|---:|---:|---|---|");
  for (const p of [...bad, ...[...plans].sort((a, b) => b.ms - a.ms).filter((p) => !p.seqScans.length)].slice(0, Math.max(15, bad.length)))
    console.log(`| ${p.what} | ${p.ms.toFixed(1)} | ${p.rows} | ${p.indexes.join(", ")} | ${p.seqScans.join(", ") || "none"} |`);
  const byIndex = new Map<string, number>();
  for (const p of plans) for (const ix of p.indexes) byIndex.set(ix, (byIndex.get(ix) ?? 0) + 1);
  console.log(`\nPlans per index: ${[...byIndex].map(([ix, n]) => `${ix} ${n}`).join(", ")}.`);
  if (bad.length) process.exitCode = 1;
  console.log("\n| Step | Result |\n|---|---|");
  for (const r of results) console.log(`| ${r.what} | ${r.value} |`);
  console.log(`\nTotal ${((performance.now() - started) / 1000).toFixed(0)} s. ${QUERY_RUNS} runs per query after one warm-up.`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
