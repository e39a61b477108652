import "server-only";
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { recordAnonymousRefusal } from "@/lib/audit/record-anonymous-refusal";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { accountCapped, claimAttempt, ipFreeFailures, ipThrottleKey, throttleKeys, undoIpAttempt } from "@/lib/auth/throttle";
import { openSession } from "@/lib/auth/open-session";
import type { AuthenticateResult } from "@/lib/auth/authenticate";
import type { RelyingParty } from "./config";
import { checkPasskeyAssertion, PasskeyRefused } from "./verify-passkey";

/**
 * A passwordless sign-in: a discoverable passkey's answer with user verification (something the
 * user has and something they are or know) opens a session whose second factor is proven.
 * Throttled per client address like passwords (lib/auth/throttle.ts); an account at its failure
 * cap or disabled is refused; audited as `auth.sign_in` with method passkey, a refusal as
 * `auth.sign_in_failed`.
 */
export async function signInWithPasskey(options: {
  db: Db;
  response: AuthenticationResponseJSON;
  ip: string;
  userAgent?: string | null;
  rp?: RelyingParty;
  now?: Date;
}): Promise<AuthenticateResult> {
  const { db, ip } = options;
  const now = options.now ?? new Date();
  const anonymous = { id: null, label: "anonymous" };
  const ipKey = ipThrottleKey(ip);
  if (ipKey) {
    const claim = await claimAttempt(db, ipKey, ipFreeFailures(), now);
    if (!claim.ok) {
      await recordAnonymousRefusal({ db, action: "auth.sign_in_throttled", reason: "delayed", ip, details: { method: "passkey" }, now });
      return { ok: false, reason: "throttled", retryAfterSeconds: Math.ceil(claim.retryAfterMs / 1000) };
    }
  }
  const failed = async (reason: string): Promise<AuthenticateResult> => {
    await db.$transaction((tx) => recordAudit(tx, { actor: anonymous, action: "auth.sign_in_failed", ip, details: { method: "passkey", reason } }));
    return { ok: false, reason: "invalid" };
  };

  let checked;
  try {
    checked = await checkPasskeyAssertion({ db, response: options.response, purpose: "sign_in", rp: options.rp, now });
  } catch (e) {
    if (e instanceof PasskeyRefused) return failed(`passkey_${e.reason}`);
    throw e;
  }
  const user = await db.user.findUniqueOrThrow({ where: { id: checked.passkey.userId }, select: { id: true, name: true, email: true, active: true } });
  if (!user.active) return failed("disabled");
  if (await accountCapped(db, throttleKeys(user.email, ip).account)) return { ok: false, reason: "locked" };

  const session = await db.$transaction(async (tx) => {
    if (ipKey) await undoIpAttempt(tx, ipKey, now);
    // A discoverable passkey with user verification is two factors at once: the session has its second factor.
    return openSession(tx, {
      user,
      ip,
      userAgent: options.userAgent,
      now,
      secondFactorAt: now,
      details: { method: "passkey", passkeyId: checked.passkey.id, name: checked.passkey.name },
    });
  });
  return { ok: true, sessionId: session.id, userId: user.id };
}
