import { createHash, randomBytes } from "node:crypto";

/** Every token starts with this, so a leaked one is recognisable (secret scanners, logs). */
export const TOKEN_PREFIX = "rc_";
/** How many characters of a token lists show (`rc_` and six more): enough to tell tokens apart, useless to an attacker. */
const SHOWN_PREFIX_LENGTH = TOKEN_PREFIX.length + 6;

/** A fresh token: `rc_` and 32 random bytes in base64url (256 bits). */
export function newTokenSecret(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
}

/** What the database keeps: the token's SHA-256 (hex). A high-entropy secret needs no slow hash. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function shownPrefix(token: string): string {
  return token.slice(0, SHOWN_PREFIX_LENGTH);
}

/** The token in an `Authorization: Bearer …` header, or null when the header is absent or another scheme. */
export function bearerToken(headers: { get(name: string): string | null }): string | null {
  const header = headers.get("authorization");
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : null;
}
