// `npm run bench:search [-- --scale 0.1] [--runs 40] [--keep]`: ticket search at scale on PostgreSQL.
//
// Seeds a scratch database on 127.0.0.1:5432 (BENCH_DATABASE_URL) with a million tickets (× scale)
// in one INSERT … SELECT generate_series, names and emails drawn from lists with accents, then
// times the console's own search (lib/tickets/search/search-tickets.ts, through Prisma, both of
// its queries) over a mix of query kinds, as a supervisor and as an agent (view scope). The same
// queries then run as a plain case-insensitive ILIKE over the same columns, in the same run and
// database, which no index can serve: the baseline. Prints p50/p95 per kind and overall, the
// ratio to the baseline, and the plan each kind gets. Exit 1 when the search's p95 is 100 ms or
// more. The scratch database is dropped afterwards unless --keep.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { applyMigrations } from "@/lib/db/migrate";
import { createMigrationAdapter } from "@/lib/db/migration-adapter";
import { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { parseSearchQuery } from "@/lib/tickets/search/parse-search-query";
import { SEARCH_LIMIT, searchCandidatesSql, searchTickets } from "@/lib/tickets/search/search-tickets";

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const FULL_TICKETS = 1_000_000;
const STAFF = 20;
const SUPERVISORS = 3;
const P95_BUDGET_MS = 100;
const BASELINE_RUNS_PER_KIND = 4;

// Names as customers type them; emails are ASCII, as addresses mostly are.
const FIRST = [
  "Zoë",
  "José",
  "Renée",
  "Chloé",
  "Søren",
  "Anaïs",
  "Björn",
  "Maëlle",
  "Ana",
  "Mark",
  "Maria",
  "Kim",
  "Lee",
  "Noah",
  "Emma",
  "Liam",
  "Olivia",
  "Lucas",
  "Mia",
  "Hugo",
  "Léa",
  "Jürgen",
  "François",
  "Inès",
  "Paul",
  "Sara",
  "Omar",
  "Nina",
  "Ivan",
  "Yuki",
  "Ravi",
  "Aïcha",
  "Jonas",
  "Elif",
  "Mateo",
  "Lena",
  "Tomás",
  "Zoe",
  "Jose",
  "Anna",
];
const LAST = [
  "Brontë",
  "Álvarez",
  "Müller",
  "Nuñez",
  "Dvořák",
  "García",
  "Smith",
  "Jones",
  "Martin",
  "Bernard",
  "Dubois",
  "Lefèvre",
  "Schäfer",
  "Kowalski",
  "Novák",
  "Rossi",
  "Bianchi",
  "Silva",
  "Santos",
  "Pereira",
  "Öztürk",
  "Yılmaz",
  "Kim",
  "Lee",
  "Park",
  "Chen",
  "Wang",
  "Singh",
  "Kumar",
  "Nakamura",
  "Tanaka",
  "Johansson",
  "Andersen",
  "Nielsen",
  "Hansen",
  "O'Brien",
  "Murphy",
  "Walsh",
  "Van Dijk",
  "De Jong",
  "Jansen",
  "Peeters",
  "Lambert",
  "Fontaine",
  "Rousseau",
  "Mercier",
  "Girard",
  "Bonnet",
  "Faure",
  "André",
];
const DOMAINS = ["example.com", "example.org", "mail.example", "corner-store.example", "post.example", "inbox.example"];
const MODELS = ["NVR8", "NVR16", "DVR4", "DVR8", "XVR1"];

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const log = (msg: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}`);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Deterministic pseudo-random numbers, so every run asks the same questions. */
function rng(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

const ascii = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ø/g, "o")
    .replace(/ı/g, "i")
    .replace(/[^A-Za-z]/g, "")
    .toLowerCase();

type Kind = "rt number" | "serial prefix" | "email prefix" | "name fragment" | "accented name" | "no match";

/** The SQL that made row g, mirrored here so the queries ask about rows that exist. */
function rowOf(g: number, tickets: number) {
  const first = FIRST[g % FIRST.length]!;
  const last = LAST[Math.floor(g / FIRST.length) % LAST.length]!;
  const serialNo = g % Math.floor(tickets / 2);
  const serial = `${MODELS[serialNo % MODELS.length]}-${2300 + (serialNo % 12) + 1 + 100 * (serialNo % 3)}-${String(serialNo).padStart(6, "0")}`;
  const email = `${ascii(first)}.${ascii(last)}${g % 211}@${DOMAINS[g % DOMAINS.length]}`;
  return { first, last, serial, email };
}

function queries(kind: Kind, count: number, tickets: number, next: (n: number) => number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const g = 1 + next(tickets);
    const row = rowOf(g, tickets);
    switch (kind) {
      case "rt number":
        out.push([`RT-${String(g).padStart(6, "0")}`, `rt-${g}`, String(g)][i % 3]!);
        break;
      case "serial prefix":
        out.push([row.serial, row.serial.slice(0, 12), row.serial.slice(0, 10).toLowerCase()][i % 3]!);
        break;
      case "email prefix":
        out.push([row.email, row.email.slice(0, row.email.indexOf("@") + 1), row.email.slice(0, 6).toUpperCase()][i % 3]!);
        break;
      case "name fragment": {
        const plain = ascii(row.last);
        const at = next(Math.max(1, plain.length - 3));
        out.push(i % 2 ? plain.slice(at, at + 4) : `${ascii(row.first)} ${plain.slice(0, 3)}`);
        break;
      }
      case "accented name": {
        const accented = [...FIRST, ...LAST].filter((n) => n !== ascii(n) && /[^\x00-\x7f]/.test(n));
        const name = accented[next(accented.length)]!;
        out.push(i % 2 ? name.toUpperCase() : name);
        break;
      }
      case "no match":
        out.push(["qxzvw", `RT-${tickets * 3}`, "ZZZ9-", "nobody.here@", "Ünknöwn Pêrsön", "xq"][i % 6]!);
        break;
    }
  }
  return out;
}

const KINDS: Kind[] = ["rt number", "serial prefix", "email prefix", "name fragment", "accented name", "no match"];

/**
 * The baseline: what one writes without the search indexes, case-insensitive ILIKE on the raw
 * columns (it cannot fold accents, so it finds less). Same scope, same limit, newest first.
 */
function baselineSql(q: string, agentId: string | null): { text: string; values: unknown[] } {
  const n = /^(?:rt[-\s]?|#)?0*(\d{1,9})$/i.exec(q.trim());
  const values: unknown[] = [n ? Number(n[1]) : -1, q.replace(/[\\%_]/g, "\\$&")];
  let scope = "TRUE";
  if (agentId) {
    values.push(agentId);
    scope = `("createdById" = $3::uuid OR "assigneeId" = $3::uuid OR "assigneeId" IS NULL)`;
  }
  return {
    text: `SELECT "id" FROM "Ticket"
           WHERE ("number" = $1 OR "serial" ILIKE $2 || '%' OR "customerEmail" ILIKE $2 || '%' OR "customerName" ILIKE '%' || $2 || '%') AND ${scope}
           ORDER BY "createdAt" DESC LIMIT 50`,
    values,
  };
}

type Seeded = { tickets: number; staff: { id: string; role: string }[]; seedMs: number; indexMs: number };

/** A previously kept database (`--db NAME`): rerun the queries without seeding again. */
async function reseedNothing(client: pg.Client): Promise<Seeded> {
  await client.connect();
  const staff = (await client.query<{ id: string; role: string }>(`SELECT "id", "role" FROM "User" ORDER BY "email"`)).rows;
  const tickets = Number((await client.query<{ n: string }>(`SELECT max("number") AS n FROM "Ticket"`)).rows[0]!.n);
  return { tickets, staff, seedMs: NaN, indexMs: NaN };
}

async function seed(client: pg.Client, url: URL, tickets: number): Promise<Seeded> {
  log(`migrating ${url.pathname.slice(1)}`);
  await applyMigrations(createMigrationAdapter({ engine: "postgresql", url: url.toString() }));
  await client.connect();
  await client.query("SET synchronous_commit = off; SET maintenance_work_mem = '256MB'");
  const staff = (
    await client.query<{ id: string; role: string }>(
      `INSERT INTO "User" ("id","email","name","role","updatedAt")
         SELECT md5('u' || i)::uuid, 'bench' || i || '@bench.test', 'Bench staff ' || i, (CASE WHEN i < ${SUPERVISORS} THEN 'SUPERVISOR' ELSE 'AGENT' END)::"Role", now()
         FROM generate_series(0, ${STAFF - 1}) i RETURNING "id", "role"`,
    )
  ).rows;

  // A bulk load drops the secondary indexes and builds them once afterwards.
  const indexes = (
    await client.query<{ indexname: string; indexdef: string }>(
      `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'Ticket' AND indexname NOT LIKE '%_pkey' AND indexdef NOT LIKE 'CREATE UNIQUE%'`,
    )
  ).rows;
  for (const ix of indexes) await client.query(`DROP INDEX "${ix.indexname}"`);
  log(`seeding ${tickets.toLocaleString("en")} tickets`);
  let start = performance.now();
  // Row g mirrors rowOf(g): first name g % F, last name (g / F) % L, a serial shared by two
  // tickets, an email per (name, g % 211, domain); 40% unassigned, the rest spread over staff.
  await client.query(
    `INSERT INTO "Ticket" ("id","number","customerName","customerEmail","channel","status","decision","checks","serial","createdById","assigneeId","createdAt","updatedAt")
       SELECT md5('t' || g)::uuid, g, f || ' ' || l, fa || '.' || la || (g % 211) || '@' || ($4::text[])[1 + g % $5::int], 'EMAIL', 'SENT', 'ISSUE', '[]'::jsonb,
              ($6::text[])[1 + s % $7::int] || '-' || (2300 + (s % 12) + 1 + 100 * (s % 3)) || '-' || lpad(s::text, 6, '0'),
              ($8::uuid[])[1 + h % ${STAFF}], CASE WHEN (h / 32) % 5 < 2 THEN NULL ELSE ($8::uuid[])[1 + (h / 256) % ${STAFF}] END,
              now() - (g % 525600) * interval '1 minute', now()
       FROM (SELECT g, g % ($1::int / 2) AS s, ('x' || substr(md5('h' || g), 1, 7))::bit(28)::int AS h,
                    ($2::text[])[1 + g % $9::int] AS f, ($3::text[])[1 + (g / $9::int) % $10::int] AS l,
                    ($11::text[])[1 + g % $9::int] AS fa, ($12::text[])[1 + (g / $9::int) % $10::int] AS la
             FROM generate_series(1, $1::int) g) x`,
    [
      tickets,
      FIRST,
      LAST,
      DOMAINS,
      DOMAINS.length,
      MODELS,
      MODELS.length,
      staff.map((s) => s.id),
      FIRST.length,
      LAST.length,
      FIRST.map(ascii),
      LAST.map(ascii),
    ],
  );
  await client.query(`SELECT setval(pg_get_serial_sequence('"Ticket"', 'number'), $1)`, [tickets]);
  const seedMs = performance.now() - start;
  log(`seeded in ${(seedMs / 1000).toFixed(1)} s; building ${indexes.length} indexes`);
  start = performance.now();
  for (const ix of indexes) await client.query(ix.indexdef);
  await client.query(`VACUUM ANALYZE "Ticket"`);
  const indexMs = performance.now() - start;
  log(`indexed in ${(indexMs / 1000).toFixed(1)} s`);
  return { tickets, staff, seedMs, indexMs };
}

async function main() {
  const scale = Number(arg("--scale") ?? "1");
  if (!(scale > 0 && scale <= 1)) throw new Error("--scale must be in (0, 1]");
  const runs = Number(arg("--runs") ?? "40");
  const reuse = arg("--db");
  const dbName = reuse ?? `reset_console_bench_search_${process.pid}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  if (!reuse) await admin.query(`CREATE DATABASE "${dbName}"`);
  let prisma: PrismaClient | undefined;
  let failed = false;
  try {
    const client = new pg.Client({ connectionString: url.toString() });
    const seeded = reuse ? await reseedNothing(client) : await seed(client, url, Math.max(10_000, Math.round(FULL_TICKETS * scale)));
    const { tickets, staff, seedMs, indexMs } = seeded;

    prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url.toString(), max: 2 }) });
    const db = prisma;
    const supervisor = { id: staff.find((s) => s.role === "SUPERVISOR")!.id, role: "SUPERVISOR" as const };
    const agent = { id: staff.find((s) => s.role === "AGENT")!.id, role: "AGENT" as const };
    const next = rng(20261206);
    const plan = new Map<Kind, string[]>(KINDS.map((k) => [k, queries(k, runs, tickets, next)]));

    // Warm up (caches, the plan of each kind), then time every query of every kind, interleaved.
    for (const k of KINDS) for (const q of plan.get(k)!.slice(0, 3)) await searchTickets({ db, actor: supervisor, q });
    const times = new Map<Kind, number[]>(KINDS.map((k) => [k, []]));
    const found = new Map<Kind, number>(KINDS.map((k) => [k, 0]));
    const slowest: { ms: number; what: string }[] = [];
    for (let i = 0; i < runs; i++) {
      for (const k of KINDS) {
        const q = plan.get(k)![i]!;
        const actor = i % 2 ? agent : supervisor;
        const t0 = performance.now();
        const result = await searchTickets({ db, actor, q });
        const ms = performance.now() - t0;
        times.get(k)!.push(ms);
        slowest.push({ ms, what: `${k} ${JSON.stringify(q)} as ${actor.role.toLowerCase()}` });
        if (result.hits.length) found.set(k, found.get(k)! + 1);
      }
    }

    log("baseline: plain ILIKE, no search index");
    const baseline = new Map<Kind, number[]>(KINDS.map((k) => [k, []]));
    for (let i = 0; i < BASELINE_RUNS_PER_KIND; i++) {
      for (const k of KINDS) {
        const { text, values } = baselineSql(plan.get(k)![i]!, i % 2 ? agent.id : null);
        const t0 = performance.now();
        await client.query(text, values);
        baseline.get(k)!.push(performance.now() - t0);
      }
    }

    // The scans each kind's candidate query gets (the SQL searchTickets sends, as the agent).
    const plans: string[] = [];
    for (const k of KINDS) {
      const q = parseSearchQuery(plan.get(k)![1]);
      if (!q) continue;
      const rows = await db.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN (COSTS OFF) ${searchCandidatesSql(q, agent, SEARCH_LIMIT)}`);
      const scans = rows.map((r) => r["QUERY PLAN"].trim().replace(/^->\s*/, "")).filter((l) => /Scan/.test(l));
      plans.push(`${k} (${JSON.stringify(q.text)}): ${scans.join("; ")}`);
    }
    await client.end();

    const fmt = (ms: number) => ms.toFixed(1);
    const lines = [
      `## Ticket search, ${tickets.toLocaleString("en")} tickets on PostgreSQL`,
      "",
      `Seeded in ${(seedMs / 1000).toFixed(1)} s (generate_series), indexes built in ${(indexMs / 1000).toFixed(1)} s. ${runs} queries per kind, half as a supervisor, half as an agent (view scope); baseline ${BASELINE_RUNS_PER_KIND} per kind.`,
      "",
      "| kind | queries with hits | search p50 ms | search p95 ms | ILIKE baseline p50 ms | baseline p95 ms | baseline ÷ search (p50) |",
      "|---|---|---|---|---|---|---|",
    ];
    for (const k of KINDS) {
      const s = times.get(k)!;
      const b = baseline.get(k)!;
      lines.push(
        `| ${k} | ${found.get(k)}/${runs} | ${fmt(percentile(s, 50))} | ${fmt(percentile(s, 95))} | ${fmt(percentile(b, 50))} | ${fmt(percentile(b, 95))} | ${(percentile(b, 50) / percentile(s, 50)).toFixed(0)}× |`,
      );
    }
    const all = [...times.values()].flat();
    const allBase = [...baseline.values()].flat();
    const p95 = percentile(all, 95);
    lines.push(
      `| **overall** | | **${fmt(percentile(all, 50))}** | **${fmt(p95)}** | ${fmt(percentile(allBase, 50))} | ${fmt(percentile(allBase, 95))} | ${(percentile(allBase, 50) / percentile(all, 50)).toFixed(0)}× |`,
      "",
      "Slowest searches:",
      ...slowest
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 5)
        .map((x) => `- ${fmt(x.ms)} ms: ${x.what}`),
      "",
      "Scans per kind (EXPLAIN of the candidate query, as an agent):",
      ...plans.map((p) => `- ${p}`),
      "",
      p95 < P95_BUDGET_MS ? `PASS: overall p95 ${fmt(p95)} ms < ${P95_BUDGET_MS} ms` : `FAIL: overall p95 ${fmt(p95)} ms ≥ ${P95_BUDGET_MS} ms`,
    );
    console.log(lines.join("\n"));
    failed = p95 >= P95_BUDGET_MS;
  } finally {
    await prisma?.$disconnect();
    if (reuse || process.argv.includes("--keep")) log(`kept database ${dbName}`);
    else await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
  }
  if (failed) process.exitCode = 1;
}

await main();
