import "server-only";
import { AppError } from "@/lib/errors";
import type { RecorderIdentity } from "@/lib/recorder";
import { deriveDeviceKey, type MasterKeyRing } from "@/lib/reset-protocol";

export interface DeviceKeyForOptions {
  readonly identity: Pick<RecorderIdentity, "serial" | "keyVersion">;
  readonly keys: MasterKeyRing;
}

/**
 * The key "burnt into" the virtual recorder, re-derived per request and never stored (not even
 * in the sealed cookie). @throws AppError when the console has no master key of that version.
 */
export function deviceKeyFor({ identity, keys }: DeviceKeyForOptions): Uint8Array {
  const masterKey = keys.get(identity.keyVersion);
  if (!masterKey)
    throw new AppError("INVALID_STATE", `This console has no master key of version ${identity.keyVersion}; the recorder cannot make a challenge.`);
  try {
    return deriveDeviceKey({ masterKey, serial: identity.serial });
  } finally {
    // get() hands out a copy; do not leave master key bytes lying around.
    masterKey.fill(0);
  }
}
