// A virtual recorder's birth and clock: the freshly booted state, the checks on what it is set
// up with, and the recorder's own "now" (real time plus the offset a tester set).
import { checkField, isResetHost, normalizeEmail } from "@/lib/reset-protocol";
import type { RecorderIdentity, RecorderState } from "./types";

/**
 * The simulator lets a tester move the recorder clock by at most this much either way (about
 * 200 years), which keeps every reachable clock value a safe integer and inside what `t` can
 * carry for any real `now`.
 */
export const MAX_CLOCK_OFFSET_MS = 200 * 365 * 24 * 60 * 60 * 1000;

/** A virtual recorder set up with values no real recorder could have. */
export class RecorderConfigError extends Error {
  override readonly name = "RecorderConfigError";
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

/** True iff `offsetMs` is an integer number of ms within ±MAX_CLOCK_OFFSET_MS. */
export function isValidClockOffset(offsetMs: number): boolean {
  return Number.isSafeInteger(offsetMs) && Math.abs(offsetMs) <= MAX_CLOCK_OFFSET_MS;
}

/**
 * Injected clocks are checked once here, so a bad caller fails loudly instead of corrupting state.
 * @throws TypeError unless `now` is a safe-integer number of ms.
 */
export function assertNow(now: number): void {
  if (!Number.isSafeInteger(now)) throw new TypeError("now must be an integer number of milliseconds");
}

export interface RecorderNowOptions {
  readonly state: RecorderState;
  /** Real time in ms (injected). */
  readonly now: number;
}

/** The recorder's own clock in ms: real time plus the offset a tester set. */
export function recorderNow({ state, now }: RecorderNowOptions): number {
  assertNow(now);
  return now + state.clockOffsetMs;
}

export interface CreateRecorderStateOptions {
  readonly identity: RecorderIdentity;
  /** The admin password before the reset (not checked against the rules: factory defaults rarely meet them). */
  readonly adminPassword: string;
  readonly clockOffsetMs?: number;
}

/**
 * A freshly booted virtual recorder on its login screen.
 * @throws RecorderConfigError when the identity could not appear in an RP1 challenge.
 */
export function createRecorderState({ identity, adminPassword, clockOffsetMs = 0 }: CreateRecorderStateOptions): RecorderState {
  const fieldChecks = [
    ["serial", checkField("s", identity.serial)],
    ["model", checkField("p", identity.model)],
    ["mac", checkField("m", identity.mac)],
    ["firmware", checkField("f", identity.firmware)],
    ["keyVersion", checkField("v", String(identity.keyVersion))],
  ] as const;
  for (const [field, error] of fieldChecks) {
    if (error) throw new RecorderConfigError(field, `Recorder ${field}: ${error.message}`);
  }
  if (!isResetHost(identity.resetHost)) throw new RecorderConfigError("resetHost", "Recorder resetHost must be a plain host name, optionally with :port.");
  if (normalizeEmail(identity.reservedEmail) === "") throw new RecorderConfigError("reservedEmail", "Recorder reservedEmail must not be empty.");
  if (!isValidClockOffset(clockOffsetMs))
    throw new RecorderConfigError("clockOffsetMs", "Recorder clockOffsetMs must be an integer number of ms within the allowed range.");
  if (typeof adminPassword !== "string") throw new RecorderConfigError("adminPassword", "Recorder adminPassword must be a string.");
  return {
    identity: { ...identity },
    clockOffsetMs,
    screen: "login",
    challenge: null,
    wrongCodeCount: 0,
    lockoutCount: 0,
    lockedUntilMs: null,
    adminPassword,
  };
}
