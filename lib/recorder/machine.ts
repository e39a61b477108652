// The virtual recorder's rules (docs/protocol.md §7 "Rules on each side / Recorder") as one state
// machine: for each screen, the actions it offers and their handlers. An action a screen does not
// offer gets the one refusal below and leaves the state unchanged. Pure: time, the device key and
// the nonce bytes come with the action. Server-side (making and checking challenges needs
// node:crypto through reset-protocol).
import {
  CODE_VALIDITY_MS,
  checkNewPassword,
  codesEqual,
  constantTimeEqual,
  createChallenge,
  deriveCode,
  normalizeCodeInput,
  normalizeEmail,
  PASSWORD_FORBIDDEN_CHARACTERS,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  RP1_MAX_TIME,
  verifyTag,
  type CodeInputProblem,
  type PasswordProblem,
} from "@/lib/reset-protocol";
import { assertNow, isValidClockOffset, RecorderConfigError, recorderNow } from "./state";
import type { RecorderAction, RecorderActionType, RecorderOutcome, RecorderResult, RecorderScreen, RecorderState, Refusal } from "./types";

/** Code entry is locked this long after MAX_WRONG_CODES wrong codes. */
export const LOCKOUT_MS = 5 * 60 * 1000;

/** Wrong codes in a row that trigger a lockout. */
export const MAX_WRONG_CODES = 5;

/** Lockouts after which the nonce is discarded and the owner must start again. */
export const MAX_LOCKOUTS = 3;

type ActionOf<T extends RecorderActionType> = Extract<RecorderAction, { readonly type: T }>;
type Handler<T extends RecorderActionType> = (state: RecorderState, action: ActionOf<T>) => RecorderResult<RecorderOutcome<T>>;
type ScreenActions = { readonly [T in RecorderActionType]?: Handler<T> };

const HOUR_MS = 60 * 60 * 1000;
const AT_LOGIN = "Enter the admin password.";
const AT_FORGOT = "Enter the reserved email address of this device.";

/** The state without the nonce and its counters: every way off Retrieve Password discards them. */
function withoutChallenge(state: RecorderState, screen: RecorderScreen): RecorderState {
  return { ...state, screen, challenge: null, wrongCodeCount: 0, lockoutCount: 0 };
}

// ── Offered on every screen ─────────────────────────────────────────────────────────────────

/**
 * The power button. A reboot loses everything held in RAM: the nonce (its code is refused from
 * now on), the screen and the counters. The clock offset (RTC) and a running lockout survive,
 * so rebooting is not a way around a lockout.
 */
const reboot: Handler<"reboot"> = (state) => ({
  state: withoutChallenge(state, "login"),
  outcome: { kind: "rebooted" },
  message: "The device has restarted.",
});

/** "OK"/"Cancel" back to the login screen; leaving Retrieve Password discards the nonce. */
const returnToLogin: Handler<"return-to-login"> = (state) => ({
  state: state.screen === "retrieve" ? withoutChallenge(state, "login") : { ...state, screen: "login" },
  outcome: { kind: "at-login" },
  message: AT_LOGIN,
});

/** The service panel sets the recorder clock, as a tester would. An active nonce is kept. */
const setClock: Handler<"set-clock"> = (state, { offsetMs }) =>
  isValidClockOffset(offsetMs)
    ? { state: { ...state, clockOffsetMs: offsetMs }, outcome: { kind: "clock-set" }, message: "System time saved." }
    : { state, outcome: { kind: "invalid-offset" }, message: "Invalid system time." };

// ── Login and Forgot Password ───────────────────────────────────────────────────────────────

/** Tries the admin password (to show the reset worked). The state is unchanged. */
const logIn: Handler<"log-in"> = (state, { password }) =>
  constantTimeEqual(password, state.adminPassword)
    ? { state, outcome: { kind: "logged-in" }, message: "Logged in." }
    : { state, outcome: { kind: "wrong-password" }, message: "Incorrect user name or password." };

const openForgotPassword: Handler<"forgot-password"> = (state) => ({
  state: { ...state, screen: "forgot" },
  outcome: { kind: "opened" },
  message: AT_FORGOT,
});

/**
 * The typed email must be the reserved email after lower(trim()), the same normalisation as the
 * email hash, so what matches here is what support can check. Then the recorder makes a fresh
 * challenge and opens Retrieve Password with its QR code.
 */
