import { describe, expect, it } from "vitest";
import { factorState, secondFactorIsRecent, secondFactorRequired, sessionHasSecondFactor, STEP_UP_MAX_AGE_MS, userHasFactor } from "./factor-rules";

const now = new Date("2026-12-06T12:00:00Z");
const proven = { secondFactorAt: new Date(now.getTime() - 1000) };
const pending = { secondFactorAt: null };

describe("second-factor rules", () => {
  it("counts a confirmed authenticator app or at least one passkey as the user's factor", () => {
    expect(userHasFactor({ totpConfirmedAt: now, passkeyCount: 0 })).toBe(true);
    expect(userHasFactor({ totpConfirmedAt: null, passkeyCount: 1 })).toBe(true);
    expect(userHasFactor({ totpConfirmedAt: now, passkeyCount: 2 })).toBe(true);
    expect(userHasFactor({ totpConfirmedAt: null, passkeyCount: 0 })).toBe(false);
  });

  it("requires a factor of supervisors and admins always, of agents only by the admins' setting", () => {
    expect(secondFactorRequired("ADMIN", { mfaRequiredForAgents: false })).toBe(true);
    expect(secondFactorRequired("SUPERVISOR", { mfaRequiredForAgents: false })).toBe(true);
    expect(secondFactorRequired("AGENT", { mfaRequiredForAgents: false })).toBe(false);
    expect(secondFactorRequired("AGENT", { mfaRequiredForAgents: true })).toBe(true);
  });

  it("lets a session through once proven; otherwise asks for the factor, or for enrolment when one is required", () => {
    expect(factorState({ hasFactor: true, required: true, session: proven })).toBe("ok");
    expect(factorState({ hasFactor: true, required: false, session: pending })).toBe("verify");
    expect(factorState({ hasFactor: false, required: true, session: pending })).toBe("enrol");
    expect(factorState({ hasFactor: false, required: false, session: pending })).toBe("ok");
    expect(sessionHasSecondFactor(pending)).toBe(false);
  });

  it("counts a factor as recent for step-up for 5 minutes", () => {
    expect(secondFactorIsRecent({ secondFactorAt: new Date(now.getTime() - STEP_UP_MAX_AGE_MS) }, now)).toBe(true);
    expect(secondFactorIsRecent({ secondFactorAt: new Date(now.getTime() - STEP_UP_MAX_AGE_MS - 1) }, now)).toBe(false);
    expect(secondFactorIsRecent(pending, now)).toBe(false);
  });
});
