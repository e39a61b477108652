import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DEFAULT_OUTBOX_CONFIG } from "@/lib/outbox/outbox-config";
import { runOutboxOnce } from "@/lib/outbox/run-outbox-once";
import { createSmtpTransport } from "@/lib/outbox/smtp-transport";
import { startSmtpTestListener } from "@/lib/outbox/testing/smtp-test-listener";
import { parseInput } from "@/lib/errors";
import { updateSettings } from "@/lib/settings/update-settings";
import { hashPassword } from "@/lib/auth/password";
import { settingsSchema } from "@/lib/validation/settings";
import { getSettings } from "@/lib/settings/get-settings";
import { ENGINES } from "@/lib/testing/databases";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/test-db";
import { changeDeviceOwner } from "./change-device-owner";
import { createDevice } from "./create-device";
import { getDevice } from "./get-device";
import { DEVICES_PAGE_SIZE, listDevices } from "./list-devices";
import { setDeviceStatus } from "./set-device-status";
import { withTestFactor } from "@/lib/auth/mfa/testing";
import { totpCode } from "@/lib/auth/mfa/totp";
import type { StepUp } from "@/lib/auth/step-up";

const IP = "127.0.0.1";
const ADMIN_PASSWORD = "device-admin-password-2026";

describe.each(ENGINES)("device registry administration on %s", (engine) => {
  let t: TestDatabase;
  let actor: { id: string; label: string };
  let secret: string;
  let stale: StepUp;
  beforeAll(async () => {
    t = await openTestDatabase(engine);
    const admin = await t.db.user.create({
      data: { email: `device-admin-${engine}@test.local`, name: "Device Admin", role: "ADMIN", passwordHash: await hashPassword(ADMIN_PASSWORD) },
    });
    actor = { id: admin.id, label: admin.name };
    // Signed in with the second factor an hour ago: every risky change asks for it again.
    const factor = await withTestFactor(t.db, admin.id, { provenAt: new Date(Date.now() - 3_600_000) });
    secret = factor.secret;
    stale = { actor, session: factor.session, ip: IP };
  });
  afterAll(() => t.close());

  it("registers a device with its owner, audited, and refuses a duplicate serial", async () => {
    await createDevice({
      db: t.db,
      actor,
      ip: IP,
      serial: "NVR-MAN-0001",
      model: "NVR-8016",
      mac: "AABBCCDDEEFF",
      keyVersion: 1,
      ownerEmail: "Prev@Example.com",
      ownerName: "Previous Owner",
    });
    const found = await getDevice({ db: t.db, serial: "NVR-MAN-0001" });
    expect(found?.device.owner).toEqual({ email: "prev@example.com", name: "Previous Owner" });
    expect(found?.history.map((h) => h.action)).toEqual(["device.created"]);
    await expect(
      createDevice({
        db: t.db,
        actor,
        ip: IP,
        serial: "NVR-MAN-0001",
        model: "X",
        mac: "AABBCCDDEEFF",
        keyVersion: 1,
        ownerEmail: "x@example.com",
        ownerName: "X",
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("changes status with a reason that is kept and shows in the device history", async () => {
    await setDeviceStatus({ db: t.db, actor, ip: IP, serial: "NVR-MAN-0001", status: "STOLEN", reason: "Police report 4711 filed by owner" });
    // Re-activating reopens the recorder to resets: the lib itself asks for a recent second factor.
    const reactivate = { db: t.db, actor, ip: IP, serial: "NVR-MAN-0001", status: "ACTIVE" as const, reason: "Recovered, owner confirmed by phone" };
    await expect(setDeviceStatus(reactivate)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(setDeviceStatus({ ...reactivate, stepUp: stale })).rejects.toMatchObject({
      code: "FORBIDDEN",
      fieldErrors: { stepUpCode: [expect.any(String)] },
    });
    await expect(setDeviceStatus({ ...reactivate, stepUp: { ...stale, code: "000000" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await getDevice({ db: t.db, serial: "NVR-MAN-0001" }))?.device.status).toBe("STOLEN");
    await setDeviceStatus({ ...reactivate, stepUp: { ...stale, code: await totpCode(secret) } });
    const found = await getDevice({ db: t.db, serial: "NVR-MAN-0001" });
    expect(found?.device).toMatchObject({ status: "ACTIVE", statusReason: "Recovered, owner confirmed by phone" });
    expect(found?.history.slice(0, 2).map((h) => h.details)).toEqual([
      expect.objectContaining({ from: "STOLEN", to: "ACTIVE" }),
      expect.objectContaining({ from: "ACTIVE", to: "STOLEN", reason: "Police report 4711 filed by owner" }),
    ]);
    await expect(
      setDeviceStatus({
        db: t.db,
        actor,
        ip: IP,
        serial: "NVR-MAN-0001",
        status: "ACTIVE",
        reason: "no change here",
        stepUp: { ...stale, session: { ...stale.session, secondFactorAt: new Date() } },
      }),
    ).rejects.toMatchObject({
      code: "INVALID_STATE",
    });
  });

  it("changing the owner of record notifies the previous owner through a real SMTP listener", async () => {
    const changedAt = new Date("2026-05-01T12:00:00Z");
    const change = {
      db: t.db,
      actor,
      ip: IP,
      serial: "NVR-MAN-0001",
      ownerEmail: "new.owner@example.com",
      ownerName: "New Owner",
      reason: "Sold, bill of sale checked",
      now: changedAt,
    };
    await expect(changeDeviceOwner({ ...change, stepUp: stale })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await t.db.outboxEmail.count({ where: { kind: "OWNER_CHANGE_NOTICE" } })).toBe(0);
    await changeDeviceOwner({
      db: t.db,
      actor,
      ip: IP,
      // The next time step's code (one step of drift is allowed): the step the re-activation used is spent.
      stepUp: { ...stale, code: await totpCode(secret, new Date(Date.now() + 30_000)) },
      serial: "NVR-MAN-0001",
      ownerEmail: "new.owner@example.com",
      ownerName: "New Owner",
      reason: "Sold, bill of sale checked",
      now: changedAt,
    });
    const row = await t.db.outboxEmail.findFirstOrThrow({ where: { kind: "OWNER_CHANGE_NOTICE" } });
    expect(row).toMatchObject({
      to: "prev@example.com",
      status: "PENDING",
      payload: { deviceSerial: "NVR-MAN-0001", changedAt: changedAt.toISOString(), newOwnerMasked: "n***r@example.com", audience: "PREVIOUS_OWNER" },
    });
    const device = await t.db.device.findUniqueOrThrow({ where: { serial: "NVR-MAN-0001" }, include: { owner: true } });
    expect(device).toMatchObject({ ownerSource: "admin", owner: { email: "new.owner@example.com" } });

    const smtp = await startSmtpTestListener();
    const transport = createSmtpTransport(smtp.url);
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      const result = await runOutboxOnce({
        db: t.db,
        workerId: `devices-${engine}`,
        sink: { kind: "smtp", transport },
        config: DEFAULT_OUTBOX_CONFIG,
        now: () => new Date(),
      });
      expect(result.sent).toBe(1);
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0]!.rcptTo).toEqual(["prev@example.com"]);
      expect(smtp.received[0]!.mail.text).toContain("NVR-MAN-0001");
      expect(smtp.received[0]!.mail.text).not.toContain("new.owner@example.com");
    } finally {
      transport.close();
      await smtp.close();
      vi.restoreAllMocks();
    }
  });

  it("lists devices by serial with keyset pagination and search", async () => {
    for (let i = 0; i < DEVICES_PAGE_SIZE + 5; i++) {
      await t.db.device.create({ data: { serial: `KS-${String(i).padStart(4, "0")}`, model: "M", mac: "AABBCCDDEEFF", keyVersion: 1 } });
    }
    const first = await listDevices({ db: t.db, q: "ks-" });
    expect(first.devices).toHaveLength(DEVICES_PAGE_SIZE);
    expect(first.nextAfter).toBe(`KS-${String(DEVICES_PAGE_SIZE - 1).padStart(4, "0")}`);
    const second = await listDevices({ db: t.db, q: "KS-", after: first.nextAfter! });
    expect(second.devices.map((d) => d.serial)).toHaveLength(5);
    expect(second.nextAfter).toBeNull();
    expect((await listDevices({ db: t.db, q: "new.owner@" })).devices.map((d) => d.serial)).toEqual(["NVR-MAN-0001"]);
  });

  it("updates settings within bounds, audits old → new, and refuses out-of-bounds values", async () => {
    const current = await getSettings({ db: t.db });
    const values = { ...current, maxIssuesPerDevice30d: "5", brandName: "Acme Recorders" };
    const { changed } = await updateSettings({ db: t.db, actor, ip: IP, values: parseInput(settingsSchema, values) });
    expect(changed.sort()).toEqual(["brandName", "maxIssuesPerDevice30d"]);
    expect(await getSettings({ db: t.db })).toMatchObject({ maxIssuesPerDevice30d: 5, brandName: "Acme Recorders" });
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { action: "settings.changed" } });
    expect(event.details).toEqual({
      changes: ["Codes per recorder in 30 days: 3 codes → 5 codes", "Brand name: SecureView Recorders → Acme Recorders"],
      keys: ["maxIssuesPerDevice30d", "brandName"],
    });
    expect(() => parseInput(settingsSchema, { ...values, maxIssuesPerDevice30d: "0", supportUrl: "http://x.example" })).toThrow(
      expect.objectContaining({
        code: "INVALID_INPUT",
        fieldErrors: { maxIssuesPerDevice30d: expect.any(Array), supportUrl: expect.any(Array) },
      }),
    );
    expect(await getSettings({ db: t.db })).toMatchObject({ maxIssuesPerDevice30d: 5 });
  });
});
