import "server-only";
import { recordAnonymousRefusal } from "@/lib/audit/record-anonymous-refusal";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { normalizeEmailAddress } from "@/lib/email-address";
import { maskEmail } from "@/lib/privacy/mask-email";
import { verifyPassword } from "./password";
import { openSession } from "./open-session";
import { accountCapped, claimAttempt, countAccountAttempt, ipFreeFailures, PAIR_FREE_FAILURES, throttleKeys, undoAttempt } from "./throttle";

export type AuthenticateResult =
  | { ok: true; sessionId: string; userId: string }
  | { ok: false; reason: "invalid" }
  /** Too many failures from this address (for this account, or for any): wait this long. */
  | { ok: false; reason: "throttled"; retryAfterSeconds: number }
  /** The account reached its failure cap and needs an admin. */
  | { ok: false; reason: "locked" };

/**
 * Checks a sign-in. Unknown accounts, disabled accounts and wrong passwords all take one argon2
 * verification and give the same answer. Throttling (lib/auth/throttle.ts) slows guessing down
 * per account-and-address and per address, and caps failures per account; unknown and known
 * accounts are throttled alike, so the answers never tell them apart.
 */
export async function authenticate(options: {
  db: Db;
  email: string;
  password: string;
  ip: string;
  /** The browser's User-Agent, kept (cut to 300 characters) so the account page can name the session. */
  userAgent?: string | null;
  now?: Date;
}): Promise<AuthenticateResult> {
  const { db, ip } = options;
  const now = options.now ?? new Date();
  const email = normalizeEmailAddress(options.email);
  const keys = throttleKeys(email, ip);
  const anonymous = { id: null, label: "anonymous" };
  // A refused client can go on asking without any password check: counted, audited at a bounded rate.
  const refuse = async <R extends AuthenticateResult>(reason: "locked" | "delayed", result: R): Promise<R> => {
    await recordAnonymousRefusal({ db, action: "auth.sign_in_throttled", reason, ip, details: { email: maskEmail(email) }, now });
    return result;
  };

  if (await accountCapped(db, keys.account)) return refuse("locked", { ok: false, reason: "locked" });
  // Each attempt is counted before the (slow) password check, so parallel guesses cannot all
  // slip through one free slot; a successful sign-in gives it back.
  for (const [key, free] of [
    [keys.pair, PAIR_FREE_FAILURES],
    [keys.ip, ipFreeFailures()],
  ] as const) {
    if (!key) continue;
    const claim = await claimAttempt(db, key, free, now);
    if (!claim.ok) return refuse("delayed", { ok: false, reason: "throttled", retryAfterSeconds: Math.ceil(claim.retryAfterMs / 1000) });
  }
  if (!(await countAccountAttempt(db, keys.account, now))) return refuse("locked", { ok: false, reason: "locked" });

  const user = await db.user.findUnique({ where: { email }, select: { id: true, name: true, active: true, passwordHash: true } });
  const passwordOk = await verifyPassword(user?.passwordHash, options.password);
  if (!user || !passwordOk || !user.active) {
    await db.$transaction((tx) => recordAudit(tx, { actor: anonymous, action: "auth.sign_in_failed", ip, details: { email: maskEmail(email) } }));
    return { ok: false, reason: "invalid" };
  }

  const session = await db.$transaction(async (tx) => {
    await undoAttempt(tx, keys, now);
    return openSession(tx, { user, ip, userAgent: options.userAgent, now });
  });
  return { ok: true, sessionId: session.id, userId: user.id };
}
