import "server-only";
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env, type Env } from "@/lib/env";
import { logger } from "@/lib/log";

/**
 * The keys of the audit checkpoints: an Ed25519 private key that signs (from the environment or a
 * key file, never the database) and the public keys that verify. A key is named by its id, the
 * first 16 hex digits of SHA-256 over its public key (SPKI DER), so keys can rotate: old public
 * keys stay in AUDIT_VERIFY_KEYS and old checkpoints keep verifying.
 */
export type SigningKey = { keyId: string; privateKey: KeyObject; publicKey: KeyObject };
export type CheckpointKeys = {
  signing: SigningKey | null;
  /** keyId → public key; always includes the signing key's public half. */
  verify: ReadonlyMap<string, KeyObject>;
  /** Where the signing key came from, for messages ("AUDIT_SIGNING_KEY_FILE", a dev key's path, …). */
  source: string | null;
};

/** Where development and demo instances keep the key they make (git-ignored, beside the embedded database). */
export const DEV_SIGNING_KEY_PATH = ".data/audit-signing-key.pem";

// DER prefixes that turn a raw 32-byte Ed25519 seed or public key into PKCS#8 / SPKI.
const PKCS8_SEED_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");
const SPKI_RAW_PREFIX = Buffer.from("302a300506032b6570032100", "hex");
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** A configured key that cannot be used; names the variable, never the value. */
export class CheckpointKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CheckpointKeyError";
  }
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash("sha256")
    .update(publicKey.export({ type: "spki", format: "der" }))
    .digest("hex")
    .slice(0, 16);
}

function ed25519(key: KeyObject, what: string): KeyObject {
  if (key.asymmetricKeyType !== "ed25519")
    throw new CheckpointKeyError(`${what} is a ${key.asymmetricKeyType ?? "non-asymmetric"} key; an Ed25519 key is needed`);
  return key;
}

/** A private key as PEM, or base64 of PKCS#8 DER or of the 32-byte seed. */
export function parseSigningKey(text: string, what = "AUDIT_SIGNING_KEY"): SigningKey {
  const trimmed = text.trim();
  let privateKey: KeyObject;
  try {
    if (trimmed.includes("-----BEGIN")) privateKey = createPrivateKey(trimmed);
    else {
      if (!BASE64.test(trimmed)) throw new Error("not base64");
      const der = Buffer.from(trimmed, trimmed.includes("-") || trimmed.includes("_") ? "base64url" : "base64");
      privateKey = createPrivateKey({ key: der.length === 32 ? Buffer.concat([PKCS8_SEED_PREFIX, der]) : der, format: "der", type: "pkcs8" });
    }
  } catch {
    throw new CheckpointKeyError(`${what} is not an Ed25519 private key (PEM, or base64 of PKCS#8 DER or of the 32-byte seed)`);
  }
  ed25519(privateKey, what);
  const publicKey = createPublicKey(privateKey);
  return { keyId: keyIdOf(publicKey), privateKey, publicKey };
}

/** Public keys: PEM blocks, or base64 (SPKI DER or the raw 32 bytes) separated by commas or white space. */
export function parseVerifyKeys(text: string, what = "AUDIT_VERIFY_KEYS"): KeyObject[] {
  const pems = text.match(/-----BEGIN PUBLIC KEY-----[\s\S]*?-----END PUBLIC KEY-----/g) ?? [];
  const rest = text
    .replace(/-----BEGIN PUBLIC KEY-----[\s\S]*?-----END PUBLIC KEY-----/g, " ")
    .split(/[\s,]+/)
    .filter(Boolean);
  const keys: KeyObject[] = [];
  for (const [i, item] of [...pems, ...rest].entries()) {
    try {
      if (item.includes("-----BEGIN")) keys.push(ed25519(createPublicKey(item), what));
      else {
        if (!BASE64.test(item)) throw new Error("not base64");
        const der = Buffer.from(item, item.includes("-") || item.includes("_") ? "base64url" : "base64");
        keys.push(ed25519(createPublicKey({ key: der.length === 32 ? Buffer.concat([SPKI_RAW_PREFIX, der]) : der, format: "der", type: "spki" }), what));
      }
    } catch (error) {
      if (error instanceof CheckpointKeyError) throw error;
      throw new CheckpointKeyError(`${what}: key ${i + 1} is not an Ed25519 public key (PEM, or base64 of SPKI DER or of the 32 raw bytes)`);
    }
  }
  return keys;
}

