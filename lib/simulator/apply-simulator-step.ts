// The pure heart of the simulator: one button press → lib/recorder → the next envelope. No I/O:
// time, nonce bytes and the device key are passed in.
import {
  answerSyncPrompt,
  enterSecurityCode,
  leaveRetrieveScreen,
  logIn,
  openForgotPassword,
  reboot,
  returnToLogin,
  setClockOffset,
  setNewPassword,
  submitResetEmail,
  type RecorderResult,
} from "@/lib/recorder";
import { HOUR_MS } from "./constants";
import type { NoticeTone, SimulatorEnvelope, SimulatorStep } from "./types";

export interface ApplySimulatorStepOptions {
  readonly envelope: SimulatorEnvelope;
  readonly step: SimulatorStep;
  /** Real time in ms. */
  readonly now: number;
  /** 12 fresh CSPRNG bytes, used only when a challenge is made. */
  readonly nonceBytes: Uint8Array;
  /** Called only by the steps that need the device key, so other steps work without one. */
  readonly deviceKey: () => Uint8Array;
}

export interface AppliedStep {
  readonly envelope: SimulatorEnvelope;
  /** The outcome kind from lib/recorder (for tests and the audit decision). */
  readonly outcome: string;
  /** True when this step put a new challenge (QR) on the screen. */
  readonly challengeCreated: boolean;
}

const SUCCESS_OUTCOMES = new Set(["logged-in", "accepted", "password-set", "synced", "not-synced", "clock-set"]);
const INFO_OUTCOMES = new Set(["challenge-shown", "rebooted"]);
/** Plain navigation: the new screen's own prompt says it all. */
const SILENT_OUTCOMES = new Set(["opened", "left", "at-login"]);

function toneOf(kind: string): NoticeTone {
  if (SUCCESS_OUTCOMES.has(kind)) return "success";
  if (INFO_OUTCOMES.has(kind)) return "info";
  return "error";
}

function press(options: ApplySimulatorStepOptions): RecorderResult<{ readonly kind: string }> {
  const {
    envelope: { state },
    step,
    now,
  } = options;
  switch (step.op) {
    case "log-in":
      return logIn({ state, password: step.password });
    case "forgot-password":
      return openForgotPassword(state);
    case "submit-email":
      return submitResetEmail({ state, now, email: step.email, deviceKey: options.deviceKey(), nonceBytes: options.nonceBytes });
    case "enter-code":
      // No key is needed to refuse a code when no challenge is on screen.
      if (state.screen !== "retrieve" || state.challenge === null) return enterSecurityCode({ state, now, input: step.code, deviceKey: new Uint8Array(32) });
      return enterSecurityCode({ state, now, input: step.code, deviceKey: options.deviceKey() });
    case "leave-retrieve":
      return leaveRetrieveScreen({ state, to: step.to });
    case "set-password":
      return setNewPassword({ state, password: step.password, confirmation: step.confirmation });
    case "answer-sync":
      return answerSyncPrompt({ state, sync: step.sync });
    case "return-to-login":
      return returnToLogin(state);
    case "reboot":
      return reboot(state);
    case "set-clock":
      return setClockOffset({ state, offsetMs: Math.round(step.offsetHours * HOUR_MS) });
  }
}

export function applySimulatorStep(options: ApplySimulatorStepOptions): AppliedStep {
  const result = press(options);
  const kind = result.outcome.kind;
  return {
    envelope: {
      ...options.envelope,
      state: result.state,
      notice: SILENT_OUTCOMES.has(kind) ? null : { text: result.message, tone: toneOf(kind) },
    },
    outcome: kind,
    challengeCreated: kind === "challenge-shown",
  };
}
