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
    keyVersions: [1, 2],
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
      "source,serial,model,mac,key_version,status,owner_email,owner_name,bound_since\nfactory,NVR-ORDER-01,M,AABBCCDDEEFF,2,ACTIVE,o@example.com,O,2025-01-01",
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

describe.each(ENGINES)("importDevices forgives spreadsheet habits on %s", (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(engine);
  });
  afterAll(() => t.close());

  const rowsFor = (prefix: string, sep: string, status = "active") =>
    [
      HEADER.replaceAll(",", sep),
      [`${prefix}-0001`, "NVR-8016", "aa:bb:cc:dd:ee:01", "1", status, `${prefix.toLowerCase()}1@example.com`, "Owner One", "2025-01-31", "factory"].join(sep),
      [`${prefix}-0002`, "NVR-8016", "aa:bb:cc:dd:ee:02", "2", "Blocked", `${prefix.toLowerCase()}2@example.com`, "Owner Two", "2025-01-31", "factory"].join(
        sep,
      ),
    ].join("\r\n");

  it("takes statuses in any case", async () => {
    const report = await run(t, rowsFor("CASE", ","));
    expect(report.errors).toEqual([]);
    expect(report.imported).toBe(true);
    expect((await t.db.device.findUniqueOrThrow({ where: { serial: "CASE-0001" } })).status).toBe("ACTIVE");
    expect((await t.db.device.findUniqueOrThrow({ where: { serial: "CASE-0002" } })).status).toBe("BLOCKED");
  });

  it("detects semicolons and tabs from the header, and drops a UTF-8 byte-order mark", async () => {
    const semi = await run(t, `\uFEFF${rowsFor("SEMI", ";")}`, { dryRun: true });
    expect(semi).toMatchObject({ delimiter: "semicolon", rows: 2, badRows: 0, errorCount: 0, counts: { create: 2 } });
    const tab = await run(t, rowsFor("TABS", "\t"), { dryRun: true });
    expect(tab).toMatchObject({ delimiter: "tab", rows: 2, errorCount: 0, counts: { create: 2 } });
    // A comma inside a semicolon file is data, not a separator.
    const inField = await run(t, rowsFor("SEMI2", ";").replace("factory", "shop, main"), { dryRun: false });
    expect(inField.imported).toBe(true);
    expect((await t.db.device.findUniqueOrThrow({ where: { serial: "SEMI2-0001" } })).ownerSource).toBe("shop, main");
  });

  it("reads UTF-16 with its byte-order mark (Excel's Unicode text: tabs)", async () => {
    const text = rowsFor("UTF16", "\t").replace("Owner One", "Zoë Ångström");
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const report = await run(t, new Uint8Array(le));
    expect(report).toMatchObject({ delimiter: "tab", imported: true, rows: 2 });
    const device = await t.db.device.findUniqueOrThrow({ where: { serial: "UTF16-0001" }, include: { owner: true } });
    expect(device.owner?.name).toBe("Zoë Ångström");
  });

  it("reports every error in one pass, on the physical line each record starts on, with row counts", async () => {
    await run(t, rowsFor("PASS", ","));
    const csv = [
      HEADER, // 1
      "", // 2 (empty, skipped)
      'PASS-0003,NVR-8016,AABBCCDDEE03,1,ACTIVE,p3@example.com,"Owner', // 3: a quoted name over two lines
      'Three",2025-01-01,f', // 4
      "PASS-0004,NVR-8016,XYZ,1,ACTIVE,p4@example.com,Owner Four,2025-01-01,f", // 5: bad mac
      "PASS-0005,NVR-8016,AABBCCDDEE05,7,lost,p5@example.com,Owner Five,2025-01-01,f", // 6: bad status (and an unknown key version, reported once the row is valid)
      'PASS-0006,NVR-8016,AABBCCDDEE06,9,ACTIVE,p6@example.com,"Six', // 7: unknown key version, record spans 7–9
      "",
      'Owner",2025-01-01,f', // 9
      "PASS-0001,NVR-8016,aa:bb:cc:dd:ee:01,1,ACTIVE,new-owner@example.com,New Owner,2025-01-31,factory", // 10: owner change (refused)
      "PASS-0007,NVR-8016,AABBCCDDEE07,1,ACTIVE,p7@example.com", // 11: too few fields
    ].join("\n");
    const report = await run(t, csv);
    expect(report.imported).toBe(false);
    expect(report.errors.map((e) => [e.line, e.field])).toEqual([
      [5, "mac"],
      [6, "status"],
      [7, "key_version"],
      [10, "owner_email"],
      [11, null],
    ]);
    expect(report.errors[2]!.message).toBe("Key version 9 has no master key in this console (configured: 1, 2).");
    expect(report).toMatchObject({ rows: 6, badRows: 5, errorCount: 5 });
    // The valid rows were still compared with the registry: one new device, one owner change.
    expect(report.counts).toMatchObject({ create: 1, update: 1, ownerChanges: 1 });
    expect(await t.db.device.count({ where: { serial: "PASS-0003" } })).toBe(0);
  });

  it("refuses an unknown key version already in the dry run", async () => {
    const csv = [HEADER, "KEYV-0001,NVR-8016,AABBCCDDEE01,3,ACTIVE,k@example.com,K,2025-01-01,f"].join("\n");
    const report = await run(t, csv, { dryRun: true });
    expect(report.errors).toEqual([{ line: 2, field: "key_version", message: "Key version 3 has no master key in this console (configured: 1, 2)." }]);
    expect(report.errorCount).toBe(1);
  });
});