const submitEmail: Handler<"submit-email"> = (state, { email, now, deviceKey, nonceBytes }) => {
  // Read first, as the recorder loads its key for this screen: a missing key fails whatever was typed.
  const key = deviceKey();
  if (normalizeEmail(email) !== normalizeEmail(state.identity.reservedEmail)) {
    return { state, outcome: { kind: "email-mismatch" }, message: "The email address does not match the reserved email of this device." };
  }
  const t = Math.floor(recorderNow({ state, now }) / 1000);
  if (t < 0 || t > RP1_MAX_TIME) {
    return { state, outcome: { kind: "clock-error" }, message: "The system time of this device is invalid. Set the time and try again." };
  }
  const { identity } = state;
  const created = createChallenge({
    deviceKey: key,
    serial: identity.serial,
    model: identity.model,
    mac: identity.mac,
    firmware: identity.firmware,
    keyVersion: identity.keyVersion,
    time: t,
    nonceBytes,
    reservedEmail: identity.reservedEmail,
    host: identity.resetHost,
  });
  return {
    state: {
      ...state,
      screen: "retrieve",
      challenge: { fields: created.fields, tag: created.tag, url: created.url, t, nonce: created.fields.n },
      // A new nonce starts with a clean slate; a running lockout (lockedUntilMs) still applies.
      wrongCodeCount: 0,
      lockoutCount: 0,
    },
    outcome: { kind: "challenge-shown" },
    message: `Scan the QR code and send it to technical support to get a security code. The code is valid for ${CODE_VALIDITY_MS / HOUR_MS} hours.`,
  };
};

// ── Retrieve Password ───────────────────────────────────────────────────────────────────────

const INPUT_MESSAGES: Record<CodeInputProblem, string> = {
  empty: "Enter the security code.",
  length: "The security code has 8 characters.",
  character: "The security code contains characters that are not used in security codes. Check upper and lower case.",
};

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/**
 * Accepted iff the nonce is active, entry is not locked, the code is within 24 h of `t` by the
 * recorder's own clock, and it is the code for this challenge (case-sensitive). Check order as
 * docs/protocol.md fixes it: no active nonce → locked → not a code → outside 24 h → compare.
 */
const enterCode: Handler<"enter-code"> = (state, action) => {
  const { challenge } = state;
  if (challenge === null) return refuse(state, action.type);
  const { now, input } = action;
  if (state.lockedUntilMs !== null && now < state.lockedUntilMs) {
    return {
      state,
      outcome: { kind: "locked", lockedUntilMs: state.lockedUntilMs },
      message: `Too many incorrect security codes. Try again in ${plural(Math.ceil((state.lockedUntilMs - now) / 60_000), "minute")}.`,
    };
  }
  const current: RecorderState = { ...state, lockedUntilMs: null };
  const normalized = normalizeCodeInput(input);
  if (!normalized.ok) return { state: current, outcome: { kind: "invalid-input", problem: normalized.problem }, message: INPUT_MESSAGES[normalized.problem] };
  const age = recorderNow({ state, now }) - challenge.t * 1000;
  if (age < 0 || age >= CODE_VALIDITY_MS) {
    return { state: current, outcome: { kind: "expired" }, message: "The security code has expired. Go back and request a new QR code." };
  }
  const deviceKey = action.deviceKey();
  // The state may have travelled through a cookie: make sure it is this device's own challenge.
  if (!verifyTag({ deviceKey, challenge })) throw new RecorderConfigError("deviceKey", "The device key does not match the active challenge.");
  if (codesEqual(normalized.code, deriveCode({ deviceKey, fields: challenge.fields }))) {
    return {
      // The nonce is used up: the same code cannot be entered twice.
      state: withoutChallenge(current, "new-password"),
      outcome: { kind: "accepted" },
      message: "Security code verified. Set a new admin password.",
    };
  }
  const wrongCodeCount = current.wrongCodeCount + 1;
  if (wrongCodeCount < MAX_WRONG_CODES) {
    const attemptsLeft = MAX_WRONG_CODES - wrongCodeCount;
    return {
      state: { ...current, wrongCodeCount },
      outcome: { kind: "wrong-code", attemptsLeft },
      message: `Incorrect security code. ${plural(attemptsLeft, "attempt")} left.`,
    };
  }
  const lockedUntilMs = now + LOCKOUT_MS;
  const lockoutCount = current.lockoutCount + 1;
  if (lockoutCount >= MAX_LOCKOUTS) {
    return {
      state: { ...withoutChallenge(current, "forgot"), lockoutCount, lockedUntilMs },
      outcome: { kind: "challenge-discarded", lockedUntilMs },
      message: "Too many incorrect security codes. This reset request has been cancelled; start again from Forgot Password.",
    };
  }
  return {
    state: { ...current, wrongCodeCount: 0, lockoutCount, lockedUntilMs },
    outcome: { kind: "locked-out", lockedUntilMs },
    message: `Too many incorrect security codes. Code entry is locked for ${plural(LOCKOUT_MS / 60_000, "minute")}.`,
  };
};

