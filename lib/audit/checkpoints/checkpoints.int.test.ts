import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { auditCheckpointJob } from "@/lib/scheduler/jobs";
import { runJobOnce } from "@/lib/scheduler/run-job-once";
import { ENGINES } from "@/lib/testing/databases";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/test-db";
import { runCheckpointCli } from "../cli/checkpoint";
import { runVerifyCli } from "../cli/verify";
import { eventHash } from "../event-hash";
import { recordAudit } from "../record-audit";
import { verifyAuditChain } from "../verify-chain";
import { generateSigningKeyPem, keysFrom, publicKeyPem, type CheckpointKeys } from "./keys";
import { makeCheckpoint, uncoveredAuditEvents } from "./make-checkpoint";

const actor = { id: null, label: "test" };

async function append(db: Db, n: number) {
  for (let i = 0; i < n; i++) await db.$transaction((tx) => recordAudit(tx, { actor, action: "test.event", details: { i, note: `event ${i}` } }));
}

/** What a database superuser can do: switch the append-only triggers off, run SQL, switch them back on. */
async function asSuperuser(db: Db, table: "AuditEvent" | "AuditCheckpoint", work: (db: Db) => Promise<unknown>) {
  await db.$executeRawUnsafe(`ALTER TABLE "${table}" DISABLE TRIGGER USER`);
  try {
    await work(db);
  } finally {
    await db.$executeRawUnsafe(`ALTER TABLE "${table}" ENABLE TRIGGER USER`);
  }
}

/** Rewrites one event's details, then recomputes every hash from it to the head: a chain that is internally valid again. */
async function rewriteAndRechain(db: Db, seq: number) {
  await asSuperuser(db, "AuditEvent", async () => {
    await db.$executeRawUnsafe(`UPDATE "AuditEvent" SET "details" = '{"i": 0, "note": "nothing happened"}' WHERE "seq" = ${seq}`);
    const rows = await db.auditEvent.findMany({ where: { seq: { gte: BigInt(seq) } }, orderBy: { seq: "asc" } });
    let prevHash = (await db.auditEvent.findUniqueOrThrow({ where: { seq: BigInt(seq - 1) } })).hash;
    for (const row of rows) {
      const hash = eventHash(row, prevHash);
      await db.$executeRawUnsafe(`UPDATE "AuditEvent" SET "prevHash" = $1, "hash" = $2 WHERE "seq" = $3`, prevHash, hash, row.seq);
      prevHash = hash;
    }
  });
}

