// Shared guard for key inputs. The message never includes key bytes.
import { RP1_KEY_BYTES } from "./constants";

/** Throws RangeError unless `key` is a byte array of exactly 32 bytes. */
export function assertKeyBytes(key: unknown, what: string): asserts key is Uint8Array {
  if (!(key instanceof Uint8Array) || key.length !== RP1_KEY_BYTES) {
    throw new RangeError(`${what} must be ${RP1_KEY_BYTES} bytes`);
  }
}
