import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

// Standard Webhooks (https://www.standardwebhooks.com/, spec/standard-webhooks.md): the secret is
// `whsec_` + base64 of the key bytes; the signature is `v1,` + base64 of HMAC-SHA256 over
// `${webhook-id}.${webhook-timestamp}.${body}`; several space-separated signatures may be sent.

export const SECRET_PREFIX = "whsec_";

/** A new signing secret: 32 random bytes (the spec asks for 24 to 64). */
export function newWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString("base64")}`;
}

function keyOf(secret: string): Buffer {
  return Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, "base64");
}

/** The `webhook-signature` header's value for one message. */
export function signWebhook(options: { secret: string; id: string; timestamp: number; body: string }): string {
  const mac = createHmac("sha256", keyOf(options.secret)).update(`${options.id}.${options.timestamp}.${options.body}`, "utf8").digest("base64");
  return `v1,${mac}`;
}

/**
 * What a receiver does (and what our tests do as one): the signature must match one of the
 * header's `v1,` entries and the timestamp must be within `toleranceSeconds` of now (replay).
 */
export function verifyWebhook(options: {
  secret: string;
  headers: { get(name: string): string | null };
  body: string;
  nowSeconds?: number;
  toleranceSeconds?: number;
}): boolean {
  const id = options.headers.get("webhook-id");
  const timestamp = options.headers.get("webhook-timestamp");
  const signatures = options.headers.get("webhook-signature");
  if (!id || !timestamp || !signatures || !/^[0-9]+$/.test(timestamp)) return false;
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - Number(timestamp)) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhook({ secret: options.secret, id, timestamp: Number(timestamp), body: options.body }).slice(3), "base64");
  return signatures.split(" ").some((entry) => {
    const [version, mac] = entry.split(",", 2);
    if (version !== "v1" || !mac) return false;
    const given = Buffer.from(mac, "base64");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
