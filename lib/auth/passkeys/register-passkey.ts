import "server-only";
import {
  generateRegistrationOptions,
  verifyRegistrationResponse,
  type AuthenticatorTransportFuture,
  type PublicKeyCredentialCreationOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { userHasFactor } from "@/lib/auth/mfa/factor-rules";
import { requireRecentSecondFactor, type StepUp } from "@/lib/auth/step-up";
import { challengeOf, CHALLENGE_TTL_MS, storeChallenge, takeChallenge } from "./challenges";
import { requireRelyingParty, type RelyingParty } from "./config";

/** A user keeps at most this many passkeys. */
export const MAX_PASSKEYS = 10;

const REFUSED = "The passkey could not be added: the browser's answer did not check out. Try again.";

/**
 * Options for the browser to make a new passkey: a resident (discoverable) credential with user
 * verification, so it also signs in without a password; the user's existing ones excluded.
 * A user who has a second factor already must have proven it recently (step-up): someone at an
 * unlocked screen must not add a passkey of their own to the account.
 */
export async function startPasskeyRegistration(options: {
  db: Db;
  userId: string;
  sessionId: string;
  stepUp: StepUp;
  rp?: RelyingParty;
  now?: Date;
}): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const { db } = options;
  const rp = options.rp ?? requireRelyingParty();
  const now = options.now ?? new Date();
  const user = await db.user.findUniqueOrThrow({
    where: { id: options.userId },
    select: { id: true, email: true, name: true, totpConfirmedAt: true, passkeys: { select: { credentialId: true, transports: true } } },
  });
  if (userHasFactor({ totpConfirmedAt: user.totpConfirmedAt, passkeyCount: user.passkeys.length })) {
    await requireRecentSecondFactor(db, options.stepUp, "add a passkey", now);
  }
  if (user.passkeys.length >= MAX_PASSKEYS) throw new AppError("CONFLICT", `You have ${MAX_PASSKEYS} passkeys already: remove one first.`);
  const optionsJSON = await generateRegistrationOptions({
    rpName: rp.rpName,
    rpID: rp.rpID,
    userName: user.email,
    userDisplayName: user.name,
    userID: new TextEncoder().encode(user.id),
    attestationType: "none",
    timeout: CHALLENGE_TTL_MS,
    excludeCredentials: user.passkeys.map((p) => ({ id: p.credentialId, transports: p.transports as AuthenticatorTransportFuture[] })),
    authenticatorSelection: { residentKey: "required", requireResidentKey: true, userVerification: "required" },
  });
  await storeChallenge(db, { challenge: optionsJSON.challenge, purpose: "register", userId: user.id, sessionId: options.sessionId, now });
  return optionsJSON;
}

/**
 * Checks the browser's answer against the challenge this session was given (used up either way)
 * and keeps the credential's public key, counter and transports under the name the user gave.
 * A first factor proves this session's too (as a confirmed authenticator app does). Audited as
 * `mfa.passkey_added`.
 */
export async function finishPasskeyRegistration(options: {
  db: Db;
  actor: AuditActor & { id: string };
  sessionId: string;
  ip: string | null;
  name: string;
  response: RegistrationResponseJSON;
  rp?: RelyingParty;
  now?: Date;
}): Promise<{ passkeyId: string }> {
  const { db, actor, ip } = options;
  const rp = options.rp ?? requireRelyingParty();
  const now = options.now ?? new Date();
  const challenge = challengeOf(options.response);
  if (!challenge || !(await takeChallenge(db, { challenge, purpose: "register", userId: actor.id, sessionId: options.sessionId, now }))) {
    throw new AppError("FORBIDDEN", "That passkey request has expired or was used already. Try again.");
  }
  let verification;
  try {
    verification = await verifyRegistrationResponse({
      response: options.response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      requireUserVerification: true,
    });
  } catch {
    throw new AppError("FORBIDDEN", REFUSED);
  }
  if (!verification.verified) throw new AppError("FORBIDDEN", REFUSED);
  const { credential, credentialBackedUp } = verification.registrationInfo;
  return db.$transaction(async (tx) => {
    if ((await tx.passkey.count({ where: { userId: actor.id } })) >= MAX_PASSKEYS)
      throw new AppError("CONFLICT", `You have ${MAX_PASSKEYS} passkeys already: remove one first.`);
    if (await tx.passkey.findUnique({ where: { credentialId: credential.id }, select: { id: true } }))
      throw new AppError("CONFLICT", "This passkey is registered already.");
    const passkey = await tx.passkey.create({
      data: {
        userId: actor.id,
        credentialId: credential.id,
        publicKey: Buffer.from(credential.publicKey).toString("base64url"),
        counter: BigInt(credential.counter),
        transports: credential.transports ?? [],
        name: options.name,
        backedUp: credentialBackedUp,
      },
    });
    await tx.userSession.updateMany({ where: { id: options.sessionId, secondFactorAt: null }, data: { secondFactorAt: now } });
    await recordAudit(tx, { actor, action: "mfa.passkey_added", ip, details: { passkeyId: passkey.id, name: passkey.name, sessionId: options.sessionId } });
    return { passkeyId: passkey.id };
  });
}
