import type { Role } from "@/lib/generated/prisma/enums";

// Second-factor rules, each written once; the guard (lib/auth/guard.ts), the factor pages and the
// step-up check (lib/auth/step-up.ts) all call these. Browser-safe: no server imports.

/** How a session stands with its second factor: done, to be proven now, or to be set up first. */
export type FactorState = "ok" | "verify" | "enrol";

/** A step-up asks for the factor again when the last proof is older than this. */
export const STEP_UP_MAX_AGE_MS = 5 * 60 * 1000;

/**
 * Has this session proven a second factor (`secondFactorAt`)? A TOTP or recovery code on this
 * console, or, for single sign-on, an identity provider whose `amr`/`acr` says it checked one
 * (lib/auth/sso/sign-in.ts sets it at sign-in then).
 */
export function sessionHasSecondFactor(session: { secondFactorAt: Date | null }): boolean {
  return session.secondFactorAt !== null;
}

/** Does this user have a second factor: a confirmed authenticator app or at least one passkey? */
export function userHasFactor(user: { totpConfirmedAt: Date | null; passkeyCount: number }): boolean {
  return user.totpConfirmedAt !== null || user.passkeyCount > 0;
}

/** Must this user have a second factor? Always for supervisors and admins; for agents when the admins' setting says so. */
export function secondFactorRequired(role: Role, settings: { mfaRequiredForAgents: boolean }): boolean {
  return role !== "AGENT" || settings.mfaRequiredForAgents;
}

/**
 * A user with a factor proves it at every sign-in; a user without one who must have one can do
 * nothing but enrol; anyone else is through.
 */
export function factorState(options: { hasFactor: boolean; required: boolean; session: { secondFactorAt: Date | null } }): FactorState {
  if (sessionHasSecondFactor(options.session)) return "ok";
  if (options.hasFactor) return "verify";
  return options.required ? "enrol" : "ok";
}

/** Was the second factor proven recently enough for a risky change? */
export function secondFactorIsRecent(session: { secondFactorAt: Date | null }, now: Date): boolean {
  return sessionHasSecondFactor(session) && now.getTime() - session.secondFactorAt!.getTime() <= STEP_UP_MAX_AGE_MS;
}

/** Where a session whose factor is pending is sent. */
export const FACTOR_PAGE = "/mfa";
export const PENDING_FACTOR_MESSAGE = "Finish signing in first: enter the code from your authenticator app or use your passkey (or set one up) at /mfa.";
