import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES } from "@/lib/testing/databases";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/test-db";
import { importDevices } from "./import-devices";

const HEADER = "serial,model,mac,key_version,status,owner_email,owner_name,bound_since,source";
const actor = { id: null, label: "Import Admin" };

function bytes(text: string | Uint8Array, chunk = 7): AsyncIterable<Uint8Array> {
  const all = typeof text === "string" ? new TextEncoder().encode(text) : text;
  return (async function* () {
    for (let i = 0; i < all.length; i += chunk) yield all.slice(i, i + chunk);
  })();
}

function run(t: TestDatabase, csv: string | Uint8Array, opts: { dryRun?: boolean; authorized?: boolean } = {}) {
  return importDevices({
    db: t.db,
    actor,
    ip: "127.0.0.1",
    fileName: "devices.csv",
    source: bytes(csv),
    dryRun: opts.dryRun ?? false,
    ownerChangesAuthorized: opts.authorized ?? false,
  });
}

describe.each(ENGINES)("importDevices on %s", (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(engine);
  });
  afterAll(() => t.close());

  const good = [
    HEADER,
    "NVR-GOOD-0001,NVR-8016,aa:bb:cc:dd:ee:01,1,ACTIVE,One@Example.com,Owner One,2025-01-31,factory",
    "NVR-GOOD-0002,NVR-8016,AA-BB-CC-DD-EE-02,2,BLOCKED,two@example.com,Owner Two,2025-02-01T10:00:00Z,reseller",
    'NVR-GOOD-0003,DVR-4104,AABBCCDDEE03,1,ACTIVE,one@example.com,Owner One,2025-03-01,"shop, main"',
  ].join("\n");

  it("previews a good file without writing, then imports it and is idempotent", async () => {
    const preview = await run(t, good, { dryRun: true });
    expect(preview.counts).toEqual({ create: 3, update: 0, unchanged: 0, ownerChanges: 0, statusChanges: 0 });
    expect(await t.db.device.count()).toBe(0);

    const report = await run(t, good);
    expect(report.imported).toBe(true);
    const device = await t.db.device.findUniqueOrThrow({ where: { serial: "NVR-GOOD-0002" }, include: { owner: true } });
    expect(device).toMatchObject({
      mac: "AABBCCDDEE02",
      keyVersion: 2,
      status: "BLOCKED",
      ownerSource: "reseller",
      owner: { email: "two@example.com", name: "Owner Two" },
    });
    expect(device.ownerSince?.toISOString()).toBe("2025-02-01T10:00:00.000Z");
    expect(await t.db.owner.count()).toBe(2);
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { action: "device.import" } });
    expect(audit.details).toMatchObject({ fileName: "devices.csv", create: 3, rows: 3 });
    expect((audit.details as { sha256: string }).sha256).toMatch(/^[0-9a-f]{64}$/);

    const again = await run(t, good, { dryRun: true });
    expect(again.counts).toMatchObject({ create: 0, update: 0, unchanged: 3 });
  });

  it("re-activating a blocked or stolen recorder by import needs the same authorisation as an owner change", async () => {
    const stolen = [HEADER, "NVR-STOLEN-01,NVR-8016,AABBCCDDEE11,1,STOLEN,s@example.com,Owner S,2025-01-01,factory"].join("\n");
    expect((await run(t, stolen)).imported).toBe(true);
    const active = stolen.replace(",STOLEN,", ",ACTIVE,");
    const refused = await run(t, active);
    expect(refused.imported).toBeFalsy();
    expect(refused.errors).toEqual([expect.objectContaining({ line: 2, field: "status" })]);
    expect((await t.db.device.findUniqueOrThrow({ where: { serial: "NVR-STOLEN-01" } })).status).toBe("STOLEN");
    expect((await run(t, active, { authorized: true })).imported).toBe(true);
    expect((await t.db.device.findUniqueOrThrow({ where: { serial: "NVR-STOLEN-01" } })).status).toBe("ACTIVE");
  });

  it("reports wrong columns from the header", async () => {
    const report = await run(t, "serial,model,mac,key_version,status,owner_email,owner_nam,bound_since,source,extra\nX");
    expect(report.fatal).toContain("missing column(s): owner_name");
    expect(report.fatal).toContain("unknown column(s): owner_nam, extra");
  });

  it("accepts columns in any order", async () => {
    const report = await run(
      t,
      "source,serial,model,mac,key_version,status,owner_email,owner_name,bound_since\nfactory,NVR-ORDER-01,M,AABBCCDDEEFF,3,ACTIVE,o@example.com,O,2025-01-01",
      { dryRun: true },
    );
    expect(report.counts?.create).toBe(1);
  });

  it("reports bad rows with their line and field, duplicates included, and imports nothing", async () => {
    const before = await t.db.device.count();
    const csv = [
      HEADER,
      "NVR-BAD-00001,M,AABBCCDDEEFF,1,ACTIVE,a@example.com,A,2025-01-01,f",
      "bad serial!,M,AABBCCDDEEFF,1,ACTIVE,a@example.com,A,2025-01-01,f",
      "NVR-BAD-00003,M,XYZ,1,ACTIVE,a@example.com,A,2025-01-01,f",
      "NVR-BAD-00004,M,AABBCCDDEEFF,256,LOST,not-an-email,A,31/01/2025,f",
      "NVR-BAD-00001,M,AABBCCDDEEFF,1,ACTIVE,a@example.com,A,2025-01-01,f",
      "NVR-BAD-00006,M,AABBCCDDEEFF,1,ACTIVE",
    ].join("\n");
    const report = await run(t, csv);
    expect(report.imported).toBe(false);
    expect(report.errors.map((e) => [e.line, e.field])).toEqual([
      [3, "serial"],
      [4, "mac"],
      [5, "key_version"],
      [5, "status"],
      [5, "owner_email"],
      [5, "bound_since"],
      [6, "serial"],
      [7, null],
    ]);
    expect(report.errors[6]!.message).toContain("already on line 2");
    expect(await t.db.device.count()).toBe(before);
  });

  it("refuses huge fields and non-UTF-8 bytes with a clear message", async () => {
    const huge = await run(t, `${HEADER}\nNVR-HUGE-0001,${"M".repeat(10_000)},AABBCCDDEEFF,1,ACTIVE,a@example.com,A,2025-01-01,f`);
    expect(huge.fatal).toMatch(/Line 2: a record is longer than 4096 bytes/);
    const latin1 = new Uint8Array([
      ...new TextEncoder().encode(`${HEADER}\nNVR-LAT-00001,M,AABBCCDDEEFF,1,ACTIVE,a@example.com,Ren`),
      0xe9,
      ...new TextEncoder().encode(",2025-01-01,f\n"),
    ]);
    const report = await run(t, latin1);
    expect(report.fatal).toMatch(/not UTF-8/);
  });

  it("stores a formula-like owner name as data but echoes it defused", async () => {
    const evil = '=HYPERLINK("http://evil.example","click")';
    const ok = await run(t, `${HEADER}\nNVR-EVIL-0001,M,AABBCCDDEEFF,1,ACTIVE,evil@example.com,"${evil.replaceAll('"', '""')}",2025-01-01,f`);
    expect(ok.imported).toBe(true);
    expect((await t.db.owner.findUniqueOrThrow({ where: { email: "evil@example.com" } })).name).toBe(evil);
    const bad = await run(t, `${HEADER}\nNVR-EVIL-0002,M,AABBCCDDEEFF,1,ACTIVE,"=1+cmd|' /C calc'!A0",N,2025-01-01,f`);
    expect(bad.errors[0]!.message).toContain(`"'=1+cmd|' /C calc'!A0"`);
  });

  it("refuses owner changes unless authorised, then notifies the previous owner", async () => {
    const changed = good.replace("two@example.com,Owner Two", "new.owner@example.com,New Owner");
    const refused = await run(t, changed);
    expect(refused.imported).toBe(false);
    expect(refused.errors).toEqual([expect.objectContaining({ line: 3, field: "owner_email" })]);
    expect((await t.db.device.findUniqueOrThrow({ where: { serial: "NVR-GOOD-0002" }, include: { owner: true } })).owner?.email).toBe("two@example.com");

    const done = await run(t, changed, { authorized: true });
    expect(done.imported).toBe(true);
    expect(done.counts).toMatchObject({ update: 1, unchanged: 2, ownerChanges: 1 });
    const mail = await t.db.outboxEmail.findFirstOrThrow({ where: { kind: "OWNER_CHANGE_NOTICE", to: "two@example.com" } });
    expect(mail.payload).toMatchObject({ deviceSerial: "NVR-GOOD-0002", newOwnerMasked: "n***r@example.com" });
    expect(await t.db.auditEvent.count({ where: { serial: "NVR-GOOD-0002", action: "device.owner_changed" } })).toBe(1);
  });
});
