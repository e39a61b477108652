/**
 * Device CSV import benchmark: `tsx --conditions=react-server bench/devices/import-bench.ts`
 * (npm run bench:import). Generates a deterministic 200,000-row file, imports it on PGlite (in
 * memory) and on a scratch PostgreSQL database (127.0.0.1:5432, dropped after), and compares with
 * a naive row-by-row Prisma upsert on 5,000 rows, extrapolated. Prints a markdown table.
 * Peak RSS is this process's (PGlite runs inside it; a PostgreSQL server's memory is its own).
 */
import { createReadStream } from "node:fs";
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { Db } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import { createMigrationAdapter, pgliteMigrationAdapter } from "@/lib/db/migration-adapter";
import { openPGlite } from "@/lib/db/pglite";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { importDevices } from "@/lib/devices/import/import-devices";
import { parseDeviceCsv } from "@/lib/devices/import/parse-device-csv";

const ROWS = Number(process.env.BENCH_ROWS ?? 200_000);
const BASELINE_ROWS = Number(process.env.BENCH_BASELINE_ROWS ?? 5_000);
const PG_ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const SCRATCH_DB = `reset_console_bench_import_${process.pid}`;
const RSS_SAMPLE_MS = 50;
const HEADER = "serial,model,mac,key_version,status,owner_email,owner_name,bound_since,source";
const MODELS = ["NVR-8016", "DVR-4104", "NVR-16P", "DVR-8108"];
const STATUSES = ["ACTIVE", "ACTIVE", "ACTIVE", "BLOCKED", "STOLEN"];

/** Row i of the synthetic registry: ~3 devices per owner, every value derived from i. */
function row(i: number): string {
  const serial = `BN${String(i).padStart(8, "0")}`;
  const mac = (0x3c0000000000 + i)
    .toString(16)
    .toUpperCase()
    .padStart(12, "0")
    .replace(/(..)(?!$)/g, "$1:");
  const owner = Math.floor(i / 3);
  const day = new Date(Date.UTC(2020, 0, 1) + (i % 2000) * 86_400_000).toISOString().slice(0, 10);
  return `${serial},${MODELS[i % MODELS.length]},${mac},${1 + (i % 3)},${STATUSES[i % STATUSES.length]},owner${owner}@bench.example,Owner ${owner},${day},bench`;
}

async function writeCsv(file: string, rows: number) {
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) lines.push(row(i));
  await writeFile(file, `${lines.join("\n")}\n`);
}

/** Runs fn while sampling RSS; returns its duration and the peak seen. */
async function measure<T>(fn: () => Promise<T>): Promise<{ result: T; ms: number; peakRss: number }> {
  let peakRss = process.memoryUsage().rss;
  const timer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), RSS_SAMPLE_MS);
  const start = performance.now();
  try {
    const result = await fn();
    return { result, ms: performance.now() - start, peakRss: Math.max(peakRss, process.memoryUsage().rss) };
  } finally {
    clearInterval(timer);
  }
}

const actor = { id: null, label: "bench" };
/** Every version the synthetic rows use has a master key (the check itself is part of what is timed). */
const KEY_VERSIONS = [1, 2, 3];

async function importFile(db: Db, file: string) {
  const report = await importDevices({
    db,
    actor,
    ip: "127.0.0.1",
    fileName: path.basename(file),
    source: createReadStream(file),
    dryRun: false,
    ownerChangesAuthorized: false,
    keyVersions: KEY_VERSIONS,
  });
  if (!report.imported) throw new Error(`import failed: ${report.fatal ?? JSON.stringify(report.errors.slice(0, 3))}`);
  return report;
}

