// npm run bench:inbound -- [--count 1000] [--rate 10] [--workers N]
// Inbound email at a steady rate through the real SMTP listener on PostgreSQL: every message a
// photo of a genuine QR challenge (a JPEG attachment) from the recorder's owner of record. Prints
// throughput, the lag from "message accepted" (end of SMTP DATA) to "ticket ready" (its commit)
// as p50/p95/max, and the event loop's delay while it ran (decoding runs on worker threads, so it
// stays small). Scratch database on 127.0.0.1:5432 (BENCH_DATABASE_URL), dropped afterwards.
import { monitorEventLoopDelay } from "node:perf_hooks";
import nodemailer from "nodemailer";
import pg from "pg";
import { createDb, setDb } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import { createMigrationAdapter } from "@/lib/db/migration-adapter";
import { startSmtpListener } from "@/lib/inbound/smtp-listener";
import { qrPhoto } from "@/lib/inbound/testing/mail";
import { setMasterKeysForTests } from "@/lib/keys/master-keys";
import { createDecodePool, defaultPoolSize } from "@/lib/qr/server/decode-pool";
import { recorderChallenge, seedDevice, TEST_KEYS } from "@/lib/testing/fixtures";

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const log = (msg: string) => console.log(`[bench:inbound] ${msg}`);

async function main() {
  const count = Number(arg("--count") ?? "1000");
  const rate = Number(arg("--rate") ?? "10");
  const workers = Number(arg("--workers") ?? String(Math.max(2, defaultPoolSize())));
  const dbName = `reset_console_bench_inbound_${process.pid}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  setMasterKeysForTests(TEST_KEYS);
  const pool = createDecodePool({ size: workers, maxQueue: 100_000 });
  const db = createDb({ engine: "postgresql", url: url.toString() });
  setDb(db);
  try {
    log(`migrating ${dbName}`);
    await applyMigrations(createMigrationAdapter({ engine: "postgresql", url: url.toString() }));
    log(`seeding ${count} recorders and photographing their QR codes`);
    const messages: { from: string; photo: Buffer }[] = [];
    for (let i = 0; i < count; i += 20) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(20, count - i) }, async () => {
          const device = await seedDevice(db);
          const owner = `owner-${device.serial.toLowerCase()}@example.com`;
          return { from: owner, photo: await qrPhoto(recorderChallenge({ serial: device.serial, reservedEmail: owner })) };
        }),
      );
      messages.push(...batch);
    }
    const smtp = await startSmtpListener({ db, port: 0, pool });
    const transport = nodemailer.createTransport({
      host: "127.0.0.1",
      port: smtp.port,
      secure: false,
      ignoreTLS: true,
      pool: true,
      maxConnections: 50,
      maxMessages: Infinity,
    });
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    log(`sending ${count} emails at ${rate}/s to the SMTP listener (${workers} decode workers)`);
    const started = Date.now();
    const sends: Promise<unknown>[] = [];
    let failed = 0;
    for (let i = 0; i < count; i++) {
      const due = started + (i * 1000) / rate;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const m = messages[i]!;
      sends.push(
        transport
          .sendMail({
            from: m.from,
            to: "support@reset.example",
            subject: "Forgot my password",
            text: "Photo of the screen attached.",
            attachments: [{ filename: `IMG_${i}.jpg`, content: m.photo, contentType: "image/jpeg" }],
          })
          .catch(() => failed++),
      );
    }
    await Promise.all(sends);
    const elapsed = (Date.now() - started) / 1000;
    loop.disable();
    transport.close();
    await smtp.close();
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    const { rows } = await client.query<{ outcome: string; n: string; p50: number; p95: number; max: number }>(`
      SELECT m."outcome", count(*) AS n,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM t."createdAt" - m."acceptedAt")) AS p50,
        percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM t."createdAt" - m."acceptedAt")) AS p95,
        max(extract(epoch FROM t."createdAt" - m."acceptedAt")) AS max
      FROM "InboundMessage" m JOIN "Ticket" t ON t."id" = m."ticketId" GROUP BY m."outcome"`);
    const ready = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM "Ticket" WHERE "status" = 'READY'`)).rows[0]!.n);
    await client.end();
    log(`done in ${elapsed.toFixed(1)} s: ${(count / elapsed).toFixed(2)} messages/s offered ${rate}/s; ${failed} refused by the listener`);
    for (const r of rows)
      log(
        `${r.outcome}: ${r.n} tickets; accepted → ticket ready p50 ${Number(r.p50).toFixed(3)} s, p95 ${Number(r.p95).toFixed(3)} s, max ${Number(r.max).toFixed(3)} s`,
      );
    log(`READY tickets: ${ready}/${count} (goal: p95 < 5 s at 10 messages/s)`);
    log(
      `event loop delay while running: p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms, max ${(loop.max / 1e6).toFixed(1)} ms (decoding runs on worker threads)`,
    );
  } finally {
    await pool.close();
    await db.$disconnect();
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
