import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";
import { ENGINES } from "@/lib/testing/databases";
import { setMasterKeysForTests } from "@/lib/keys/master-keys";
import { seedDevice, TEST_KEYS, uniqueSerial } from "@/lib/testing/fixtures";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/test-db";
import { importDevicesUpload } from "./import-devices-upload";
import { withTestFactor } from "@/lib/auth/mfa/testing";
import { totpCode } from "@/lib/auth/mfa/totp";
import type { StepUp } from "@/lib/auth/step-up";

const HEADER = "serial,model,mac,key_version,status,owner_email,owner_name,bound_since,source";
const PASSWORD = "upload-admin-password-2026";

function row(serial: string, owner = `${serial.toLowerCase()}@example.com`) {
  return `${serial},NVR-8016,AABBCCDDEEFF,1,ACTIVE,${owner},Owner ${serial},2025-01-01,factory`;
}

/** A client that keeps sending: valid rows, then blank lines, with a count of what was read. */
function endlessUpload(serials: string[]) {
  const pulled = { bytes: 0 };
  const first = new TextEncoder().encode([HEADER, ...serials.map((s) => row(s))].join("\n"));
  const blank = new Uint8Array(256).fill(10);
  const source = (async function* () {
    pulled.bytes += first.byteLength;
    yield first;
    for (;;) {
      pulled.bytes += blank.byteLength;
      yield blank;
    }
  })();
  return { source, pulled };
}

function once(text: string) {
  const started = { value: false };
  const source = (async function* () {
    started.value = true;
    yield new TextEncoder().encode(text);
  })();
  return { source, started };
}

describe.each(ENGINES)("importDevicesUpload on %s", (engine) => {
  let t: TestDatabase;
  let actor: { id: string; label: string };
  let secret: string;
  let stale: StepUp;
  beforeAll(async () => {
    setMasterKeysForTests(TEST_KEYS);
    t = await openTestDatabase(engine);
    const admin = await t.db.user.create({
      data: { email: `upload-admin-${engine}@test.local`, name: "Upload Admin", role: "ADMIN", passwordHash: await hashPassword(PASSWORD) },
    });
    actor = { id: admin.id, label: admin.name };
    // The admin's second factor was proven an hour ago: owner changes ask for a code.
    const factor = await withTestFactor(t.db, admin.id, { provenAt: new Date(Date.now() - 3_600_000) });
    secret = factor.secret;
    stale = { actor, session: factor.session, ip: "127.0.0.1" };
  });
  afterAll(async () => {
    setMasterKeysForTests(undefined);
    await t.close();
  });

  const base = () => ({ db: t.db, actor, ip: "127.0.0.1", fileName: "devices.csv", declaredBytes: null, allowOwnerChanges: false, stepUp: stale });
  const reauthFailures = () => t.db.auditEvent.count({ where: { action: "mfa.failed", actorId: actor.id } });

  it("answers the report, and a dry run asks for no second factor even with owner changes allowed", async () => {
    const serial = uniqueSerial("UPL");
    const { source } = once([HEADER, row(serial)].join("\n"));
    const outcome = await importDevicesUpload({ ...base(), source, dryRun: true, allowOwnerChanges: true });
    expect(outcome).toMatchObject({ ok: true, message: "Dry run: nothing was written.", report: { dryRun: true, imported: false, counts: { create: 1 } } });
    expect(await t.db.device.count({ where: { serial } })).toBe(0);
    expect(await reauthFailures()).toBe(0);
  });

  it("stops reading a body past the cap, refuses it and writes nothing", async () => {
    const serials = [uniqueSerial("CAP"), uniqueSerial("CAP")];
    const { source, pulled } = endlessUpload(serials);
    const auditsBefore = await t.db.auditEvent.count();
    await expect(importDevicesUpload({ ...base(), source, dryRun: false, maxBytes: 4096 })).rejects.toMatchObject({ code: "TOO_LARGE", status: 413 });
    // Read up to the cap, plus the one chunk that crossed it.
    expect(pulled.bytes).toBeLessThanOrEqual(4096 + 256);
    expect(await t.db.device.count({ where: { serial: { in: serials } } })).toBe(0);
    expect(await t.db.auditEvent.count()).toBe(auditsBefore);
  });

  it("refuses a declared length over the cap before reading the body or checking the second factor", async () => {
    const { source, started } = once([HEADER, row(uniqueSerial("BIG"))].join("\n"));
    const refused = importDevicesUpload({
      ...base(),
      source,
      declaredBytes: 4097,
      maxBytes: 4096,
      dryRun: false,
      allowOwnerChanges: true,
      stepUp: { ...stale, code: "000000" },
    });
    await expect(refused).rejects.toThrow("The file is larger than 4096 bytes.");
    expect(started.value).toBe(false);
    expect(await reauthFailures()).toBe(0);
    expect(await t.db.signInThrottle.count({ where: { key: `mfa:${actor.id}` } })).toBe(0);
  });

  it("an owner change needs a recent second factor: refused in the report without it, refused and audited when wrong, imported when right", async () => {
    const device = await seedDevice(t.db);
    const previous = (await t.db.owner.findUniqueOrThrow({ where: { id: device.ownerId! } })).email;
    const csv = [HEADER, row(device.serial, `next-${device.serial.toLowerCase()}@example.com`)].join("\n");

    const notAllowed = await importDevicesUpload({ ...base(), source: once(csv).source, dryRun: false });
    expect(notAllowed).toMatchObject({
      ok: false,
      message: "The file was refused: nothing was imported.",
      report: { imported: false, errors: [{ line: 2, field: "owner_email" }] },
    });

    const wrong = importDevicesUpload({ ...base(), source: once(csv).source, dryRun: false, allowOwnerChanges: true, stepUp: { ...stale, code: "000000" } });
    await expect(wrong).rejects.toMatchObject({ code: "FORBIDDEN", fieldErrors: { stepUpCode: [expect.stringContaining("not right")] } });
    await expect(wrong).rejects.toBeInstanceOf(AppError);
    expect(await reauthFailures()).toBe(1);
    expect((await t.db.device.findUniqueOrThrow({ where: { serial: device.serial }, include: { owner: true } })).owner?.email).toBe(previous);

    const right = await importDevicesUpload({
      ...base(),
      source: once(csv).source,
      dryRun: false,
      allowOwnerChanges: true,
      stepUp: { ...stale, code: await totpCode(secret) },
    });
    expect(right).toMatchObject({ ok: true, message: "Imported.", report: { imported: true, counts: { ownerChanges: 1 } } });
    expect((await t.db.device.findUniqueOrThrow({ where: { serial: device.serial }, include: { owner: true } })).owner?.email).toBe(
      `next-${device.serial.toLowerCase()}@example.com`,
    );
    expect(await t.db.outboxEmail.count({ where: { kind: "OWNER_CHANGE_NOTICE", to: previous } })).toBe(1);
    // A right code clears the second-factor throttle, as in every other step-up.
    expect(await t.db.signInThrottle.count({ where: { key: `mfa:${actor.id}` } })).toBe(0);
  });
});