/** A new private key as PKCS#8 PEM (the demo, the dev fallback, tests). */
export function generateSigningKeyPem(): string {
  return generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
}

/** The public half as SPKI PEM, to hand to whoever verifies. */
export function publicKeyPem(key: SigningKey): string {
  return key.publicKey.export({ type: "spki", format: "pem" }).toString();
}

function readKeyFile(file: string, what: string): string {
  try {
    return readFileSync(path.resolve(/*turbopackIgnore: true*/ file), "utf8");
  } catch {
    throw new CheckpointKeyError(`${what}: cannot read the key file`);
  }
}

/** Reads the dev/demo key, making it on first use (0600, created exclusively so two processes agree on one). */
function devSigningKey(): SigningKey {
  const file = path.resolve(/*turbopackIgnore: true*/ DEV_SIGNING_KEY_PATH);
  try {
    return parseSigningKey(readFileSync(file, "utf8"), DEV_SIGNING_KEY_PATH);
  } catch (error) {
    if (error instanceof CheckpointKeyError) throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    writeFileSync(file, generateSigningKeyPem(), { flag: "wx", mode: 0o600 });
    chmodSync(file, 0o600);
    logger({ component: "audit-checkpoints" }).warn(
      { file: DEV_SIGNING_KEY_PATH },
      "made a development key for signing audit checkpoints; production needs AUDIT_SIGNING_KEY_FILE (docs/audit-security.md)",
    );
  } catch {
    // Another process made it first: read theirs.
  }
  return parseSigningKey(readFileSync(file, "utf8"), DEV_SIGNING_KEY_PATH);
}

type KeyConfig = Pick<Env, "AUDIT_SIGNING_KEY" | "AUDIT_SIGNING_KEY_FILE" | "AUDIT_VERIFY_KEYS" | "AUDIT_VERIFY_KEYS_FILE" | "NODE_ENV" | "DEMO_MODE">;

let cached: { config: KeyConfig; keys: CheckpointKeys } | undefined;

/**
 * The configured keys. Signing: AUDIT_SIGNING_KEY, else AUDIT_SIGNING_KEY_FILE, else (in
 * development or demo mode) a key made once in .data/; otherwise none.
 * (Tests pass their own keys.) Verifying: AUDIT_VERIFY_KEYS and AUDIT_VERIFY_KEYS_FILE, plus the
 * signing key's public half.
 * @throws CheckpointKeyError when a configured key cannot be read or is not Ed25519.
 */
export function checkpointKeys(config: KeyConfig = env()): CheckpointKeys {
  if (cached?.config === config) return cached.keys;
  let signing: SigningKey | null = null;
  let source: string | null = null;
  if (config.AUDIT_SIGNING_KEY) {
    signing = parseSigningKey(config.AUDIT_SIGNING_KEY);
    source = "AUDIT_SIGNING_KEY";
  } else if (config.AUDIT_SIGNING_KEY_FILE) {
    signing = parseSigningKey(readKeyFile(config.AUDIT_SIGNING_KEY_FILE, "AUDIT_SIGNING_KEY_FILE"), "AUDIT_SIGNING_KEY_FILE");
    source = "AUDIT_SIGNING_KEY_FILE";
  } else if (config.NODE_ENV === "development" || config.DEMO_MODE) {
    signing = devSigningKey();
    source = DEV_SIGNING_KEY_PATH;
  }
  const keys = [
    ...(config.AUDIT_VERIFY_KEYS ? parseVerifyKeys(config.AUDIT_VERIFY_KEYS) : []),
    ...(config.AUDIT_VERIFY_KEYS_FILE ? parseVerifyKeys(readKeyFile(config.AUDIT_VERIFY_KEYS_FILE, "AUDIT_VERIFY_KEYS_FILE"), "AUDIT_VERIFY_KEYS_FILE") : []),
    ...(signing ? [signing.publicKey] : []),
  ];
  const result: CheckpointKeys = { signing, verify: new Map(keys.map((k) => [keyIdOf(k), k])), source };
  cached = { config, keys: result };
  return result;
}

/** Keys for tests and tools: a signing key and extra public keys, no environment involved. */
export function keysFrom(options: { signing?: string | null; verify?: string[] }): CheckpointKeys {
  const signing = options.signing ? parseSigningKey(options.signing) : null;
  const publics = [...(options.verify ?? []).flatMap((text) => parseVerifyKeys(text)), ...(signing ? [signing.publicKey] : [])];
  return { signing, verify: new Map(publics.map((k) => [keyIdOf(k), k])), source: signing ? "given" : null };
}
