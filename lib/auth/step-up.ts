import "server-only";
import type { Db } from "@/lib/db/client";
import { AppError, isAppError } from "@/lib/errors";
import { secondFactorIsRecent, STEP_UP_MAX_AGE_MS } from "./mfa/factor-rules";
import { verifySecondFactor } from "./mfa/verify-second-factor";

/** Who asks for a risky change, as the session knows them, and the code they typed (if the UI asked for one). */
export type StepUp = {
  actor: { id: string; label: string };
  session: { sessionId: string; secondFactorAt: Date | null; hasTotp: boolean; hasPasskey?: boolean };
  ip: string | null;
  /** The second-factor code typed in the step-up dialog; absent until the UI asked for it. */
  code?: string | null;
};

/** The form field the step-up dialog fills; a refusal names it, which is how the UI knows to open the dialog. */
export const STEP_UP_FIELD = "stepUpCode";
export const STEP_UP_ASK = `Confirm it is you: enter the code from your authenticator app (your last one is more than ${STEP_UP_MAX_AGE_MS / 60_000} minutes old).`;
export const STEP_UP_NO_FACTOR = "This change needs a second factor: set up an authenticator app or add a passkey on your Account page first.";

/**
 * The one step-up rule for risky changes (sending to an alternate destination, owner changes,
 * re-activating a blocked or stolen recorder, role grants, key-related settings): the session's
 * second factor must have been proven in the last 5 minutes, or the code given now must prove it
 * (throttled and audited by verifySecondFactor). Refusals carry STEP_UP_FIELD so the UI asks for
 * the code and retries.
 */
export async function requireRecentSecondFactor(db: Db, stepUp: StepUp, what: string, now: Date = new Date()): Promise<void> {
  if (secondFactorIsRecent(stepUp.session, now)) return;
  if (!stepUp.session.hasTotp && !stepUp.session.hasPasskey) throw new AppError("FORBIDDEN", STEP_UP_NO_FACTOR, { [STEP_UP_FIELD]: [STEP_UP_NO_FACTOR] });
  const code = stepUp.code?.trim();
  // With a passkey, the dialog proves the factor through /api/v1/passkeys/assert first and retries without a code.
  if (!code) throw new AppError("FORBIDDEN", STEP_UP_ASK, { [STEP_UP_FIELD]: [STEP_UP_ASK] });
  try {
    await verifySecondFactor({ db, actor: stepUp.actor, sessionId: stepUp.session.sessionId, ip: stepUp.ip, code, purpose: "step_up", what, now });
  } catch (e) {
    // The same refusal, but on the dialog's field.
    if (isAppError(e)) throw new AppError(e.code, e.message, { [STEP_UP_FIELD]: [e.message] });
    throw e;
  }
}

/** The step-up of the signed-in user (a server action's or route's caller) with the code they typed, if any. */
export function stepUpFor(
  user: { id: string; name: string; sessionId: string; secondFactorAt: Date | null; hasTotp: boolean; hasPasskey?: boolean; ip: string },
  code?: string | null,
): StepUp {
  return { actor: { id: user.id, label: user.name }, session: user, ip: user.ip, code };
}
