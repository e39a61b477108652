import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

// TOTP seeds at rest: AES-256-GCM with MFA_ENCRYPTION_KEY, a fresh 96-bit nonce per seal, the
// user's id as associated data (a sealed seed copied onto another user's row does not open).
// Format: "v1.<nonce b64url>.<tag b64url>.<ciphertext b64url>".

const VERSION = "v1";

/** The 32-byte key: MFA_ENCRYPTION_KEY (hex or base64); outside production an unset key is derived from NEXTAUTH_SECRET (dev and tests only). */
export function mfaKey(): Buffer {
  const config = env();
  const given = config.MFA_ENCRYPTION_KEY;
  if (given) return /^[0-9a-fA-F]{64}$/.test(given) ? Buffer.from(given, "hex") : Buffer.from(given, "base64");
  if (config.NODE_ENV === "production" && !config.DEMO_MODE && config.NEXT_PHASE !== "phase-production-build") {
    throw new Error("MFA_ENCRYPTION_KEY is not set: second factors cannot be sealed.");
  }
  return createHash("sha256")
    .update(`reset-console dev-only mfa key:${config.NEXTAUTH_SECRET ?? ""}`)
    .digest();
}

export function sealSecret(plain: string, userId: string, key: Buffer = mfaKey()): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  cipher.setAAD(Buffer.from(userId));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, nonce.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

/** @throws when the value was not sealed with this key for this user (tampered, wrong key). */
export function openSecret(sealed: string, userId: string, key: Buffer = mfaKey()): string {
  const [version, nonce, tag, body] = sealed.split(".");
  if (version !== VERSION || !nonce || !tag || body === undefined) throw new Error("not a sealed second-factor secret");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(nonce, "base64url"));
  decipher.setAAD(Buffer.from(userId));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}
