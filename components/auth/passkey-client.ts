"use client";

import { startAuthentication, startRegistration, type AuthenticationResponseJSON } from "@simplewebauthn/browser";

/** A refusal that asks to confirm it is you (step-up): the caller asks for the code and tries again. */
export class StepUpAsked extends Error {}

/** A refusal from the console's JSON routes, in the words it gave. */
async function postJson<T>(url: string, body?: unknown): Promise<T> {
  const response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body ?? {}) });
  const data = (await response.json().catch(() => ({}))) as T & { message?: string; fieldErrors?: Record<string, string[]> };
  if (!response.ok) {
    const stepUp = data.fieldErrors?.stepUpCode?.[0];
    if (stepUp) throw new StepUpAsked(stepUp);
    const field = data.fieldErrors ? Object.values(data.fieldErrors).flat()[0] : undefined;
    throw new Error(field ?? data.message ?? `The console answered ${response.status}. Try again.`);
  }
  return data;
}

/** What the user reads when the browser's passkey prompt fails. */
export function passkeyProblem(e: unknown): string {
  const name = e instanceof Error ? e.name : "";
  if (name === "NotAllowedError" || name === "AbortError") return "The passkey prompt was closed or timed out. Try again.";
  if (name === "InvalidStateError") return "This passkey is registered already.";
  if (name === "SecurityError") return "This browser refused passkeys for this address (passkeys need https or localhost).";
  if (name === "NotSupportedError") return "This browser or device does not support passkeys.";
  return e instanceof Error && e.message ? e.message : "The passkey did not work. Try again.";
}

/** Makes a passkey on this device and saves it under `name` (with the step-up code, when the console asked for one). */
export async function addPasskey(name: string, stepUpCode?: string): Promise<string> {
  const optionsJSON = await postJson<Parameters<typeof startRegistration>[0]["optionsJSON"]>(
    "/api/v1/passkeys/register/options",
    stepUpCode ? { stepUpCode } : {},
  );
  const response = await startRegistration({ optionsJSON });
  const { message } = await postJson<{ message: string }>("/api/v1/passkeys/register", { name, response });
  return message;
}

/** Proves the signed-in session's second factor with one of the user's passkeys. */
export async function proveWithPasskey(purpose: "sign_in" | "step_up"): Promise<void> {
  const optionsJSON = await postJson<Parameters<typeof startAuthentication>[0]["optionsJSON"]>("/api/v1/passkeys/assert/options");
  const response = await startAuthentication({ optionsJSON });
  await postJson("/api/v1/passkeys/assert", { response, purpose });
}

/** The passwordless sign-in's signed answer (next-auth's "passkey" provider checks it). */
export async function passkeySignInAnswer(): Promise<AuthenticationResponseJSON> {
  const optionsJSON = await postJson<Parameters<typeof startAuthentication>[0]["optionsJSON"]>("/api/v1/passkeys/sign-in-options");
  return startAuthentication({ optionsJSON });
}
