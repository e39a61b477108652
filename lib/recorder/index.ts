// The virtual recorder's rules (PROTOCOL.md "Rules on each side / Recorder"), as a pure state
// machine. Server-side: entering and making challenges needs node:crypto via reset-protocol.
export { answerSyncPrompt } from "./answer-sync-prompt";
export type { AnswerSyncPromptOptions, AnswerSyncPromptOutcome } from "./answer-sync-prompt";
export * from "./constants";
export { createRecorderState } from "./create-recorder-state";
export type { CreateRecorderStateOptions } from "./create-recorder-state";
export { enterSecurityCode } from "./enter-security-code";
export type { EnterSecurityCodeOptions, EnterSecurityCodeOutcome } from "./enter-security-code";
export { leaveRetrieveScreen } from "./leave-retrieve-screen";
export type { LeaveRetrieveScreenOptions, LeaveRetrieveScreenOutcome } from "./leave-retrieve-screen";
export { logIn } from "./log-in";
export type { LogInOptions, LogInOutcome } from "./log-in";
export { openForgotPassword } from "./open-forgot-password";
export type { OpenForgotPasswordOutcome } from "./open-forgot-password";
export { reboot } from "./reboot";
export type { RebootOutcome } from "./reboot";
export { RecorderConfigError } from "./recorder-config-error";
export { recorderNow } from "./recorder-now";
export { returnToLogin } from "./return-to-login";
export type { ReturnToLoginOutcome } from "./return-to-login";
export { setClockOffset } from "./set-clock-offset";
export type { SetClockOffsetOptions, SetClockOffsetOutcome } from "./set-clock-offset";
export { setNewPassword } from "./set-new-password";
export type { SetNewPasswordOptions, SetNewPasswordOutcome } from "./set-new-password";
export { submitResetEmail } from "./submit-reset-email";
export type { SubmitResetEmailOptions, SubmitResetEmailOutcome } from "./submit-reset-email";
export type { ActiveChallenge, RecorderIdentity, RecorderResult, RecorderScreen, RecorderState, WrongScreen } from "./types";