/** "Back"/"Cancel": leaving Retrieve Password discards the nonce, so its code will never be accepted. */
const leaveRetrieve: Handler<"leave-retrieve"> = (state, { to = "login" }) => ({
  state: withoutChallenge(state, to),
  outcome: { kind: "left" },
  message: to === "login" ? AT_LOGIN : AT_FORGOT,
});

// ── New password and sync ───────────────────────────────────────────────────────────────────

const PROBLEM_MESSAGES: Record<PasswordProblem, string> = {
  "too-short": `at least ${PASSWORD_MIN_LENGTH} characters`,
  "too-long": `at most ${PASSWORD_MAX_LENGTH} characters`,
  "no-letter": "at least one letter",
  "no-digit": "at least one digit",
  "forbidden-character": `none of ${PASSWORD_FORBIDDEN_CHARACTERS.join(" ")}`,
  mismatch: "the same password in both fields",
};

/** After a correct code: sets the admin password (the rule is reset-protocol's), then offers to sync it. */
const setPassword: Handler<"set-password"> = (state, { password, confirmation }) => {
  const problems = checkNewPassword({ password, confirmation });
  if (problems.length > 0) {
    return {
      state,
      outcome: { kind: "rejected", problems },
      message: `The password needs ${problems.map((problem) => PROBLEM_MESSAGES[problem]).join(", ")}.`,
    };
  }
  return {
    state: { ...state, screen: "sync-prompt", adminPassword: password },
    outcome: { kind: "password-set" },
    message: "Password changed. Sync the new password to the connected cameras?",
  };
};

/** The last step: "synced" when the owner syncs the cameras, "success" when they skip it. */
const answerSync: Handler<"answer-sync"> = (state, { sync }) =>
  sync
    ? { state: { ...state, screen: "synced" }, outcome: { kind: "synced" }, message: "The new password was synced to the connected cameras." }
    : { state: { ...state, screen: "success" }, outcome: { kind: "not-synced" }, message: "The password was changed. Cameras keep their own passwords." };

// ── The table ───────────────────────────────────────────────────────────────────────────────

const EVERY_SCREEN = { reboot, "return-to-login": returnToLogin, "set-clock": setClock } satisfies ScreenActions;

/** Screen × action: what each screen offers, and what doing it means. */
const SCREENS: { readonly [S in RecorderScreen]: ScreenActions } = {
  login: { ...EVERY_SCREEN, "log-in": logIn, "forgot-password": openForgotPassword },
  forgot: { ...EVERY_SCREEN, "submit-email": submitEmail },
  retrieve: { ...EVERY_SCREEN, "enter-code": enterCode, "leave-retrieve": leaveRetrieve },
  "new-password": { ...EVERY_SCREEN, "set-password": setPassword },
  "sync-prompt": { ...EVERY_SCREEN, "answer-sync": answerSync },
  success: EVERY_SCREEN,
  synced: EVERY_SCREEN,
};

/** The actions `screen` offers; any other is refused. */
export function offeredActions(screen: RecorderScreen): RecorderActionType[] {
  return Object.keys(SCREENS[screen]) as RecorderActionType[];
}

/**
 * The one refusal, state unchanged. A code typed with no nonce is "no-active-challenge" (the
 * first step of the check order); any other action the screen does not offer is "wrong-screen".
 */
function refuse(state: RecorderState, type: RecorderActionType): RecorderResult<Refusal> {
  return type === "enter-code"
    ? { state, outcome: { kind: "no-active-challenge" }, message: "There is no password reset in progress. Start again from Forgot Password." }
    : { state, outcome: { kind: "wrong-screen", screen: state.screen }, message: "This function is not available on this screen." };
}

/**
 * Does `action` to the recorder in `state`: the next state, what happened, and what the screen
 * says. An injected clock is checked first, whatever the screen (TypeError for a bad one).
 * @throws RecorderConfigError when a code is checked with another device's key.
 */
export function press<A extends RecorderAction>(state: RecorderState, action: A): RecorderResult<RecorderOutcome<A["type"]>> {
  if ("now" in action) assertNow(action.now);
  // `?.`: a state that travelled through a cookie is refused, not crashed on, if its screen is unknown.
  const handler = SCREENS[state.screen]?.[action.type] as ((state: RecorderState, action: A) => RecorderResult<RecorderOutcome<A["type"]>>) | undefined;
  return handler ? handler(state, action) : refuse(state, action.type);
}
