// fast-check generators of valid RP1 inputs, shared by the property tests.
import fc from "fast-check";
import { deriveDeviceKey, parseMasterKeys } from "../keys";
import { createChallenge, type CreatedChallenge } from "../signing";

export const TEST_MASTER_KEYS_ENV = [
  "1:000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
  "2:202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f",
  "255:fffefdfcfbfaf9f8f7f6f5f4f3f2f1f0efeeedecebeae9e8e7e6e5e4e3e2e1e0",
].join(",");

export const testKeys = parseMasterKeys(TEST_MASTER_KEYS_ENV);

export interface GeneratedChallenge extends CreatedChallenge {
  readonly deviceKey: Buffer;
  readonly reservedEmail: string;
}

export const challengeInputs = fc.record({
  serial: fc.stringMatching(/^[A-Z0-9-]{6,32}$/),
  model: fc.stringMatching(/^[A-Za-z0-9-]{1,24}$/),
  mac: fc.stringMatching(/^[0-9A-F]{12}$/),
  firmware: fc.stringMatching(/^[A-Za-z0-9._-]{1,24}$/),
  keyVersion: fc.constantFrom(1, 2, 255),
  time: fc.integer({ min: 0, max: 4294967295 }),
  nonceBytes: fc.uint8Array({ minLength: 12, maxLength: 12 }),
  reservedEmail: fc.emailAddress(),
});

/** A valid, correctly signed challenge with the key that signed it. */
export const validChallenge: fc.Arbitrary<GeneratedChallenge> = challengeInputs.map((input) => {
  const masterKey = testKeys.get(input.keyVersion);
  if (!masterKey) throw new Error("test key missing");
  const deviceKey = deriveDeviceKey({ masterKey, serial: input.serial });
  const created = createChallenge({ ...input, deviceKey, host: "reset.example.com" });
  return { ...created, deviceKey, reservedEmail: input.reservedEmail };
});