describe.each(ENGINES)("signed audit checkpoints on %s", (engine) => {
  const keys: CheckpointKeys = keysFrom({ signing: generateSigningKeyPem() });
  const open: TestDatabase[] = [];
  const dirs: string[] = [];

  async function freshDb() {
    const t = await openTestDatabase(engine);
    open.push(t);
    // PGlite loads its data on first use: outside the timed transactions below.
    await t.db.$queryRaw`SELECT 1`;
    return t;
  }

  /** A fresh log: 14 events, checkpoints #1–#3 at events 4, 8 and 12, exported to a directory. */
  async function signedLog() {
    const t = await freshDb();
    const dir = await mkdtemp(path.join(tmpdir(), "audit-ckpt-"));
    dirs.push(dir);
    for (let i = 0; i < 3; i++) {
      await append(t.db, 4);
      await makeCheckpoint({ db: t.db, key: keys.signing!, exportDir: dir });
    }
    await append(t.db, 2);
    return { db: t.db, dir };
  }

  afterAll(async () => {
    for (const t of open) await t.close();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });
  afterEach(() => vi.unstubAllEnvs());

  it("an untampered log verifies: up to event 12, 2 events not yet covered, every exported copy matching", async () => {
    const { db, dir } = await signedLog();
    expect((await readdir(dir)).sort()).toEqual([
      "audit-checkpoint-000000000001.json",
      "audit-checkpoint-000000000002.json",
      "audit-checkpoint-000000000003.json",
    ]);
    const report = await verifyAuditChain({ db, keys, exportDir: dir, batchSize: 5 });
    const twelfth = await db.auditEvent.findUniqueOrThrow({ where: { seq: 12n } });
    expect(report).toEqual({
      ok: true,
      checked: 14,
      anchor: { seq: "14", hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
      checkpoints: {
        count: 3,
        verifiedUpTo: { seq: "12", at: twelfth.at.toISOString(), checkpoint: "3", signedAt: expect.any(String), keyId: keys.signing!.keyId },
        uncovered: 2,
        exported: { dir, count: 3, notYetExported: 0 },
      },
    });
    expect(await uncoveredAuditEvents(db)).toMatchObject({ head: "14", coveredUpTo: "12", uncovered: 2, lastCheckpoint: { number: "3", eventSeq: "12" } });

    const lines: string[] = [];
    expect((await runVerifyCli({ argv: ["--checkpoints", dir], db, keys, print: (l) => lines.push(l) })).exitCode).toBe(0);
    expect(lines.join("\n")).toContain(
      `verified up to event #12 at ${twelfth.at.toISOString()} (checkpoint #3, key ${keys.signing!.keyId}); 2 events not yet covered.`,
    );
    expect(lines.join("\n")).toContain(`Exported copies in ${dir}: 3 match.`);
  });

  it("a checkpoint is made only when events came since the last; each names the previous one", async () => {
    const { db } = await signedLog();
    const rows = await db.auditCheckpoint.findMany({ orderBy: { number: "asc" } });
    expect(rows.map((r) => r.eventSeq)).toEqual([4n, 8n, 12n]);
    expect(rows[1]!.previous).toBe(rows[0]!.hash);
    expect(rows[2]!.previous).toBe(rows[1]!.hash);
    expect((await makeCheckpoint({ db, key: keys.signing! })).made).toMatchObject({ number: "4", eventSeq: "14", previous: rows[2]!.hash });
    expect((await makeCheckpoint({ db, key: keys.signing! })).made).toBeNull();
    // The app cannot change or remove one: the table is append-only like the events.
    await expect(db.$executeRawUnsafe(`UPDATE "AuditCheckpoint" SET "eventSeq" = 1 WHERE "number" = 1`)).rejects.toThrow(/AuditCheckpoint is append-only/);
    await expect(db.$executeRawUnsafe(`DELETE FROM "AuditCheckpoint" WHERE "number" = 4`)).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`TRUNCATE "AuditCheckpoint"`)).rejects.toThrow(/append-only/);
  });

  it("a rewrite of a covered event without new hashes fails at that event", async () => {
    const { db } = await signedLog();
    await asSuperuser(db, "AuditEvent", () => db.$executeRawUnsafe(`UPDATE "AuditEvent" SET "actorLabel" = 'someone else' WHERE "seq" = 6`));
    expect(await verifyAuditChain({ db, keys })).toMatchObject({ ok: false, brokenAt: "6", reason: "hash-mismatch" });
  });

  it("a rechained tail (trigger disabled, hashes recomputed forward) fails at the first checkpoint after the rewrite, naming the range", async () => {
    const { db, dir } = await signedLog();
    await rewriteAndRechain(db, 6);
    // Every event links to the one before and has its hash again, but event 8 no longer has the hash checkpoint #2 signed.
    expect(await verifyAuditChain({ db, keys })).toMatchObject({
      ok: false,
      reason: "checkpoint-mismatch",
      brokenAt: "8",
      checkpoint: "2",
      checked: 7,
      message: expect.stringContaining("events #5–#8 were rewritten and rechained"),
    });
    const lines: string[] = [];
    const cli = await runVerifyCli({ argv: ["--checkpoints", dir], db, keys, print: (l) => lines.push(l) });
    expect(cli.exitCode).toBe(1);
    expect(lines[0]).toMatch(/^BROKEN at event #8 \(checkpoint #2\): checkpoint-mismatch\. events #5–#8 were rewritten/);
  });

  it("editing a checkpoint to match is caught: by its hash, and when the hash is recomputed, by its signature", async () => {
    const { db } = await signedLog();
    await rewriteAndRechain(db, 6);
    const forged = await db.auditEvent.findUniqueOrThrow({ where: { seq: 8n } });
    await asSuperuser(db, "AuditCheckpoint", () => db.$executeRawUnsafe(`UPDATE "AuditCheckpoint" SET "eventHash" = $1 WHERE "number" = 2`, forged.hash));
    expect(await verifyAuditChain({ db, keys })).toMatchObject({ ok: false, reason: "checkpoint-hash", checkpoint: "2", brokenAt: "8" });

    const { fromRow, hashCheckpoint } = await import("./checkpoint");
    const row = fromRow(await db.auditCheckpoint.findUniqueOrThrow({ where: { number: 2n } }));
    await asSuperuser(db, "AuditCheckpoint", () => db.$executeRawUnsafe(`UPDATE "AuditCheckpoint" SET "hash" = $1 WHERE "number" = 2`, hashCheckpoint(row)));
    expect(await verifyAuditChain({ db, keys })).toMatchObject({ ok: false, reason: "checkpoint-signature", checkpoint: "2" });
  });

  it("a truncated log fails: the last checkpoint signed events that are gone", async () => {
    const { db } = await signedLog();
    await asSuperuser(db, "AuditEvent", () => db.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "seq" >= 11`));
    expect(await verifyAuditChain({ db, keys })).toMatchObject({
      ok: false,
      reason: "truncated",
      brokenAt: "11",
      checkpoint: "3",
      checked: 10,
      message: expect.stringContaining("ends at event #10 but checkpoint #3 signed events up to #12"),
    });
  });

  it("a deleted checkpoint fails: in the middle from the database alone, at the end against the exported copies", async () => {
    const middle = await signedLog();
    await asSuperuser(middle.db, "AuditCheckpoint", () => middle.db.$executeRawUnsafe(`DELETE FROM "AuditCheckpoint" WHERE "number" = 2`));
    expect(await verifyAuditChain({ db: middle.db, keys })).toMatchObject({ ok: false, reason: "checkpoint-missing", checkpoint: "2" });

    // A careful insider cuts the tail and the checkpoint that signed it: the database alone looks whole...
    const tail = await signedLog();
    await asSuperuser(tail.db, "AuditCheckpoint", () => tail.db.$executeRawUnsafe(`DELETE FROM "AuditCheckpoint" WHERE "number" = 3`));
    await asSuperuser(tail.db, "AuditEvent", () => tail.db.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "seq" > 8`));
    expect(await verifyAuditChain({ db: tail.db, keys })).toMatchObject({ ok: true, checked: 8, checkpoints: { count: 2, uncovered: 0 } });
    // ...but the copy kept outside still has checkpoint #3.
    expect(await verifyAuditChain({ db: tail.db, keys, exportDir: tail.dir })).toMatchObject({
      ok: false,
      reason: "checkpoint-missing",
      checkpoint: "3",
      brokenAt: "12",
      message: expect.stringContaining("deleted from the database"),
    });
    const lines: string[] = [];
    expect((await runVerifyCli({ argv: ["--checkpoints", tail.dir], db: tail.db, keys, print: (l) => lines.push(l) })).exitCode).toBe(1);
    expect(lines[0]).toContain("BROKEN at event #12 (checkpoint #3): checkpoint-missing");
  });

  it("an exported copy that was edited, or that differs from the database, fails", async () => {
    const { db, dir } = await signedLog();
    const file = path.join(dir, "audit-checkpoint-000000000002.json");
    const original = await readFile(file, "utf8");
    await writeFile(file, original.replace(/"eventSeq": "8"/, '"eventSeq": "7"'));
    expect(await verifyAuditChain({ db, keys, exportDir: dir })).toMatchObject({ ok: false, reason: "checkpoint-export-invalid", checkpoint: "2" });
    await writeFile(file, "{ not json");
    expect(await verifyAuditChain({ db, keys, exportDir: dir })).toMatchObject({ ok: false, reason: "checkpoint-export-invalid" });
    await writeFile(file, original);
    expect((await verifyAuditChain({ db, keys, exportDir: dir })).ok).toBe(true);
  });

  it("keys rotate: checkpoints by the old key verify while its public key is kept, fail when it is dropped", async () => {
    const { db } = await signedLog();
    const next = keysFrom({ signing: generateSigningKeyPem(), verify: [publicKeyPem(keys.signing!)] });
    expect((await makeCheckpoint({ db, key: next.signing! })).made).toMatchObject({ number: "4", keyId: next.signing!.keyId });
    expect(await verifyAuditChain({ db, keys: next })).toMatchObject({ ok: true, checkpoints: { count: 4, uncovered: 0 } });
    const onlyNew = keysFrom({ signing: null, verify: [publicKeyPem(next.signing!)] });
    expect(await verifyAuditChain({ db, keys: onlyNew })).toMatchObject({ ok: false, reason: "checkpoint-unknown-key", checkpoint: "1" });
  });

  it("the scheduler job signs every interval and at once when appends reach AUDIT_CHECKPOINT_EVERY; it exports after commit", async () => {
    const t = await freshDb();
    const dir = await mkdtemp(path.join(tmpdir(), "audit-ckpt-job-"));
    dirs.push(dir);
    // An instance without the key skips the job and leaves its shared row to the one that has it.
    expect(await runJobOnce({ db: t.db, job: auditCheckpointJob })).toEqual({ name: "audit.checkpoint", ran: false, reason: "disabled" });
    expect(await t.db.scheduledJob.findUnique({ where: { name: "audit.checkpoint" } })).toBeNull();
    vi.stubEnv("AUDIT_SIGNING_KEY", keys.signing!.privateKey.export({ type: "pkcs8", format: "pem" }).toString());
    vi.stubEnv("AUDIT_CHECKPOINT_EVERY", "5");
    vi.stubEnv("AUDIT_CHECKPOINT_DIR", dir);
    await append(t.db, 3);
    const start = new Date();
    expect(await runJobOnce({ db: t.db, job: auditCheckpointJob, now: start })).toMatchObject({
      ran: true,
      result: { made: 1, checkpoint: "1", eventSeq: "3" },
    });
    // Not due for ten minutes, and nothing new anyway.
    expect(await runJobOnce({ db: t.db, job: auditCheckpointJob, now: new Date(start.getTime() + 1000) })).toMatchObject({ ran: false, reason: "not-due" });
    await append(t.db, 1);
    expect(await runJobOnce({ db: t.db, job: auditCheckpointJob, now: new Date(start.getTime() + 2000) })).toMatchObject({ ran: false, reason: "not-due" });
    // Event 5 is a multiple of AUDIT_CHECKPOINT_EVERY: the job is due at once.
    await append(t.db, 1);
    expect(await runJobOnce({ db: t.db, job: auditCheckpointJob, now: new Date() })).toMatchObject({
      ran: true,
      result: { made: 1, checkpoint: "2", eventSeq: "5" },
    });
    expect((await readdir(dir)).sort()).toEqual(["audit-checkpoint-000000000001.json", "audit-checkpoint-000000000002.json"]);
    // A run with nothing new signs nothing.
    await t.db.scheduledJob.update({ where: { name: auditCheckpointJob.name }, data: { nextRunAt: new Date(0) } });
    expect(await runJobOnce({ db: t.db, job: auditCheckpointJob })).toMatchObject({ ran: true, result: { made: 0 } });
    expect(await verifyAuditChain({ db: t.db, exportDir: dir })).toMatchObject({ ok: true, checkpoints: { count: 2, uncovered: 0 } });
  });

  it("npm run audit:checkpoint signs on demand and exports; without a key it says so and exits 2", async () => {
    const t = await freshDb();
    const dir = await mkdtemp(path.join(tmpdir(), "audit-ckpt-cli-"));
    dirs.push(dir);
    await append(t.db, 4);
    const lines: string[] = [];
    expect(await runCheckpointCli({ argv: ["--export", dir], db: t.db, keys, print: (l) => lines.push(l) })).toEqual({ exitCode: 0 });
    expect(lines[0]).toMatch(/^Checkpoint #1 signed \(key [0-9a-f]{16}\): events #1–#4/);
    expect(lines[1]).toBe(`Exported to ${dir}: 1 new file, 0 already there.`);
    lines.length = 0;
    expect(await runCheckpointCli({ argv: ["--export", dir], db: t.db, keys, print: (l) => lines.push(l) })).toEqual({ exitCode: 0 });
    expect(lines).toEqual(["No events since checkpoint #1 (event #4); nothing new to sign.", `Exported to ${dir}: 0 new files, 1 already there.`]);
    const none = keysFrom({ signing: null });
    lines.length = 0;
    expect(await runCheckpointCli({ argv: [], db: t.db, keys: none, exportDir: null, print: (l) => lines.push(l) })).toEqual({ exitCode: 2 });
    expect(lines[0]).toContain("No signing key");
    expect(await runCheckpointCli({ argv: ["--export"], db: t.db, keys, print: () => {} })).toEqual({ exitCode: 2 });
    expect(await t.db.auditCheckpoint.count()).toBe(1);
  });
});
