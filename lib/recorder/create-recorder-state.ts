// A freshly booted virtual recorder on its login screen.
import { checkField, isResetHost, normalizeEmail } from "@/lib/reset-protocol";
import { isValidClockOffset } from "./is-valid-clock-offset";
import { RecorderConfigError } from "./recorder-config-error";
import type { RecorderIdentity, RecorderState } from "./types";

export interface CreateRecorderStateOptions {
  readonly identity: RecorderIdentity;
  /** The admin password before the reset (not checked against the rules: factory defaults rarely meet them). */
  readonly adminPassword: string;
  readonly clockOffsetMs?: number;
}

/** @throws RecorderConfigError when the identity could not appear in an RP1 challenge. */
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
