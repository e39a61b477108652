import "server-only";
import {
  generateAuthenticationOptions,
  verifyAuthenticationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  type PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/server";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { claimAttempt, PAIR_FREE_FAILURES } from "@/lib/auth/throttle";
import { factorThrottleKey } from "@/lib/auth/mfa/enrol-totp";
import type { FactorPurpose } from "@/lib/auth/mfa/verify-second-factor";
import { challengeOf, CHALLENGE_TTL_MS, storeChallenge, takeChallenge, type ChallengePurpose } from "./challenges";
import { requireRelyingParty, type RelyingParty } from "./config";

export const PASSKEY_REFUSED = "That passkey was not accepted. Try again, or use another way to sign in.";

/** Why a passkey answer was refused (audit only; the user always reads PASSKEY_REFUSED). */
export type PasskeyRefusal = "challenge" | "unknown_passkey" | "other_user" | "signature" | "counter" | "no_user_verification";

export class PasskeyRefused extends AppError {
  constructor(readonly reason: PasskeyRefusal) {
    super("FORBIDDEN", PASSKEY_REFUSED);
  }
}

/**
 * Options for the browser to sign a challenge. For a signed-in user (second factor, step-up)
 * only their own passkeys are allowed; for a passwordless sign-in none are named (the
 * authenticator offers its discoverable ones) and user verification is required.
 */
export async function startPasskeyAssertion(options: {
  db: Db;
  /** The signed-in user and session proving their factor; absent: a passwordless sign-in. */
  user?: { id: string; sessionId: string };
  rp?: RelyingParty;
  now?: Date;
}): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const { db, user } = options;
  const rp = options.rp ?? requireRelyingParty();
  const now = options.now ?? new Date();
  let allowCredentials: { id: string; transports: AuthenticatorTransportFuture[] }[] | undefined;
  if (user) {
    const passkeys = await db.passkey.findMany({ where: { userId: user.id }, select: { credentialId: true, transports: true } });
    if (passkeys.length === 0) throw new AppError("INVALID_STATE", "You have no passkey. Add one on your Account page, or use your authenticator app.");
    allowCredentials = passkeys.map((p) => ({ id: p.credentialId, transports: p.transports as AuthenticatorTransportFuture[] }));
  }
  const optionsJSON = await generateAuthenticationOptions({
    rpID: rp.rpID,
    allowCredentials,
    userVerification: user ? "preferred" : "required",
    timeout: CHALLENGE_TTL_MS,
  });
  await storeChallenge(db, { challenge: optionsJSON.challenge, purpose: user ? "factor" : "sign_in", userId: user?.id, sessionId: user?.sessionId, now });
  return optionsJSON;
}

/**
 * Checks a browser's signed answer: its challenge was issued for this purpose (and user and
 * session) and is used up now; the credential is a registered passkey (of `userId` when given);
 * the signature verifies with its public key; the signature counter moved forward (a cloned or
 * replayed authenticator is refused). The counter only moves if no parallel answer moved it first.
 */
export async function checkPasskeyAssertion(options: {
  db: Db;
  response: AuthenticationResponseJSON;
  purpose: ChallengePurpose;
  userId?: string;
  sessionId?: string;
  rp?: RelyingParty;
  now: Date;
}): Promise<{ passkey: { id: string; userId: string; name: string }; userVerified: boolean }> {
  const { db, response, now } = options;
  const rp = options.rp ?? requireRelyingParty();
  const challenge = challengeOf(response);
  if (!challenge || !(await takeChallenge(db, { challenge, purpose: options.purpose, userId: options.userId, sessionId: options.sessionId, now }))) {
    throw new PasskeyRefused("challenge");
  }
  const passkey = await db.passkey.findUnique({ where: { credentialId: response.id } });
  if (!passkey) throw new PasskeyRefused("unknown_passkey");
  if (options.userId && passkey.userId !== options.userId) throw new PasskeyRefused("other_user");
  let verification;
  try {
    verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      credential: {
        id: passkey.credentialId,
        publicKey: new Uint8Array(Buffer.from(passkey.publicKey, "base64url")),
        counter: Number(passkey.counter),
        transports: passkey.transports as AuthenticatorTransportFuture[],
      },
      requireUserVerification: options.purpose === "sign_in",
    });
  } catch (e) {
    // The library says "Response counter value … was lower than expected" for a replayed or cloned authenticator.
    throw new PasskeyRefused(e instanceof Error && /counter/i.test(e.message) ? "counter" : "signature");
  }
  if (!verification.verified) throw new PasskeyRefused("signature");
  if (options.purpose === "sign_in" && !verification.authenticationInfo.userVerified) throw new PasskeyRefused("no_user_verification");
  const newCounter = BigInt(verification.authenticationInfo.newCounter);
  const moved = await db.passkey.updateMany({ where: { id: passkey.id, counter: passkey.counter }, data: { counter: newCounter, lastUsedAt: now } });
  if (moved.count !== 1) throw new PasskeyRefused("counter");
  return { passkey: { id: passkey.id, userId: passkey.userId, name: passkey.name }, userVerified: verification.authenticationInfo.userVerified };
}

/**
 * Proves the second factor of a signed-in session with one of the user's passkeys (at sign-in on
 * /mfa, or for a step-up): throttled like codes, `secondFactorAt` is now, audited as
 * `mfa.verified` with method passkey (a refusal as `mfa.failed`).
 */
export async function verifyPasskeySecondFactor(options: {
  db: Db;
  actor: AuditActor & { id: string };
  sessionId: string;
  ip: string | null;
  response: AuthenticationResponseJSON;
  purpose: FactorPurpose;
  rp?: RelyingParty;
  now?: Date;
}): Promise<void> {
  const { db, actor, ip, purpose } = options;
  const now = options.now ?? new Date();
  const claim = await claimAttempt(db, factorThrottleKey(actor.id), PAIR_FREE_FAILURES, now);
  if (!claim.ok) throw new AppError("RATE_LIMITED", `Too many refused attempts. Try again in ${Math.ceil(claim.retryAfterMs / 1000)} s.`);
  let checked;
  try {
    checked = await checkPasskeyAssertion({
      db,
      response: options.response,
      purpose: "factor",
      userId: actor.id,
      sessionId: options.sessionId,
      rp: options.rp,
      now,
    });
  } catch (e) {
    if (e instanceof PasskeyRefused) {
      await db.$transaction((tx) =>
        recordAudit(tx, { actor, action: "mfa.failed", ip, details: { purpose, method: "passkey", reason: `passkey_${e.reason}` } }),
      );
    }
    throw e;
  }
  await db.$transaction(async (tx) => {
    await tx.userSession.update({ where: { id: options.sessionId }, data: { secondFactorAt: now } });
    await tx.signInThrottle.deleteMany({ where: { key: factorThrottleKey(actor.id) } });
    await recordAudit(tx, {
      actor,
      action: "mfa.verified",
      ip,
      details: { purpose, method: "passkey", passkeyId: checked.passkey.id, name: checked.passkey.name, sessionId: options.sessionId },
    });
  });
}