/** The naive way: one owner upsert and one device upsert per row, each a round trip. */
async function naiveImport(db: Db, file: string) {
  const parsed = await parseDeviceCsv({ source: createReadStream(file), keyVersions: KEY_VERSIONS });
  for (const r of parsed.rows) {
    const owner = await db.owner.upsert({ where: { email: r.ownerEmail }, create: { email: r.ownerEmail, name: r.ownerName }, update: { name: r.ownerName } });
    const data = { model: r.model, mac: r.mac, keyVersion: r.keyVersion, status: r.status, ownerId: owner.id, ownerSince: r.boundSince, ownerSource: r.source };
    await db.device.upsert({ where: { serial: r.serial }, create: { serial: r.serial, ...data }, update: data });
  }
  return parsed.rows.length;
}

type Result = { engine: string; method: string; rows: number; ms: number; peakRss: number; extrapolated?: boolean };

async function benchEngine(engine: string, open: () => Promise<{ db: Db; close(): Promise<void> }>, file: string, baselineFile: string): Promise<Result[]> {
  const results: Result[] = [];
  {
    const { db, close } = await open();
    const m = await measure(() => importFile(db, file));
    results.push({ engine, method: "importDevices (batched INSERT … ON CONFLICT)", rows: m.result.rows, ms: m.ms, peakRss: m.peakRss });
    const again = await measure(() => importFile(db, file));
    results.push({ engine, method: "re-import, all unchanged", rows: again.result.rows, ms: again.ms, peakRss: again.peakRss });
    await close();
  }
  {
    const { db, close } = await open();
    const m = await measure(() => naiveImport(db, baselineFile));
    results.push({
      engine,
      method: `baseline: row-by-row Prisma upsert (${m.result} rows, extrapolated)`,
      rows: m.result,
      ms: m.ms,
      peakRss: m.peakRss,
      extrapolated: true,
    });
    await close();
  }
  return results;
}

async function openPglite() {
  const client = openPGlite();
  await applyMigrations(pgliteMigrationAdapter(client));
  const db = new PrismaClient({ adapter: new PrismaPGlite(client) });
  return { db, close: async () => (await db.$disconnect(), await client.close()) };
}

async function adminQuery(sql: string) {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function openPostgres() {
  await adminQuery(`DROP DATABASE IF EXISTS "${SCRATCH_DB}" WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE "${SCRATCH_DB}"`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${SCRATCH_DB}`;
  await applyMigrations(createMigrationAdapter({ engine: "postgresql", url: url.toString() }));
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url.toString(), max: 2 }) });
  return { db, close: async () => (await db.$disconnect(), await adminQuery(`DROP DATABASE IF EXISTS "${SCRATCH_DB}" WITH (FORCE)`)) };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function main() {
  const dir = await mkdtemp(path.join(os.tmpdir(), "import-bench-"));
  try {
    const file = path.join(dir, "devices-200k.csv");
    const baselineFile = path.join(dir, "devices-baseline.csv");
    await writeCsv(file, ROWS);
    await writeCsv(baselineFile, BASELINE_ROWS);
    console.log(`generated ${ROWS} rows (${mb((await stat(file)).size)}); baseline ${BASELINE_ROWS} rows`);
    const results = [
      ...(await benchEngine("PGlite (in memory)", openPglite, file, baselineFile)),
      ...(await benchEngine("PostgreSQL 127.0.0.1", openPostgres, file, baselineFile)),
    ];
    console.log("\n| engine | method | rows | time | rows/s | peak RSS | speed-up vs baseline |");
    console.log("|---|---|---:|---:|---:|---:|---:|");
    for (const r of results) {
      const rate = r.rows / (r.ms / 1000);
      const baseline = results.find((b) => b.engine === r.engine && b.extrapolated);
      const baseRate = baseline ? baseline.rows / (baseline.ms / 1000) : rate;
      const time = r.extrapolated ? `${(r.ms / 1000).toFixed(1)} s (≈ ${(ROWS / rate / 60).toFixed(1)} min for ${ROWS})` : `${(r.ms / 1000).toFixed(1)} s`;
      console.log(
        `| ${r.engine} | ${r.method} | ${r.rows} | ${time} | ${rate.toFixed(0)} | ${mb(r.peakRss)} | ${r.extrapolated ? "1×" : `${(rate / baseRate).toFixed(1)}×`} |`,
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
