import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

/** The IdP's tokens as the session row keeps them: sealed with AES-256-GCM under a key derived from NEXTAUTH_SECRET. */
export type IdpTokens = { accessToken: string | null; refreshToken: string | null };

function key(): Buffer {
  const secret = env().NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set");
  return Buffer.from(hkdfSync("sha256", secret, "reset-console", "sso-idp-tokens-v1", 32));
}

export function sealTokens(tokens: IdpTokens): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(tokens), "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

/** The tokens, or null when the seal does not open (another secret, tampered). */
export function openTokens(sealed: string | null): IdpTokens | null {
  const [version, iv, tag, body] = (sealed ?? "").split(".");
  if (version !== "v1" || !iv || !tag || !body) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    const text = Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
    const parsed = JSON.parse(text) as Partial<IdpTokens>;
    return { accessToken: parsed.accessToken ?? null, refreshToken: parsed.refreshToken ?? null };
  } catch {
    return null;
  }
}
