// The virtual recorder's state holds the admin password and the active challenge, so the browser
// only ever gets it sealed: AES-256-GCM (confidential and authenticated) under a key derived from
// NEXTAUTH_SECRET with HKDF and its own label. Any instance with the same secret can open it,
// so several app instances need no shared memory. `context` (the signed-in user) is bound as
// additional data: one user's cookie is worthless in another user's session.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { SIMULATOR_SEAL_LABEL } from "./constants";

const FORMAT = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
/** A secret shorter than this is a configuration mistake, not a key. */
const MIN_SECRET_LENGTH = 16;

export interface SealOptions<T> {
  readonly secret: string;
  /** Bound as AES-GCM additional data; the same value is needed to unseal. */
  readonly context: string;
  readonly payload: T;
  /** Real time in ms. */
  readonly now: number;
  readonly ttlMs: number;
}

export interface UnsealOptions {
  readonly secret: string;
  readonly context: string;
  readonly sealed: string | undefined;
  /** Real time in ms. */
  readonly now: number;
}

function sealKey(secret: string): Buffer {
  if (typeof secret !== "string" || secret.length < MIN_SECRET_LENGTH) throw new Error("The sealing secret is missing or too short.");
  return Buffer.from(hkdfSync("sha256", secret, Buffer.alloc(0), SIMULATOR_SEAL_LABEL, KEY_BYTES));
}

function additionalData(context: string): Buffer {
  return Buffer.from(`${SIMULATOR_SEAL_LABEL}\u0000${context}`, "utf8");
}

/** "v1.<base64url(iv | ciphertext | tag)>" holding `{exp, payload}` as JSON. */
export function sealState<T>({ secret, context, payload, now, ttlMs }: SealOptions<T>): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", sealKey(secret), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(additionalData(context));
  const plaintext = Buffer.from(JSON.stringify({ exp: now + ttlMs, payload }), "utf8");
  const body = Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return `${FORMAT}.${body.toString("base64url")}`;
}

/** The payload, or null for anything missing, malformed, tampered with, from another context, or expired. */
export function unsealState<T>({ secret, context, sealed, now }: UnsealOptions): T | null {
  if (typeof sealed !== "string") return null;
  const [format, encoded, extra] = sealed.split(".");
  if (format !== FORMAT || encoded === undefined || extra !== undefined || !/^[A-Za-z0-9_-]+$/.test(encoded)) return null;
  const body = Buffer.from(encoded, "base64url");
  if (body.length < IV_BYTES + TAG_BYTES + 1) return null;
  // Outside the try: a missing secret is a configuration error, not a bad cookie.
  const key = sealKey(secret);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, body.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(additionalData(context));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    const plaintext = Buffer.concat([decipher.update(body.subarray(IV_BYTES, body.length - TAG_BYTES)), decipher.final()]);
    const opened = JSON.parse(plaintext.toString("utf8")) as { exp?: unknown; payload?: T };
    if (typeof opened.exp !== "number" || now >= opened.exp || opened.payload === undefined) return null;
    return opened.payload;
  } catch {
    // Authentication failure (wrong key, context or bytes): the cookie is simply not ours.
    return null;
  }
}
