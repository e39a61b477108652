import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES } from "@/lib/testing/databases";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/test-db";
import { recordAudit } from "./record-audit";
import { verifyAuditChain } from "./verify-chain";

const actor = { id: null, label: "test" };

describe.each(ENGINES)("audit chain on %s", (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(engine);
    // PGlite loads its data on first use: outside the timed transactions below.
    await t.db.$queryRaw`SELECT 1`;
    for (let i = 1; i <= 12; i++) {
      await t.db.$transaction((tx) => recordAudit(tx, { actor, action: "test.event", ip: "127.0.0.1", details: { i, note: `event ${i}`, tags: ["a", "b"] } }));
    }
  });
  afterAll(() => t.close());

  it("verifies an intact chain and returns its anchor", async () => {
    const report = await verifyAuditChain({ db: t.db, batchSize: 5 });
    const last = await t.db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    expect(report).toEqual({
      ok: true,
      checked: 12,
      anchor: { seq: "12", hash: last.hash },
      checkpoints: { count: 0, verifiedUpTo: null, uncovered: 12, exported: null },
    });
  });

  it("the database refuses UPDATE, DELETE and TRUNCATE", async () => {
    await expect(t.db.$executeRawUnsafe(`UPDATE "AuditEvent" SET "action" = 'x' WHERE "seq" = 3`)).rejects.toThrow(/append-only/);
    await expect(t.db.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "seq" = 3`)).rejects.toThrow(/append-only/);
    await expect(t.db.$executeRawUnsafe(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
    await expect(t.db.auditEvent.update({ where: { seq: 3n }, data: { action: "x" } })).rejects.toThrow();
    expect((await verifyAuditChain({ db: t.db })).ok).toBe(true);
  });

  it("an edit that bypasses the trigger is caught at that event, and so is a deletion", async () => {
    // What a superuser could do: switch triggers off for the session and rewrite history.
    await t.db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`);
      await tx.$executeRawUnsafe(`UPDATE "AuditEvent" SET "details" = '{"i": 7, "note": "nothing happened", "tags": ["a","b"]}' WHERE "seq" = 7`);
    });
    expect(await verifyAuditChain({ db: t.db, batchSize: 4 })).toMatchObject({ ok: false, brokenAt: "7", reason: "hash-mismatch" });

    await t.db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`);
      await tx.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "seq" = 5`);
    });
    expect(await verifyAuditChain({ db: t.db })).toMatchObject({ ok: false, brokenAt: "5", reason: "gap" });
  });

  it("a cut at the tail is caught by the anchor kept outside the database", async () => {
    const other = await openTestDatabase(engine);
    for (let i = 0; i < 6; i++) await other.db.$transaction((tx) => recordAudit(tx, { actor, action: "test.event", details: { i } }));
    const before = await verifyAuditChain({ db: other.db });
    if (!before.ok || !before.anchor) throw new Error("expected an intact chain");
    await other.db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`);
      await tx.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "seq" >= 4`);
    });
    // The shortened chain is internally consistent...
    expect((await verifyAuditChain({ db: other.db })).ok).toBe(true);
    // ...but no longer reaches the anchor.
    expect(await verifyAuditChain({ db: other.db, anchor: before.anchor })).toMatchObject({ ok: false, reason: "anchor-mismatch", brokenAt: "6" });
    await other.close();
  });
});
