// Shapes shared by the simulator's server code and its components. Types only: safe to import
// from client components (nothing secret is in SimulatorView).
import type { RecorderScreen, RecorderState } from "@/lib/recorder";

/** A recorder from the Device table (its owner of record's email is the reserved email) or a bench one typed in. */
export type SimulatorSource = "registered" | "bench";

export type NoticeTone = "info" | "success" | "error";

/** What the recorder last said, in its own words. */
export interface SimulatorNotice {
  readonly text: string;
  readonly tone: NoticeTone;
}

/** Everything the simulator keeps between requests; sealed in a cookie, never readable by the browser. */
export interface SimulatorEnvelope {
  readonly state: RecorderState;
  readonly source: SimulatorSource;
  readonly notice: SimulatorNotice | null;
}

/**
 * What the cookie seals: the recorder and the server-side version it was sealed at
 * (SimulatorVersion). Only the current version opens, so an older cookie cannot be replayed.
 */
export interface SealedSimulator {
  readonly version: number;
  readonly envelope: SimulatorEnvelope;
}

/** One button press on the recorder or its service panel. */
export type SimulatorStep =
  | { readonly op: "log-in"; readonly password: string }
  | { readonly op: "forgot-password" }
  | { readonly op: "submit-email"; readonly email: string }
  | { readonly op: "enter-code"; readonly code: string }
  | { readonly op: "leave-retrieve"; readonly to: "login" | "forgot" }
  | { readonly op: "set-password"; readonly password: string; readonly confirmation: string }
  | { readonly op: "answer-sync"; readonly sync: boolean }
  | { readonly op: "return-to-login" }
  | { readonly op: "reboot" }
  | { readonly op: "set-clock"; readonly offsetHours: number };

/** A registered recorder the picker offers. No email: the person must type the reserved email. */
export interface SimulatorDeviceOption {
  readonly serial: string;
  readonly model: string;
  readonly keyVersion: number;
  readonly status: string;
}

/** What the browser may see of a running recorder: no password, no reserved email, no code. */
export interface SimulatorView {
  readonly screen: RecorderScreen;
  readonly source: SimulatorSource;
  readonly serial: string;
  readonly model: string;
  readonly firmware: string;
  readonly mac: string;
  readonly clockOffsetMs: number;
  /** Real server time when the page was rendered (ms); the client clock ticks from here. */
  readonly renderedAtMs: number;
  /** Real time (ms) until which code entry is locked, or null when it is not locked now. */
  readonly lockedUntilMs: number | null;
  readonly notice: SimulatorNotice | null;
  /** PNG data URL of the challenge QR, only on the Retrieve Password screen. */
  readonly qrDataUrl: string | null;
  /** Pixel size of that PNG (square). */
  readonly qrSizePx: number | null;
}
