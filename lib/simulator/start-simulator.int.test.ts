import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors";
import { parseMasterKeys } from "@/lib/reset-protocol";
import { ENGINES } from "@/lib/testing/databases";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/test-db";
import { listSimulatorDevices } from "./list-simulator-devices";
import { startSimulator } from "./start-simulator";

const KEYS = parseMasterKeys(
  "1:000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f,2:202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f",
  "1",
);
const HOST = "reset.example.com";

describe.each(ENGINES)("startSimulator / listSimulatorDevices on %s", (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(engine);
    const owner = await t.db.owner.create({ data: { email: "owner@example.com", name: "Olivia Owner" } });
    await t.db.device.create({ data: { serial: "NVR8-2411-000123", model: "NVR-8016", mac: "a1b2c3d4e5f6", keyVersion: 2, ownerId: owner.id } });
    await t.db.device.create({ data: { serial: "NVR8-0000-NOBODY", model: "NVR-8016", mac: "A1B2C3D4E5F7", keyVersion: 1 } });
    await t.db.device.create({
      data: { serial: "NVR8-0000-STOLEN", model: "NVR-8016", mac: "A1B2C3D4E5F8", keyVersion: 1, ownerId: owner.id, status: "STOLEN" },
    });
    await t.db.device.create({
      data: { serial: "NVR8-0000-BLOCKD", model: "NVR-8016", mac: "A1B2C3D4E5F9", keyVersion: 1, ownerId: owner.id, status: "BLOCKED" },
    });
  });
  afterAll(() => t?.close());

  it("refuses stolen and blocked recorders, registered or typed as a bench recorder, and does not list them", async () => {
    for (const serial of ["NVR8-0000-STOLEN", "NVR8-0000-BLOCKD"]) {
      for (const request of [
        { mode: "registered" as const, serial, firmware: undefined },
        { mode: "bench" as const, serial, model: "NVR-8016", mac: "A1B2C3D4E5F8", reservedEmail: "me@example.com", firmware: undefined },
      ]) {
        await expect(startSimulator({ db: t.db, request, keys: KEYS, resetHost: HOST })).rejects.toMatchObject({ code: "INVALID_STATE" });
      }
    }
  });

  it("lists registered recorders with an owner, without any email", async () => {
    const devices = await listSimulatorDevices({ db: t.db });
    expect(devices).toEqual([{ serial: "NVR8-2411-000123", model: "NVR-8016", keyVersion: 2, status: "ACTIVE" }]);
    expect(JSON.stringify(devices)).not.toContain("@");
  });

  it("plays a registered recorder: owner's email as reserved email, its key version, a random forgotten password", async () => {
    const a = await startSimulator({ db: t.db, request: { mode: "registered", serial: "NVR8-2411-000123", firmware: undefined }, keys: KEYS, resetHost: HOST });
    const b = await startSimulator({ db: t.db, request: { mode: "registered", serial: "NVR8-2411-000123", firmware: "5.0" }, keys: KEYS, resetHost: HOST });
    expect(a.source).toBe("registered");
    expect(a.state.screen).toBe("login");
    expect(a.state.identity).toMatchObject({ reservedEmail: "owner@example.com", keyVersion: 2, mac: "A1B2C3D4E5F6", firmware: "4.1.7", resetHost: HOST });
    expect(b.state.identity.firmware).toBe("5.0");
    expect(a.state.adminPassword).not.toBe(b.state.adminPassword);
  });

  it("a typed registered serial plays the registered device, whatever else was typed", async () => {
    const env = await startSimulator({
      db: t.db,
      request: {
        mode: "bench",
        serial: "NVR8-2411-000123",
        model: "X",
        mac: "000000000001",
        reservedEmail: "attacker@example.com",
        firmware: undefined,
        keyVersion: 1,
      },
      keys: KEYS,
      resetHost: HOST,
    });
    expect(env.source).toBe("registered");
    expect(env.state.identity.reservedEmail).toBe("owner@example.com");
  });

  it("refuses an unknown or ownerless serial in registered mode", async () => {
    for (const serial of ["NOPE-000000", "NVR8-0000-NOBODY"]) {
      const error = await startSimulator({ db: t.db, request: { mode: "registered", serial, firmware: undefined }, keys: KEYS, resetHost: HOST }).catch(
        (e: unknown) => e,
      );
      expect(isAppError(error) && error.code).toBe("NOT_FOUND");
    }
  });

  it("builds a bench recorder from typed fields, and names each missing or impossible one", async () => {
    const bench = await startSimulator({
      db: t.db,
      request: {
        mode: "bench",
        serial: "BENCH-000001",
        model: "DVR-4104",
        mac: "00:11:22:aa:bb:cc",
        reservedEmail: "bench@example.com",
        firmware: undefined,
        keyVersion: undefined,
      },
      keys: KEYS,
      resetHost: HOST,
    });
    expect(bench.source).toBe("bench");
    expect(bench.state.identity).toMatchObject({ mac: "001122AABBCC", keyVersion: 1, reservedEmail: "bench@example.com" });

    const missing = await startSimulator({
      db: t.db,
      request: {
        mode: "bench",
        serial: "BENCH-000002",
        model: undefined,
        mac: undefined,
        reservedEmail: undefined,
        firmware: undefined,
        keyVersion: undefined,
      },
      keys: KEYS,
      resetHost: HOST,
    }).catch((e: unknown) => e);
    expect(isAppError(missing) && Object.keys(missing.fieldErrors ?? {}).sort()).toEqual(["mac", "model", "reservedEmail"]);

    const badMac = await startSimulator({
      db: t.db,
      request: { mode: "bench", serial: "BENCH-000003", model: "DVR-4104", mac: "xyz", reservedEmail: "b@example.com", firmware: undefined, keyVersion: 9 },
      keys: KEYS,
      resetHost: HOST,
    }).catch((e: unknown) => e);
    expect(isAppError(badMac) && Object.keys(badMac.fieldErrors ?? {})).toEqual(["keyVersion"]);
  });
});
