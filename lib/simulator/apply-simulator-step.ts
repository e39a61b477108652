// The pure heart of the simulator: one button press → lib/recorder → the next envelope. No I/O:
// time, nonce bytes and the device key are passed in.
import { press, type RecorderAction, type RecorderResult } from "@/lib/recorder";
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

/** The recorder action a button press means; time, nonce and key are the recorder's own inputs. */
function actionFor({ step, now, nonceBytes, deviceKey }: ApplySimulatorStepOptions): RecorderAction {
  switch (step.op) {
    case "log-in":
      return { type: "log-in", password: step.password };
    case "forgot-password":
      return { type: "forgot-password" };
    case "submit-email":
      return { type: "submit-email", email: step.email, now, deviceKey, nonceBytes };
    case "enter-code":
      // The machine asks for the key only when it compares a code, so a refusal needs none.
      return { type: "enter-code", input: step.code, now, deviceKey };
    case "leave-retrieve":
      return { type: "leave-retrieve", to: step.to };
    case "set-password":
      return { type: "set-password", password: step.password, confirmation: step.confirmation };
    case "answer-sync":
      return { type: "answer-sync", sync: step.sync };
    case "return-to-login":
      return { type: "return-to-login" };
    case "reboot":
      return { type: "reboot" };
    case "set-clock":
      return { type: "set-clock", offsetMs: Math.round(step.offsetHours * HOUR_MS) };
  }
}

export function applySimulatorStep(options: ApplySimulatorStepOptions): AppliedStep {
  const result: RecorderResult = press(options.envelope.state, actionFor(options));
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
