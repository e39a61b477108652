import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSession } from "@/lib/auth/read-session";
import { stepUpFor } from "@/lib/auth/step-up";
import { ENGINES } from "@/lib/testing/databases";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/test-db";
import { createUser } from "@/lib/users/create-user";
import { applyFactorReset, requestFactorReset } from "@/lib/users/reset-user-factors";
import type { RelyingParty } from "./config";
import { finishPasskeyRegistration, startPasskeyRegistration } from "./register-passkey";
import { listPasskeys, removePasskey } from "./remove-passkey";
import { signInWithPasskey } from "./sign-in-with-passkey";
import { SoftwareAuthenticator } from "./software-authenticator";
import { startPasskeyAssertion, verifyPasskeySecondFactor } from "./verify-passkey";

const IP = "10.0.0.7";
const rp: RelyingParty = { rpID: "localhost", origin: "http://localhost:3360", rpName: "Reset Console" };

describe.each(ENGINES)("passkeys on %s", (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(engine);
  });
  afterAll(() => t.close());

  const user = async (role: "AGENT" | "SUPERVISOR" | "ADMIN", name: string) => {
    const created = await createUser({
      db: t.db,
      email: `${name.toLowerCase().replace(/\W/g, "")}@passkeys.test`,
      name,
      role,
      password: "correct horse battery",
    });
    return { id: created.id, label: created.name, name: created.name };
  };
  const newSession = (userId: string, secondFactorAt: Date | null = null) =>
    t.db.userSession.create({ data: { userId, ip: IP, expiresAt: new Date(Date.now() + 3_600_000), secondFactorAt } });
  /** Registers a new software passkey for the user on a session that proved its factor now. */
  const register = async (actor: { id: string; label: string }, name: string) => {
    const session = await newSession(actor.id, new Date());
    const authenticator = new SoftwareAuthenticator(rp.origin);
    const options = await startPasskeyRegistration({ db: t.db, userId: actor.id, sessionId: session.id, stepUp: stepUpOf(actor, session), rp });
    const { passkeyId } = await finishPasskeyRegistration({
      db: t.db,
      actor,
      sessionId: session.id,
      ip: IP,
      name,
      response: authenticator.register(options),
      rp,
    });
    return { authenticator, passkeyId, session };
  };
  /** The step-up of `actor` on `session` as the route builds it (no code typed). */
  const stepUpOf = (actor: { id: string; label: string }, session: { id: string; secondFactorAt: Date | null }) =>
    stepUpFor({ id: actor.id, name: actor.label, sessionId: session.id, secondFactorAt: session.secondFactorAt, hasTotp: false, hasPasskey: true, ip: IP });
  const auditOf = (userId: string) => t.db.auditEvent.findMany({ where: { actorId: userId }, orderBy: { seq: "asc" } });

  it("registers a named passkey (public key, counter, transports kept) and counts it as the user's factor", async () => {
    const sam = await user("SUPERVISOR", "Sam Passkey");
    const session = await newSession(sam.id);
    // A supervisor without a factor may only enrol...
    expect(await readSession(t.db, session.id, { touch: false, allowPendingFactor: true })).toMatchObject({ factor: "enrol", hasPasskey: false });
    const { authenticator, passkeyId } = await register(sam, "Work laptop");
    const row = await t.db.passkey.findUniqueOrThrow({ where: { id: passkeyId } });
    expect(row).toMatchObject({ userId: sam.id, credentialId: authenticator.id, name: "Work laptop", counter: 0n, transports: ["internal"] });
    expect(row.publicKey.length).toBeGreaterThan(60);
    // ...and with only a passkey (no authenticator app) a new sign-in must prove it.
    expect(await readSession(t.db, session.id, { touch: false, allowPendingFactor: true })).toMatchObject({
      factor: "verify",
      hasPasskey: true,
      hasTotp: false,
    });
    expect((await auditOf(sam.id)).map((e) => e.action)).toEqual(["mfa.passkey_added"]);
    expect(await listPasskeys(t.db, sam.id)).toEqual([expect.objectContaining({ id: passkeyId, name: "Work laptop" })]);
  });

  it("a first passkey proves the session's factor; a further one needs a recent second factor (step-up)", async () => {
    const fay = await user("AGENT", "Fay First");
    const session = await newSession(fay.id);
    const first = new SoftwareAuthenticator(rp.origin);
    const options = await startPasskeyRegistration({ db: t.db, userId: fay.id, sessionId: session.id, stepUp: stepUpOf(fay, session), rp });
    await finishPasskeyRegistration({ db: t.db, actor: fay, sessionId: session.id, ip: IP, name: "First", response: first.register(options), rp });
    expect(await readSession(t.db, session.id, { touch: false })).toMatchObject({ factor: "ok", hasPasskey: true });
    // Ten minutes later, someone at the unlocked screen cannot add their own passkey without the factor.
    const later = await t.db.userSession.update({ where: { id: session.id }, data: { secondFactorAt: new Date(Date.now() - 10 * 60_000) } });
    await expect(startPasskeyRegistration({ db: t.db, userId: fay.id, sessionId: later.id, stepUp: stepUpOf(fay, later), rp })).rejects.toMatchObject({
      fieldErrors: { stepUpCode: [expect.stringContaining("Confirm it is you")] },
    });
    expect(await t.db.webAuthnChallenge.count({ where: { userId: fay.id } })).toBe(0);
  });

  it("refuses a registration whose challenge is used, expired, for another session, or signed for another origin", async () => {
    const ria = await user("AGENT", "Ria Register");
    const session = await newSession(ria.id, new Date());
    const other = await newSession(ria.id, new Date());
    const authenticator = new SoftwareAuthenticator(rp.origin);
    const options = await startPasskeyRegistration({ db: t.db, userId: ria.id, sessionId: session.id, stepUp: stepUpOf(ria, session), rp });
    const answer = authenticator.register(options);
    await expect(finishPasskeyRegistration({ db: t.db, actor: ria, sessionId: other.id, ip: IP, name: "x", response: answer, rp })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    // The refused attempt above did not use it up (it was not this session's), but one use does.
    const old = await startPasskeyRegistration({
      db: t.db,
      userId: ria.id,
      sessionId: session.id,
      stepUp: stepUpOf(ria, session),
      rp,
      now: new Date(Date.now() - 10 * 60_000),
    });
    await expect(
      finishPasskeyRegistration({ db: t.db, actor: ria, sessionId: session.id, ip: IP, name: "x", response: authenticator.register(old), rp }),
    ).rejects.toMatchObject({ message: expect.stringContaining("expired") });
    const phishing = new SoftwareAuthenticator("http://localhost.evil.test");
    const forPhish = await startPasskeyRegistration({ db: t.db, userId: ria.id, sessionId: session.id, stepUp: stepUpOf(ria, session), rp });
    await expect(
      finishPasskeyRegistration({ db: t.db, actor: ria, sessionId: session.id, ip: IP, name: "x", response: phishing.register(forPhish), rp }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await finishPasskeyRegistration({ db: t.db, actor: ria, sessionId: session.id, ip: IP, name: "Phone", response: answer, rp });
    await expect(finishPasskeyRegistration({ db: t.db, actor: ria, sessionId: session.id, ip: IP, name: "Again", response: answer, rp })).rejects.toMatchObject(
      {
        message: expect.stringContaining("used already"),
      },
    );
    expect(await t.db.passkey.count({ where: { userId: ria.id } })).toBe(1);
  });

  it("proves the second factor on /mfa with a passkey: secondFactorAt set, audited with method passkey", async () => {
    const sue = await user("SUPERVISOR", "Sue Second");
    const { authenticator } = await register(sue, "Security key");
    const pending = await newSession(sue.id);
    const options = await startPasskeyAssertion({ db: t.db, user: { id: sue.id, sessionId: pending.id }, rp });
    expect(options.allowCredentials?.map((c) => c.id)).toEqual([authenticator.id]);
    await verifyPasskeySecondFactor({ db: t.db, actor: sue, sessionId: pending.id, ip: IP, response: authenticator.assert(options), purpose: "sign_in", rp });
    expect(await readSession(t.db, pending.id, { touch: false })).toMatchObject({ factor: "ok" });
    const verified = (await auditOf(sue.id)).find((e) => e.action === "mfa.verified");
    expect(verified?.details).toMatchObject({ method: "passkey", purpose: "sign_in", name: "Security key", sessionId: pending.id });
    expect((await t.db.passkey.findFirstOrThrow({ where: { userId: sue.id } })).counter).toBe(1n);
  });

  it("refuses another user's passkey as a second factor", async () => {
    const ann = await user("SUPERVISOR", "Ann Owner");
    const bob = await user("SUPERVISOR", "Bob Other");
    const anns = await register(ann, "Ann's key");
    await register(bob, "Bob's key");
    const bobPending = await newSession(bob.id);
    const options = await startPasskeyAssertion({ db: t.db, user: { id: bob.id, sessionId: bobPending.id }, rp });
    await expect(
      verifyPasskeySecondFactor({
        db: t.db,
        actor: bob,
        sessionId: bobPending.id,
        ip: IP,
        response: anns.authenticator.assert(options),
        purpose: "sign_in",
        rp,
      }),
    ).rejects.toMatchObject({ reason: "other_user" });
    expect((await t.db.userSession.findUniqueOrThrow({ where: { id: bobPending.id } })).secondFactorAt).toBeNull();
    expect((await auditOf(bob.id)).map((e) => e.action)).toContain("mfa.failed");
  });

  it("signs in without a password with a discoverable passkey and user verification: a session whose factor is proven", async () => {
    const pat = await user("ADMIN", "Pat Passwordless");
    const { authenticator } = await register(pat, "Laptop");
    const options = await startPasskeyAssertion({ db: t.db, rp });
    expect(options.userVerification).toBe("required");
    expect(options.allowCredentials ?? []).toEqual([]);
    const result = await signInWithPasskey({ db: t.db, response: authenticator.assert(options), ip: IP, userAgent: "Test browser", rp });
    expect(result).toMatchObject({ ok: true, userId: pat.id });
    if (!result.ok) throw new Error("unreachable");
    expect(await readSession(t.db, result.sessionId, { touch: false })).toMatchObject({ id: pat.id, factor: "ok" });
    const signIn = (await auditOf(pat.id)).find((e) => e.action === "auth.sign_in");
    expect(signIn?.details).toMatchObject({ method: "passkey", sessionId: result.sessionId, name: "Laptop" });

    // Without user verification (a touch only) it is not two factors: refused.
    const touchOnly = new SoftwareAuthenticator(rp.origin, { userVerified: false });
    const quinn = await user("AGENT", "Quinn Touch");
    const quinnSession = await newSession(quinn.id, new Date());
    const regOptions = await startPasskeyRegistration({ db: t.db, userId: quinn.id, sessionId: quinnSession.id, stepUp: stepUpOf(quinn, quinnSession), rp });
    await expect(
      finishPasskeyRegistration({ db: t.db, actor: quinn, sessionId: quinnSession.id, ip: IP, name: "x", response: touchOnly.register(regOptions), rp }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("refuses a replayed signature counter, a used challenge, an expired challenge and a removed passkey", async () => {
    const rey = await user("ADMIN", "Rey Replay");
    const { authenticator, passkeyId, session } = await register(rey, "Old key");
    const first = await startPasskeyAssertion({ db: t.db, rp });
    const answer = authenticator.assert(first);
    expect(await signInWithPasskey({ db: t.db, response: answer, ip: IP, rp })).toMatchObject({ ok: true });

    // The same answer again: its challenge is used up.
    expect(await signInWithPasskey({ db: t.db, response: answer, ip: IP, rp })).toEqual({ ok: false, reason: "invalid" });
    // A fresh challenge signed with a counter that did not move (a cloned authenticator).
    const second = await startPasskeyAssertion({ db: t.db, rp });
    expect(await signInWithPasskey({ db: t.db, response: authenticator.assert(second, authenticator.counter), ip: IP, rp })).toEqual({
      ok: false,
      reason: "invalid",
    });
    // A challenge issued more than 5 minutes ago.
    const stale = await startPasskeyAssertion({ db: t.db, rp, now: new Date(Date.now() - 6 * 60_000) });
    expect(await signInWithPasskey({ db: t.db, response: authenticator.assert(stale), ip: IP, rp })).toEqual({ ok: false, reason: "invalid" });
    const reasons = (await t.db.auditEvent.findMany({ where: { action: "auth.sign_in_failed" }, orderBy: { seq: "asc" } })).map(
      (e) => (e.details as { reason?: string }).reason,
    );
    expect(reasons).toEqual(expect.arrayContaining(["passkey_challenge", "passkey_counter"]));

    // Removing needs a recent second factor: ten minutes old is not.
    const stepUp = stepUpFor({
      id: rey.id,
      name: rey.name,
      sessionId: session.id,
      secondFactorAt: new Date(Date.now() - 10 * 60_000),
      hasTotp: false,
      hasPasskey: true,
      ip: IP,
    });
    await expect(removePasskey({ db: t.db, actor: rey, stepUp, passkeyId })).rejects.toMatchObject({ fieldErrors: { stepUpCode: [expect.any(String)] } });
    // Another user cannot remove it.
    const other = await user("ADMIN", "Oz Other");
    const otherStepUp = stepUpFor({
      id: other.id,
      name: other.name,
      sessionId: session.id,
      secondFactorAt: new Date(),
      hasTotp: false,
      hasPasskey: false,
      ip: IP,
    });
    await expect(removePasskey({ db: t.db, actor: other, stepUp: otherStepUp, passkeyId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await removePasskey({ db: t.db, actor: rey, stepUp: { ...stepUp, session: { ...stepUp.session, secondFactorAt: new Date() } }, passkeyId });
    expect(await t.db.passkey.count({ where: { id: passkeyId } })).toBe(0);
    expect((await auditOf(rey.id)).map((e) => e.action)).toContain("mfa.passkey_removed");
    const afterRemoval = await startPasskeyAssertion({ db: t.db, rp });
    expect(await signInWithPasskey({ db: t.db, response: authenticator.assert(afterRemoval), ip: IP, rp })).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses a passwordless sign-in of a disabled user, and from an address past its throttle", async () => {
    const dee = await user("AGENT", "Dee Disabled");
    const { authenticator } = await register(dee, "Key");
    await t.db.user.update({ where: { id: dee.id }, data: { active: false } });
    expect(await signInWithPasskey({ db: t.db, response: authenticator.assert(await startPasskeyAssertion({ db: t.db, rp })), ip: IP, rp })).toEqual({
      ok: false,
      reason: "invalid",
    });
    await t.db.user.update({ where: { id: dee.id }, data: { active: true } });
    // Garbage answers from one address: after the free ones, it must wait, even with a good passkey.
    const noisy = "10.9.9.9";
    for (let i = 0; i < 10; i++) {
      const options = await startPasskeyAssertion({ db: t.db, rp });
      const forged = authenticator.assert(options);
      forged.response.signature = Buffer.from("not a signature").toString("base64url");
      expect(await signInWithPasskey({ db: t.db, response: forged, ip: noisy, rp })).toMatchObject({ ok: false, reason: "invalid" });
    }
    const good = authenticator.assert(await startPasskeyAssertion({ db: t.db, rp }));
    expect(await signInWithPasskey({ db: t.db, response: good, ip: noisy, rp })).toMatchObject({ ok: false, reason: "throttled" });
    // Another address is not held up.
    expect(await signInWithPasskey({ db: t.db, response: good, ip: "10.9.9.10", rp })).toMatchObject({ ok: true, userId: dee.id });
  });

  it("an approved factor reset removes the user's passkeys", async () => {
    const lou = await user("SUPERVISOR", "Lou Lost");
    await register(lou, "Lost phone");
    const asker = await user("ADMIN", "Ada Asker");
    const approver = await user("ADMIN", "Abe Approver");
    // A passkey alone is a factor that can be reset.
    const { requestId } = await requestFactorReset({ db: t.db, actor: asker, ip: IP, userId: lou.id });
    await t.db.$transaction((tx) => applyFactorReset(tx, { actor: asker, ip: IP, userId: lou.id, approvedBy: approver, requestId }));
    expect(await t.db.passkey.count({ where: { userId: lou.id } })).toBe(0);
    const after = await newSession(lou.id);
    expect(await readSession(t.db, after.id, { touch: false, allowPendingFactor: true })).toMatchObject({ factor: "enrol", hasPasskey: false });
  });
});
