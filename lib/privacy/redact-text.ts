import { RP1_ALPHABET, RP1_CODE_LENGTH } from "@/lib/reset-protocol/client";
import { maskEmail } from "./mask-email";

export const REDACTED = "[redacted]";

/** Longest message kept from an error: enough to diagnose, too short to carry a page of data. */
export const MAX_REDACTED_MESSAGE = 500;

const HALF = RP1_CODE_LENGTH / 2;
/** A reset code, bare or as shown to people (XXXX-XXXX, always redacted), standing alone. */
const CODE_SHAPE = new RegExp(`(?<![A-Za-z0-9-])[${RP1_ALPHABET}]{${HALF}}-?[${RP1_ALPHABET}]{${HALF}}(?![A-Za-z0-9-])`, "g");
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
/** user:password@ in any URL (SMTP_URL, DATABASE_URL quoted by a driver). */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi;
/** Key material and tokens: long hex (master keys), long base64url (link tokens, sealed state), base32 (TOTP seeds), argon2 hashes. */
const LONG_TOKENS = [/\$argon2[a-z]*\$[^\s"'`]+/gi, /[0-9A-Fa-f]{32,}/g, /[A-Za-z0-9_-]{40,}/g, /(?<![A-Za-z0-9])[A-Z2-7]{16,}={0,6}(?![A-Za-z0-9])/g];

/**
 * Whether an 8-character run is likely a code rather than a word: codes are random over digits,
 * upper- and lower-case letters, so all but ~0.1% of them mix at least two of the three; a plain
 * lower-case word ("retrieve", "password") is left alone.
 */
function looksLikeCode(token: string): boolean {
  const kinds = [/[0-9]/, /[A-Z]/, /[a-z]/].filter((kind) => kind.test(token)).length;
  return kinds >= 2;
}

/**
 * Scrubs free text (an unexpected error's message or stack) before it reaches a log line:
 * configured and given secrets, URL credentials, key- and token-shaped strings, reset-code-shaped
 * words, and email addresses (masked: "o***r@example.com").
 */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret) out = out.split(secret).join(REDACTED);
  }
  out = out.replace(URL_CREDENTIALS, `$1${REDACTED}@`);
  out = out.replace(EMAIL, (email) => maskEmail(email));
  for (const pattern of LONG_TOKENS) out = out.replace(pattern, REDACTED);
  out = out.replace(CODE_SHAPE, (word) => (word.includes("-") || looksLikeCode(word) ? REDACTED : word));
  return out;
}
