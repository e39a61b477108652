import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { seedStaff } from "@/lib/audit/testing/seed-tickets";
import { MAX_WRONG_CODES } from "@/lib/recorder";
import { consoleCode, KEYS, wrongCodeFor } from "@/lib/recorder/testing/recorder-fixtures";
import { ENGINES } from "@/lib/testing/databases";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/test-db";
import { bumpSimulatorVersion, loadSimulator, powerOffSimulator, saveSimulator } from "./simulator-store";
import { SIMULATOR_COOKIE } from "./constants";
import { runSimulatorStep, SIMULATOR_FREE_EMAIL_ATTEMPTS } from "./run-simulator-step";
import { startSimulator } from "./start-simulator";
import type { SimulatorStep } from "./types";

// The browser's cookie jar, as next/headers shows it to the simulator. A test "replays" a cookie
// by putting an older value back, exactly what a user can do with the browser's dev tools.
const jar = vi.hoisted(() => new Map<string, string>());
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    set: (name: string, value: string) => void jar.set(name, value),
    delete: ({ name }: { name: string }) => void jar.delete(name),
  }),
}));

const OWNER_EMAIL = "owner@replay.test";

describe.each(ENGINES)("the virtual recorder refuses a replayed cookie on %s", (engine) => {
  let t: TestDatabase;
  let user: { id: string; name: string; ip: string };
  let serial: string;

  beforeAll(async () => {
    vi.stubEnv("NEXTAUTH_SECRET", "simulator-replay-test-secret-0123456789");
    t = await openTestDatabase(engine);
    const staff = await seedStaff(t.db, "AGENT");
    user = { id: staff.id, name: staff.name, ip: "127.0.0.1" };
    serial = `REPLAY-${engine.toUpperCase()}`;
    const owner = await t.db.owner.create({ data: { email: OWNER_EMAIL, name: "Owner" } });
    await t.db.device.create({ data: { serial, model: "NVR-8016", mac: "A1B2C3D4E5F6", keyVersion: 1, ownerId: owner.id } });
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await t?.close();
  });

  /** What powerOnAction does. */
  async function powerOn() {
    const envelope = await startSimulator({
      db: t.db,
      request: { mode: "registered", serial, firmware: undefined },
      keys: KEYS,
      resetHost: "reset.example.com",
    });
    const version = await bumpSimulatorVersion({ db: t.db, userId: user.id, from: null });
    await saveSimulator({ userId: user.id, envelope, version, now: Date.now() });
  }
  const press = (step: SimulatorStep) => runSimulatorStep({ db: t.db, user, keys: KEYS, step });
  const running = async () => (await loadSimulator({ db: t.db, userId: user.id, now: Date.now() }))?.envelope.state ?? null;
  const cookie = () => jar.get(SIMULATOR_COOKIE)!;

  async function atRetrieveScreen() {
    await powerOn();
    await press({ op: "forgot-password" });
    await press({ op: "submit-email", email: OWNER_EMAIL });
    const state = (await running())!;
    expect(state.screen).toBe("retrieve");
    return state;
  }

  it("a cookie from before the lockout does not undo it", async () => {
    const state = await atRetrieveScreen();
    const beforeLockout = cookie();
    for (let i = 0; i < MAX_WRONG_CODES; i++) await press({ op: "enter-code", code: wrongCodeFor(state) });
    expect((await running())!.lockedUntilMs).not.toBeNull();

    jar.set(SIMULATOR_COOKIE, beforeLockout);
    expect(await running()).toBeNull();
    await expect(press({ op: "enter-code", code: consoleCode(state) })).rejects.toMatchObject({ code: "INVALID_STATE" });
  });

  it("a cookie holding a code not yet used cannot use it again", async () => {
    const state = await atRetrieveScreen();
    const unused = cookie();
    await press({ op: "enter-code", code: consoleCode(state) });
    expect((await running())!.screen).toBe("new-password");

    jar.set(SIMULATOR_COOKIE, unused);
    await expect(press({ op: "enter-code", code: consoleCode(state) })).rejects.toMatchObject({ code: "INVALID_STATE" });
  });

  it("a copy of the cookie cannot bring back a recorder that was powered off", async () => {
    await atRetrieveScreen();
    const copy = cookie();
    await powerOffSimulator({ db: t.db, userId: user.id });
    expect(jar.has(SIMULATOR_COOKIE)).toBe(false);
    jar.set(SIMULATOR_COOKIE, copy);
    expect(await running()).toBeNull();
  });

  it("of two requests carrying the same cookie, only one saves", async () => {
    await atRetrieveScreen();
    const opened = (await loadSimulator({ db: t.db, userId: user.id, now: Date.now() }))!;
    expect(await bumpSimulatorVersion({ db: t.db, userId: user.id, from: opened.version })).toBe(opened.version + 1);
    await expect(bumpSimulatorVersion({ db: t.db, userId: user.id, from: opened.version })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("the current cookie keeps working, step after step", async () => {
    const state = await atRetrieveScreen();
    await press({ op: "enter-code", code: wrongCodeFor(state) });
    await press({ op: "enter-code", code: consoleCode(state) });
    await press({ op: "set-password", password: "NewPass123", confirmation: "NewPass123" });
    expect((await running())!.screen).toBe("sync-prompt");
  });
  it("answers only a few wrong email guesses per user before a growing wait; the right address ends the run", async () => {
    await powerOn();
    await press({ op: "forgot-password" });
    for (let i = 0; i < SIMULATOR_FREE_EMAIL_ATTEMPTS; i++) await press({ op: "submit-email", email: `guess${i}@replay.test` });
    await expect(press({ op: "submit-email", email: OWNER_EMAIL })).rejects.toMatchObject({
      code: "RATE_LIMITED",
      message: expect.stringMatching(/Try again in \d+ s/),
    });
    expect((await running())!.screen).not.toBe("retrieve");
    // The wait is in the database, so another instance (or a fresh power-on) sees it too.
    await powerOn();
    await press({ op: "forgot-password" });
    await expect(press({ op: "submit-email", email: OWNER_EMAIL })).rejects.toMatchObject({ code: "RATE_LIMITED" });
    await t.db.signInThrottle.update({ where: { key: `sim-email:${user.id}` }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    await press({ op: "submit-email", email: OWNER_EMAIL });
    expect((await running())!.screen).toBe("retrieve");
    expect(await t.db.signInThrottle.count({ where: { key: `sim-email:${user.id}` } })).toBe(0);
  });

  it("stops answering for a recorder reported stolen after power-on", async () => {
    await powerOn();
    await press({ op: "forgot-password" });
    await t.db.device.update({ where: { serial }, data: { status: "STOLEN" } });
    try {
      await expect(press({ op: "submit-email", email: OWNER_EMAIL })).rejects.toMatchObject({
        code: "INVALID_STATE",
        message: expect.stringContaining("reported stolen"),
      });
      await expect(
        startSimulator({ db: t.db, request: { mode: "registered", serial, firmware: undefined }, keys: KEYS, resetHost: "x.example.com" }),
      ).rejects.toMatchObject({
        code: "INVALID_STATE",
      });
    } finally {
      await t.db.device.update({ where: { serial }, data: { status: "ACTIVE" } });
    }
  });
});
