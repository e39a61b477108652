// The virtual recorder's vocabulary: its state, the actions on it and their outcomes. The state
// is plain JSON data only (numbers, strings, booleans, null, plain objects), so the UI can keep
// it in a server-side store or a signed cookie. The device key is deliberately NOT part of it:
// it travels with the actions that need it.
import type { CodeInputProblem, PasswordProblem, Rp1Fields } from "@/lib/reset-protocol";

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

// ── Actions: what a person (or the service panel) does to the recorder ─────────────────────────
// The recorder's own inputs (its clock, its key store, its random source) travel with the
// action that needs them, so the machine stays pure.

export type RecorderAction =
  /** "Login" on the login screen: tries the admin password (to show the reset worked). */
  | { readonly type: "log-in"; readonly password: string }
  /** "Forgot Password" on the login screen. */
  | { readonly type: "forgot-password" }
  /** The reserved email typed on the Forgot Password screen. */
  | {
      readonly type: "submit-email";
      readonly email: string;
      /** Real time in ms. */
      readonly now: number;
      /** The recorder's device key, read when an email is submitted on Forgot Password (never stored). */
      readonly deviceKey: () => Uint8Array;
      /** 12 fresh bytes from a CSPRNG (injected so the machine stays pure). */
      readonly nonceBytes: Uint8Array;
    }
  /** The security code typed on the Retrieve Password screen; hyphens and spaces are ignored, case is not. */
  | {
      readonly type: "enter-code";
      readonly input: string;
      /** Real time in ms. */
      readonly now: number;
      /** Asked for only when the code is compared, so a refusal needs no key. */
      readonly deviceKey: () => Uint8Array;
    }
  /** "Back"/"Cancel" on Retrieve Password; the login screen unless told otherwise. */
  | { readonly type: "leave-retrieve"; readonly to?: Extract<RecorderScreen, "login" | "forgot"> }
  /** The new admin password, twice, after a correct code. */
  | { readonly type: "set-password"; readonly password: string; readonly confirmation: string }
  /** The answer to "sync the new password to the connected cameras?". */
  | { readonly type: "answer-sync"; readonly sync: boolean }
  /** "OK"/"Cancel" back to the login screen. */
  | { readonly type: "return-to-login" }
  /** The power button. */
  | { readonly type: "reboot" }
  /** The service panel's clock: new recorder clock minus real time, in ms. */
  | { readonly type: "set-clock"; readonly offsetMs: number };

export type RecorderActionType = RecorderAction["type"];

/** What each action can lead to, besides a refusal. */
export interface RecorderOutcomes {
  "log-in": { readonly kind: "logged-in" } | { readonly kind: "wrong-password" };
  "forgot-password": { readonly kind: "opened" };
  "submit-email":
    | { readonly kind: "challenge-shown" }
    | { readonly kind: "email-mismatch" }
    /** The recorder clock is outside what `t` can carry (before 1970 or after 2106). */
    | { readonly kind: "clock-error" };
  "enter-code":
    | { readonly kind: "accepted" }
    | { readonly kind: "wrong-code"; readonly attemptsLeft: number }
    /** This wrong code was the 5th: entry is locked until lockedUntilMs. */
    | { readonly kind: "locked-out"; readonly lockedUntilMs: number }
    /** This wrong code caused the 3rd lockout: the nonce is gone, start again. */
    | { readonly kind: "challenge-discarded"; readonly lockedUntilMs: number }
    /** Entry is locked; the attempt was not counted. */
    | { readonly kind: "locked"; readonly lockedUntilMs: number }
    /** Outside the 24 h after `t` by the recorder clock (also when the clock was set back before `t`). */
    | { readonly kind: "expired" }
    /** Not something a code could be; not counted as a wrong code. */
    | { readonly kind: "invalid-input"; readonly problem: CodeInputProblem };
  "leave-retrieve": { readonly kind: "left" };
  "set-password": { readonly kind: "password-set" } | { readonly kind: "rejected"; readonly problems: readonly PasswordProblem[] };
  "answer-sync": { readonly kind: "synced" } | { readonly kind: "not-synced" };
  "return-to-login": { readonly kind: "at-login" };
  reboot: { readonly kind: "rebooted" };
  "set-clock": { readonly kind: "clock-set" } | { readonly kind: "invalid-offset" };
}

/**
 * The action is not offered on the current screen; the state is unchanged. A code typed with no
 * Retrieve Password screen open is "no-active-challenge" (the first check of docs/protocol.md's check
 * order: no nonce, so any code is refused); everything else is "wrong-screen".
 */
export type Refusal = { readonly kind: "wrong-screen"; readonly screen: RecorderScreen } | { readonly kind: "no-active-challenge" };

export type RecorderOutcome<T extends RecorderActionType = RecorderActionType> = RecorderOutcomes[T] | Refusal;

/** What every recorder action returns: the next state, what happened, and the screen's words. */
export interface RecorderResult<TOutcome extends { readonly kind: string } = RecorderOutcome> {
  readonly state: RecorderState;
  readonly outcome: TOutcome;
  /** What the recorder shows, in its own words. Never contains a code or a key. */
  readonly message: string;
}
