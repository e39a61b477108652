import type { RecorderResult, RecorderState } from "./types";

export type RebootOutcome = { readonly kind: "rebooted" };

/**
 * A reboot loses everything held in RAM: the nonce (its code is refused from now on), the
 * screen and the counters. The clock offset (RTC) and a running lockout survive, so rebooting
 * is not a way around a lockout.
 */
export function reboot(state: RecorderState): RecorderResult<RebootOutcome> {
  return {
    state: { ...state, screen: "login", challenge: null, wrongCodeCount: 0, lockoutCount: 0 },
    outcome: { kind: "rebooted" },
    message: "The device has restarted.",
  };
}
