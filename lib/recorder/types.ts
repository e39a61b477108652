// State of the virtual recorder. Plain JSON data only (numbers, strings, booleans, null, plain
// objects), so the UI can keep it in a server-side store or a signed cookie. The device key is
// deliberately NOT part of it: it is passed to the functions that need it.
import type { Rp1Fields } from "@/lib/reset-protocol";

export type RecorderScreen = "login" | "forgot" | "retrieve" | "new-password" | "success" | "sync-prompt" | "synced";

export interface RecorderIdentity {
  readonly serial: string;
  readonly model: string;
  /** 12 upper-case hex digits, no separators. */
  readonly mac: string;
  readonly firmware: string;
  /** Key version the device was provisioned with. */
  readonly keyVersion: number;
  readonly reservedEmail: string;
  /** Host the challenge URL points at, e.g. "reset.example.com". */
  readonly resetHost: string;
}

/** The challenge shown on the Retrieve Password screen; exists only while that screen is open. */
export interface ActiveChallenge {
  readonly fields: Rp1Fields;
  readonly tag: string;
  /** The QR text. */
  readonly url: string;
  /** Recorder clock in Unix seconds when the challenge was made (= fields.t). */
  readonly t: number;
  /** The nonce (= fields.n). */
  readonly nonce: string;
}

export interface RecorderState {
  readonly identity: RecorderIdentity;
  /** Recorder clock minus real time, in ms. The recorder's "now" is `now + clockOffsetMs`. */
  readonly clockOffsetMs: number;
  readonly screen: RecorderScreen;
  /** Non-null exactly while screen is "retrieve". */
  readonly challenge: ActiveChallenge | null;
  /** Wrong codes since the challenge was made or the last lockout. */
  readonly wrongCodeCount: number;
  /** Lockouts of the current challenge. */
  readonly lockoutCount: number;
  /**
   * Real time (ms) until which code entry is locked, or null. Measured on the real clock, as a
   * recorder would on its uptime timer, so changing the recorder clock cannot lift a lockout.
   */
  readonly lockedUntilMs: number | null;
  readonly adminPassword: string;
}

/** What every recorder action returns: the next state, what happened, and the screen's words. */
export interface RecorderResult<TOutcome extends { readonly kind: string }> {
  readonly state: RecorderState;
  readonly outcome: TOutcome;
  /** What the recorder shows, in its own words. Never contains a code or a key. */
  readonly message: string;
}

/** The action is not available on the current screen; the state is unchanged. */
export interface WrongScreen {
  readonly kind: "wrong-screen";
  readonly screen: RecorderScreen;
}
