// Shared set-up for the recorder tests: a device provisioned with the normative master key 1,
// and helpers that play the owner and the support console.
import { expect } from "vitest";
import { deriveDeviceKey, parseMasterKeys, rp1Scheme } from "@/lib/reset-protocol";
import { press } from "../machine";
import { createRecorderState } from "../state";
import type { RecorderIdentity, RecorderState } from "../types";

export const KEYS = parseMasterKeys(
  "1:000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f,2:202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f",
);
export const IDENTITY: RecorderIdentity = {
  serial: "2MN8X-2411-000123",
  model: "2MN-8016",
  mac: "A1B2C3D4E5F6",
  firmware: "4.1.7",
  keyVersion: 1,
  reservedEmail: "Owner@Example.com",
  resetHost: "reset.example.com",
};
export const DEVICE_KEY = deriveDeviceKey({ masterKey: KEYS.get(1)!, serial: IDENTITY.serial });
export const OTHER_DEVICE_KEY = deriveDeviceKey({ masterKey: KEYS.get(2)!, serial: IDENTITY.serial });
/** 2025-11-21T12:00:00Z, a whole second, like vector 1's t. */
export const T0 = 1_763_726_400_000;
let nonceCounter = 0;
/** A different 12-byte nonce on every call (a counter; the machine only needs them distinct). */
export const freshNonce = (): Buffer => {
  const nonce = Buffer.alloc(12);
  nonce.writeUInt32BE(++nonceCounter, 8);
  return nonce;
};
/** "defghijklmno" reproduces the first normative vector. */
export const VECTOR_1_NONCE = Buffer.from("defghijklmno");

export const newRecorder = (offset = 0) => createRecorderState({ identity: IDENTITY, adminPassword: "12345", clockOffsetMs: offset });

/** Like a cookie round trip: the state must survive JSON unchanged. */
export function viaJson(state: RecorderState): RecorderState {
  const copy = JSON.parse(JSON.stringify(state)) as RecorderState;
  expect(copy).toEqual(state);
  return copy;
}

export function atRetrieve({ now = T0, offset = 0, nonce = freshNonce() as Uint8Array, from = newRecorder(offset) } = {}): RecorderState {
  const forgot = press(from, { type: "forgot-password" }).state;
  const result = press(forgot, { type: "submit-email", now, email: IDENTITY.reservedEmail, deviceKey: () => DEVICE_KEY, nonceBytes: nonce });
  expect(result.outcome.kind).toBe("challenge-shown");
  return viaJson(result.state);
}

/** What support would send: the code the console derives from the QR text alone. */
export function consoleCode(state: RecorderState): string {
  if (!state.challenge) throw new Error("no challenge on screen");
  const parsed = rp1Scheme.parse(state.challenge.url);
  if (!parsed.ok) throw parsed.error;
  const derived = rp1Scheme.deriveCode({ challenge: parsed.challenge, keys: KEYS });
  if (!derived.ok) throw new Error(derived.reason);
  return derived.code;
}

/** A wrong code for this challenge that is still a well-formed code. */
export function wrongCodeFor(state: RecorderState): string {
  const right = consoleCode(state);
  return (right[0] === "2" ? "3" : "2") + right.slice(1);
}

export function enter(state: RecorderState, input: string, now = T0 + 60_000) {
  const result = press(state, { type: "enter-code", now, input, deviceKey: () => DEVICE_KEY });
  viaJson(result.state);
  expect(result.message).not.toContain(consoleCodeOrNull(state) ?? "\u0000");
  return result;
}

export function consoleCodeOrNull(state: RecorderState): string | null {
  return state.challenge ? consoleCode(state) : null;
}
