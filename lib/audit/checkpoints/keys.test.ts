import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkSignature, hashCheckpoint, signCheckpoint } from "./checkpoint";
import { checkpointKeys, CheckpointKeyError, generateSigningKeyPem, keysFrom, parseSigningKey, parseVerifyKeys, publicKeyPem } from "./keys";

const payload = {
  v: 1 as const,
  number: "1",
  eventSeq: "10",
  eventHash: "a".repeat(64),
  eventAt: "2026-12-06T12:00:00.000Z",
  eventCount: "10",
  previous: "0".repeat(64),
  signedAt: "2026-12-06T12:00:01.000Z",
};

describe("audit checkpoint keys", () => {
  it("reads a private key as PEM, as base64 PKCS#8 DER and as a base64 32-byte seed: the same key, the same id", () => {
    const pem = generateSigningKeyPem();
    const fromPem = parseSigningKey(pem);
    const der = fromPem.privateKey.export({ type: "pkcs8", format: "der" });
    const fromDer = parseSigningKey(der.toString("base64"));
    const fromSeed = parseSigningKey(der.subarray(der.length - 32).toString("base64"));
    expect(fromPem.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(fromDer.keyId).toBe(fromPem.keyId);
    expect(fromSeed.keyId).toBe(fromPem.keyId);
  });

  it("reads public keys as PEM blocks, base64 SPKI and raw base64, separated by commas or lines", () => {
    const a = parseSigningKey(generateSigningKeyPem());
    const b = parseSigningKey(generateSigningKeyPem());
    const c = parseSigningKey(generateSigningKeyPem());
    const spki = b.publicKey.export({ type: "spki", format: "der" });
    const text = `${publicKeyPem(a)}\n${spki.toString("base64")}, ${spki.subarray(spki.length - 32).toString("base64")}\n${publicKeyPem(c)}`;
    const ids = keysFrom({ verify: [text] }).verify;
    expect([...ids.keys()].sort()).toEqual([a.keyId, b.keyId, c.keyId].sort());
  });

  it("refuses keys that are not Ed25519 or not keys, naming the variable and never the value", () => {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 });
    const rsaPem = rsa.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    expect(() => parseSigningKey(rsaPem)).toThrow(/AUDIT_SIGNING_KEY is a rsa key; an Ed25519 key is needed/);
    expect(() => parseSigningKey("c2VjcmV0LXZhbHVl")).toThrow(CheckpointKeyError);
    expect(() => parseSigningKey("not base64 at all!")).toThrow(/not an Ed25519 private key/);
    try {
      parseSigningKey("c2VjcmV0LXZhbHVl");
    } catch (error) {
      expect((error as Error).message).not.toContain("c2VjcmV0");
    }
    expect(() => parseVerifyKeys("AAAA, !!", "AUDIT_VERIFY_KEYS_FILE")).toThrow(/AUDIT_VERIFY_KEYS_FILE: key 1 is not an Ed25519 public key/);
    expect(() => parseVerifyKeys(rsa.publicKey.export({ type: "spki", format: "pem" }).toString())).toThrow(/rsa key/);
  });

  it("a signature verifies with the public key only, and any change to the signed fields breaks it", () => {
    const signer = parseSigningKey(generateSigningKeyPem());
    const signed = signCheckpoint(payload, signer);
    const verifier = keysFrom({ verify: [publicKeyPem(signer)] });
    expect(verifier.signing).toBeNull();
    expect(checkSignature(signed, verifier)).toBeNull();
    expect(checkSignature({ ...signed, eventHash: "b".repeat(64) }, verifier)).toBe("checkpoint-hash");
    const rehashed = { ...signed, eventSeq: "11" };
    expect(checkSignature({ ...rehashed, hash: hashCheckpoint(rehashed) }, verifier)).toBe("checkpoint-signature");
    expect(checkSignature({ ...signed, signature: "AAAA" }, verifier)).toBe("checkpoint-signature");
    expect(checkSignature(signed, keysFrom({ signing: generateSigningKeyPem() }))).toBe("checkpoint-unknown-key");
  });

  it("takes the key from the environment or a file; none in test or production without one", () => {
    const seed = Buffer.alloc(32, 3).toString("base64");
    const base = { AUDIT_SIGNING_KEY_FILE: undefined, AUDIT_VERIFY_KEYS: undefined, AUDIT_VERIFY_KEYS_FILE: undefined, DEMO_MODE: false };
    const fromEnv = checkpointKeys({ ...base, AUDIT_SIGNING_KEY: seed, NODE_ENV: "production" });
    expect(fromEnv.source).toBe("AUDIT_SIGNING_KEY");
    expect(fromEnv.verify.has(fromEnv.signing!.keyId)).toBe(true);
    expect(checkpointKeys({ ...base, AUDIT_SIGNING_KEY: undefined, NODE_ENV: "production" })).toMatchObject({ signing: null, source: null });
    expect(checkpointKeys({ ...base, AUDIT_SIGNING_KEY: undefined, NODE_ENV: "test" }).signing).toBeNull();
    expect(() => checkpointKeys({ ...base, AUDIT_SIGNING_KEY: undefined, AUDIT_SIGNING_KEY_FILE: "/nonexistent/key.pem", NODE_ENV: "production" })).toThrow(
      "AUDIT_SIGNING_KEY_FILE: cannot read the key file",
    );
  });
});
