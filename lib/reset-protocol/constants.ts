// RP1 constants, exactly as docs/protocol.md fixes them. Everything here is browser-safe.

/** The 32 code characters, in value order (index = 5-bit group value). Case-sensitive. */
export const RP1_ALPHABET = "23456789ADEFGHJLMNQRTabdefhjmnrt";

/** HMAC labels: H(key, label, msg) = HMAC-SHA256(key, ASCII(label) || 0x00 || UTF8(msg)). */
export const RP1_LABELS = {
  device: "RP1-device",
  email: "RP1-email",
  tag: "RP1-qr",
  code: "RP1-code",
} as const;

/** Fields in canonical (and URL) order; `g` is appended in the URL only. */
export const RP1_FIELD_ORDER = ["s", "p", "m", "f", "v", "t", "n", "e"] as const;

/** Every query field of a challenge URL, in the order the recorder writes them. */
export const RP1_URL_FIELD_ORDER = [...RP1_FIELD_ORDER, "g"] as const;

/** The path a challenge URL carries; the host is free (any reset host, any environment). */
export const RP1_PATH = "/rp1";

/** The first bytes of an HMAC kept for `e` and `g` (128 bits → 22 base64url characters). */
export const RP1_TRUNCATED_HMAC_BYTES = 16;

/** Bytes of H(K, "RP1-code", canonical) that make the code: 40 bits = 8 groups of 5 bits. */
export const RP1_CODE_BYTES = 5;

/** Characters in a security code (without the display hyphen). */
export const RP1_CODE_LENGTH = 8;

/** Random bytes in a nonce (16 base64url characters, no padding needed). */
export const RP1_NONCE_BYTES = 12;

/** Master and device keys are 32 bytes. */
export const RP1_KEY_BYTES = 32;

/** Highest `t`: the recorder clock is an unsigned 32-bit count of seconds. */
export const RP1_MAX_TIME = 4294967295;

/**
 * Longest input the parser looks at. A valid challenge URL is under ~500 characters even with a
 * long host; pasted mail text may add line breaks, but anything past this is not a challenge and
 * is refused up front so a hostile paste cannot make the parser do unbounded work.
 */
export const RP1_MAX_INPUT_LENGTH = 8192;
