import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCheckpoint } from "@/lib/audit/checkpoints/make-checkpoint";
import { generateSigningKeyPem, keysFrom } from "@/lib/audit/checkpoints/keys";
import { exportAnchor } from "@/lib/audit/export-anchor";
import { recordAudit } from "@/lib/audit/record-audit";
import { seedStaff, seedTicket } from "@/lib/audit/testing/seed-tickets";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { expireTicketsJob } from "@/lib/scheduler/jobs";
import { runJobOnce } from "@/lib/scheduler/run-job-once";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/test-db";
import { APP_ROLE, grantAppRole } from "./roles";

// Roles are a PostgreSQL matter (PGlite has one superuser): these run against the real server.
describe("least-privileged app role on postgresql", () => {
  let t: TestDatabase;
  let owner: pg.Client;
  let app: PrismaClient;
  let raw: pg.Client;
  const login = `rc_app_test_${randomUUID().replaceAll("-", "").slice(0, 10)}`;
  const keys = keysFrom({ signing: generateSigningKeyPem() });

  beforeAll(async () => {
    t = await openTestDatabase("postgresql");
    owner = new pg.Client({ connectionString: t.url! });
    await owner.connect();
    await t.db.$transaction((tx) => recordAudit(tx, { actor: { id: null, label: "owner" }, action: "test.before" }));
    const grants = await grantAppRole(owner, { login });
    expect(grants.tables).toEqual(
      expect.arrayContaining([
        { name: "AuditEvent", privileges: "SELECT, INSERT" },
        { name: "AuditCheckpoint", privileges: "SELECT, INSERT" },
        { name: "Ticket", privileges: "SELECT, INSERT, UPDATE, DELETE" },
      ]),
    );
    const url = new URL(t.url!);
    url.username = login;
    url.password = "";
    app = new PrismaClient({ adapter: new PrismaPg({ connectionString: url.toString(), max: 3 }) });
    raw = new pg.Client({ connectionString: url.toString() });
    await raw.connect();
  });
  afterAll(async () => {
    await raw?.end();
    await app?.$disconnect();
    await t.close();
    await owner.query(`DROP ROLE IF EXISTS "${login}"`).catch(() => {});
    await owner.end();
  });

  it("connects as a member of reset_console_app, not as the owner and not as a superuser", async () => {
    const { rows } = await raw.query<{ who: string; su: string; member: boolean }>(
      `SELECT current_user AS who, current_setting('is_superuser') AS su, pg_has_role(current_user, $1, 'member') AS member`,
      [APP_ROLE],
    );
    expect(rows[0]).toEqual({ who: login, su: "off", member: true });
  });

  it("normal operations still work: staff, tickets, the audit chain, scheduled jobs, checkpoints, anchors and verify", async () => {
    const staff = await seedStaff(app, "AGENT");
    await app.user.update({ where: { id: staff.id }, data: { name: "Renamed agent" } });
    const ticket = await seedTicket(app, { createdById: staff.id, status: "READY", expiresAt: new Date(Date.now() - 60_000) });
    await app.$transaction((tx) => recordAudit(tx, { actor: { id: staff.id, label: "Renamed agent" }, action: "ticket.note_added", ticketId: ticket.id }));
    expect(await runJobOnce({ db: app, job: expireTicketsJob })).toMatchObject({ ran: true });
    expect(await app.ticket.findUniqueOrThrow({ where: { id: ticket.id }, select: { status: true } })).toEqual({ status: "EXPIRED" });
    await app.setting.upsert({ where: { key: "roles.test" }, create: { key: "roles.test", value: 1 }, update: { value: 2 } });
    await app.setting.delete({ where: { key: "roles.test" } });
    expect((await makeCheckpoint({ db: app, key: keys.signing! })).made).toMatchObject({ number: "1" });
    expect(await exportAnchor({ db: app, actor: { id: staff.id, label: "Renamed agent" }, ip: null })).toMatchObject({ seq: expect.any(String) });
    expect(await verifyAuditChain({ db: app, keys })).toMatchObject({ ok: true, checkpoints: { count: 1, uncovered: 1 } });
  });

  it.each(["AuditEvent", "AuditCheckpoint"])("cannot UPDATE, DELETE, TRUNCATE, ALTER or DROP %s, nor switch its trigger off", async (table) => {
    const denied = /permission denied|must be owner/;
    await expect(raw.query(`UPDATE "${table}" SET "${table === "AuditEvent" ? "action" : "keyId"}" = 'x'`)).rejects.toThrow(/permission denied for table/);
    await expect(raw.query(`DELETE FROM "${table}"`)).rejects.toThrow(/permission denied for table/);
    await expect(raw.query(`TRUNCATE "${table}"`)).rejects.toThrow(/permission denied for table/);
    await expect(raw.query(`ALTER TABLE "${table}" DISABLE TRIGGER USER`)).rejects.toThrow(/must be owner of table/);
    await expect(raw.query(`ALTER TABLE "${table}" ADD COLUMN "x" int`)).rejects.toThrow(/must be owner of table/);
    await expect(raw.query(`DROP TABLE "${table}"`)).rejects.toThrow(/must be owner of table/);
    await expect(raw.query(`SET session_replication_role = replica`)).rejects.toThrow(denied);
    await expect(raw.query(`CREATE TABLE "${table}_copy" (x int)`)).rejects.toThrow(/permission denied for schema/);
    // The owner's view: everything is still there and intact.
    expect(await verifyAuditChain({ db: t.db, keys })).toMatchObject({ ok: true });
  });

  it("re-running is idempotent and leaves an existing role's attributes alone (NOLOGIN stays NOLOGIN)", async () => {
    const again = await grantAppRole(owner, { login });
    expect(again.created).toBe(false);
    const { rows } = await owner.query<{ rolcanlogin: boolean; rolsuper: boolean }>("SELECT rolcanlogin, rolsuper FROM pg_roles WHERE rolname = $1", [
      APP_ROLE,
    ]);
    expect(rows[0]).toEqual({ rolcanlogin: false, rolsuper: false });
    await expect(raw.query(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/permission denied/);
    await expect(grantAppRole(owner, { role: "postgres" })).rejects.toThrow(/is a superuser/);
    await expect(grantAppRole(owner, { role: 'x"; DROP TABLE "Ticket' })).rejects.toThrow(/role name/);
  });
});
