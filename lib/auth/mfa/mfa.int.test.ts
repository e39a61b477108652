import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSession } from "@/lib/auth/read-session";
import { requireRecentSecondFactor } from "@/lib/auth/step-up";
import { updateSettings } from "@/lib/settings/update-settings";
import { DEFAULT_SETTINGS } from "@/lib/settings/defaults";
import { ENGINES } from "@/lib/testing/databases";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/test-db";
import { createUser } from "@/lib/users/create-user";
import { decidePrivilegeRequest } from "@/lib/users/decide-privilege-request";
import { requestFactorReset } from "@/lib/users/reset-user-factors";
import { confirmTotpEnrolment, startTotpEnrolment } from "./enrol-totp";
import { hashRecoveryCode } from "./recovery-codes";
import { endOwnSession, listOwnSessions } from "./sessions";
import { withTestFactor } from "./testing";
import { totpCode } from "./totp";
import { verifySecondFactor } from "./verify-second-factor";

const IP = "10.0.0.2";
const newSession = (t: TestDatabase, userId: string, secondFactorAt: Date | null = null, userAgent: string | null = null) =>
  t.db.userSession.create({ data: { userId, ip: IP, userAgent, expiresAt: new Date(Date.now() + 3_600_000), secondFactorAt } });
/** A code for the next step: the current one may have been used by the test before. */
const nextCode = (secret: string) => totpCode(secret, new Date(Date.now() + 30_000));

