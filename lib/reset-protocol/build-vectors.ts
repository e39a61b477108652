// Computes the project's vector file from the specs. Used by generate-vectors.ts (which writes
// it) and by the tests (which check the committed file is what this produces).
import { RP1_ALPHABET } from "./constants";
import { createChallenge } from "./create-challenge";
import { deriveCode } from "./derive-code";
import { deriveDeviceKey } from "./derive-device-key";
import { normalizeEmail } from "./normalize-email";
import { NORMATIVE_MASTER_KEYS, NORMATIVE_VECTORS, type Rp1Vector } from "./normative-vectors";
import { EXTRA_MASTER_KEYS, NORMATIVE_SPECS, PROJECT_SPECS, RESET_HOST, type VectorSpec } from "./vector-specs";

export interface Rp1VectorFile {
  readonly alphabet: string;
  readonly masterKeys: Readonly<Record<string, string>>;
  readonly vectors: readonly Rp1Vector[];
}

const MASTER_KEYS: Readonly<Record<string, string>> = { ...NORMATIVE_MASTER_KEYS, ...EXTRA_MASTER_KEYS };

function buildVector(spec: VectorSpec): Rp1Vector {
  const masterHex = MASTER_KEYS[String(spec.keyVersion)];
  if (!masterHex) throw new Error(`no master key for version ${spec.keyVersion}`);
  const deviceKey = deriveDeviceKey({ masterKey: Buffer.from(masterHex, "hex"), serial: spec.serial });
  const nonceBytes = Buffer.from(spec.nonce, "base64url");
  const challenge = createChallenge({
    deviceKey,
    serial: spec.serial,
    model: spec.model,
    mac: spec.mac,
    firmware: spec.firmware,
    keyVersion: spec.keyVersion,
    time: spec.time,
    nonceBytes,
    reservedEmail: spec.reservedEmail,
    host: RESET_HOST,
  });
  if (challenge.fields.n !== spec.nonce) throw new Error(`${spec.note}: nonce does not round-trip`);
  return {
    note: spec.note,
    reservedEmail: spec.reservedEmail,
    normalizedEmail: normalizeEmail(spec.reservedEmail),
    fields: challenge.fields,
    deviceKey: deviceKey.toString("hex"),
    canonical: challenge.canonical,
    tag: challenge.tag,
    url: challenge.url,
    code: deriveCode({ deviceKey, fields: challenge.fields }),
  };
}

/** The vector file: normative vectors first (checked against docs/protocol.md), then the project's. */
export function buildVectors(): Rp1VectorFile {
  const normative = NORMATIVE_SPECS.map(buildVector);
  normative.forEach((vector, index) => {
    const expected = NORMATIVE_VECTORS[index];
    const { note: _note, normalizedEmail: _normalized, ...computed } = vector;
    if (JSON.stringify(computed) !== JSON.stringify(expected)) {
      throw new Error(`normative vector ${index + 1} disagrees with docs/protocol.md: the implementation is wrong`);
    }
  });
  return { alphabet: RP1_ALPHABET, masterKeys: MASTER_KEYS, vectors: [...normative, ...PROJECT_SPECS.map(buildVector)] };
}
