import "server-only";
import { createHash } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { normalizeEmailAddress } from "@/lib/email-address";
import { env } from "@/lib/env";
import { Prisma } from "@/lib/generated/prisma/client";
import { UNKNOWN_IP } from "@/lib/http/client-ip";
import { DAY_MS, HOUR_MS } from "@/lib/time";

// Sign-in throttling slows guessing down instead of locking people out (NIST SP 800-63B 5.2.2):
// - per account *from one client address* and per client address, each failure after a few free
//   ones doubles the wait before the next attempt ("try again in N s"), up to MAX_DELAY_MS. The
//   owner signing in from another place is not held up by someone guessing elsewhere.
// - per account, at most ACCOUNT_FAILURE_CAP failures in ACCOUNT_CAP_WINDOW_MS; at the cap the
//   account refuses every sign-in until an admin clears it (users page, "Clear sign-in lock").
// Every counter is one row in the database, claimed and counted in one statement, so several
// app instances share it and parallel guesses cannot all slip through one free slot.

/** Failures allowed before the first wait, per account and address... */
export const PAIR_FREE_FAILURES = 3;
/** ...and per address across accounts (an office behind one NAT address): the default of SIGN_IN_IP_FREE_FAILURES. */
export const IP_FREE_FAILURES = 10;

/** The per-address allowance in force: SIGN_IN_IP_FREE_FAILURES, for a large office behind one NAT address. */
export function ipFreeFailures(): number {
  return env().SIGN_IN_IP_FREE_FAILURES;
}
/** The first wait; each further failure doubles it. */
export const BASE_DELAY_MS = 5_000;
export const MAX_DELAY_MS = 15 * 60 * 1000;
/** A counter with no failure for this long starts again from zero. */
export const IDLE_RESET_MS = 24 * HOUR_MS;
export const ACCOUNT_FAILURE_CAP = 100;
export const ACCOUNT_CAP_WINDOW_MS = 30 * DAY_MS;

/** The wait before the next attempt after `failures` failures in a row: none for the first `free - 1`, then doubling. */
export function throttleDelayMs(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.min(30, failures - free));
}

/** The same in SQL, for the statement that counts a failure and sets the next allowed time at once. */
function delaySql(failures: Prisma.Sql, free: number): Prisma.Sql {
  return Prisma.sql`(CASE WHEN ${failures} < ${free}::int THEN 0
    ELSE LEAST(${MAX_DELAY_MS}::float8, ${BASE_DELAY_MS}::float8 * power(2::float8, LEAST(30, ${failures} - ${free}::int)::float8)) END) * interval '1 millisecond'`;
}

const digest = (s: string) => createHash("sha256").update(s).digest("hex").slice(0, 32);

/**
 * The counters of one sign-in. Keys are hashed so the table never holds an email address. The
 * address counter is left out when the address is unknown (TRUSTED_PROXY_HOPS=0): one shared
 * "unknown" counter would let anyone slow everyone down.
 */
export function throttleKeys(email: string, ip: string) {
  const account = digest(normalizeEmailAddress(email));
  return {
    account: `acct:${account}`,
    pair: `pair:${account}:${digest(ip)}`,
    pairPrefix: `pair:${account}:`,
    ip: ipThrottleKey(ip),
  };
}

/** The per-address counter (shared by password and passkey sign-ins); null when the address is unknown. */
export function ipThrottleKey(ip: string): string | null {
  return ip === UNKNOWN_IP ? null : `ip:${digest(ip)}`;
}

export type Claim = { ok: true } | { ok: false; retryAfterMs: number };

/**
 * Counts an attempt on a delay counter if its wait is over, and sets the wait before the next one
 * as if this attempt fails (a success undoes it). Refused, nothing is counted.
 */
export async function claimAttempt(db: Db, key: string, free: number, now: Date): Promise<Claim> {
  const idleSince = new Date(now.getTime() - IDLE_RESET_MS);
  const next = Prisma.sql`(CASE WHEN "SignInThrottle"."windowStart" < ${idleSince} THEN 1 ELSE "SignInThrottle"."failures" + 1 END)`;
  const rows = await db.$queryRaw<{ failures: number }[]>`
    INSERT INTO "SignInThrottle" ("key", "failures", "windowStart", "lockedUntil")
    VALUES (${key}, 1, ${now}, ${new Date(now.getTime() + throttleDelayMs(1, free))})
    ON CONFLICT ("key") DO UPDATE SET
      "failures"    = ${next},
      "windowStart" = ${now},
      "lockedUntil" = ${now}::timestamptz + ${delaySql(next, free)}
    WHERE "SignInThrottle"."lockedUntil" IS NULL OR "SignInThrottle"."lockedUntil" <= ${now}
    RETURNING "failures"`;
  if (rows.length) return { ok: true };
  const row = await db.signInThrottle.findUnique({ where: { key }, select: { lockedUntil: true } });
  return { ok: false, retryAfterMs: Math.max(1000, (row?.lockedUntil?.getTime() ?? now.getTime()) - now.getTime()) };
}

/**
 * Counts a failure against the account's cap. False when the cap is reached (the account then
 * needs an admin: the count stops expiring once it gets there).
 */
export async function countAccountAttempt(db: Db, key: string, now: Date): Promise<boolean> {
  const windowStart = new Date(now.getTime() - ACCOUNT_CAP_WINDOW_MS);
  const rows = await db.$queryRaw<{ failures: number }[]>`
    INSERT INTO "SignInThrottle" ("key", "failures", "windowStart", "lockedUntil")
    VALUES (${key}, 1, ${now}, NULL)
    ON CONFLICT ("key") DO UPDATE SET
      "failures"    = CASE WHEN "SignInThrottle"."windowStart" < ${windowStart} THEN 1 ELSE "SignInThrottle"."failures" + 1 END,
      "windowStart" = CASE WHEN "SignInThrottle"."windowStart" < ${windowStart} THEN ${now} ELSE "SignInThrottle"."windowStart" END
    WHERE "SignInThrottle"."failures" < ${ACCOUNT_FAILURE_CAP}::int
    RETURNING "failures"`;
  return rows.length > 0;
}

/** Has the account reached its cap (and so needs an admin)? */
export async function accountCapped(db: Db, key: string): Promise<boolean> {
  const row = await db.signInThrottle.findUnique({ where: { key }, select: { failures: true } });
  return (row?.failures ?? 0) >= ACCOUNT_FAILURE_CAP;
}

/**
 * A successful sign-in: the attempt counted up front was not a failure. The account-and-address
 * counter goes; the address and account counters give the one attempt back (the address's wait
 * follows its count), so a valid sign-in never wipes out what others did from there.
 */
export async function undoAttempt(tx: Prisma.TransactionClient, keys: ReturnType<typeof throttleKeys>, now: Date): Promise<void> {
  await tx.signInThrottle.deleteMany({ where: { key: keys.pair } });
  await tx.$executeRaw`UPDATE "SignInThrottle" SET "failures" = GREATEST(0, "failures" - 1) WHERE "key" = ${keys.account}`;
  if (keys.ip) await undoIpAttempt(tx, keys.ip, now);
}

/** Gives back the per-address attempt a successful sign-in claimed. */
export async function undoIpAttempt(tx: Prisma.TransactionClient, ipKey: string, now: Date): Promise<void> {
  const back = Prisma.sql`GREATEST(0, "failures" - 1)`;
  await tx.$executeRaw`UPDATE "SignInThrottle" SET "failures" = ${back}, "lockedUntil" = ${now}::timestamptz + ${delaySql(back, ipFreeFailures())} WHERE "key" = ${ipKey}`;
}
