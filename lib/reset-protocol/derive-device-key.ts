// K = HMAC-SHA256(M_v, "RP1-device" || 0x00 || serial). Server-side only.
import { assertKeyBytes } from "./assert-key-bytes";
import { checkField } from "./check-field";
import { RP1_LABELS } from "./constants";
import { hmacLabel } from "./hmac-label";

export interface DeriveDeviceKeyOptions {
  /** The master key M_v of the device's key version: 32 bytes. */
  readonly masterKey: Uint8Array;
  /** The serial exactly as in the challenge (`s`), `[A-Z0-9-]{6,32}`. */
  readonly serial: string;
}

/**
 * The 32-byte device key. The console re-derives it on demand and must not store it.
 * @throws ChallengeParseError when the serial is outside its format (a device key for a serial
 * that can never appear in a challenge is a bug, not a key).
 */
export function deriveDeviceKey({ masterKey, serial }: DeriveDeviceKeyOptions): Buffer {
  assertKeyBytes(masterKey, "masterKey");
  const error = checkField("s", serial);
  if (error) throw error;
  return hmacLabel(masterKey, RP1_LABELS.device, serial);
}
