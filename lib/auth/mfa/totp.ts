import { generate, generateSecret, generateURI, verify } from "otplib";

// RFC 6238 TOTP with the authenticator apps' defaults (SHA-1, 6 digits, 30 s), through otplib.

export const TOTP_PERIOD_S = 30;
/** Clock drift allowed: one step either side. */
export const TOTP_DRIFT_STEPS = 1;
export const TOTP_ISSUER = "Reset Console";

export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

export function totpUri(secret: string, account: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: account, secret, period: TOTP_PERIOD_S });
}

/** The code for `at` (tests, the e2e sign-in helper, demo walk-through). */
export function totpCode(secret: string, at: Date = new Date()): Promise<string> {
  return generate({ secret, epoch: Math.floor(at.getTime() / 1000), period: TOTP_PERIOD_S });
}

export function totpStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP_PERIOD_S);
}

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: "wrong" | "replayed" };

/**
 * Checks a code against the seed at `now`, one step of drift either way, refusing any step at
 * or before `lastStep` (a code already used, or an older one: no replay).
 */
export async function checkTotp(options: { secret: string; code: string; lastStep: number | null; now?: Date }): Promise<TotpCheck> {
  const code = options.code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(code)) return { ok: false, reason: "wrong" };
  const epoch = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const common = { secret: options.secret, token: code, epoch, period: TOTP_PERIOD_S, epochTolerance: TOTP_DRIFT_STEPS * TOTP_PERIOD_S };
  const result = await verify({ ...common, ...(options.lastStep !== null ? { afterTimeStep: options.lastStep } : {}) });
  if (result.valid) return { ok: true, step: (result as { timeStep: number }).timeStep };
  // Told apart only for the audit log: the user hears the same refusal either way.
  if (options.lastStep !== null && (await verify(common)).valid) return { ok: false, reason: "replayed" };
  return { ok: false, reason: "wrong" };
}