describe.each(ENGINES)("second factor on %s", (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(engine);
  });
  afterAll(() => t.close());

  const user = async (role: "AGENT" | "SUPERVISOR" | "ADMIN", name: string) => {
    const created = await createUser({ db: t.db, email: `${name.toLowerCase().replace(/\W/g, "")}@mfa.test`, name, role, password: "correct horse battery" });
    return { id: created.id, label: created.name };
  };

  it("keeps a supervisor without a factor to enrolment only, an agent through, and agents too once the setting says so", async () => {
    const sam = await user("SUPERVISOR", "Sam Enrol");
    const alex = await user("AGENT", "Alex Agent");
    const samSession = await newSession(t, sam.id);
    const alexSession = await newSession(t, alex.id);
    expect(await readSession(t.db, samSession.id, { touch: false })).toBeNull();
    expect(await readSession(t.db, samSession.id, { touch: false, allowPendingFactor: true })).toMatchObject({ factor: "enrol", hasTotp: false });
    expect(await readSession(t.db, alexSession.id, { touch: false })).toMatchObject({ factor: "ok" });

    const admin = await user("ADMIN", "Ada Settings");
    await updateSettings({ db: t.db, actor: admin, ip: IP, values: { ...DEFAULT_SETTINGS, mfaRequiredForAgents: true } });
    expect(await readSession(t.db, alexSession.id, { touch: false })).toBeNull();
    expect(await readSession(t.db, alexSession.id, { touch: false, allowPendingFactor: true })).toMatchObject({ factor: "enrol" });
    await updateSettings({ db: t.db, actor: admin, ip: IP, values: DEFAULT_SETTINGS });
  });

  it("enrols with a QR seed confirmed by a first code: ten hashed recovery codes, the session proven, all audited", async () => {
    const sam = await user("SUPERVISOR", "Sam Totp");
    const session = await newSession(t, sam.id);
    const { secret, uri } = await startTotpEnrolment({ db: t.db, userId: sam.id });
    expect(uri).toContain(`secret=${secret}`);
    // Reloading shows the same seed; the row holds it sealed, never in clear.
    expect((await startTotpEnrolment({ db: t.db, userId: sam.id })).secret).toBe(secret);
    const row = await t.db.user.findUniqueOrThrow({ where: { id: sam.id } });
    expect(row.totpSecret).not.toContain(secret);
    expect(row.totpConfirmedAt).toBeNull();

    await expect(confirmTotpEnrolment({ db: t.db, actor: sam, sessionId: session.id, ip: IP, code: "000000" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const { recoveryCodes } = await confirmTotpEnrolment({ db: t.db, actor: sam, sessionId: session.id, ip: IP, code: await totpCode(secret) });
    expect(recoveryCodes).toHaveLength(10);
    const stored = await t.db.recoveryCode.findMany({ where: { userId: sam.id } });
    expect(stored.map((r) => r.codeHash).sort()).toEqual(recoveryCodes.map(hashRecoveryCode).sort());
    expect(await readSession(t.db, session.id, { touch: false })).toMatchObject({ factor: "ok", hasTotp: true });
    await expect(startTotpEnrolment({ db: t.db, userId: sam.id })).rejects.toMatchObject({ code: "CONFLICT" });

    const events = await t.db.auditEvent.findMany({ where: { actorId: sam.id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["mfa.failed", "mfa.totp_enrolled"]);
    // Neither the seed nor any recovery code is in the audit log.
    const logged = JSON.stringify(events.map((e) => e.details));
    for (const secretText of [secret, ...recoveryCodes]) expect(logged).not.toContain(secretText);

    // The next sign-in (a new session) must prove the factor.
    const later = await newSession(t, sam.id);
    expect(await readSession(t.db, later.id, { touch: false, allowPendingFactor: true })).toMatchObject({ factor: "verify" });
  });

  it("signs in with a code once (a replay is refused), and with a recovery code once", async () => {
    const sam = await user("SUPERVISOR", "Sam Verify");
    const { secret } = await withTestFactor(t.db, sam.id);
    const first = await newSession(t, sam.id);
    const second = await newSession(t, sam.id);
    const code = await totpCode(secret);
    await verifySecondFactor({ db: t.db, actor: sam, sessionId: first.id, ip: IP, code, purpose: "sign_in" });
    expect(await readSession(t.db, first.id, { touch: false })).toMatchObject({ factor: "ok" });
    await expect(verifySecondFactor({ db: t.db, actor: sam, sessionId: second.id, ip: IP, code, purpose: "sign_in" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await readSession(t.db, second.id, { touch: false })).toBeNull();
    expect(await t.db.auditEvent.findFirst({ where: { actorId: sam.id, action: "mfa.failed" } })).toMatchObject({
      details: { reason: "replayed", purpose: "sign_in" },
    });

    await t.db.recoveryCode.create({ data: { userId: sam.id, codeHash: hashRecoveryCode("abcde-fghjk") } });
    const used = await verifySecondFactor({ db: t.db, actor: sam, sessionId: second.id, ip: IP, code: "ABCDE FGHJK", purpose: "sign_in" });
    expect(used).toEqual({ method: "recovery_code", recoveryCodesLeft: 0 });
    const third = await newSession(t, sam.id);
    await expect(verifySecondFactor({ db: t.db, actor: sam, sessionId: third.id, ip: IP, code: "abcde-fghjk", purpose: "sign_in" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("throttles wrong codes like passwords: after 3, even the right code waits", async () => {
    const sam = await user("SUPERVISOR", "Sam Throttle");
    const { secret } = await withTestFactor(t.db, sam.id);
    const session = await newSession(t, sam.id);
    const attempt = (code: string) => verifySecondFactor({ db: t.db, actor: sam, sessionId: session.id, ip: IP, code, purpose: "sign_in" });
    for (const wrong of ["111111", "222222", "333333"]) await expect(attempt(wrong)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(attempt(await totpCode(secret))).rejects.toMatchObject({ code: "RATE_LIMITED", message: expect.stringMatching(/Try again in \d+ s/) });
    expect((await t.db.userSession.findUniqueOrThrow({ where: { id: session.id } })).secondFactorAt).toBeNull();
  });

  it("steps up: a factor younger than 5 minutes passes, an older one asks for the code, and the code renews it", async () => {
    const ada = await user("ADMIN", "Ada StepUp");
    const { secret, session } = await withTestFactor(t.db, ada.id, { provenAt: new Date(Date.now() - 10 * 60_000) });
    const base = { actor: ada, ip: IP };
    await requireRecentSecondFactor(t.db, { ...base, session: { ...session, secondFactorAt: new Date(Date.now() - 60_000) } }, "test");
    await expect(requireRecentSecondFactor(t.db, { ...base, session }, "test")).rejects.toMatchObject({
      code: "FORBIDDEN",
      fieldErrors: { stepUpCode: [expect.stringContaining("authenticator")] },
    });
    await expect(requireRecentSecondFactor(t.db, { ...base, session, code: "123456" }, "test")).rejects.toMatchObject({
      fieldErrors: { stepUpCode: [expect.stringContaining("not right")] },
    });
    await requireRecentSecondFactor(t.db, { ...base, session, code: await nextCode(secret) }, "device.owner_change NVR-1");
    const renewed = await t.db.userSession.findUniqueOrThrow({ where: { id: session.sessionId } });
    expect(Date.now() - renewed.secondFactorAt!.getTime()).toBeLessThan(60_000);
    expect(await t.db.auditEvent.findFirst({ where: { actorId: ada.id, action: "mfa.verified" } })).toMatchObject({
      details: { purpose: "step_up", what: "device.owner_change NVR-1", method: "totp" },
    });
    // A user without any factor is told to set one up first.
    const alex = await user("AGENT", "Alex NoFactor");
    await expect(
      requireRecentSecondFactor(
        t.db,
        { actor: alex, ip: IP, session: { sessionId: (await newSession(t, alex.id)).id, secondFactorAt: null, hasTotp: false } },
        "x",
      ),
    ).rejects.toMatchObject({ message: expect.stringContaining("set up an authenticator app") });
  });

  it("resets a user's factors only with a second admin (four eyes), audited, and the user must enrol again", async () => {
    const first = await user("ADMIN", "Ada First");
    const second = await user("ADMIN", "Bob Second");
    const sam = await user("SUPERVISOR", "Sam Lost Phone");
    const { sessionId } = await withTestFactor(t.db, sam.id, { provenAt: new Date() });
    await t.db.recoveryCode.create({ data: { userId: sam.id, codeHash: hashRecoveryCode("zzzzz-zzzzz") } });
    const actors = { first: { ...first, role: "ADMIN" as const }, second: { ...second, role: "ADMIN" as const } };

    const { requestId } = await requestFactorReset({ db: t.db, actor: first, ip: IP, userId: sam.id });
    await expect(requestFactorReset({ db: t.db, actor: second, ip: IP, userId: sam.id })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: sam.id } })).totpConfirmedAt).not.toBeNull();
    await expect(decidePrivilegeRequest({ db: t.db, actor: actors.first, ip: IP, requestId, decision: "APPROVE" })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("Four eyes"),
    });
    await decidePrivilegeRequest({ db: t.db, actor: actors.second, ip: IP, requestId, decision: "APPROVE" });

    const row = await t.db.user.findUniqueOrThrow({ where: { id: sam.id } });
    expect(row).toMatchObject({ totpSecret: null, totpConfirmedAt: null, totpLastStep: null });
    expect(await t.db.recoveryCode.count({ where: { userId: sam.id } })).toBe(0);
    // Every session ends (one waiting at /mfa may be an attacker's); a new sign-in must enrol again.
    expect(await readSession(t.db, sessionId, { touch: false, allowPendingFactor: true })).toBeNull();
    const fresh = await newSession(t, sam.id);
    expect(await readSession(t.db, fresh.id, { touch: false, allowPendingFactor: true })).toMatchObject({ factor: "enrol" });
    const reset = await t.db.auditEvent.findFirstOrThrow({ where: { action: "mfa.factors_reset" } });
    expect(reset).toMatchObject({ actorId: second.id, details: { userId: sam.id, requestId, requestedBy: first.id, sessionsEnded: 1 } });
    // An admin cannot ask for their own reset.
    await withTestFactor(t.db, first.id);
    await expect(requestFactorReset({ db: t.db, actor: first, ip: IP, userId: first.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("lists the user's own sessions and ends one of them, never another user's", async () => {
    const alex = await user("AGENT", "Alex Sessions");
    const other = await user("AGENT", "Olga Other");
    const here = await newSession(
      t,
      alex.id,
      null,
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.0.0 Safari/537.36",
    );
    const there = await newSession(t, alex.id, null, "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0");
    const theirs = await newSession(t, other.id);
    const listed = await listOwnSessions({ db: t.db, userId: alex.id, currentSessionId: here.id });
    expect(listed.map((s) => [s.browser, s.current, s.ip]).sort()).toEqual([
      ["Chromium", true, IP],
      ["Firefox", false, IP],
    ]);
    await expect(endOwnSession({ db: t.db, actor: alex, ip: IP, sessionId: theirs.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await readSession(t.db, theirs.id, { touch: false })).not.toBeNull();
    await endOwnSession({ db: t.db, actor: alex, ip: IP, sessionId: there.id });
    expect(await readSession(t.db, there.id, { touch: false })).toBeNull();
    expect(await t.db.auditEvent.findFirst({ where: { action: "auth.session_ended", actorId: alex.id } })).toMatchObject({ details: { sessionId: there.id } });
    expect((await listOwnSessions({ db: t.db, userId: alex.id, currentSessionId: here.id })).map((s) => s.id)).toEqual([here.id]);
  });
});
